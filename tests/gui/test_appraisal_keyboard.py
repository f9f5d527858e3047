"""The jewellery station without a mouse (found by the acceptance suite under a real X server):
opening a piece puts the keyboard on the grading form, Tab walks the form top to bottom,
and automatic capture is switched by a key shown on its box."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication

from app.ui.appraisal.screen import JewelryAppraisalScreen
from tests.helpers import receive_one


def _screen(qtbot, ui_factory, actor):  # type: ignore[no-untyped-def]
    screen = JewelryAppraisalScreen(ui_factory(actor))
    qtbot.addWidget(screen)
    screen.resize(1400, 900)
    screen.show()
    screen.activateWindow()
    qtbot.waitUntil(screen.isActiveWindow, timeout=5_000)
    return screen


def test_opening_a_piece_puts_the_keyboard_on_the_form(qtbot, ui_factory, sqlite_station, sqlite_people) -> None:
    item = receive_one(sqlite_station, sqlite_people)
    screen = _screen(qtbot, ui_factory, sqlite_people.appraiser)
    screen.tag_edit.setFocus()
    assert screen.handle_scan(item.tag)
    qtbot.waitUntil(lambda: screen.loaded is not None, timeout=10_000)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is screen.form.piece, timeout=5_000)
    # The next piece, scanned while the keyboard is still on the verdict buttons: the form again.
    other = receive_one(sqlite_station, sqlite_people, line_id="L3")
    screen.pass_btn.setFocus()
    assert screen.handle_scan(other.tag)
    qtbot.waitUntil(lambda: screen.loaded is not None and screen.loaded.item.tag == other.tag, timeout=10_000)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is screen.form.piece, timeout=5_000)


def test_tab_walks_the_grading_form_top_to_bottom(qtbot, ui_factory, sqlite_station, sqlite_people) -> None:
    item = receive_one(sqlite_station, sqlite_people)
    screen = _screen(qtbot, ui_factory, sqlite_people.appraiser)
    screen.open(item.tag)
    qtbot.waitUntil(lambda: screen.loaded is not None, timeout=10_000)
    form = screen.form
    form.piece.setFocus()
    qtbot.waitUntil(form.piece.hasFocus, timeout=5_000)
    seen = []
    for _ in range(3):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        seen.append(QApplication.focusWidget())
    # Before: piece → Pass → Fail → the weighing panel; the metal was 20 Tabs away.
    assert seen == [form.metal, form.material, form.origin]


def test_automatic_capture_has_a_key(qtbot, ui_factory, sqlite_station, sqlite_people) -> None:
    screen = _screen(qtbot, ui_factory, sqlite_people.appraiser)
    auto = screen.weigh.auto
    assert auto.shortcut() == QKeySequence("Ctrl+F2") and "[Ctrl+F2]" in auto.text()
    assert not auto.isChecked()
    qtbot.keyClick(screen.windowHandle(), Qt.Key.Key_F2, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(auto.isChecked, timeout=5_000)
