"""The intake screen keeps no stale question, follows the records through the typed
change signal, says a voided label is void, and is driven from the keyboard alone."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import func, select

from app.store.models import Item, Shipment
from app.ui import ops
from tests.gui.test_intake_screen import intake, scan  # noqa: F401 - the fixture
from tests.helpers import notice


def _shipments(station) -> int:  # type: ignore[no-untyped-def]
    with station.db.read() as s:
        return int(s.execute(select(func.count(Shipment.id))).scalar_one())


def test_scan_again_to_confirm_is_forgotten_when_the_parcel_is_set_aside(qtbot, intake, station):  # noqa: F811
    assert scan(qtbot, intake, "SF1234567890123") == "ok"
    assert scan(qtbot, intake, "MERCH7770001") == "warn"  # not on the notice: scan again to confirm
    assert intake.pending_confirm == "MERCH7770001"
    before = _shipments(station)
    intake.buttons["aside"].click()
    assert intake.pending_confirm is None
    # the same code again, with no parcel open: only a first warning, no unannounced parcel
    assert scan(qtbot, intake, "MERCH7770001") == "warn"
    assert _shipments(station) == before and intake.shipment is None


def test_scan_again_to_confirm_is_forgotten_when_the_parcel_is_closed(qtbot, intake, station):  # noqa: F811
    scan(qtbot, intake, "SF1234567890123")
    for code in ("KS202611210001", "KS202611210002", "KS202611210003"):
        assert scan(qtbot, intake, code) == "ok"
    assert scan(qtbot, intake, "MERCH7770002") == "warn"
    before = _shipments(station)
    with qtbot.waitSignal(intake.panel.table.model().modelReset, timeout=10_000, raising=False):
        intake.buttons["close"].click()
    qtbot.waitUntil(lambda: intake.shipment is None, timeout=10_000)
    assert intake.pending_confirm is None
    assert scan(qtbot, intake, "MERCH7770002") == "warn"
    assert _shipments(station) == before


def test_an_open_question_closes_when_its_parcel_is_set_aside(qtbot, intake, station):  # noqa: F811
    scan(qtbot, intake, "SF1234567890123")
    intake.buttons["close"].click()
    qtbot.waitUntil(
        lambda: (
            intake.findChild(QMessageBox, "confirmMissing") is not None
            and intake.findChild(QMessageBox, "confirmMissing").isVisible()
        ),
        timeout=10_000,
    )
    box = intake.findChild(QMessageBox, "confirmMissing")
    intake.parcel_actions.set_aside()
    assert not box.isVisible()
    ops.wait_idle()
    assert station.intake.find_parcel("SF1234567890123").status == "receiving"  # nothing closed


def test_board_and_parcel_follow_the_records(qtbot, intake, station, people):  # noqa: F811
    scan(qtbot, intake, "SF1234567890123")
    assert scan(qtbot, intake, "KS202611210001") == "ok"
    row = lambda: intake.board.item(0).text()  # noqa: E731
    qtbot.waitUntil(lambda: "1/3" in row(), timeout=10_000)  # the board counted the piece
    # another station receives a line of the open parcel: board and parcel follow, no polling
    sid = intake.shipment.id
    tag = station.intake.allocate_tag(people.clerk)
    station.intake.receive_item(people.clerk, sid, line_id="L3", tag=tag, tag_printed=True)
    qtbot.waitUntil(lambda: "2/3" in row() and intake.panel.progress.text() == "2/3", timeout=10_000)
    # the piece received here is still the one in bold, after both refreshes
    bold = [r for r in range(intake.panel.table.rowCount()) if intake.panel.table.item(r, 0).font().bold()]
    assert bold == [0] and intake.panel.highlighted == intake.last_item.tag


def test_a_voided_label_is_called_void(qtbot, intake, station, people):  # noqa: F811
    scan(qtbot, intake, "SF1234567890123")
    scan(qtbot, intake, "KS202611210001")
    tag = intake.last_item.tag
    station.intake.void_receipt(people.clerk, tag, "贴错标签")
    assert scan(qtbot, intake, tag) == "error"
    text = intake.banner.text.text()
    assert tag in text and ("VOID" in text or "作废" in text)


def test_a_clerk_receives_and_closes_with_the_keyboard_only(qtbot, intake, station):  # noqa: F811
    for key in ("receive", "close", "void", "aside"):
        assert "[" in intake.buttons[key].text()  # the shortcut is shown on the button
    scan(qtbot, intake, "SF1234567890123")
    intake.activateWindow()
    qtbot.waitUntil(intake.isActiveWindow, timeout=5000)  # shortcuts work in the active window
    intake.panel.table.setFocus()
    QTest.keyClick(intake.panel.table, Qt.Key.Key_Down)  # line L1 (the first row)
    with qtbot.waitSignal(intake.scan_did_finish, timeout=10_000):
        QTest.keyClick(intake.panel.table, Qt.Key.Key_F2)
    ops.wait_idle()
    with station.db.read() as s:
        assert s.execute(select(func.count(Item.id))).scalar_one() == 1
    QTest.keyClick(intake.panel.table, Qt.Key.Key_F8)
    qtbot.waitUntil(
        lambda: (
            intake.findChild(QMessageBox, "confirmMissing") is not None
            and intake.findChild(QMessageBox, "confirmMissing").isVisible()
        ),
        timeout=10_000,
    )
    box = intake.findChild(QMessageBox, "confirmMissing")
    box.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: intake.shipment is None, timeout=10_000)
    assert station.intake.find_parcel("SF1234567890123").status == "closed"


def test_notice_fixture_unchanged():
    assert notice(lines=3)["lines"][2]["line_id"] == "L3"
