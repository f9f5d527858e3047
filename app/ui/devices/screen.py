"""Devices: each device's state, its port, a live reading or preview, and a test button.
Port changes are saved to the settings and take effect at the next start."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.demo import SIMULATED
from app.ui import style
from app.ui.context import UiContext
from app.ui.devices.bridge import CameraBridge, CameraFeed, WeightBridge
from app.ui.devices.tests import DeviceChecks
from app.ui.ops import Op, error_text
from app.ui.screen import StationScreen


def _big(text: str = "—") -> QLabel:
    label = QLabel(text)
    label.setProperty("role", "big")
    return label


class DevicesScreen(StationScreen):
    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ui, parent)
        self.checks = DeviceChecks(ui)
        layout = QVBoxLayout(self)
        title = QLabel(self.tr("Devices"))
        title.setProperty("role", "title")
        layout.addWidget(title)
        self.notice = QLabel("")
        self.notice.setProperty("role", "hint")
        layout.addWidget(self.notice)
        grid = QGridLayout()
        grid.addWidget(self._balance_box(), 0, 0)
        grid.addWidget(self._camera_box(), 0, 1, 2, 1)
        grid.addWidget(self._box_box(), 1, 0)
        grid.addWidget(self._other_box(), 2, 0, 1, 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        layout.addLayout(grid, 1)
        self.weights = WeightBridge(self)
        self.weights.reading.connect(self._show_weight)
        self.weights.state.connect(self._balance_state)
        self._listening = False
        self.camera_bridge = CameraBridge(self)
        self.camera_bridge.frame.connect(lambda img: self.preview.setPixmap(QPixmap.fromImage(img)))
        self.camera_bridge.state.connect(lambda s: self.camera_state.setText(self._state_text(s)))
        self.camera_bridge.codes.connect(self._show_codes)
        ui.signals.scan_did_arrive.connect(lambda code: self.last_scan.setText(code))
        self._feed: CameraFeed | None = None
        self._streaming = False

    # --- layout ------------------------------------------------------------------------
    def _balance_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Precision balance"))
        form = QFormLayout(box)
        self.balance_state = QLabel("—")
        self.balance_state.setObjectName("balanceState")
        self.balance_identity = QLabel("—")
        self.weight = _big()
        self.weight.setObjectName("liveWeight")
        self.weight_state = QLabel("")
        self.scale_port = self._port_combo("scale_port")
        form.addRow(self.tr("State"), self.balance_state)
        form.addRow(self.tr("Model / serial"), self.balance_identity)
        form.addRow(self.tr("Live weight"), self.weight)
        form.addRow("", self.weight_state)
        form.addRow(self.tr("Port"), self.scale_port)
        row = QHBoxLayout()
        for text, fn in ((self.tr("Read stable"), self.read_stable), (self.tr("Zero"), self.zero), (self.tr("Tare"), self.tare)):
            b = QPushButton(text)
            b.clicked.connect(fn)
            row.addWidget(b)
        form.addRow(row)
        return box

    def _box_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Inspection box"))
        form = QFormLayout(box)
        self.box_state = QLabel("—")
        self.box_state.setObjectName("boxState")
        self.box_identity = QLabel("—")
        self.box_port = self._port_combo("box_port")
        form.addRow(self.tr("State"), self.box_state)
        form.addRow(self.tr("Model / serial / firmware"), self.box_identity)
        form.addRow(self.tr("Port"), self.box_port)
        b = QPushButton(self.tr("Connect and ask status"))
        b.clicked.connect(self.box_status)
        form.addRow(b)
        return box

    def _camera_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Station camera"))
        lay = QVBoxLayout(box)
        self.preview = QLabel(self.tr("No picture"))
        self.preview.setObjectName("cameraPreview")
        self.preview.setMinimumSize(480, 270)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setStyleSheet("background: #111827; color: #9ca3af;")
        self.camera_state = QLabel("—")
        self.codes = QLabel("")
        lay.addWidget(self.preview, 1)
        lay.addWidget(self.camera_state)
        lay.addWidget(self.codes)
        b = QPushButton(self.tr("Take a test photo"))
        b.clicked.connect(self.test_photo)
        lay.addWidget(b)
        return box

    def _other_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Scanner and label printer"))
        form = QFormLayout(box)
        self.last_scan = QLabel(self.tr("(scan any code to test)"))
        self.last_scan.setObjectName("lastScan")
        self.printer_result = QLabel("")
        self.printer_result.setWordWrap(True)
        form.addRow(self.tr("Last scan"), self.last_scan)
        form.addRow(self.tr("Printer"), QLabel(self.ui.config.printer_kind))
        b = QPushButton(self.tr("Print a test label"))
        b.clicked.connect(self.test_label)
        form.addRow(b, self.printer_result)
        return box

    def _port_combo(self, key: str) -> QComboBox:
        combo = QComboBox()
        combo.setEditable(True)
        combo.addItem(str(getattr(self.ui.config, key)))
        combo.setProperty("setting", key)
        combo.activated.connect(lambda _i, c=combo: self._save_port(c))
        combo.lineEdit().editingFinished.connect(lambda c=combo: self._save_port(c))
        return combo

    # --- behaviour -----------------------------------------------------------------------
    def _state_text(self, state: str) -> str:
        names = {"connected": self.tr("connected"), "disconnected": self.tr("disconnected"),
                 "connecting": self.tr("connecting"), "reconnecting": self.tr("reconnecting"),
                 "not_answering": self.tr("not answering"), "running": self.tr("running"),
                 "missing": self.tr("no camera found"), "busy": self.tr("camera busy"),
                 "stopped": self.tr("stopped"), "closed": self.tr("closed")}
        return names.get(state, state)

    def activated(self) -> None:
        devices = self.ui.devices
        if devices is None:
            self.notice.setText(self.tr("Devices are starting or could not start; see the status bar."))
            return
        self.notice.setText("")
        Op(self, self.checks.list_ports, kind="io").success(self._fill_ports).failure(lambda e: None).run()
        balance = getattr(devices, "balance", None)
        if balance is not None:
            if not self._listening:
                balance.add_state_listener(self.weights.state.emit)
                self._listening = True
            self._balance_state(balance.state)
            Op(self, self.checks.balance_identity, kind="io").success(self.balance_identity.setText).failure(
                self._balance_failed).run()
            if not self._streaming:
                Op(self, balance.start_stream, self.weights.stream_callback, kind="io").failure(
                    self._balance_failed).run()
                self._streaming = True
        box, camera = getattr(devices, "box", None), getattr(devices, "camera", None)
        if box is not None:
            self.box_state.setText(self._state_text(box.state))
        if camera is not None:
            self._feed = self._feed or CameraFeed(camera, self.camera_bridge)
            self._feed.attach()
            Op(self, camera.start, kind="io").run()

    def hideEvent(self, event: Any) -> None:  # noqa: N802 - Qt's name
        self._release()
        super().hideEvent(event)

    def _release(self) -> None:
        devices = self.ui.devices
        balance = getattr(devices, "balance", None)
        if balance is not None and self._streaming:
            self._streaming = False
            Op(None, balance.stop_stream, kind="io").failure(lambda e: None).run()
        if self._feed is not None:
            self._feed.detach()

    def shutdown(self) -> None:
        self._release()

    def _fill_ports(self, ports: list[str]) -> None:
        for combo in (self.scale_port, self.box_port):
            current = combo.currentText()
            combo.clear()
            demo_only = [SIMULATED] if self.ui.config.demo else []  # a real warehouse never picks a simulator
            combo.addItems(list(dict.fromkeys([current, *demo_only, *ports])))

    def _save_port(self, combo: QComboBox) -> None:
        key, value = combo.property("setting"), combo.currentText().strip()
        if value and value != str(getattr(self.ui.config, key)):
            Op(self, self.checks.save_setting, key, value, kind="io").success(
                lambda _: self.notice.setText(self.tr("Saved. The new port is used from the next start."))).run()

    def _show_weight(self, value: Any) -> None:
        if isinstance(value, Exception):
            self.weight.setText("—")
            self.weight_state.setText(error_text(value, self.ui.lang))
            style.set_status(self.weight_state, "error")
            return
        ct = value.to("ct").value if value.unit != "ct" else value.value
        self.weight.setText(f"{value.value} {value.unit}  ({ct} ct)")
        self.weight_state.setText(self.tr("stable") if value.stable else self.tr("settling…"))
        style.set_status(self.weight_state, "ok" if value.stable else "warn")

    def _balance_state(self, state: str) -> None:
        self.balance_state.setText(self._state_text(state))
        style.set_status(self.balance_state, "ok" if state == "connected" else "warn")

    def _balance_failed(self, error: BaseException) -> None:
        self.balance_state.setText(error_text(error, self.ui.lang))
        style.set_status(self.balance_state, "error")

    def _show_codes(self, codes: list) -> None:
        self.codes.setText(self.tr("Codes in view: %1").replace("%1", ", ".join(str(getattr(c, "text", c)) for c in codes)))

    def read_stable(self) -> None:
        Op(self, self.checks.read_stable, kind="io").success(self._show_weight).failure(self._balance_failed).run()

    def zero(self) -> None:
        Op(self, self.checks.zero, kind="io").failure(self._balance_failed).run()

    def tare(self) -> None:
        Op(self, self.checks.tare, kind="io").failure(self._balance_failed).run()

    def box_status(self) -> None:
        def done(text: str) -> None:
            self.box_identity.setText(text)
            self.box_state.setText(self._state_text(self.ui.devices.box.state))
            style.set_status(self.box_state, "ok")

        def failed(error: BaseException) -> None:
            self.box_state.setText(error_text(error, self.ui.lang))
            style.set_status(self.box_state, "error")

        Op(self, self.checks.box_status, kind="io").success(done).failure(failed).run()

    def test_photo(self) -> None:
        Op(self, self.checks.test_photo, kind="io").success(self.camera_state.setText).run()

    def test_label(self) -> None:
        Op(self, self.checks.test_label, kind="io").success(self.printer_result.setText).run()


Screen = DevicesScreen
