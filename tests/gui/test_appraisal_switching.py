"""Issue 10: opening another item resets every panel; a graded item shows its recorded
revision read-only until a new revision is started; a late background result for item A
never lands on item B; a pass over red findings needs the justification."""

from __future__ import annotations

from decimal import Decimal

import pytest

from app.services.balance_checks import QualityPolicy
from app.ui import ops
from tests.gui.test_appraisal_screen import _pick, _screen, devices  # noqa: F401 - fixture
from tests.helpers import receive_one

WHY = "链条为后配，商家申报含原链，已核实"


@pytest.fixture(autouse=True)
def _not_blind(sqlite_station) -> None:  # type: ignore[no-untyped-def]
    """These tests are about switching items; the declaration is shown from the start
    (blind appraisal has its own tests: tests/gui/test_blind.py)."""
    sqlite_station.appraisal.policy = QualityPolicy("refuse", frozenset())


def _two(station, people):  # type: ignore[no-untyped-def]
    a = receive_one(station, people, line_id="L1")  # 18K gold pendant with a diamond, 2.35 g
    b = receive_one(station, people, line_id="L3")  # 24K gold, 30.12 g
    return a.tag, b.tag


def _open(qtbot, screen, tag: str) -> None:  # type: ignore[no-untyped-def]
    screen.open(tag)
    qtbot.waitUntil(lambda: screen.loaded is not None and screen.loaded.item.tag == tag, timeout=10_000)
    ops.wait_idle()


def _empty(screen) -> None:  # type: ignore[no-untyped-def]
    form = screen.form
    assert form.metal.currentData() is None and form.material.currentData() is None
    assert form.stone_ct.text() == "" and form.total_mass_g is None
    assert screen.sg.a_label.text() == "—" and screen.sg.result.text() == ""
    assert screen.weigh.status.text() == ""
    assert screen.photos.taken == {}
    assert screen.findings.text() in ("", "与申报一致", "Matches the declaration") or "30.12" in screen.findings.text()
    assert "2.35" not in screen.findings.text() and screen.justification.toPlainText() == ""


def test_opening_another_item_resets_every_panel(qtbot, ui_factory, sqlite_station, sqlite_people, devices) -> None:  # noqa: F811
    a, b = _two(sqlite_station, sqlite_people)
    screen = _screen(qtbot, ui_factory, sqlite_people.appraiser2, devices)
    _open(qtbot, screen, a)
    screen.weigh._record(Decimal("2.1000"), "g", None, True)  # manual entry (appraiser2 holds the grant)
    qtbot.waitUntil(lambda: "mass" in screen.loaded.latest, timeout=10_000)
    _pick(screen.form.metal, "Au750")
    _pick(screen.form.material, "diamond")
    screen.form.stone_ct.setText("0.30")
    screen.photos.take("front")
    qtbot.waitUntil(lambda: "front" in screen.photos.taken, timeout=10_000)
    assert "总质量" in screen.findings.text() and screen.justification.isVisible()
    screen.justification.setPlainText(WHY)
    _open(qtbot, screen, b)
    _empty(screen)
    assert screen.loaded.item.tag == b and screen.form.name_label.text() == "—"
    # B graded: nothing of A's form (Au750, diamond, 0.30 ct, justification) is in B's revision
    screen.weigh._record(Decimal("30.1200"), "g", None, True)
    qtbot.waitUntil(lambda: "mass" in screen.loaded.latest, timeout=10_000)
    _pick(screen.form.metal, "Au999")
    screen.grade_fail()
    qtbot.waitUntil(lambda: screen._dialog is not None, timeout=5_000)
    screen._dialog.note.setPlainText("测试不合格")
    screen._dialog.accept()
    qtbot.waitUntil(lambda: sqlite_station.items.find(b).state == "rejected", timeout=10_000)
    g = sqlite_station.appraisal.latest_grading(b)
    assert g.result.jewelry.metal == "Au999" and g.result.jewelry.main_stone is None
    assert g.result.jewelry.total_mass_g == Decimal("30.12") and g.result.justification == ""
    assert sqlite_station.appraisal.latest_grading(a) is None
    ops.wait_idle()
    screen.shutdown()


def test_late_photo_and_weighing_for_a_stay_with_a(qtbot, ui_factory, sqlite_station, sqlite_people, devices) -> None:  # noqa: F811
    a, b = _two(sqlite_station, sqlite_people)
    screen = _screen(qtbot, ui_factory, sqlite_people.appraiser2, devices)
    _open(qtbot, screen, a)
    screen.photos.take("back")  # runs on the io pool; B is opened before it is stored
    screen.weigh._record(Decimal("2.3490"), "g", None, True)
    screen.open(b)
    qtbot.waitUntil(lambda: screen.loaded is not None and screen.loaded.item.tag == b, timeout=10_000)
    qtbot.waitUntil(lambda: "back" in sqlite_station.photos.latest(a), timeout=10_000)
    ops.wait_idle()
    assert screen.photos.taken == {} and "back" not in sqlite_station.photos.latest(b)
    assert "mass" not in sqlite_station.appraisal.latest_measurements(b)
    assert sqlite_station.appraisal.latest_measurements(a)["mass"].value == Decimal("2.3490")
    assert screen.weigh.status.text() == "" and screen.sg.a_label.text() == "—"
    screen.shutdown()


def test_a_graded_item_shows_its_revision_read_only(qtbot, ui_factory, sqlite_station, sqlite_people, devices) -> None:  # noqa: F811
    a, b = _two(sqlite_station, sqlite_people)
    screen = _screen(qtbot, ui_factory, sqlite_people.appraiser2, devices)
    _open(qtbot, screen, a)
    screen.weigh._record(Decimal("2.1000"), "g", None, True)
    qtbot.waitUntil(lambda: "mass" in screen.loaded.latest, timeout=10_000)
    _pick(screen.form.metal, "Au750")
    _pick(screen.form.material, "diamond")
    for view in ("front", "back", "hallmark", "detail"):
        screen.photos.take(view)
        qtbot.waitUntil(lambda v=view: v in screen.photos.taken, timeout=10_000)
    screen.grade_pass()  # red finding (2.10 g against 2.35 g declared) and no justification
    assert "理由" in screen.message.text() and sqlite_station.items.find(a).state == "in_appraisal"
    screen.justification.setPlainText(WHY)
    screen.grade_pass()
    qtbot.waitUntil(lambda: sqlite_station.items.find(a).state == "in_review", timeout=10_000)
    assert sqlite_station.appraisal.latest_grading(a).result.justification == WHY
    _open(qtbot, screen, b)
    _empty(screen)
    _open(qtbot, screen, a)
    assert screen.form.metal.currentData() == "Au750" and screen.form.material.currentData() == "diamond"
    assert screen.form.read_only and not screen.form.metal.isEnabled()
    assert screen.justification.toPlainText() == WHY and screen.justification.isReadOnly()
    assert not screen.pass_btn.isEnabled() and not screen.fail_btn.isEnabled()  # in review: nothing to change
    assert not screen.new_rev_btn.isEnabled()
    ops.wait_idle()
    screen.shutdown()


def test_new_revision_unlocks_a_recorded_result(qtbot, ui_factory, sqlite_station, sqlite_people, devices) -> None:  # noqa: F811
    a, _b = _two(sqlite_station, sqlite_people)
    screen = _screen(qtbot, ui_factory, sqlite_people.appraiser2, devices)
    _open(qtbot, screen, a)
    screen.weigh._record(Decimal("2.3490"), "g", None, True)
    qtbot.waitUntil(lambda: "mass" in screen.loaded.latest, timeout=10_000)
    _pick(screen.form.metal, "Au585")
    screen.grade_fail()
    qtbot.waitUntil(lambda: screen._dialog is not None, timeout=5_000)
    screen._dialog.reject()  # the revision is recorded by the service only with the rejection; record one directly
    from app.core.grading import GradingResult

    sqlite_station.appraisal.record_grading(
        sqlite_people.appraiser2,
        a,
        GradingResult("jewelry", "fail", jewelry=screen.form.result(), reason_code="not_as_declared"),
    )
    screen.reload()
    qtbot.waitUntil(lambda: screen.loaded.grading is not None, timeout=10_000)
    ops.wait_idle()
    assert screen.form.read_only and screen.new_rev_btn.isEnabled() and not screen.pass_btn.isEnabled()
    assert "[F4]" in screen.new_rev_btn.text() and "[F9]" in screen.pass_btn.text()
    screen.new_rev_btn.click()
    assert not screen.form.read_only and screen.form.metal.isEnabled() and screen.pass_btn.isEnabled()
    assert screen.form.metal.currentData() == "Au585"  # the copy starts from the recorded result
    screen.shutdown()


def test_keys_shown_on_buttons_press_them(qtbot, ui_factory, sqlite_station, sqlite_people, devices) -> None:  # noqa: F811
    from PySide6.QtCore import Qt

    a, _b = _two(sqlite_station, sqlite_people)
    screen = _screen(qtbot, ui_factory, sqlite_people.appraiser2, devices)
    qtbot.waitExposed(screen)
    screen.activateWindow()
    screen.tag_edit.setFocus()
    qtbot.keyClicks(screen.tag_edit, a)
    qtbot.keyClick(screen.tag_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: screen.loaded is not None, timeout=10_000)
    ops.wait_idle()
    assert "[F5]" in screen.photos.rows["front"][1].text()
    qtbot.keyClick(screen.windowHandle(), Qt.Key.Key_F5)  # through the window system, as a keyboard would
    qtbot.waitUntil(lambda: "front" in screen.photos.taken, timeout=10_000)
    assert "[F6]" in screen.photos.rows["back"][1].text() and "[F5]" in screen.photos.rows["front"][1].text()
    qtbot.keyClick(screen.windowHandle(), Qt.Key.Key_F6)  # still bound after the buttons' texts changed
    qtbot.waitUntil(lambda: "back" in screen.photos.taken, timeout=10_000)
    ops.wait_idle()
    screen.shutdown()


def test_pending_manual_entry_closes_with_its_item(qtbot, ui_factory, sqlite_station, sqlite_people, devices) -> None:  # noqa: F811
    a, b = _two(sqlite_station, sqlite_people)
    screen = _screen(qtbot, ui_factory, sqlite_people.appraiser2, devices)
    _open(qtbot, screen, a)
    screen.weigh.manual_btn.click()
    dialog = screen.weigh.manual_dialog
    assert dialog is not None and dialog.isVisible()  # open() returns at once: the GUI is not blocked
    dialog.setTextValue("2.35")
    screen.open(b)  # a scan while the question is open: it belonged to A and is cleared
    assert screen.weigh.manual_dialog is None and not dialog.isVisible()
    qtbot.waitUntil(lambda: screen.loaded is not None and screen.loaded.item.tag == b, timeout=10_000)
    ops.wait_idle()
    assert "mass" not in sqlite_station.appraisal.latest_measurements(b)
    assert "mass" not in sqlite_station.appraisal.latest_measurements(a)
    screen.shutdown()
