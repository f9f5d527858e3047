"""Jewellery appraisal station: scan a tag, weigh (live balance), specific gravity, other
measurements, photos, the grading form with its live certificate name, declared against
found, and the verdict. Every service call and device wait runs through ``Op``."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.core.errors import TWError
from app.core.grading import GradingResult, check_justified, red_findings
from app.core.lifecycle import STATE_NAMES, ItemState
from app.core.tags import looks_like_tag
from app.services.appraisal_rules import evaluate, mass_for_result, required_views, sg_material
from app.ui import keys
from app.ui.appraisal.form import JewelryForm
from app.ui.appraisal.layout import column, group, scrolled
from app.ui.appraisal.loading import Loaded, load
from app.ui.appraisal.measures import MeasuresPanel
from app.ui.appraisal.photos import PhotoPanel
from app.ui.appraisal.sg import GravityPanel
from app.ui.appraisal.verdict import DeclaredTable, RejectDialog, findings_text
from app.ui.appraisal.weigh import WeighPanel
from app.ui.context import UiContext
from app.ui.ops import Op, error_text
from app.ui.screen import StationScreen
from app.ui.style import set_status


class JewelryAppraisalScreen(StationScreen):
    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ui, parent)
        self.loaded: Loaded | None = None
        self.evaluation: Any = None
        self.editing = False  # a recorded revision is shown read-only until a new one is started
        self._after_reveal: str | None = None  # blind: what to do once the declaration is shown
        self._wanted: str | None = None  # the tag last asked for: a late load of another is dropped
        self._dialog: RejectDialog | None = None
        title = QLabel(self.tr("Jewelry appraisal"))
        title.setProperty("role", "title")
        self.tag_edit = QLineEdit()
        self.tag_edit.setObjectName("tagEdit")
        self.tag_edit.setPlaceholderText(self.tr("Scan or type the item tag"))
        self.tag_edit.returnPressed.connect(lambda: self.open(self.tag_edit.text()))
        self.item_label = QLabel()
        self.item_label.setObjectName("itemLabel")
        self.item_label.setWordWrap(True)
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
        self.justification = QPlainTextEdit()
        self.justification.setObjectName("justification")
        self.justification.setPlaceholderText(self.tr("Red findings: write why the piece passes anyway"))
        self.justification.setMaximumHeight(70)
        self.justification.setTabChangesFocus(True)
        self.new_rev_btn = QPushButton(self.tr("New revision"))
        self.new_rev_btn.setObjectName("newRevisionButton")
        self.pass_btn = QPushButton(self.tr("Pass → send to review"))
        self.pass_btn.setObjectName("passButton")
        self.pass_btn.setProperty("role", "primary")
        self.fail_btn = QPushButton(self.tr("Fail → reject…"))
        self.fail_btn.setObjectName("failButton")
        self.fail_btn.setProperty("role", "danger")
        keys.bind(self.new_rev_btn, "F4", command="new_revision")
        keys.bind(self.pass_btn, "F9", command="pass")
        keys.bind(self.fail_btn, "F10", command="fail")

        head = QHBoxLayout()
        head.addWidget(title)
        head.addWidget(self.tag_edit, 1)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.setChildrenCollapsible(False)
        scales = column(group(self.tr("Weighing"), self.weigh), group(self.tr("Specific gravity"), self.sg))
        scales.setObjectName("scalesColumn")
        split.addWidget(scrolled(scales))
        looks = column(group(self.tr("Photos"), self.photos), group(self.tr("Other measurements"), self.measures))
        looks.setObjectName("photosColumn")
        split.addWidget(scrolled(looks))
        verdict = QWidget()
        vlay = QVBoxLayout(verdict)
        vlay.setContentsMargins(0, 0, 0, 0)
        # Form above, declared-vs-found below, in a splitter: on a small screen the form keeps
        # its room and the comparison scrolls.
        vsplit = QSplitter(Qt.Orientation.Vertical)
        vsplit.setChildrenCollapsible(False)
        vsplit.addWidget(group(self.tr("Grading"), scrolled(self.form)))
        vsplit.addWidget(scrolled(column(self.table, self.findings)))
        vsplit.setStretchFactor(0, 3)
        vsplit.setStretchFactor(1, 2)
        vlay.addWidget(vsplit, 1)
        vlay.addWidget(self.justification)
        buttons = QGridLayout()
        buttons.addWidget(self.new_rev_btn, 0, 0, 1, 2)
        buttons.addWidget(self.pass_btn, 1, 0)
        buttons.addWidget(self.fail_btn, 1, 1)
        vlay.addLayout(buttons)
        split.addWidget(verdict)
        for i, stretch in enumerate((4, 4, 5)):
            split.setStretchFactor(i, stretch)
        split.setSizes([330, 300, 400])
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.item_label)
        layout.addWidget(self.message)
        layout.addWidget(split, 1)
        # Tab order: tag, weighing, SG, photos, measures, the form, justification, the verdict buttons.
        chain = [
            self.tag_edit,
            self.weigh.capture_btn,
            self.sg.compute_btn,
            *self.photos.buttons(),
            *self.form.tab_chain(),
            self.justification,
            self.new_rev_btn,
            self.pass_btn,
            self.fail_btn,
        ]
        for a, b in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(a, b)

        for panel in (self.weigh, self.sg, self.measures):
            panel.recorded.connect(lambda _m: self.reload())
        self.photos.attached.connect(lambda _p: self._update_verdict())
        self.form.changed.connect(self._update_verdict)
        self.new_rev_btn.clicked.connect(self.new_revision)
        self.pass_btn.clicked.connect(self.grade_pass)
        self.fail_btn.clicked.connect(self.grade_fail)
        self._reset()

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
        if self.loaded is None or self.loaded.item.tag != tag:
            self._reset()  # nothing of the last item may be shown, graded or printed for this one
        self._wanted = tag
        Op(self, load, self.ui.station, self.ui.actor, tag).success(self._show).failure(
            lambda e: self._failed(e) if self._wanted == tag else None
        ).run()

    def reload(self) -> None:
        if self.loaded is not None:
            self.open(self.loaded.item.tag)

    def _reset(self) -> None:
        """Every panel back to empty: form, SG, weighing status, photos, findings, messages."""
        if self._dialog is not None:  # a pending reject dialog belongs to the item being closed
            self._dialog.reject()
            self._dialog = None
        self.loaded, self.evaluation, self.editing = None, None, False
        self.form.clear()
        self._set_tag(None)
        self.table.show_comparison({}, None, None)
        self.findings.setText("")
        self.justification.clear()
        self.justification.setVisible(False)
        self.item_label.setText(self.tr("No item open. Scan a tag to start."))
        self._say("", "ok")

    def _set_tag(self, tag: str | None) -> None:
        for panel in (self.weigh, self.sg, self.measures, self.photos):
            panel.set_tag(tag)
        self._enable_verdict()

    def _enable_verdict(self) -> None:
        loaded = self.loaded
        working = loaded is not None and loaded.item.state in (ItemState.IN_APPRAISAL, ItemState.GRADED)
        graded = loaded is not None and loaded.grading is not None
        self.pass_btn.setEnabled(working and (self.editing or not graded))
        self.fail_btn.setEnabled(working and (self.editing or not graded))
        self.new_rev_btn.setEnabled(working and graded and not self.editing)
        self.form.set_read_only(graded and not self.editing)

    def _show(self, loaded: Loaded) -> None:
        if loaded.item.tag != self._wanted:
            return  # a late answer for an item no longer open
        same = self.loaded is not None and self.loaded.item.tag == loaded.item.tag
        self.loaded = loaded
        item = loaded.item
        state = STATE_NAMES[ItemState(item.state)][0 if self.ui.zh else 1]
        if loaded.blind:
            blind = self.tr("Blind appraisal: merchant and declaration are shown once the findings are saved")
            self.item_label.setText(f"<b>{item.tag}</b>　·　{blind}　·　<b>{state}</b>")
        else:
            self.item_label.setText(
                f"<b>{item.tag}</b>　{item.title}　·　{item.merchant_name or ''}　·　<b>{state}</b>"
            )
        self._set_tag(item.tag)
        self.photos.set_taken(loaded.photos)
        self.sg.set_measurements(loaded.latest)
        grading = loaded.grading
        if grading is not None and grading.result.jewelry is not None and not self.editing:
            self.form.show_result(grading.result.jewelry)  # what was recorded, read-only
            self.justification.setPlainText(grading.result.justification)
        if self.editing or grading is None:
            mass = loaded.latest.get("mass")
            self.form.set_total_mass(mass_for_result(mass.value) if mass is not None else None)
        self._enable_verdict()
        self._update_verdict()
        if not same and not self.form.read_only:
            self.form.piece.setFocus()  # weighing and photos are keys; the form is where typing goes
        then, self._after_reveal = self._after_reveal, None
        if then == "justify" and self.justification.isVisible():
            self.justification.setFocus()  # the refused pass needs a written reason, now that it is known
        elif then == "fail" and not loaded.blind:
            self.grade_fail()
        if not same:
            text = (
                ""
                if grading is None
                else self.tr("Revision %1 by %2: %3")
                .replace("%1", str(grading.revision))
                .replace("%2", grading.graded_by)
                .replace("%3", grading.name or "")
            )
            self._say(text, "ok")

    def new_revision(self) -> None:
        """Edit a copy of the recorded result; recording it makes revision n+1."""
        if self.loaded is None or self.loaded.grading is None:
            return
        self.editing = True
        mass = self.loaded.latest.get("mass")
        self.form.set_total_mass(mass_for_result(mass.value) if mass is not None else None)
        self._enable_verdict()
        self._update_verdict()
        self._say(self.tr("New revision: change the result, then pass or fail."), "ok")
        self.form.piece.setFocus()

    def _update_verdict(self) -> None:
        found = None
        try:
            found = self.form.result()
        except TWError:
            pass
        if found is not None:
            self.photos.set_required(required_views(found))
            self.sg.set_material(sg_material(found))
        declared = self.loaded.item.declared if self.loaded else {}
        sg = [m.extra for k, m in (self.loaded.latest.items() if self.loaded else ()) if k == "specific_gravity"]
        self.evaluation = evaluate(declared, found, sg) if found is not None and self.loaded else None
        self.table.show_comparison(declared, found, self.evaluation)
        text, status = findings_text(self.evaluation, self.ui.zh)
        self.findings.setText(text)
        set_status(self.findings, status)
        self.justification.setVisible(bool(red_findings(self.evaluation)) or bool(self.justification.toPlainText()))
        self.justification.setReadOnly(self.form.read_only)

    # ---------------------------------------------------------------- verdict

    def grade_pass(self) -> None:
        if self.loaded is None:
            return
        try:
            result = GradingResult(
                "jewelry", "pass", jewelry=self.form.result(), justification=self.justification.toPlainText().strip()
            )
            check_justified("pass", red_findings(self.evaluation), result.justification)
        except TWError as exc:
            self._failed(exc)
            if self.justification.isVisible():
                self.justification.setFocus()
            return
        tag, blind = self.loaded.item.tag, self.loaded.blind
        Op(self, self.ui.station.appraisal.record_grading, self.ui.actor, tag, result).success(
            lambda g: self._graded(
                tag,
                self.tr("Revision %1 passed and sent to review: %2")
                .replace("%1", str(g.revision))
                .replace("%2", g.name or ""),
            )
        ).failure(lambda e: self._pass_refused(tag, blind, e)).run()

    def _pass_refused(self, tag: str, blind: bool, error: BaseException) -> None:
        if self._wanted != tag:
            return
        self._failed(error)
        if blind:  # the findings were saved blind before the refusal: show the declaration now
            self._after_reveal = "justify"
            self.reload()

    def grade_fail(self) -> None:
        if self.loaded is None:
            return
        if self.loaded.blind:
            self._save_blind_findings_then_fail()
            return
        suggested = self.evaluation.reason_code if self.evaluation else None
        dialog = RejectDialog(self.ui.zh, suggested, findings_text(self.evaluation, self.ui.zh)[0], self)
        tag = self.loaded.item.tag
        dialog.accepted.connect(lambda: self._reject(tag, *dialog.values()))
        self._dialog = dialog
        dialog.open()

    def _save_blind_findings_then_fail(self) -> None:
        """Blind: what was found is saved first (revealing the declaration), then the reject
        dialog opens with the comparison and its suggested reason."""
        assert self.loaded is not None
        try:
            findings = GradingResult("jewelry", "pass", jewelry=self.form.result())
        except TWError as exc:
            self._failed(exc)
            return
        tag = self.loaded.item.tag

        def revealed(_view: Any) -> None:
            if self._wanted == tag:
                self._after_reveal = "fail"
                self.reload()

        Op(self, self.ui.station.appraisal.record_blind_findings, self.ui.actor, tag, findings).success(
            revealed
        ).failure(lambda e: self._failed(e) if self._wanted == tag else None).run()

    def _reject(self, tag: str, reason: str, note: str) -> None:
        self._dialog = None
        if self.loaded is None or self.loaded.item.tag != tag:
            return  # the dialog belonged to an item that is no longer open
        svc, actor = self.ui.station.appraisal, self.ui.actor
        try:
            result = GradingResult("jewelry", "fail", jewelry=self.form.result(), reason_code=reason, note=note)
        except TWError as exc:
            self._failed(exc)
            return

        def work() -> Any:
            svc.record_grading(actor, tag, result)
            return svc.reject(actor, tag, reason, note)

        Op(self, work).success(lambda _v: self._graded(tag, self.tr("Failed and rejected."))).failure(
            lambda e: self._failed(e) if self._wanted == tag else None
        ).run()

    def _graded(self, tag: str, text: str) -> None:
        if self._wanted != tag:
            return  # recorded for that item; another one is open now
        self.editing = False
        self.reload()
        self._say(text, "ok")

    def _failed(self, error: BaseException) -> None:
        self._say(error_text(error, self.ui.lang), "error")

    def _say(self, text: str, status: str) -> None:
        self.message.setText(text)
        set_status(self.message, status)


Screen = JewelryAppraisalScreen
