"""The daily balance check, run by the appraiser at the Appraisal station: the dialog asks for
each reference weight in turn, takes the balance's next stable reading of it (from the weigh
panel's live stream, never by waiting on the GUI thread), shows its deviation against the
tolerance, and records the check through the service (pass or fail, with audit)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core import balance_checks as bc
from app.core.clock import DEFAULT_TIME_ZONE, format_local
from app.core.errors import TWError
from app.devices.readings import WeightReading, convert
from app.services.balance_checks import Reading
from app.ui.context import UiContext
from app.ui.ops import Op, error_text
from app.ui.style import set_status


def zone(ui: UiContext) -> str:
    return str(ui.config.time_zone) if ui.config is not None else DEFAULT_TIME_ZONE


class DailyCheckDialog(QDialog):
    checked = Signal(object)  # CheckView

    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui
        self.setObjectName("dailyCheckDialog")
        self.setWindowTitle(self.tr("Daily balance check"))
        self.weights: tuple[bc.ReferenceWeight, ...] = ()
        self.readings: list[Reading] = []
        self.device: Any = None  # DeviceIdentity of the balance the readings came from
        self.last: WeightReading | None = None
        self.prompt = QLabel("")
        self.prompt.setObjectName("checkPrompt")
        self.prompt.setWordWrap(True)
        self.prompt.setStyleSheet("font-size: 18px; font-weight: 600;")
        self.readability = QLineEdit(str(ui.config.balance_readability_g) if ui.config else "0.0001")
        self.readability.setObjectName("checkReadability")
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Weight"),
                self.tr("Nominal"),
                self.tr("Reading"),
                self.tr("Deviation / tolerance"),
                self.tr("Result"),
            ]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setMinimumWidth(560)
        self.read_btn = QPushButton(self.tr("Read stable weight"))
        self.read_btn.setProperty("role", "primary")
        self.read_btn.setObjectName("checkReadButton")
        self.record_btn = QPushButton(self.tr("Record check"))
        self.record_btn.setObjectName("checkRecordButton")
        self.close_btn = QPushButton(self.tr("Close"))
        self.status = QLabel("")
        self.status.setObjectName("checkStatus")
        self.status.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Readability (g):")))
        top.addWidget(self.readability)
        top.addStretch(1)
        buttons = QHBoxLayout()
        for b in (self.read_btn, self.record_btn, self.close_btn):
            buttons.addWidget(b)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.prompt)
        lay.addWidget(self.table, 1)
        lay.addLayout(buttons)
        lay.addWidget(self.status)
        self.read_btn.clicked.connect(self.read)
        self.record_btn.clicked.connect(self.record)
        self.close_btn.clicked.connect(self.reject)
        try:
            self.weights = bc.parse_weight_set(str(ui.config.reference_weights) if ui.config else "")
        except TWError as exc:
            self._say(error_text(exc, ui.lang), "error")
        if not self.weights and not self.status.text():
            self._say(self.tr("No reference weights are set up (setting reference_weights)."), "error")
        self._next()

    # ------------------------------------------------------------ readings

    def on_reading(self, reading: object) -> None:
        """Every reading of the weigh panel's stream arrives here too (GUI thread)."""
        self.last = reading if isinstance(reading, WeightReading) else None

    def _current(self) -> bc.ReferenceWeight | None:
        n = len(self.readings)
        return self.weights[n] if n < len(self.weights) else None

    def _next(self) -> None:
        weight = self._current()
        done = weight is None and bool(self.weights)
        self.read_btn.setEnabled(weight is not None)
        self.record_btn.setEnabled(done)
        if weight is not None:
            self.prompt.setText(
                self.tr("Place weight %1 (%2 g, class %3) on the pan, wait for STABLE, then read.")
                .replace("%1", weight.weight_id)
                .replace("%2", f"{weight.nominal_g:f}")
                .replace("%3", weight.cls)
            )
        elif done:
            self.prompt.setText(self.tr("All weights read. Record the check."))

    def read(self) -> None:
        weight, reading = self._current(), self.last
        if weight is None:
            return
        if reading is None or not reading.stable:
            self._say(self.tr("The reading is not stable yet; wait for the STABLE sign."), "warn")
            return
        if self.device is not None and reading.device.serial != self.device.serial:
            self._say(self.tr("The readings came from another balance; start the check again."), "error")
            return
        try:
            d = bc.readability(Decimal(self.readability.text().strip().replace(",", ".")))
        except (TWError, ArithmeticError):
            self._say(self.tr("The readability must be a number of grams such as 0.0001."), "error")
            return
        grams = convert(reading.value, reading.unit, "g")
        if abs(grams - weight.nominal_g) > weight.nominal_g / 10:
            # An empty pan or the wrong weight is not a reading of this weight (and not a failed check).
            self._say(
                self.tr("%1 g is not weight %2 (%3 g); put that weight on the pan.")
                .replace("%1", f"{grams:f}")
                .replace("%2", weight.weight_id)
                .replace("%3", f"{weight.nominal_g:f}"),
                "warn",
            )
            return
        self.device = reading.device
        self.readings.append(Reading(weight, grams, True))
        point = bc.check_point(weight, grams, d)
        row = self.table.rowCount()
        self.table.insertRow(row)
        ok = self.tr("Pass") if point.passed else self.tr("FAIL")
        for col, text in enumerate(
            (
                weight.weight_id,
                f"{weight.nominal_g:f} g",
                f"{grams:f} g",
                f"{point.deviation_g:+f} / ±{point.tolerance_g:f} g",
                ok,
            )
        ):
            self.table.setItem(row, col, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        self._say("", "ok")
        self.readability.setEnabled(False)
        self._next()

    def record(self) -> None:
        if self.device is None or self._current() is not None:
            return
        self.record_btn.setEnabled(False)
        d = Decimal(self.readability.text().strip().replace(",", "."))
        Op(
            self,
            self.ui.station.balance_checks.record_daily_check,
            self.ui.actor,
            self.device.serial,
            self.device.model,
            d,
            list(self.readings),
        ).success(self._recorded).failure(self._failed).run()

    def _recorded(self, check: Any) -> None:
        if check.passed:
            self._say(
                self.tr("Daily check passed and recorded; the balance may be used until %1.").replace(
                    "%1", format_local(check.valid_until, zone(self.ui))
                ),
                "ok",
            )
        else:
            self._say(
                self.tr(
                    "Daily check FAILED and recorded: this balance may not be used for certificates "
                    "until a check passes."
                ),
                "error",
            )
        self.checked.emit(check)

    def _failed(self, error: BaseException) -> None:
        self.record_btn.setEnabled(True)
        self._say(error_text(error, self.ui.lang), "error")

    def _say(self, text: str, status: str) -> None:
        self.status.setText(text)
        set_status(self.status, status)
