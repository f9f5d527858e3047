"""The re-inspection's inspection box (phones): a session run on the "io" pool (identity,
parts, battery), its operator prompts answered in a panel, and for a warranty claim whether
the function test of the claimed defect reproduced it."""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core import cases as case_rules
from app.core import fingerprint as fpc
from app.core.vocab.phone import FUNCTION_TESTS
from app.devices.box import InspectionResult
from app.ui import i18n
from app.ui.context import UiContext
from app.ui.ops import Op, error_text
from app.ui.phone.prompt import PromptPanel
from app.ui.phone.session import BoxBridge, BridgeHandler, SessionControl, run_session
from app.ui.style import set_status


class BoxPanel(QGroupBox):
    """The box part of the re-inspection: ``report`` is the last report for this piece.
    ``reproduced`` carries whether the claimed defect reproduced (bool | None); ``changed``
    tells the window to re-enable its buttons; ``finished`` that a report arrived."""

    reproduced = Signal(object)
    changed = Signal()
    finished = Signal()

    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Inspection box"))
        self.ui = ui
        self.tag: str | None = None
        self.kind = ""
        self.claimed: dict[str, Any] = {}
        self.report: dict[str, Any] | None = None
        self.control: SessionControl | None = None
        bl = QHBoxLayout(self)
        run = QVBoxLayout()
        self.box_btn = QPushButton(self.tr("Run the box"))
        self.box_btn.setObjectName("btn_re_box")
        self.box_btn.clicked.connect(self.run_box)
        self.box_progress = QProgressBar()
        self.box_progress.setRange(0, 100)
        self.box_status = QLabel(self.tr("Plug the phone into the box, then run it"))
        self.box_status.setObjectName("reBoxStatus")
        self.box_status.setWordWrap(True)
        self.prompt_panel = PromptPanel(ui.zh)
        self.box_bridge = BoxBridge(self)
        self.box_bridge.progress.connect(lambda _step, pct: self.box_progress.setValue(pct))
        self.box_bridge.prompt.connect(self._on_prompt)
        self.handler = BridgeHandler(self.box_bridge)
        run.addWidget(self.box_btn)
        run.addWidget(self.box_progress)
        run.addStretch(1)
        bl.addLayout(run, 1)
        bl.addWidget(self.box_status, 2)
        bl.addWidget(self.prompt_panel, 2)

    def set_piece(self, tag: str | None, kind: str, claimed: dict[str, Any]) -> None:
        """Another piece (or none): a running session is cancelled and its report dropped."""
        if tag != self.tag:
            self.cancel()
            self.report = None
            self.box_progress.setValue(0)
        self.tag, self.kind, self.claimed = tag, kind, claimed

    def refresh(self) -> None:
        self.box_btn.setEnabled(bool(self.tag) and self.control is None)

    def reports(self) -> list[bytes]:
        return [json.dumps(self.report, ensure_ascii=False, sort_keys=True).encode()] if self.report else []

    def run_box(self) -> None:
        if not self.tag or self.control is not None:
            return
        self.control = SessionControl(profile=self.ui.box_profile, phone_wait_s=self.ui.phone_wait_s)
        self.box_progress.setValue(0)
        self.box_status.setText(self.tr("The box is testing the phone…"))
        set_status(self.box_status, "warn")
        box = getattr(self.ui.devices, "box", None) if self.ui.devices is not None else None
        tag, control = self.tag, self.control
        Op(self, run_session, box, self.handler, control, kind="io").success(
            lambda result: self._boxed(tag, control, result)
        ).failure(lambda e: self._box_failed(control, e)).run()
        self.changed.emit()

    def _on_prompt(self, prompt: Any, answer: Any) -> None:
        control = self.control
        if control is None or (control.session is not None and prompt.session_id != control.session.session_id):
            return
        self.prompt_panel.show_prompt(prompt, answer)

    def _boxed(self, tag: str | None, control: SessionControl, result: InspectionResult) -> None:
        if control is not self.control:
            return
        self.control = None
        self.prompt_panel.close_unanswered()
        if tag != self.tag:
            return
        self.report = dict(result.report)
        facts = fpc.PhoneFacts.from_report(self.report)
        lines = [
            self.tr("Report %1").replace("%1", result.report_id),
            f"IMEI {facts.imei or '?'} · SN {facts.serial or '?'}",
            self.tr("Battery: %1 cycles, %2 %")
            .replace("%1", str(facts.battery_cycles))
            .replace("%2", str(facts.battery_health_pct)),
        ]
        if self.kind == "warranty_claim":
            outcome = case_rules.defect_reproduced(self.claimed, self.report)
            tests = (
                i18n.join_list(
                    (
                        FUNCTION_TESTS.get(t).name(self.ui.lang)
                        for t in case_rules.defect_tests(self.claimed)
                        if t in FUNCTION_TESTS
                    ),
                    self.ui.zh,
                )
                or "—"
            )
            text = {
                True: self.tr("Claimed defect reproduced (%1 failed)"),
                False: self.tr("Claimed defect NOT reproduced (%1 passed)"),
                None: self.tr("The box cannot tell whether the claimed defect is there (%1)"),
            }[outcome]
            lines.append(text.replace("%1", tests))
            self.reproduced.emit(outcome)
        self.box_status.setText("\n".join(lines))
        set_status(self.box_status, "ok")
        self.changed.emit()
        self.finished.emit()

    def _box_failed(self, control: SessionControl, error: BaseException) -> None:
        if control is not self.control:
            return
        self.control = None
        self.prompt_panel.close_unanswered()
        self.box_status.setText(error_text(error, self.ui.lang))
        set_status(self.box_status, "error")
        self.changed.emit()

    def cancel(self) -> None:
        if self.control is not None:
            self.control.cancel()
            self.control = None
            self.prompt_panel.close_unanswered()
