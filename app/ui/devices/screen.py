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
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.core.demo import SIMULATED
from app.ui import keys, states, style
from app.ui.context import UiContext
from app.ui.devices.balance_checks import BalanceChecksDialog, state_words
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
        head = QHBoxLayout()
        title = QLabel(self.tr("Devices"))
        title.setProperty("role", "title")
        head.addWidget(title)
        self.notice = QLabel("")
        self.notice.setProperty("role", "hint")
        self.notice.setWordWrap(True)
        head.addWidget(self.notice, 1)
        layout.addLayout(head)
        # Two columns of two boxes: fits a 1366×768 screen at 125 % (see tests/gui/test_window_fits.py).
        grid = QGridLayout()
        grid.addWidget(self._balance_box(), 0, 0)
        grid.addWidget(self._camera_box(), 0, 1)
        grid.addWidget(self._box_box(), 1, 0)
        grid.addWidget(self._other_box(), 1, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(0, 1)
        layout.addLayout(grid, 1)
        self.weights = WeightBridge(self)
        self.weights.reading.connect(self._show_weight)
        self.camera_bridge = CameraBridge(self)
        self.camera_bridge.frame.connect(self._show_frame)
        self.camera_bridge.state.connect(lambda s: self.camera_state.setText(states.device_state(s)))
        self.camera_bridge.codes.connect(self._show_codes)
        # The runtime reports the balance's state on the window's signals (no listener is
        # left on the driver when this screen goes away).
        ui.signals.device_state_did_change.connect(self._device_state)
        ui.signals.scan_did_arrive.connect(self.last_scan.setText)
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
        weight_row = QHBoxLayout()
        weight_row.addWidget(self.weight)
        weight_row.addWidget(self.weight_state, 1)
        form.addRow(self.tr("Live weight"), weight_row)
        form.addRow(self.tr("Port"), self.scale_port)
        check_row = QHBoxLayout()
        self.check_state = QLabel("—")
        self.check_state.setObjectName("balanceCheckSummary")
        self.check_state.setWordWrap(True)
        history = QPushButton(self.tr("Check history…"))
        history.setObjectName("balanceCheckHistory")
        history.clicked.connect(self.show_check_history)
        check_row.addWidget(self.check_state, 1)
        check_row.addWidget(history)
        form.addRow(self.tr("Quality check"), check_row)
        row = QHBoxLayout()
        for text, fn, key in (
            (self.tr("Read stable"), self.read_stable, "F5"),
            (self.tr("Zero"), self.zero, "F6"),
            (self.tr("Tare"), self.tare, "F7"),
        ):
            b = QPushButton(text)
            b.clicked.connect(fn)
            keys.bind(b, key)
            row.addWidget(b)
        row.addStretch(1)
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
        keys.bind(b, "F8")
        form.addRow(b)
        return box

    def _camera_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Station camera"))
        lay = QVBoxLayout(box)
        self.preview = QLabel(self.tr("No picture"))
        self.preview.setObjectName("cameraPreview")
        self.preview.setMinimumSize(240, 135)
        self.preview.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setStyleSheet("background: #111827; color: #9ca3af;")
        self.camera_state = QLabel("—")
        self.codes = QLabel("")
        lay.addWidget(self.preview, 1)
        lay.addWidget(self.camera_state)
        lay.addWidget(self.codes)
        b = QPushButton(self.tr("Take a test photo"))
        b.clicked.connect(self.test_photo)
        keys.bind(b, "F9")
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
        keys.bind(b, "F10")
        form.addRow(b, self.printer_result)
        return box

    def _port_combo(self, key: str) -> QComboBox:
        combo = QComboBox()
        combo.setEditable(True)
        combo.addItem(str(getattr(self.ui.config, key)))
        combo.setProperty("setting", key)
        combo.activated.connect(lambda _i, c=combo: self._save_port(c))
        if (edit := combo.lineEdit()) is not None:  # always, the combo being editable
            edit.editingFinished.connect(lambda c=combo: self._save_port(c))
        return combo

    # --- behaviour -----------------------------------------------------------------------
    def _device_state(self, name: str, state: str) -> None:
        if name == "balance":
            self._balance_state(state)
        elif name == "box":
            self.box_state.setText(states.device_state(state))
            style.set_status(self.box_state, states.device_level(state))

    def _show_frame(self, image: Any) -> None:
        pixmap = QPixmap.fromImage(image)
        self.preview.setPixmap(
            pixmap.scaled(
                self.preview.size(), Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
            )
        )

    def activated(self) -> None:
        Op(self, self.ui.station.balance_checks.balances).success(self._show_check_states).failure(
            lambda e: self.check_state.setText(error_text(e, self.ui.lang))
        ).run()
        devices = self.ui.devices
        if devices is None:
            self.notice.setText(self.tr("Devices are starting or could not start; see the status bar."))
            return
        self.notice.setText("")
        Op(self, self.checks.list_ports, kind="io").success(self._fill_ports).failure(lambda e: None).run()
        balance = getattr(devices, "balance", None)
        if balance is not None:
            self._balance_state(balance.state)
            Op(self, self.checks.balance_identity, kind="io").success(self.balance_identity.setText).failure(
                self._balance_failed
            ).run()
            if not self._streaming:
                Op(self, balance.start_stream, self.weights.stream_callback, kind="io").failure(
                    self._balance_failed
                ).run()
                self._streaming = True
        box, camera = getattr(devices, "box", None), getattr(devices, "camera", None)
        if box is not None:
            self._device_state("box", box.state)
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

    def _show_check_states(self, states: list[Any]) -> None:
        if not states:
            self.check_state.setText(self.tr("No balance has been checked yet."))
            style.set_status(self.check_state, "warn")
            return
        self.check_state.setText("；".join(f"{st.serial}: {state_words(st.state, self.ui.zh)}" for st in states))
        style.set_status(self.check_state, "error" if any(st.blocking for st in states) else "ok")

    def show_check_history(self) -> None:
        BalanceChecksDialog(self.ui, self).open()

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
                lambda _: self.notice.setText(self.tr("Saved. The new port is used from the next start."))
            ).run()

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
        self.balance_state.setText(states.device_state(state))
        style.set_status(self.balance_state, states.device_level(state))

    def _balance_failed(self, error: BaseException) -> None:
        self.balance_state.setText(error_text(error, self.ui.lang))
        style.set_status(self.balance_state, "error")

    def _show_codes(self, codes: list) -> None:
        self.codes.setText(
            self.tr("Codes in view: %1").replace("%1", ", ".join(str(getattr(c, "text", c)) for c in codes))
        )

    def read_stable(self) -> None:
        Op(self, self.checks.read_stable, kind="io").success(self._show_weight).failure(self._balance_failed).run()

    def zero(self) -> None:
        Op(self, self.checks.zero, kind="io").failure(self._balance_failed).run()

    def tare(self) -> None:
        Op(self, self.checks.tare, kind="io").failure(self._balance_failed).run()

    def box_status(self) -> None:
        def done(text: str) -> None:
            self.box_identity.setText(text)
            box = self.ui.devices.box if self.ui.devices is not None else None  # it just answered
            if box is not None:
                self.box_state.setText(states.device_state(box.state))
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
