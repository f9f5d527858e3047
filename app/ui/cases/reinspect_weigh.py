"""The re-inspection's balance: the live reading, the balance's daily check (looked up on a
worker when the balance changes), and a stable weight taken as the mass and its uncertainty
by the same rule as the certified fingerprint's. Readings arrive through a Qt signal; the
stream starts and stops on the "io" pool."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGroupBox, QLabel, QPushButton, QVBoxLayout, QWidget

from app.core import fingerprint as fpc
from app.core.errors import DeviceError, ValidationError
from app.core.gravity import GRAMS_PER
from app.devices.readings import WeightReading, convert
from app.ui.context import UiContext
from app.ui.devices.bridge import WeightBridge
from app.ui.ops import Op, error_text
from app.ui.style import set_status


def weighing(station: Any, reading: WeightReading) -> tuple[Decimal, Decimal]:
    """On a worker: the mass in g and its standard uncertainty (the same rule as the certified
    fingerprint's), refused when the balance's check is not current and the policy refuses."""
    serial = str(reading.device.serial or "").strip()
    if not serial:
        raise ValidationError(
            "天平没有报告序列号，无法对应检查记录",
            "The balance reported no serial number, so no check can be found for it",
            field="balance_check",
        )
    state = station.balance_checks.state(serial)
    if state.blocking and station.policy.balance_check_policy == "refuse":
        zh, en = state.reason()
        raise ValidationError(
            zh + "（复检称量未采用）",
            en + " (the re-inspection weighing was not taken)",
            field="balance_check",
            check_state=state.state,
        )
    grams = convert(reading.value, reading.unit, "g")
    unit = reading.unit if reading.unit in GRAMS_PER else "g"
    readability = fpc.readability_of(reading.value) * GRAMS_PER[unit]
    return grams, fpc.balance_uncertainty(grams, readability)


class WeighPanel(QGroupBox):
    """The balance part of the re-inspection. ``said`` carries a message for the window's
    status line (text, status); ``changed`` tells the window to re-enable its buttons."""

    said = Signal(str, str)
    changed = Signal()

    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Weigh"))
        self.ui = ui
        self.tag: str | None = None
        self.last: WeightReading | None = None
        self.mass: tuple[Decimal, Decimal] | None = None
        self._streaming = False
        wl = QVBoxLayout(self)
        self.weight = QLabel("— g")
        self.weight.setObjectName("reWeight")
        self.weight.setStyleSheet("font-size: 24px; font-weight: 700; font-family: monospace;")
        self.stable = QLabel(self.tr("NO READING"))
        self.stable.setObjectName("reStable")
        self.balance_state = QLabel("")
        self.balance_state.setObjectName("reBalanceState")
        self.balance_state.setWordWrap(True)
        self.weigh_btn = QPushButton(self.tr("Take stable weight"))
        self.weigh_btn.setObjectName("btn_re_weigh")
        self.weigh_btn.clicked.connect(self.weigh)
        self.taken_mass = QLabel(self.tr("Not weighed"))
        self.taken_mass.setObjectName("reTakenMass")
        self.taken_mass.setWordWrap(True)
        for w in (self.weight, self.stable, self.balance_state, self.weigh_btn, self.taken_mass):
            wl.addWidget(w)
        wl.addStretch(1)
        self.bridge = WeightBridge(self)
        self.bridge.reading.connect(self._on_reading)

    def set_piece(self, tag: str | None) -> None:
        """Another piece (or none): what was weighed for the last one is dropped."""
        if tag != self.tag:
            self.mass = None
            self.taken_mass.setText(self.tr("Not weighed"))
        self.tag = tag

    def refresh(self) -> None:
        self.weigh_btn.setEnabled(bool(self.tag) and self.balance is not None)

    @property
    def balance(self) -> Any:
        return getattr(self.ui.devices, "balance", None) if self.ui.devices is not None else None

    def start(self) -> None:
        if self.balance is None:
            self.balance_state.setText(self.tr("No balance is configured at this station"))
            set_status(self.balance_state, "error")
        elif not self._streaming:
            self._streaming = True
            Op(self, self.balance.start_stream, self.bridge.stream_callback, kind="io").failure(self._failed).run()

    def stop(self) -> None:
        if self.balance is not None and self._streaming:
            self._streaming = False
            Op(None, self.balance.stop_stream, kind="io").failure(lambda e: None).run()

    def _on_reading(self, reading: object) -> None:
        if isinstance(reading, BaseException):
            self.last = None
            self.stable.setText(self.tr("NO READING"))
            self.said.emit(error_text(reading, self.ui.lang), "error")
            return
        assert isinstance(reading, WeightReading)
        serial_changed = self.last is None or self.last.device.serial != reading.device.serial
        self.last = reading
        self.weight.setText(f"{convert(reading.value, reading.unit, 'g'):.4f} g")
        self.stable.setText(self.tr("● STABLE") if reading.stable else self.tr("○ UNSTABLE"))
        set_status(self.stable, "ok" if reading.stable else "warn")
        if serial_changed and reading.device.serial:
            serial = reading.device.serial
            Op(self, self.ui.station.balance_checks.state, serial).success(self._check_state).failure(
                self._failed
            ).run()

    def _check_state(self, state: Any) -> None:
        if state.blocking:
            zh, en = state.reason()
            self.balance_state.setText(zh if self.ui.zh else en)
            set_status(self.balance_state, "error")
        else:
            self.balance_state.setText(self.tr("Balance check current"))
            set_status(self.balance_state, "ok")

    def weigh(self) -> None:
        if self.balance is None:
            self._failed(
                DeviceError("本工作站没有配置天平", "No balance is configured at this station", code="no_balance")
            )
            return
        reading, tag = self.last, self.tag
        if reading is None:
            self.said.emit(self.tr("No reading from the balance yet."), "warn")
            return
        if not reading.stable:
            self.said.emit(self.tr("The reading is not stable yet; wait for the STABLE sign."), "warn")
            return
        Op(self, weighing, self.ui.station, reading).success(lambda m: self._weighed(tag, m)).failure(
            self._weigh_failed
        ).run()

    def _weighed(self, tag: str | None, mass: tuple[Decimal, Decimal]) -> None:
        if tag != self.tag:
            return
        self.mass = mass
        u = mass[1].quantize(Decimal(1).scaleb(mass[1].adjusted() - 1)) if mass[1] else mass[1]  # 2 significant
        self.taken_mass.setText(self.tr("Taken: %1 g ± %2 g").replace("%1", str(mass[0])).replace("%2", f"{u:f}"))
        set_status(self.taken_mass, "ok")
        self.changed.emit()

    def _weigh_failed(self, error: BaseException) -> None:
        self._failed(error)
        if getattr(error, "details", {}).get("field") == "balance_check":
            self.balance_state.setText(error_text(error, self.ui.lang))
            set_status(self.balance_state, "error")

    def _failed(self, error: BaseException) -> None:
        self.said.emit(error_text(error, self.ui.lang), "error")
