"""Cases: after-sale returns, warranty claims and merchant appeals (platform-api.md §6).

Scan the returned parcel's waybill (the case is received), or the certificate's QR or the
piece's tag (the case opens). The panel shows the claim and walks the case through its steps:
re-inspection (same piece? warranty facts, or the blind re-appraisal of an appeal), the
decision by another person, and what happens to the piece. The services decide who may do
what; the screen only offers it.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core import cases as vocab
from app.core.fingerprint import Comparison
from app.services.cases import CaseView, Inspection
from app.ui import wheel
from app.ui.cases.compare import ComparisonView
from app.ui.cases.reinspect import ReinspectPanel
from app.ui.context import UiContext
from app.ui.intake.feedback import Banner
from app.ui.ops import Op, error_text
from app.ui.screen import StationScreen


def _name(pair: tuple[str, str], lang: str) -> str:
    return pair[0] if lang.startswith("zh") else pair[1]


class CasesScreen(StationScreen):
    case_did_change = Signal(str)  # case_id, after any step or scan settled

    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ui, parent)
        self.case: CaseView | None = None
        self.comparison: Any = None  # app.core.fingerprint.Comparison, once compared
        self.images: list[bytes] = []  # drawn matches and photos of the re-inspection
        outer = QHBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        split = QSplitter()
        split.setChildrenCollapsible(False)
        outer.addWidget(split)
        side_w = QWidget()
        side = QVBoxLayout(side_w)
        side.setContentsMargins(0, 0, 6, 0)
        heading = QLabel(self.tr("Open cases"))
        heading.setProperty("role", "title")
        side.addWidget(heading)
        self.case_list = QListWidget()
        self.case_list.setObjectName("caseList")
        self.case_list.setMinimumWidth(200)
        self.case_list.setWordWrap(True)
        self.case_list.itemActivated.connect(lambda it: self.open_case(it.data(Qt.ItemDataRole.UserRole)))
        self.case_list.itemClicked.connect(lambda it: self.open_case(it.data(Qt.ItemDataRole.UserRole)))
        side.addWidget(self.case_list, 1)
        split.addWidget(side_w)

        main_w = QWidget()
        lay = QVBoxLayout(main_w)
        lay.setContentsMargins(6, 0, 0, 0)
        title = QLabel(self.tr("After-sale cases"))
        title.setProperty("role", "title")
        lay.addWidget(title)
        self.banner = Banner()
        self.banner.show_message(
            "info", self.tr("Scan the return parcel's waybill, the certificate QR or the tag"), sound=False
        )
        lay.addWidget(self.banner)
        entry = QHBoxLayout()
        self.code_edit = QLineEdit()
        self.code_edit.setObjectName("caseCode")
        self.code_edit.setPlaceholderText(self.tr("Waybill, certificate QR or tag (or scan)"))
        self.code_edit.returnPressed.connect(lambda: self.handle_scan(self.code_edit.text()))
        entry.addWidget(self.code_edit, 1)
        lay.addLayout(entry)
        self.summary = QLabel()
        self.summary.setObjectName("caseSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setStyleSheet("font-size: 16px;")
        lay.addWidget(self.summary)

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        body = QWidget()
        steps = QVBoxLayout(body)
        steps.setContentsMargins(0, 0, 0, 0)
        scroll.setWidget(body)
        lay.addWidget(scroll, 1)

        # receive
        self.receive_box = QGroupBox(self.tr("Receive"))
        form = QFormLayout(self.receive_box)
        self.damaged = QCheckBox(self.tr("Parcel damaged"))
        self.damaged.setObjectName("caseDamaged")
        form.addRow(self.damaged)
        self.receive_btn = QPushButton(self.tr("Receive without a parcel (piece never left)"))
        self.receive_btn.setObjectName("btn_receive_case")
        self.receive_btn.clicked.connect(lambda: self.receive(None))
        form.addRow(self.receive_btn)
        steps.addWidget(self.receive_box)

        # re-inspection
        self.inspect_box = QGroupBox(self.tr("Re-inspection"))
        form = QFormLayout(self.inspect_box)
        self.start_btn = QPushButton(self.tr("Start re-inspection"))
        self.start_btn.setObjectName("btn_start_inspection")
        self.start_btn.clicked.connect(
            lambda: self._step(self.ui.station.cases.start_inspection, self.ui.actor, self._cid())
        )
        form.addRow(self.start_btn)
        # the station's balance, camera and box measure the piece again; the comparison with the
        # certified fingerprint is shown side by side (ComparisonView)
        self.comparison_view = ComparisonView()
        self.reinspect = ReinspectPanel(self.ui, self.comparison_view.view_name)
        self.reinspect.compare_requested.connect(self.compare_captured)
        self.reinspect.reproduced.connect(self._reproduced)
        form.addRow(self.reinspect)
        self.findings = self.comparison_view.table
        self.findings.setMinimumHeight(120)
        form.addRow(self.comparison_view)
        self.same_piece = QComboBox()
        self.same_piece.setObjectName("caseSamePiece")
        form.addRow(self.tr("Same piece"), self.same_piece)
        self.override = QLineEdit()
        self.override.setObjectName("caseOverride")
        self.override.setPlaceholderText(self.tr("Reason, when you differ from the comparison"))
        form.addRow(self.tr("Reason"), self.override)
        self.reproduced = QCheckBox(self.tr("Defect reproduced by the box function test"))
        self.reproduced.setObjectName("caseReproduced")
        self.certified_working = QCheckBox(self.tr("The certificate called this function working"))
        self.certified_working.setObjectName("caseCertifiedWorking")
        self.after_sale = QCheckBox(self.tr("Damage after sale (drop, liquid, opened)"))
        self.after_sale.setObjectName("caseAfterSale")
        for box in (self.reproduced, self.certified_working, self.after_sale):
            form.addRow(box)
        self.verdict = QComboBox()
        self.verdict.setObjectName("caseVerdict")
        self.verdict.addItem(self.tr("Passes (genuine, as declared)"), "pass")
        self.verdict.addItem(self.tr("Fails"), "fail")
        self.verdict_label = QLabel(self.tr("Blind re-appraisal"))
        form.addRow(self.verdict_label, self.verdict)
        self.inspect_btn = QPushButton(self.tr("Record re-inspection"))
        self.inspect_btn.setObjectName("btn_record_inspection")
        self.inspect_btn.setProperty("role", "primary")
        self.inspect_btn.clicked.connect(lambda: self.record_inspection())
        form.addRow(self.inspect_btn)
        steps.addWidget(self.inspect_box)

        # decision
        self.decide_box = QGroupBox(self.tr("Decision (not by the inspector)"))
        form = QFormLayout(self.decide_box)
        self.decision = QComboBox()
        self.decision.setObjectName("caseDecision")
        form.addRow(self.tr("Decision"), self.decision)
        self.reason_code = QComboBox()
        self.reason_code.setObjectName("caseReasonCode")
        form.addRow(self.tr("Reason"), self.reason_code)
        self.note = QLineEdit()
        self.note.setObjectName("caseNote")
        form.addRow(self.tr("Note"), self.note)
        self.decide_btn = QPushButton(self.tr("Decide"))
        self.decide_btn.setObjectName("btn_decide_case")
        self.decide_btn.setProperty("role", "primary")
        self.decide_btn.clicked.connect(lambda: self.decide())
        form.addRow(self.decide_btn)
        steps.addWidget(self.decide_box)

        # disposition
        self.dispose_box = QGroupBox(self.tr("The piece"))
        form = QFormLayout(self.dispose_box)
        self.disposition = QComboBox()
        self.disposition.setObjectName("caseDisposition")
        form.addRow(self.tr("Send to"), self.disposition)
        self.out_waybill = QLineEdit()
        self.out_waybill.setObjectName("caseOutWaybill")
        self.out_waybill.setPlaceholderText(self.tr("Outbound waybill (not for a hold)"))
        form.addRow(self.tr("Waybill"), self.out_waybill)
        self.dispose_btn = QPushButton(self.tr("Record"))
        self.dispose_btn.setObjectName("btn_dispose_case")
        self.dispose_btn.clicked.connect(lambda: self.dispose())
        form.addRow(self.dispose_btn)
        steps.addWidget(self.dispose_box)
        steps.addStretch(1)
        wheel.guard(body)  # the wheel scrolls the steps; it never changes a verdict in passing
        split.addWidget(main_w)
        split.setStretchFactor(1, 1)
        self._fill_vocab()
        self._show(None)

    # -- vocabularies, in the person's language, from app.core.cases ----------------------------
    def _fill_vocab(self) -> None:
        lang = self.ui.lang
        for same in vocab.SAME_PIECE:
            self.same_piece.addItem(_name(vocab.SAME_PIECE_NAMES[same], lang), same)
        for code in vocab.DECISIONS:
            self.decision.addItem(_name(vocab.DECISION_NAMES[code], lang), code)
        for code in vocab.DISPOSITIONS:
            self.disposition.addItem(_name(vocab.DISPOSITION_NAMES[code], lang), code)

    def _reasons_for(self, kind: str) -> None:
        self.reason_code.clear()
        for code in vocab.REASON_CODES:
            if code in vocab.KIND_REASONS[kind]:
                self.reason_code.addItem(_name(vocab.REASON_NAMES[code], self.ui.lang), code)

    # -- the screen ---------------------------------------------------------------------------------
    def activated(self) -> None:
        self.refresh()
        self.reinspect.start()

    def shutdown(self) -> None:
        self.reinspect.stop()
        super().shutdown()

    def _reproduced(self, outcome: object) -> None:
        """The box's function test of the claimed defect; the inspector may still change it."""
        if isinstance(outcome, bool):
            self.reproduced.setChecked(outcome)

    def refresh(self) -> None:
        Op(self, self.ui.station.cases.open_cases).success(self._listed).failure(self._failed).run()

    def _listed(self, views: list[CaseView]) -> None:
        self.case_list.clear()
        lang = self.ui.lang
        for v in views:
            text = (
                f"{v.case_id}\n{_name(vocab.KIND_NAMES[v.kind], lang)} · "
                f"{_name(vocab.CASE_STATE_NAMES[vocab.CaseState(v.state)], lang)}\n{v.title}"
            )
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, v.case_id)
            self.case_list.addItem(item)

    def handle_scan(self, code: str) -> bool:
        code = code.strip()
        if not code:
            return False
        self.code_edit.clear()
        Op(self, self.ui.station.cases.find_by_scan, code).success(lambda v: self._scanned(code, v)).failure(
            self._failed
        ).run()
        return True

    def _scanned(self, code: str, view: CaseView) -> None:
        self._show(view)
        # The return parcel's waybill, scanned while the case waits for it: that is the receipt.
        if (
            view.state == vocab.CaseState.OPEN.value
            and view.inbound_waybill
            and code.replace(" ", "").upper() == view.inbound_waybill
        ):
            self.receive(view.inbound_waybill)

    def open_case(self, case_id: str) -> None:
        Op(self, self.ui.station.cases.view, case_id, self.ui.actor).success(self._show).failure(self._failed).run()

    def _cid(self) -> str:
        return self.case.case_id if self.case else ""

    def _step(self, fn: Any, *args: Any, **kwargs: Any) -> None:
        if self.case is None:
            return
        Op(self, fn, *args, **kwargs).success(self._stepped).failure(self._failed).run()

    def _stepped(self, view: CaseView) -> None:
        self._show(view)
        lang = self.ui.lang
        self.banner.show_message(
            "ok", f"{view.case_id}: {_name(vocab.CASE_STATE_NAMES[vocab.CaseState(view.state)], lang)}"
        )
        self.refresh()

    def _failed(self, error: BaseException) -> None:
        self.banner.show_message("error", error_text(error, self.ui.lang))

    def receive(self, waybill: str | None) -> None:
        self._step(
            self.ui.station.cases.receive,
            self.ui.actor,
            self._cid(),
            waybill=waybill,
            package_condition="damaged" if self.damaged.isChecked() else "intact",
        )

    def record_inspection(self) -> None:
        if self.case is None:
            return
        warranty = self.case.kind == "warranty_claim"
        appeal = self.case.kind == "merchant_appeal"
        inspection = Inspection(
            same_piece=self.same_piece.currentData(),
            comparison=self.comparison,
            override_reason=self.override.text().strip() or None,
            images=list(self.images),
            reports=self.reinspect.reports(),
            reproduced=self.reproduced.isChecked() if warranty else None,
            function_certified_working=self.certified_working.isChecked() if warranty else None,
            damage_after_sale=self.after_sale.isChecked() if warranty else None,
            reappraisal_verdict=self.verdict.currentData() if appeal else None,
        )
        self._step(self.ui.station.cases.record_inspection, self.ui.actor, self._cid(), inspection)

    def decide(self) -> None:
        self._step(
            self.ui.station.cases.decide,
            self.ui.actor,
            self._cid(),
            decision=self.decision.currentData(),
            reason_code=self.reason_code.currentData(),
            note=self.note.text().strip(),
        )

    def dispose(self) -> None:
        self._step(
            self.ui.station.cases.dispose,
            self.ui.actor,
            self._cid(),
            disposition=self.disposition.currentData(),
            waybill=self.out_waybill.text().strip() or None,
        )

    def _show(self, view: CaseView | None) -> None:
        changed = view is None or self.case is None or view.case_id != self.case.case_id
        self.case = view
        if changed:
            self.comparison, self.images = None, []
            self.comparison_view.clear()
            for w in (self.override, self.note, self.out_waybill):
                w.clear()
        state = vocab.CaseState(view.state) if view else None
        for box, at in (
            (self.receive_box, {vocab.CaseState.OPEN}),
            (self.inspect_box, {vocab.CaseState.RECEIVED, vocab.CaseState.INSPECTING}),
            (self.decide_box, {vocab.CaseState.INSPECTED}),
            (self.dispose_box, {vocab.CaseState.DECIDED}),
        ):
            box.setEnabled(state in at)
        if view is None:
            self.summary.setText(self.tr("No case open."))
            return
        lang = self.ui.lang
        self.start_btn.setEnabled(state is vocab.CaseState.RECEIVED)
        self.inspect_btn.setEnabled(state is vocab.CaseState.INSPECTING)
        self.receive_btn.setVisible(view.inbound_waybill is None)
        warranty, appeal = view.kind == "warranty_claim", view.kind == "merchant_appeal"
        for check in (self.reproduced, self.certified_working, self.after_sale):
            check.setVisible(warranty)
        self.verdict.setVisible(appeal)
        self.verdict_label.setVisible(appeal)
        self._reasons_for(view.kind)
        self.reinspect.set_case(view if state is vocab.CaseState.INSPECTING else None)
        self._fill_findings(view.findings)
        lines = [
            f"{view.case_id} · {_name(vocab.KIND_NAMES[view.kind], lang)} · "
            f"{_name(vocab.CASE_STATE_NAMES[vocab.CaseState(view.state)], lang)}",
            f"{view.item_tag} · {view.title}",
        ]
        if view.certificate_no:
            lines.append(
                self.tr("Certificate %1, certified %2")
                .replace("%1", view.certificate_no)
                .replace("%2", view.certified_on.isoformat() if view.certified_on else "?")
            )
        if view.in_warranty is not None:
            lines.append(
                self.tr("Within the 180-day warranty") if view.in_warranty else self.tr("Outside the 180-day warranty")
            )
        if view.inbound_waybill:
            lines.append(self.tr("Return waybill: %1").replace("%1", view.inbound_waybill))
        lines.append(self.tr("Statement: %1").replace("%1", view.statement or "—"))
        if view.decision:
            lines.append(
                f"{_name(vocab.DECISION_NAMES[view.decision], lang)} · "
                f"{_name(vocab.REASON_NAMES[view.reason_code or 'other'], lang)}"
            )
        if state is vocab.CaseState.CANCELLED:
            self.banner.show_message(
                "warn", self.tr("The platform cancelled this case: stop work on it and hand the piece to a supervisor")
            )
        self.summary.setText("\n".join(lines))
        self.case_did_change.emit(view.case_id)

    def compare(self, found: Any, photos: dict[str, bytes]) -> None:
        """Compare what was measured and photographed now with the certified fingerprint
        (``station.fingerprints.compare``, on a worker: feature matching takes a moment)."""
        if self.case is None:
            return
        Op(self, self.ui.station.fingerprints.compare, self.case.item_tag, found, photos, kind="device").success(
            lambda result: self.set_comparison(
                result[0], list(result[1].values()) + list(photos.values()), drawn=result[1]
            )
        ).failure(self._failed).run()

    def compare_captured(self) -> None:
        """Compare what the panel captured from the balance, camera and box."""
        self.compare(self.reinspect.found(), self.reinspect.photos())

    def set_comparison(self, comparison: Any, images: list[bytes], drawn: dict[str, bytes] | None = None) -> None:
        """The comparison with the certified fingerprint (``station.fingerprints.compare``):
        its findings fill the table and its proposal the same-piece choice, which the
        inspector confirms or overrides with a reason."""
        from app.services.cases import finding_row

        self.comparison, self.images = comparison, list(images)
        if isinstance(comparison, Comparison):
            self.comparison_view.show_comparison(comparison, drawn or {})
        else:
            self._fill_findings([finding_row(f) for f in getattr(comparison, "findings", None) or []])
        proposed = getattr(comparison, "same_piece", None)
        proposed = str(getattr(proposed, "value", proposed))
        index = self.same_piece.findData(proposed)
        if index >= 0:
            self.same_piece.setCurrentIndex(index)

    def _fill_findings(self, findings: list[dict[str, Any]]) -> None:
        self.findings.setRowCount(len(findings))
        for row, f in enumerate(findings):
            for col, key in enumerate(("field", "certified", "found", "verdict")):
                self.findings.setItem(row, col, QTableWidgetItem("" if f.get(key) is None else str(f.get(key))))


Screen = CasesScreen
