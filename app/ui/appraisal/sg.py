"""Specific gravity by hydrostatic weighing: the recorded mass in air (A) and in water (B),
the water temperature, the material named → SG ± uncertainty, compared with the range
expected for that material; a mismatch is shown in red with the expected range."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QDoubleSpinBox, QFormLayout, QLabel, QPushButton, QWidget

from app.core.errors import ValidationError
from app.core.gravity import GRAMS_PER
from app.core.vocab import gems, metals
from app.ui import keys
from app.ui.context import UiContext
from app.ui.ops import Op, error_text
from app.ui.style import set_status


def _resolution(m: Any) -> Decimal:
    """One display digit of the weighing, in grams (from the value as the balance showed it)."""
    shown = (m.extra or {}).get("as_read") or {"value": str(m.value), "unit": "g"}
    digit = Decimal(1).scaleb(int(Decimal(shown["value"]).as_tuple().exponent))  # finite: a reading
    return digit * GRAMS_PER.get(shown["unit"], Decimal(1))


class GravityPanel(QWidget):
    recorded = Signal(object)  # SGView

    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui
        self.tag: str | None = None
        self.air: Any = None
        self.water: Any = None
        self.a_label, self.b_label = QLabel("—"), QLabel("—")
        self.temperature = QDoubleSpinBox()
        self.temperature.setObjectName("waterTemperature")
        self.temperature.setRange(-50, 100)  # out-of-range values are refused with a message, not clamped
        self.temperature.setDecimals(1)
        self.temperature.setValue(20.0)
        self.temperature.setSuffix(" °C")
        self.material = QComboBox()
        self.material.setObjectName("sgMaterial")
        self.material.addItem(self.tr("(not compared)"), None)
        for term in list(gems.GEMS) + [m for m in metals.METALS if m.element]:
            self.material.addItem(term.zh if ui.zh else term.en, term.code)
        # As wide as the column allows, not as the longest material's name (which pushed the
        # column past a 1366x768 window's width); the open list still shows names whole.
        self.material.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.material.setMinimumContentsLength(10)
        self.material.view().setMinimumWidth(self.material.view().sizeHintForColumn(0) + 24)
        self.compute_btn = QPushButton(self.tr("Compute SG"))
        self.compute_btn.setObjectName("computeSG")
        keys.bind(self.compute_btn, "F3", command="compute_sg")
        self.result = QLabel("")
        self.result.setObjectName("sgResult")
        self.result.setWordWrap(True)
        self.result.setStyleSheet("font-size: 18px;")
        form = QFormLayout(self)
        form.addRow(self.tr("A: mass in air"), self.a_label)
        form.addRow(self.tr("B: mass in water"), self.b_label)
        form.addRow(self.tr("Water temperature"), self.temperature)
        form.addRow(self.tr("Compare with"), self.material)
        form.addRow(self.compute_btn)
        form.addRow(self.result)
        self.compute_btn.clicked.connect(self.compute)

    def set_tag(self, tag: str | None) -> None:
        if tag != self.tag:
            self.air = self.water = None
            self.a_label.setText("—")
            self.b_label.setText("—")
            self.temperature.setValue(20.0)
            self.material.setCurrentIndex(0)
            self._say("", "ok")
        self.tag = tag

    def set_measurements(self, latest: dict[str, Any]) -> None:
        self.air, self.water = latest.get("mass"), latest.get("mass_in_water")
        for label, m in ((self.a_label, self.air), (self.b_label, self.water)):
            label.setText("—" if m is None else f"{m.value} g  ({self._source(m)})")
        sg = latest.get("specific_gravity")
        if sg is not None:
            self.show_result(self.ui.station.appraisal.sg_view(sg))

    def _source(self, m: Any) -> str:
        return (
            self.tr("manual, %1").replace("%1", m.recorded_by)
            if m.manual
            else f"{m.device.get('model', '')} {m.device.get('serial', '')}".strip()
        )

    def set_material(self, code: str | None) -> None:
        index = self.material.findData(code)
        if index >= 0:
            self.material.setCurrentIndex(index)

    def compute(self) -> None:
        if not self.tag or self.air is None or self.water is None:
            self._say(self.tr("Weigh the piece in air and in water first."), "warn")
            return
        devices = None
        if not self.air.manual and not self.water.manual:
            devices = {"air": self.air.device, "water": self.water.device}
        t = Decimal(str(round(self.temperature.value(), 1)))
        if not Decimal(0) <= t <= Decimal(40):
            self._say(
                error_text(
                    ValidationError(f"水温 {t} °C 超出 0–40 °C", f"Water temperature {t} °C is outside 0–40 °C"),
                    self.ui.lang,
                ),
                "error",
            )
            return
        tag = self.tag
        Op(
            self,
            self.ui.station.appraisal.record_specific_gravity,
            self.ui.actor,
            tag,
            mass_air_g=self.air.value,
            mass_water_g=self.water.value,
            temperature_c=t,
            resolution_g=max(_resolution(self.air), _resolution(self.water)),
            material=self.material.currentData(),
            devices=devices,
        ).success(self._done).failure(
            lambda e: self._say(error_text(e, self.ui.lang), "error") if self.tag == tag else None
        ).run()

    def _done(self, sg: Any) -> None:
        if sg.measurement.tag != self.tag:  # recorded for the item it was weighed for; not shown here
            return
        self.show_result(sg)
        self.recorded.emit(sg)

    def show_result(self, sg: Any) -> None:
        self._say(sg.message(self.ui.lang), "error" if sg.flagged else "ok")

    def _say(self, text: str, status: str) -> None:
        self.result.setText(text)
        set_status(self.result, status)
