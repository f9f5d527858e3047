"""Live weight from the balance: a large value in g and ct, a large stable/unstable sign,
capture by key (F2) or automatically when the load settles, zero and tare, and manual
entry for those allowed to type a mass. Readings arrive on the balance's thread and reach
the widgets only through ``WeightBridge``'s signal (queued to the GUI thread)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.clock import format_local
from app.core.errors import DeviceError, ValidationError
from app.core.roles import Action
from app.devices.readings import WeightReading, convert
from app.ui import keys
from app.ui.appraisal.balance_check import DailyCheckDialog, zone
from app.ui.context import UiContext
from app.ui.devices.bridge import WeightBridge
from app.ui.ops import Op, error_text, show_error
from app.ui.style import set_status


class WeighPanel(QWidget):
    recorded = Signal(object)  # MeasurementView

    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui
        self.tag: str | None = None
        self.last: WeightReading | None = None
        self.manual_dialog: QInputDialog | None = None
        self._armed = True  # auto-capture once per load: re-armed by an unstable or empty pan
        self._streaming = False
        self.bridge = WeightBridge(self)
        self.bridge.reading.connect(self._on_reading)
        self.value_g = QLabel("— g")
        self.value_g.setObjectName("weightGrams")
        self.value_g.setStyleSheet("font-size: 34px; font-weight: 700; font-family: monospace;")
        self.value_ct = QLabel("— ct")
        self.value_ct.setObjectName("weightCarats")
        self.value_ct.setStyleSheet("font-size: 24px; font-family: monospace; color: #374151;")
        self.stable = QLabel(self.tr("NO READING"))
        self.stable.setObjectName("stableSign")
        self.stable.setMinimumWidth(120)
        self.stable.setWordWrap(True)
        self.stable.setStyleSheet("font-size: 26px; padding: 10px 16px; border-radius: 8px; border: 3px solid #9ca3af;")
        self.identity = QLabel(self.tr("Balance: not connected"))
        self.identity.setProperty("role", "hint")
        self.kind = QComboBox()
        self.kind.addItem(self.tr("Mass in air"), "mass")
        self.kind.addItem(self.tr("Mass in water (SG)"), "mass_in_water")
        self.auto = QCheckBox(self.tr("Auto-capture when stable"))
        self.capture_btn = QPushButton(self.tr("Capture stable value"))
        self.capture_btn.setProperty("role", "primary")
        self.capture_btn.setObjectName("captureButton")
        self.zero_btn, self.tare_btn = QPushButton(self.tr("Zero")), QPushButton(self.tr("Tare"))
        self.manual_btn = QPushButton(self.tr("Type a value…"))
        self.manual_btn.setObjectName("manualButton")
        self.manual_btn.setEnabled(ui.may(Action.MANUAL_MEASUREMENT))
        if not self.manual_btn.isEnabled():
            self.manual_btn.setToolTip(self.tr("Manual entry needs the manual-entry permission"))
        self.check_btn = QPushButton(self.tr("Daily check…"))
        self.check_btn.setObjectName("dailyCheckButton")
        self.check_btn.setEnabled(ui.may(Action.RECORD_BALANCE_CHECK))
        self.check_state = QLabel("")
        self.check_state.setObjectName("balanceCheckState")
        self.check_state.setWordWrap(True)
        self.check_dialog: DailyCheckDialog | None = None
        self._state_serial: str | None = None
        self.status = QLabel("")
        self.status.setObjectName("weighStatus")
        self.status.setWordWrap(True)

        grid = QGridLayout(self)
        top = QHBoxLayout()
        values = QVBoxLayout()
        values.addWidget(self.value_g)
        values.addWidget(self.value_ct)
        top.addLayout(values, 1)
        top.addWidget(self.stable)
        # Two columns under full-width rows: three (and the check-box beside the kind) made the
        # column wider than a 1366x768 window gives it, and buttons were cut off behind a
        # sideways scroll bar. The capture button, the one used all day, spans the column.
        grid.addLayout(top, 0, 0, 1, 2)
        grid.addWidget(self.identity, 1, 0, 1, 2)
        grid.addWidget(self.kind, 2, 0, 1, 2)
        grid.addWidget(self.capture_btn, 3, 0, 1, 2)
        grid.addWidget(self.auto, 4, 0, 1, 2)
        grid.addWidget(self.zero_btn, 5, 0)
        grid.addWidget(self.tare_btn, 5, 1)
        grid.addWidget(self.manual_btn, 6, 0)
        grid.addWidget(self.check_btn, 6, 1)
        grid.addWidget(self.check_state, 7, 0, 1, 2)
        grid.addWidget(self.status, 8, 0, 1, 2)
        self.capture_btn.clicked.connect(self.capture)
        self.zero_btn.clicked.connect(lambda: self._device_call("zero"))
        self.tare_btn.clicked.connect(lambda: self._device_call("tare"))
        self.manual_btn.clicked.connect(self.manual_entry)
        self.check_btn.clicked.connect(self.daily_check)
        keys.bind(self.capture_btn, "F2", command="capture_weight")
        keys.bind(self.auto, "Ctrl+F2", command="auto_capture")  # switched on and off without the mouse
        self._show_sign(None)

    # ---------------------------------------------------------------- balance stream

    @property
    def balance(self) -> Any:
        return getattr(self.ui.devices, "balance", None) if self.ui.devices is not None else None

    def start(self) -> None:
        if self.balance is None:
            self.identity.setText(self.tr("No balance at this station; manual entry only"))
            return
        if not self._streaming:
            self._streaming = True
            Op(self, self.balance.start_stream, self.bridge.stream_callback, kind="io").failure(
                self._device_failed
            ).run()

    def stop(self) -> None:
        if self.balance is not None and self._streaming:
            self._streaming = False
            Op(None, self.balance.stop_stream, kind="io").failure(lambda e: None).run()

    def _on_reading(self, reading: object) -> None:
        if isinstance(reading, BaseException):
            self.last = None
            self._show_sign(None)
            self._say(error_text(reading, self.ui.lang), "error")
            return
        assert isinstance(reading, WeightReading)
        self.last = reading
        grams = convert(reading.value, reading.unit, "g")
        self.value_g.setText(f"{grams:.4f} g")
        self.value_ct.setText(f"{convert(reading.value, reading.unit, 'ct'):.3f} ct")
        dev = reading.device
        self.identity.setText(self.tr("Balance: %1 %2").replace("%1", dev.model).replace("%2", dev.serial))
        if dev.serial and dev.serial != self._state_serial:
            self._state_serial = dev.serial
            self.refresh_check_state()
        self._show_sign(reading.stable)
        if not reading.stable or grams <= 0:
            self._armed = True
        elif self.auto.isChecked() and self._armed and self.tag:
            self._armed = False
            self.capture()

    def _show_sign(self, stable: bool | None) -> None:
        if stable is None:
            text, colour, bg = self.tr("NO READING"), "#6b7280", "#f3f4f6"
        elif stable:
            text, colour, bg = self.tr("● STABLE"), "#1b7f3b", "#e7f5ec"
        else:
            text, colour, bg = self.tr("○ UNSTABLE"), "#b26a00", "#fff4e0"
        self.stable.setText(text)
        self.stable.setProperty("stable", "yes" if stable else "no")
        self.stable.setStyleSheet(
            f"font-size: 20px; font-weight: 700; padding: 6px 10px; border-radius: 8px; "
            f"color: {colour}; background: {bg}; border: 3px solid {colour};"
        )

    def set_tag(self, tag: str | None) -> None:
        """Another item: clear what was said about the last one. A load still on the pan is
        not auto-captured for the new item until the pan changes (unstable or empty)."""
        if tag != self.tag:
            self._armed = False
            self._say("", "ok")
            self.kind.setCurrentIndex(0)
            if self.manual_dialog is not None:  # a pending question about the last item
                self.manual_dialog.reject()
                self.manual_dialog = None
        self.tag = tag

    # ---------------------------------------------------------------- balance check

    def refresh_check_state(self) -> None:
        serial = self._state_serial
        if not serial:
            return
        Op(self, self.ui.station.balance_checks.state, serial).success(self._show_check_state).failure(
            self._device_failed
        ).run()

    def _show_check_state(self, state: Any) -> None:
        if state.serial != self._state_serial:
            return
        if state.blocking:
            zh, en = state.reason()
            self.check_state.setText(zh if self.ui.zh else en)
            set_status(self.check_state, "error")
        else:
            until = format_local(state.daily.valid_until, zone(self.ui))
            self.check_state.setText(self.tr("Check current until %1").replace("%1", until))
            set_status(self.check_state, "ok")

    def daily_check(self) -> None:
        if self.balance is None:
            self._device_failed(DeviceError("没有连接天平", "No balance is connected"))
            return
        dialog = DailyCheckDialog(self.ui, self)
        self.bridge.reading.connect(dialog.on_reading)
        dialog.on_reading(self.last)
        dialog.checked.connect(lambda _c: self.refresh_check_state())
        self.check_dialog = dialog
        dialog.finished.connect(lambda _r: setattr(self, "check_dialog", None))
        dialog.open()

    # ---------------------------------------------------------------- actions

    def capture(self) -> None:
        reading = self.last
        if not self.tag:
            self._say(self.tr("Scan an item first."), "warn")
            return
        if reading is None:
            self._say(self.tr("No reading from the balance yet."), "warn")
            return
        if not reading.stable:
            self._say(self.tr("The reading is not stable yet; wait for the STABLE sign."), "warn")
            return
        self._record(reading.value, reading.unit, reading.device_payload(), True)

    def manual_entry(self) -> None:
        """Ask for a typed mass without blocking (a modal getText would let a scan change the
        item underneath it); the question belongs to the item open now and closes with it."""
        if not self.tag:
            self._say(self.tr("Scan an item first."), "warn")
            return
        dialog = QInputDialog(self)
        dialog.setObjectName("manualMassDialog")
        dialog.setWindowTitle(self.tr("Manual entry"))
        dialog.setLabelText(self.tr("Mass in grams (recorded as MANUAL, with your name):"))
        tag = self.tag
        dialog.textValueSelected.connect(lambda text: self._typed(tag, text))
        self.manual_dialog = dialog
        dialog.open()

    def _typed(self, tag: str, text: str) -> None:
        self.manual_dialog = None
        if tag != self.tag:
            return  # typed for an item that is no longer open
        try:
            value = Decimal(text.strip().replace(",", "."))
        except ArithmeticError:
            show_error(self, ValidationError(f"不是数值：{text}", f"Not a number: {text}"))
            return
        self._record(value, "g", None, True)

    def _record(self, value: Decimal, unit: str, device: dict | None, stable: bool) -> None:
        kind, tag = self.kind.currentData(), self.tag
        svc = self.ui.station.appraisal
        Op(self, svc.record_measurement, self.ui.actor, tag, kind, value, unit, device=device, stable=stable).success(
            self._recorded
        ).failure(lambda e: self._failed(e) if self.tag == tag else None).run()

    def _recorded(self, m: Any) -> None:
        if m.tag != self.tag:  # recorded for the item that was open when captured; not this one
            return
        label = self.tr("Manual") if m.source == "manual" else self.tr("Balance")
        self._say(self.tr("Recorded %1 g (%2)").replace("%1", str(m.value)).replace("%2", label), "ok")
        self.recorded.emit(m)

    def _failed(self, error: BaseException) -> None:
        self._say(error_text(error, self.ui.lang), "error")
        if getattr(error, "details", {}).get("field") == "balance_check":
            self.refresh_check_state()  # the reason stays beside the weight, not only in a box
        show_error(self, error)

    def _device_call(self, name: str) -> None:
        if self.balance is None:
            self._device_failed(DeviceError("没有连接天平", "No balance is connected"))
            return
        done = self.tr("Balance zeroed") if name == "zero" else self.tr("Balance tared")
        Op(self, getattr(self.balance, name), kind="io").success(lambda _r: self._say(done, "ok")).failure(
            self._device_failed
        ).run()

    def _device_failed(self, error: BaseException) -> None:
        self._say(error_text(error, self.ui.lang), "error")

    def _say(self, text: str, status: str) -> None:
        self.status.setText(text)
        set_status(self.status, status)
