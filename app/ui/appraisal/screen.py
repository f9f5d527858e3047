"""Jewellery appraisal station: scan a tag, weigh (live balance), specific gravity, other
measurements, photos, the grading form with its live certificate name, declared against
found, and the verdict. Every service call and device wait runs through ``Op``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.core.errors import TWError, ValidationError
from app.core.grading import GradingResult
from app.core.lifecycle import STATE_NAMES, ItemState
from app.core.tags import looks_like_tag
from app.services.appraisal_rules import evaluate, mass_for_result, required_views
from app.services.station import Station
from app.ui.appraisal.form import JewelryForm
from app.ui.appraisal.measures import MeasuresPanel
from app.ui.appraisal.photos import PhotoPanel
from app.ui.appraisal.sg import GravityPanel
from app.ui.appraisal.verdict import DeclaredTable, RejectDialog, findings_text
from app.ui.appraisal.weigh import WeighPanel
from app.ui.context import UiContext
from app.ui.ops import Op, error_text
from app.ui.screen import StationScreen
from app.ui.style import set_status


@dataclass(frozen=True)
class Loaded:
    item: Any
    latest: dict[str, Any]
    photos: dict[str, Any]
    grading: Any


def load(station: Station, actor: Any, tag: str) -> Loaded:
    """Open an item for appraisal (starting it when just received); runs off the GUI thread."""
    item = station.items.find(tag)
    if item.category != "jewelry":
        raise ValidationError("这是手机，请在手机检测工位处理", "This is a phone; use the phone inspection station")
    if item.state == ItemState.RECEIVED:
        item = station.appraisal.start(actor, tag)
    return Loaded(item, station.appraisal.latest_measurements(tag), station.photos.latest(tag),
                  station.appraisal.latest_grading(tag))


def _group(title: str, widget: QWidget) -> QGroupBox:
    box = QGroupBox(title)
    QVBoxLayout(box).addWidget(widget)
    return box


class JewelryAppraisalScreen(StationScreen):
    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ui, parent)
        self.loaded: Loaded | None = None
        self.evaluation: Any = None
        title = QLabel(self.tr("Jewelry appraisal"))
        title.setProperty("role", "title")
        self.tag_edit = QLineEdit()
        self.tag_edit.setObjectName("tagEdit")
        self.tag_edit.setPlaceholderText(self.tr("Scan or type the item tag"))
        self.tag_edit.returnPressed.connect(lambda: self.open(self.tag_edit.text()))
        self.item_label = QLabel(self.tr("No item open. Scan a tag to start."))
        self.item_label.setObjectName("itemLabel")
        self.item_label.setStyleSheet("font-size: 17px;")
        self.message = QLabel("")
        self.message.setObjectName("screenMessage")
        self.message.setWordWrap(True)
        self.weigh, self.sg, self.measures = WeighPanel(ui), GravityPanel(ui), MeasuresPanel(ui)
        self.photos, self.form = PhotoPanel(ui), JewelryForm(ui.zh)
        self.table = DeclaredTable(ui.zh)
        self.findings = QLabel("")
        self.findings.setObjectName("findings")
        self.findings.setWordWrap(True)
        self.pass_btn = QPushButton(self.tr("Pass → send to review"))
        self.pass_btn.setObjectName("passButton")
        self.pass_btn.setProperty("role", "primary")
        self.fail_btn = QPushButton(self.tr("Fail → reject…"))
        self.fail_btn.setObjectName("failButton")
        self.fail_btn.setProperty("role", "danger")

        head = QHBoxLayout()
        head.addWidget(title)
        head.addWidget(self.tag_edit, 1)
        cols = QHBoxLayout()
        col1, col2, col3 = QVBoxLayout(), QVBoxLayout(), QVBoxLayout()
        col1.addWidget(_group(self.tr("Weighing"), self.weigh))
        col1.addWidget(_group(self.tr("Specific gravity"), self.sg))
        col1.addStretch(1)
        col2.addWidget(_group(self.tr("Photos"), self.photos))
        col2.addWidget(_group(self.tr("Other measurements"), self.measures))
        col2.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form)
        col3.addWidget(_group(self.tr("Grading"), scroll), 1)
        col3.addWidget(self.table)
        col3.addWidget(self.findings)
        buttons = QHBoxLayout()
        buttons.addWidget(self.pass_btn)
        buttons.addWidget(self.fail_btn)
        col3.addLayout(buttons)
        for col, stretch in ((col1, 4), (col2, 4), (col3, 6)):
            cols.addLayout(col, stretch)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.item_label)
        layout.addWidget(self.message)
        layout.addLayout(cols, 1)

        for panel in (self.weigh, self.sg, self.measures):
            panel.recorded.connect(lambda _m: self.reload())
        self.photos.attached.connect(lambda _p: self._update_verdict())
        self.form.changed.connect(self._update_verdict)
        self.pass_btn.clicked.connect(self.grade_pass)
        self.fail_btn.clicked.connect(self.grade_fail)
        self._set_tag(None)

    # ---------------------------------------------------------------- station hooks

    def handle_scan(self, code: str) -> bool:
        if not looks_like_tag(code):
            return False
        self.open(code)
        return True

    def activated(self) -> None:
        self.weigh.start()
        self.photos.start()

    def shutdown(self) -> None:
        self.weigh.stop()
        self.photos.stop()

    def hideEvent(self, event: Any) -> None:  # noqa: N802 - Qt name
        self.photos.stop()
        super().hideEvent(event)

    # ---------------------------------------------------------------- loading

    def open(self, tag: str) -> None:
        tag = tag.strip().upper()
        self.tag_edit.setText(tag)
        Op(self, load, self.ui.station, self.ui.actor, tag).success(self._show).failure(self._failed).run()

    def reload(self) -> None:
        if self.loaded is not None:
            self.open(self.loaded.item.tag)

    def _set_tag(self, tag: str | None) -> None:
        for panel in (self.weigh, self.sg, self.measures, self.photos):
            panel.tag = tag
        self.photos.set_taken({})
        working = tag is not None and self.loaded is not None and self.loaded.item.state in ("in_appraisal", "graded")
        self.pass_btn.setEnabled(working)
        self.fail_btn.setEnabled(working)

    def _show(self, loaded: Loaded) -> None:
        self.loaded = loaded
        item = loaded.item
        state = STATE_NAMES[ItemState(item.state)][0 if self.ui.zh else 1]
        self.item_label.setText(f"<b>{item.tag}</b>　{item.title}　·　{item.merchant_name or ''}　·　"
                                f"<b>{state}</b>")
        self._set_tag(item.tag)
        self.photos.set_taken(loaded.photos)
        self.sg.set_measurements(loaded.latest)
        mass = loaded.latest.get("mass")
        self.form.set_total_mass(mass_for_result(mass.value) if mass is not None else None)
        grading = loaded.grading
        text = "" if grading is None else self.tr("Revision %1 by %2: %3").replace("%1", str(grading.revision)) \
            .replace("%2", grading.graded_by).replace("%3", grading.name or "")
        self._say(text, "ok")

    def _update_verdict(self) -> None:
        found = None
        try:
            found = self.form.result()
        except TWError:
            pass
        if found is not None:
            self.photos.set_required(required_views(found))
            self.sg.set_material(found.main_stone.material if found.main_stone and found.main_stone.material
                                 else found.metal)
        declared = self.loaded.item.declared if self.loaded else {}
        sg = [m.extra for k, m in (self.loaded.latest.items() if self.loaded else ()) if k == "specific_gravity"]
        self.evaluation = evaluate(declared, found, sg) if found is not None else None
        self.table.show_comparison(declared, found, self.evaluation)
        text, status = findings_text(self.evaluation, self.ui.zh)
        self.findings.setText(text)
        set_status(self.findings, status)

    # ---------------------------------------------------------------- verdict

    def grade_pass(self) -> None:
        if self.loaded is None:
            return
        try:
            result = GradingResult("jewelry", "pass", jewelry=self.form.result())
        except TWError as exc:
            self._failed(exc)
            return
        Op(self, self.ui.station.appraisal.record_grading, self.ui.actor, self.loaded.item.tag, result).success(
            lambda g: self._graded(self.tr("Revision %1 passed and sent to review: %2")
                                   .replace("%1", str(g.revision)).replace("%2", g.name or ""))).failure(
            self._failed).run()

    def grade_fail(self) -> None:
        if self.loaded is None:
            return
        suggested = self.evaluation.reason_code if self.evaluation else None
        dialog = RejectDialog(self.ui.zh, suggested, findings_text(self.evaluation, self.ui.zh)[0], self)
        dialog.accepted.connect(lambda: self._reject(*dialog.values()))
        dialog.open()

    def _reject(self, reason: str, note: str) -> None:
        assert self.loaded is not None
        tag, svc, actor = self.loaded.item.tag, self.ui.station.appraisal, self.ui.actor
        try:
            result = GradingResult("jewelry", "fail", jewelry=self.form.result(), reason_code=reason, note=note)
        except TWError as exc:
            self._failed(exc)
            return

        def work() -> Any:
            svc.record_grading(actor, tag, result)
            return svc.reject(actor, tag, reason, note)

        Op(self, work).success(lambda _v: self._graded(self.tr("Failed and rejected."))).failure(self._failed).run()

    def _graded(self, text: str) -> None:
        self.reload()
        self._say(text, "ok")

    def _failed(self, error: BaseException) -> None:
        self._say(error_text(error, self.ui.lang), "error")

    def _say(self, text: str, status: str) -> None:
        self.message.setText(text)
        set_status(self.message, status)


Screen = JewelryAppraisalScreen
