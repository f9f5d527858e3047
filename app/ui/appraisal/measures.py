"""Other measurements as structured fields: dimensions (mm), refractive index, and free
observations (magnification, fluorescence, ...). Typed values are manual entries."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.errors import ValidationError
from app.services.appraisal_views import OBSERVATIONS
from app.ui.context import UiContext
from app.ui.ops import Op, error_text
from app.ui.style import set_status


def _number(text: str) -> Decimal | None:
    text = text.strip().replace(",", ".")
    if not text:
        return None
    try:
        return Decimal(text)
    except InvalidOperation:
        raise ValidationError(f"不是数值：{text}", f"Not a number: {text}") from None


class MeasuresPanel(QWidget):
    recorded = Signal(object)

    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui
        self.tag: str | None = None
        self.length, self.width_edit, self.depth_edit, self.ri = (
            QLineEdit(),
            QLineEdit(),
            QLineEdit(),
            QLineEdit(),
        )  # not .width/.depth: QWidget.width(), .depth()
        for edit, hint in ((self.length, "L"), (self.width_edit, "W"), (self.depth_edit, "D"), (self.ri, "1.544")):
            edit.setPlaceholderText(hint)
        self.field = QComboBox()
        names = {
            "magnification": self.tr("Magnification"),
            "fluorescence": self.tr("Fluorescence"),
            "polariscope": self.tr("Polariscope"),
            "spectroscope": self.tr("Spectroscope"),
            "inclusions": self.tr("Inclusions"),
            "hallmark_text": self.tr("Hallmark text"),
            "metal_content": self.tr("Metal content (XRF)"),
            "condition": self.tr("Condition"),
            "note": self.tr("Note"),
        }
        for code in OBSERVATIONS:
            self.field.addItem(names[code], code)
        self.observation = QLineEdit()
        self.status = QLabel("")
        self.status.setWordWrap(True)
        dims = QHBoxLayout()
        for edit in (self.length, self.width_edit, self.depth_edit):
            dims.addWidget(edit)
        save_dims, save_ri, save_obs = (
            QPushButton(self.tr("Save")),
            QPushButton(self.tr("Save")),
            QPushButton(self.tr("Save")),
        )
        dims.addWidget(save_dims)
        ri = QHBoxLayout()
        ri.addWidget(self.ri)
        ri.addWidget(save_ri)
        # What is observed above, the observation and its Save below: on one line the three
        # needed more width than the column has in a 1366x768 window.
        obs = QVBoxLayout()
        obs.addWidget(self.field)
        typed = QHBoxLayout()
        typed.addWidget(self.observation, 1)
        typed.addWidget(save_obs)
        obs.addLayout(typed)
        form = QFormLayout(self)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)  # labels above: the fields get the width
        form.addRow(self.tr("Dimensions (mm)"), dims)
        form.addRow(self.tr("Refractive index"), ri)
        form.addRow(self.tr("Observation"), obs)
        form.addRow(self.status)
        save_dims.clicked.connect(self.save_dimensions)
        save_ri.clicked.connect(self.save_ri)
        save_obs.clicked.connect(self.save_observation)

    def set_tag(self, tag: str | None) -> None:
        if tag != self.tag:
            for edit in (self.length, self.width_edit, self.depth_edit, self.ri, self.observation):
                edit.clear()
            self._say("", "ok")
        self.tag = tag

    def _record(self, kind: str, value: Any, unit: str, device: dict | None) -> None:
        if not self.tag:
            return
        Op(
            self,
            self.ui.station.appraisal.record_measurement,
            self.ui.actor,
            self.tag,
            kind,
            value,
            unit,
            device=device,
        ).success(self._done).failure(lambda e: self._say(error_text(e, self.ui.lang), "error")).run()

    def save_dimensions(self) -> None:
        try:
            dims = {
                k: n
                for k, e in (("length", self.length), ("width", self.width_edit), ("depth", self.depth_edit))
                if (n := _number(e.text())) is not None
            }
        except ValidationError as exc:
            self._say(error_text(exc, self.ui.lang), "error")
            return
        self._record("dimensions", dims, "mm", None)

    def save_ri(self) -> None:
        try:
            self._record("refractive_index", _number(self.ri.text()), "1", None)
        except ValidationError as exc:
            self._say(error_text(exc, self.ui.lang), "error")

    def save_observation(self) -> None:
        # An observation is the appraiser's own reading through a loupe or lamp: a device-less
        # record that needs no manual-entry grant (it is not a typed-over instrument value).
        self._record(
            "other",
            {"field": self.field.currentData(), "text": self.observation.text()},
            "",
            {"type": "observation", "by": self.ui.actor.username},
        )

    def _done(self, m: Any) -> None:
        if m.tag != self.tag:
            return
        self._say(self.tr("Saved (%1)").replace("%1", m.kind), "ok")
        self.recorded.emit(m)

    def _say(self, text: str, status: str) -> None:
        self.status.setText(text)
        set_status(self.status, status)
