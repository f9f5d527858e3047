"""Phone inspection: scan a phone's tag, plug the phone into the box, answer its prompts,
read the report, choose the cosmetic grade, take three photos and record the result.

Every service call runs through ``Op`` (database worker); the box session runs on the io
pool and talks back through ``BoxBridge`` signals. Nothing is recorded unless a complete
report arrived; a phone pulled out or a silent box only leaves a message on screen.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.core.lifecycle import STATE_NAMES, ItemState
from app.core.tags import looks_like_tag
from app.devices.box import BoxPrompt, InspectionResult
from app.services.inspection import InspectionView
from app.services.views import ItemView
from app.ui import keys
from app.ui.appraisal.layout import scrolled
from app.ui.context import UiContext
from app.ui.ops import Op, error_text
from app.ui.phone import actions
from app.ui.phone.grading import GradingPanel
from app.ui.phone.prompt import PromptPanel
from app.ui.phone.report_view import ReportPanel
from app.ui.phone.session import BoxBridge, BridgeHandler, SessionControl, run_session
from app.ui.screen import StationScreen
from app.ui.style import set_status


class PhoneInspectionScreen(StationScreen):
    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ui, parent)
        self.item: ItemView | None = None
        self.inspection: InspectionView | None = None
        self.control: SessionControl | None = None
        self._session_tag: str | None = None  # the phone the running box session belongs to
        self._wanted: str | None = None  # the tag last scanned: a late answer for another is dropped
        self.bridge = BoxBridge(self)
        self.bridge.progress.connect(self._on_progress)
        self.bridge.prompt.connect(self._on_prompt)
        self.bridge.detached.connect(self._on_detached)
        self.handler = BridgeHandler(self.bridge)
        lay = QVBoxLayout(self)
        title = QLabel(self.tr("Phone inspection"))
        title.setProperty("role", "title")
        self.item_label = QLabel(self.tr("Scan a phone's tag to begin."))
        self.item_label.setObjectName("phoneItem")
        self.item_label.setWordWrap(True)
        self.item_label.setStyleSheet("font-size: 18px;")
        self.tag_edit = QLineEdit()
        self.tag_edit.setObjectName("phoneTagEdit")
        self.tag_edit.setPlaceholderText(self.tr("Scan or type the phone's tag"))
        self.tag_edit.returnPressed.connect(lambda: self.handle_scan(self.tag_edit.text().strip().upper()))
        head = QHBoxLayout()
        head.addWidget(title)
        head.addWidget(self.tag_edit, 1)
        lay.addLayout(head)
        lay.addWidget(self.item_label)
        row = QHBoxLayout()
        self.progress = QProgressBar()
        self.progress.setObjectName("boxProgress")
        self.progress.setRange(0, 100)
        self.progress.setMinimumHeight(28)
        self.step_label = QLabel()
        self.step_label.setMinimumWidth(60)
        self.start_button = QPushButton(self.tr("Start inspection"))
        self.start_button.setObjectName("startInspection")
        self.start_button.clicked.connect(self.start_inspection)
        keys.bind(self.start_button, "F5", command="start_box")
        self.cancel_button = QPushButton(self.tr("Cancel inspection"))
        self.cancel_button.setObjectName("cancelInspection")
        self.cancel_button.clicked.connect(self.cancel_inspection)
        keys.bind(self.cancel_button, "F6", command="cancel_box")
        for w, stretch in ((self.progress, 1), (self.step_label, 0), (self.start_button, 0), (self.cancel_button, 0)):
            row.addWidget(w, stretch)
        lay.addLayout(row)
        self.banner = QFrame()
        self.banner.setProperty("role", "banner")
        blay = QVBoxLayout(self.banner)
        blay.setContentsMargins(6, 2, 6, 2)
        self.message = QLabel()
        self.message.setObjectName("phoneMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("font-size: 17px;")
        blay.addWidget(self.message)
        lay.addWidget(self.banner)
        self.prompt_panel = PromptPanel(ui.zh)
        self.prompt_panel.answered.connect(self._on_prompt_answered)
        lay.addWidget(self.prompt_panel)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.setChildrenCollapsible(False)
        self.report = ReportPanel(ui.zh)
        self.grading = GradingPanel(ui.zh)
        self.grading.photo_requested.connect(self.take_photo)
        self.grading.record_requested.connect(self.record_result)
        self.grading.defect_requested.connect(self.fail_for_defect)
        split.addWidget(self.report)
        split.addWidget(scrolled(self.grading))
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([640, 460])
        lay.addWidget(split, 1)
        self._set_running(False)
        self.say(self.tr("Scan a phone's tag, then plug the phone into the inspection box."), "")

    # -- messages ------------------------------------------------------------------------
    def say(self, text: str, status: str) -> None:
        self.message.setText(text)
        set_status(self.banner, status)
        set_status(self.message, status)

    def fail(self, error: BaseException) -> None:
        self.say(error_text(error, self.ui.lang), "error")

    def _set_running(self, running: bool) -> None:
        self.start_button.setEnabled(not running and self.item is not None)
        self.cancel_button.setEnabled(running)
        self.grading.setEnabled(not running)

    # -- scan and item -------------------------------------------------------------------
    def handle_scan(self, code: str) -> bool:
        if not looks_like_tag(code):
            return False
        if self.control is not None:
            self.say(self.tr("An inspection is running; cancel it before scanning another phone."), "warn")
            return True
        tag = code.strip().upper()
        self.tag_edit.setText(tag)
        if self.item is None or self.item.tag != tag:
            self._clear_item()  # nothing of the last phone stays on screen or in a pending prompt
        self._wanted = tag
        Op(self, actions.open_phone, self.ui.station, self.ui.actor, tag).success(self._opened).failure(
            lambda e: self.fail(e) if self._wanted == tag else None
        ).run()
        return True

    @property
    def prompt_dialog(self) -> PromptPanel | None:
        """The box's open question, if any (shown in the panel, never modal)."""
        return self.prompt_panel if self.prompt_panel.pending else None

    def _clear_item(self) -> None:
        self._close_prompt()
        self.item, self.inspection = None, None
        self.item_label.setText(self.tr("Scan a phone's tag to begin."))
        self.report.show_empty()
        self.grading.set_inspection(None)
        self.progress.setValue(0)
        self.step_label.setText("")
        self.say("", "")
        self._set_running(False)

    def _opened(self, opened: tuple[ItemView, InspectionView | None, set[str], Any]) -> None:
        if opened[0].tag != self._wanted:
            return  # a late answer for a phone no longer open
        self.item, self.inspection, photos, graded = opened
        it = self.item
        state = STATE_NAMES[ItemState(it.state)][0 if self.ui.zh else 1]
        self.item_label.setText(
            f"{it.tag} · {it.title} · {state}" + (f" · {it.merchant_name}" if it.merchant_name else "")
        )
        self.grading.set_inspection(self.inspection, photos)
        if self.tag_edit.hasFocus():  # keys 1–5 choose the grade once the phone is open
            next(iter(self.grading.grade_buttons.values())).setFocus()
        if graded is not None and graded.result.phone is not None and self.item.state != ItemState.IN_APPRAISAL:
            self.report.show_inspection(self.inspection) if self.inspection is not None else self.report.show_empty()
            self.grading.show_recorded(graded.result.phone)
            self.say(
                self.tr("Revision %1 recorded by %2; shown read-only.")
                .replace("%1", str(graded.revision))
                .replace("%2", graded.graded_by),
                "",
            )
            self.start_button.setEnabled(False)
        elif self.inspection is not None:
            self.report.show_inspection(self.inspection)
            self.say(
                self.tr(
                    "This phone was inspected before; the latest report is shown. Press Start inspection "
                    "to inspect it again."
                ),
                "",
            )
            self._set_running(False)
        else:
            self.report.show_empty(self.tr("Waiting for the box report…"))
            self.start_inspection()

    # -- box session ---------------------------------------------------------------------
    def start_inspection(self) -> None:
        if self.item is None or self.control is not None:
            return
        self.control = SessionControl(profile=self.ui.box_profile, phone_wait_s=self.ui.phone_wait_s)
        self._session_tag = self.item.tag
        self.progress.setValue(0)
        self.step_label.setText("")
        self._set_running(True)
        self.say(self.tr("Plug the phone into the inspection box; the test starts by itself."), "")
        box = getattr(self.ui.devices, "box", None) if self.ui.devices is not None else None
        Op(self, run_session, box, self.handler, self.control, kind="io").success(self._on_report).failure(
            self._on_session_failed
        ).run()

    def cancel_inspection(self) -> None:
        """Always reachable (the prompt is in the panel, not modal): sends the protocol's
        ``cancel``; the box answers CANCELLED and the session ends, recording nothing."""
        if self.control is not None:
            self._close_prompt()
            self.control.cancel()
            self.say(self.tr("Cancelling…"), "warn")

    def _on_progress(self, step: str, percent: int) -> None:
        if self.control is None:
            return
        self.progress.setValue(percent)
        from app.core.vocab.phone import function_test_name

        steps = {
            "identity": self.tr("Identity"),
            "battery": self.tr("Battery"),
            "parts": self.tr("Parts"),
            "locks": self.tr("Locks"),
            "report": self.tr("Report"),
        }
        self.step_label.setText(steps.get(step) or function_test_name(step)[0 if self.ui.zh else 1])
        self.say(self.tr("Inspecting… keep the phone plugged in."), "")

    def _on_prompt(self, prompt: BoxPrompt, answer: Any) -> None:
        control = self.control
        if control is None or (control.session is not None and prompt.session_id != control.session.session_id):
            return  # a prompt of a session that is over or not this phone's
        self.prompt_panel.show_prompt(prompt, answer)

    def _on_prompt_answered(self, outcome: str) -> None:
        if not outcome:
            self.say(self.tr("No answer in time: the box records that step as skipped."), "warn")

    def _on_detached(self) -> None:
        if self.control is not None:
            self.say(self.tr("The phone was unplugged: this inspection ends and nothing is recorded."), "error")

    def _close_prompt(self) -> None:
        self.prompt_panel.close_unanswered()

    def _session_over(self) -> None:
        self._close_prompt()
        self.control = None
        self._set_running(False)
        if self.isVisible() and self.start_button.isEnabled():
            self.start_button.setFocus()

    def _on_session_failed(self, error: BaseException) -> None:
        self._session_over()
        self.progress.setValue(0)
        self.step_label.setText("")
        self.say(error_text(error, self.ui.lang) + " " + self.tr("Nothing was recorded."), "error")

    def _on_report(self, result: InspectionResult) -> None:
        tag = self._session_tag  # the report belongs to the phone the session was started for
        self._session_over()
        if tag is None:
            return
        self.progress.setValue(100)
        self.say(self.tr("Report received; saving…"), "")
        payload = result.event_payload()
        Op(
            self,
            self.ui.station.inspection.record_inspection,
            self.ui.actor,
            tag,
            box=payload["box"],
            report_id=payload["report_id"],
            report=payload["report"],
        ).success(self._recorded).failure(self.fail).run()

    def _recorded(self, view: InspectionView) -> None:
        if self.item is None or view.report.tag != self.item.tag:
            return  # stored for its own phone; another one is open now
        self.inspection = view
        self.report.show_inspection(view)
        self.grading.set_inspection(view, self.grading.photos)
        ev = view.evaluation
        if ev.verdict == "fail":
            self.say(
                self.tr("Report saved. The rules fail this phone: %1").replace(
                    "%1", next(f.zh if self.ui.zh else f.en for f in ev.findings if f.severity == "fail")
                ),
                "error",
            )
        else:
            self.say(self.tr("Report saved. Choose the cosmetic grade, take the photos, record the result."), "ok")

    # -- photos and result ---------------------------------------------------------------
    def _current(self, tag: str) -> bool:
        return self.item is not None and self.item.tag == tag

    def take_photo(self, view: str) -> None:
        if self.item is not None:
            tag = self.item.tag
            Op(self, actions.capture_still, self.ui.devices, kind="io").success(
                lambda data: self._attach_photo(tag, view, data)
            ).failure(lambda e: self.fail(e) if self._current(tag) else None).run()

    def _attach_photo(self, tag: str, view: str, data: bytes) -> None:
        Op(self, self.ui.station.photos.attach, self.ui.actor, data, view, tag=tag, device={"type": "camera"}).success(
            lambda _: self.grading.photo_taken(view) if self._current(tag) else None
        ).failure(lambda e: self.fail(e) if self._current(tag) else None).run()

    def record_result(self) -> None:
        if self.item is None or self.inspection is None:
            return
        tag = self.item.tag
        Op(
            self,
            actions.record_result,
            self.ui.station,
            self.ui.actor,
            tag,
            self.inspection,
            self.grading.grade(),
            self.grading.marks(),
        ).success(lambda verdict: self._result_recorded(verdict) if self._current(tag) else None).failure(
            lambda e: self.fail(e) if self._current(tag) else None
        ).run()

    def fail_for_defect(self) -> None:
        """The appraiser fails the phone for a defect the box cannot see (reason + photo)."""
        if self.item is None:
            return
        tag = self.item.tag
        defect, note = self.grading.defect()
        Op(self, actions.fail_for_defect, self.ui.station, self.ui.actor, tag, defect, note).success(
            lambda verdict: self._result_recorded(verdict) if self._current(tag) else None
        ).failure(lambda e: self.fail(e) if self._current(tag) else None).run()

    def _result_recorded(self, verdict: str) -> None:
        self.say(
            self.tr("Result recorded: the phone goes to review.")
            if verdict == "pass"
            else self.tr("Result recorded: the phone is rejected and goes back to the merchant."),
            "ok",
        )
        self.grading.record.setEnabled(False)
        self.grading.defect_button.setEnabled(False)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt name)
        if Qt.Key.Key_1 <= event.key() <= Qt.Key.Key_5 and self.inspection is not None:
            self.grading.choose_grade(event.key() - Qt.Key.Key_0)
        elif event.key() == Qt.Key.Key_Escape and self.control is not None:
            self.cancel_inspection()
        else:
            super().keyPressEvent(event)

    def shutdown(self) -> None:
        if self.control is not None:
            self.control.cancel()


Screen = PhoneInspectionScreen
