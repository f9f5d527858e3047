"""The intake screen driven like a clerk drives it: scanner bursts (through the
application-wide filter, and as scan_did_arrive), a simulated label printer, on SQLite
and PostgreSQL."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy import func, select

from app.config import load_config
from app.devices.labels import TagLabel, tag_label_zpl
from app.devices.printer import LabelPrinter
from app.store.models import Item, OutboxEvent, Photo
from app.ui import ops
from app.ui.context import AppSignals, UiContext
from tests.helpers import notice
from tests.services.test_dispatch_support import piece_photo


class SimPrinter(LabelPrinter):
    kind = "sim"

    def __init__(self) -> None:
        self.labels: list[str] = []
        self.fail = False

    def print_label(self, label: TagLabel) -> str:
        if self.fail:
            from app.core.errors import DeviceError

            raise DeviceError("标签打印机缺纸", "Label printer out of paper")
        self.labels.append(tag_label_zpl(label))
        return "sim"


class SimCamera:
    state = "running"

    def __init__(self, jpeg: bytes) -> None:
        self.jpeg = jpeg

    def capture_still(self, timeout: float = 2.0) -> Any:
        return type("Still", (), {"jpeg": self.jpeg})()


@dataclass
class SimDevices:
    printer: SimPrinter = field(default_factory=SimPrinter)
    camera: Any = None


def make_ui(station, actor, data_dir, camera_jpeg: bytes | None = None) -> UiContext:  # type: ignore[no-untyped-def]
    config = load_config(data_dir / "cfg", env={})
    signals = AppSignals()
    station.ctx.on_committed.append(lambda types: signals.records_did_change.emit(types))
    devices = SimDevices(camera=SimCamera(camera_jpeg) if camera_jpeg else None)
    return UiContext(station=station, actor=actor, config=config, signals=signals, lang="zh_CN", devices=devices)


@pytest.fixture
def intake(qtbot, station, people, data_dir):  # type: ignore[no-untyped-def]
    from app.ui.intake.screen import IntakeScreen

    station.notices.apply(people.clerk, notice(lines=3))
    ui = make_ui(station, people.clerk, data_dir, camera_jpeg=piece_photo(3))
    screen = IntakeScreen(ui)
    qtbot.addWidget(screen)
    screen.resize(1200, 800)
    screen.show()
    ui.signals.scan_did_arrive.connect(screen.handle_scan)  # as MainWindow.route_scan does
    screen.activated()
    ops.wait_idle()
    return screen


def scan(qtbot, screen, code: str) -> str:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(screen.scan_did_finish, timeout=10_000) as blocker:
        screen.ui.signals.scan_did_arrive.emit(code)
    ops.wait_idle()
    return blocker.args[1]


def _items(station) -> int:  # type: ignore[no-untyped-def]
    with station.db.read() as s:
        return int(s.execute(select(func.count(Item.id))).scalar_one())


def test_waybill_then_pieces_then_close(qtbot, intake, station):
    assert scan(qtbot, intake, "SF1234567890123") == "ok"
    assert intake.panel.progress.text() == "0/3"
    assert scan(qtbot, intake, "KS202611210001") == "ok"
    assert intake.panel.progress.text() == "1/3"
    tag = intake.last_item.tag
    assert tag in intake.banner.text.text() and intake.banner.status == "ok"
    assert len(intake.ui.devices.printer.labels) == 1 and tag in intake.ui.devices.printer.labels[0]
    # the same piece again: nothing new, says so
    assert scan(qtbot, intake, "KS202611210001") == "warn"
    assert tag in intake.banner.text.text() and _items(station) == 1
    assert len(intake.ui.devices.printer.labels) == 1
    # its tag scanned: already received
    assert scan(qtbot, intake, tag) == "warn"
    # a piece without a merchant label: pick its line
    intake.panel.table.selectRow(1)
    with qtbot.waitSignal(intake.scan_did_finish, timeout=10_000):
        intake.receive_selected()
    ops.wait_idle()
    assert intake.panel.progress.text() == "2/3"
    # close: asks about the missing line, then records it
    intake.parcel_actions.close_parcel()
    ops.wait_idle()
    box = qtbot.waitUntil(lambda: intake.findChild(QMessageBox, "confirmMissing") is not None, timeout=5000)
    box = intake.findChild(QMessageBox, "confirmMissing")
    assert "L3" in box.text()
    box.button(QMessageBox.StandardButton.Yes).click()
    ops.wait_idle()
    qtbot.waitUntil(lambda: intake.shipment is None, timeout=5000)
    with station.db.read() as s:
        closed = s.execute(select(OutboxEvent).where(OutboxEvent.type == "shipment.closed")).scalar_one()
    assert closed.payload["missing_lines"] == ["L3"]


def test_bad_scans_are_refused_with_chinese_messages(qtbot, intake, station):
    from datetime import date

    from app.core.tags import make_tag

    assert scan(qtbot, intake, "SF12") == "error"
    assert "扫描" in intake.banner.text.text()
    tag = make_tag(date(2026, 11, 21), 5)
    assert scan(qtbot, intake, tag[:-1] + str((int(tag[-1]) + 3) % 10)) == "error"
    assert "校验位" in intake.banner.text.text()
    # an unknown waybill: the first scan only warns, the second records an unannounced parcel
    assert scan(qtbot, intake, "YT9990001112223") == "warn"
    assert intake.shipment is None
    assert scan(qtbot, intake, "YT9990001112223") == "warn"
    assert intake.shipment is not None and intake.shipment.status == "unannounced"
    assert "supervisor" in intake.banner.detail.text()  # translators are not installed in tests
    assert _items(station) == 0


def test_unexpected_piece_needs_a_second_scan_and_printer_failure_is_kept(qtbot, intake, station):
    scan(qtbot, intake, "SF1234567890123")
    assert scan(qtbot, intake, "EXTRA-777001") == "warn"
    assert _items(station) == 0
    intake.ui.devices.printer.fail = True
    assert scan(qtbot, intake, "EXTRA-777001") == "warn"  # received, but the label did not print
    assert _items(station) == 1 and "+1" in intake.panel.progress.text()
    assert "缺纸" in intake.banner.detail.text()
    with station.db.read() as s:
        ev = s.execute(select(OutboxEvent).where(OutboxEvent.type == "item.received")).scalar_one()
    assert ev.payload["tag_printed"] is False and ev.line_id is None
    intake.ui.devices.printer.fail = False
    intake.parcel_actions.reprint_label()
    ops.wait_idle()
    assert len(intake.ui.devices.printer.labels) == 1
    with station.db.read() as s:
        assert s.execute(select(Item.tag_printed)).scalar_one() is True


def test_damaged_parcel_gets_a_photo(qtbot, intake, station):
    scan(qtbot, intake, "SF1234567890123")
    intake.parcel_actions.mark_damaged()
    ops.wait_idle()
    qtbot.waitUntil(lambda: "照片" in intake.banner.text.text() or "photo" in intake.banner.text.text(), timeout=5000)
    ops.wait_idle()
    with station.db.read() as s:
        photo = s.execute(select(Photo)).scalar_one()
    assert photo.shipment_id == intake.shipment.id and photo.view == "package"
    assert intake.shipment.package_condition == "damaged"


def test_real_key_bursts_through_the_app_filter(qtbot, intake, station):
    from PySide6.QtTest import QTest

    from app.devices.qt import ScanEventFilter

    app = QApplication.instance()
    filt = ScanEventFilter(app, burst_gap_ms=200, min_length=6)
    filt.scanned.connect(intake.ui.signals.scan_did_arrive)
    app.installEventFilter(filt)
    try:
        target = intake.panel.table  # whatever has focus: the scan still reaches the screen
        target.setFocus()
        for code in ("SF1234567890123", "KS202611210002"):
            with qtbot.waitSignal(intake.scan_did_finish, timeout=10_000):
                QTest.keyClicks(target, code)
                QTest.keyClick(target, Qt.Key.Key_Return)
            ops.wait_idle()
        assert intake.panel.progress.text() == "1/3"
        assert intake.last_item.line_id == "L2"
    finally:
        app.removeEventFilter(filt)
