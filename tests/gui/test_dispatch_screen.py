"""The dispatch screen: tag then outbound waybill, photo from a simulated camera, the
photo check that stops a swapped piece, and the supervisor release."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialog
from sqlalchemy import select

from app.store.models import OutboxEvent
from app.ui import ops
from tests.gui.test_intake_screen import make_ui, scan
from tests.helpers import PASSWORD, receive_one
from tests.services.test_dispatch_support import certify, piece_photo, reject, void_certificate


@pytest.fixture
def dispatch(qtbot, station, people, data_dir):  # type: ignore[no-untyped-def]
    from app.ui.dispatch.screen import DispatchScreen

    ui = make_ui(station, people.clerk, data_dir, camera_jpeg=piece_photo(41, angle=5, light=10))
    screen = DispatchScreen(ui)
    qtbot.addWidget(screen)
    screen.resize(1200, 800)
    screen.show()
    ui.signals.scan_did_arrive.connect(screen.handle_scan)
    return screen


def _dispatched(station) -> list[OutboxEvent]:  # type: ignore[no-untyped-def]
    with station.db.read() as s:
        return list(s.execute(select(OutboxEvent).where(OutboxEvent.type == "item.dispatched")).scalars())


def test_certified_piece_leaves_for_the_buyer(qtbot, dispatch, station, people):
    item = receive_one(station, people)
    certify(station, people, item.tag, photo_seed=41)
    assert scan(qtbot, dispatch, "SF9876543210987") == "warn"  # waybill before a tag: says what to do
    assert scan(qtbot, dispatch, item.tag) == "ok"
    assert item.tag in dispatch.item_label.text()
    assert scan(qtbot, dispatch, "SF9876543210987") == "ok"
    [ev] = _dispatched(station)
    assert ev.payload["destination"] == "buyer" and ev.item_tag == item.tag
    from app.core.lifecycle import STATE_NAMES, ItemState

    shown = dispatch.facts.text()
    assert STATE_NAMES[ItemState.DISPATCHED][0] in shown and STATE_NAMES[ItemState.CERTIFIED][0] not in shown


def test_voided_certificate_says_why(qtbot, dispatch, station, people):
    item = receive_one(station, people)
    certify(station, people, item.tag, photo_seed=41)
    void_certificate(station, people, item.tag, "重量录入错误")
    assert scan(qtbot, dispatch, item.tag) == "error"
    assert "void" in dispatch.banner.detail.text().lower() or "作废" in dispatch.banner.detail.text()
    assert scan(qtbot, dispatch, "SF9876543210987") == "error"
    assert _dispatched(station) == []


def test_swapped_piece_stops_until_supervisor_releases(qtbot, dispatch, station, people):
    item = receive_one(station, people)
    certify(station, people, item.tag, photo_seed=77)  # certified with another look
    scan(qtbot, dispatch, item.tag)
    assert scan(qtbot, dispatch, "JD0001234567890") == "error"
    assert dispatch.override_btn.isEnabled() and _dispatched(station) == []
    dispatch.supervisor_release()
    dlg = dispatch.findChild(QDialog, "reasonDialog")
    dlg.reason.setText("同一件物品，证书照片角度不同")
    dlg.username.setText(people.supervisor.username)
    dlg.password.setText(PASSWORD)
    with qtbot.waitSignal(dispatch.scan_did_finish, timeout=10_000):
        dlg.accept()
    ops.wait_idle()
    [ev] = _dispatched(station)
    assert ev.actor == people.supervisor.username and ev.payload["supervisor_override"]


def _file_printer(path):  # type: ignore[no-untyped-def]
    from PySide6.QtPrintSupport import QPrinter

    from app.ui.review.printing import new_printer

    def make() -> QPrinter:
        p = new_printer()
        p.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        p.setOutputFileName(str(path))
        return p

    return make


def test_rejected_piece_goes_back_with_a_slip_shown_and_printed(qtbot, dispatch, station, people, data_dir, tmp_path):
    item = receive_one(station, people)
    # rejected with another look than the camera's: a return needs no photo match
    reject(station, people, item.tag, "counterfeit", "品牌标识为仿冒", photo_seed=99)
    assert scan(qtbot, dispatch, item.tag) == "ok"
    assert scan(qtbot, dispatch, "YT7778889990001") == "ok"
    [ev] = _dispatched(station)
    assert ev.payload["destination"] == "merchant_return"
    qtbot.waitUntil(
        lambda: dispatch.printing.preview is not None and dispatch.printing.preview.isVisible(), timeout=20_000
    )
    preview = dispatch.printing.preview
    assert dispatch.last_slip.startswith(b"%PDF")
    assert not (data_dir / "return-slips").exists()  # nothing written silently to a folder
    out = tmp_path / "slip.pdf"
    dispatch.printing.printer_factory = _file_printer(out)
    preview.print_button.click()
    assert not preview.isVisible() and out.read_bytes().startswith(b"%PDF")
    assert "打印" in dispatch.banner.text.text() or "printed" in dispatch.banner.text.text()


def test_outbound_waybill_is_checked_before_the_photo(qtbot, dispatch, station, people):
    from app.store.models import Photo

    item = receive_one(station, people)
    certify(station, people, item.tag, photo_seed=41)
    scan(qtbot, dispatch, item.tag)
    camera, shots = dispatch.ui.devices.camera, []
    take = camera.capture_still
    camera.capture_still = lambda timeout=2.0: (shots.append(timeout), take(timeout))[1]
    assert scan(qtbot, dispatch, "SF12") == "error"  # too short for a waybill: said, nothing photographed
    assert "运单" in dispatch.banner.text.text() and shots == []
    with station.db.read() as s:
        assert s.execute(select(Photo).where(Photo.purpose == "dispatch")).first() is None
    assert scan(qtbot, dispatch, " sf 9876543210987 ") == "ok"  # normalised like an inbound waybill
    assert len(shots) == 1
    [ev] = _dispatched(station)
    assert ev.payload["waybill_no"] == "SF9876543210987"


def test_dispatch_by_keyboard_and_ready_list_follows_records(qtbot, dispatch, station, people):
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    item = receive_one(station, people)
    dispatch.activated()
    certify(station, people, item.tag, photo_seed=41)  # committed elsewhere: the list follows
    qtbot.waitUntil(lambda: dispatch.ready_list.count() == 1, timeout=10_000)
    assert item.tag in dispatch.ready_list.item(0).text()
    assert "[" in dispatch.dispatch_btn.text()
    dispatch.activateWindow()
    qtbot.waitUntil(dispatch.isActiveWindow, timeout=5000)
    dispatch.code_edit.setFocus()
    for code in (item.tag, "SF9876543210987"):
        QTest.keyClicks(dispatch.code_edit, code)
        with qtbot.waitSignal(dispatch.scan_did_finish, timeout=10_000):
            QTest.keyClick(dispatch.code_edit, Qt.Key.Key_F8)
        ops.wait_idle()
    [ev] = _dispatched(station)
    assert ev.item_tag == item.tag
    qtbot.waitUntil(lambda: dispatch.ready_list.count() == 0, timeout=10_000)
