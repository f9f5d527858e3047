"""A box prompt as a large dialog answered from the keyboard: Enter = pass, F = fail,
S = skip, with a visible countdown of the prompt's ``timeout_s``. When time runs out the box
records the step as skipped by itself, so the dialog just closes and says so."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QElapsedTimer, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.core.vocab import phone
from app.devices.box import BoxPrompt


class PromptDialog(QDialog):
    answered = Signal(str)  # pass / fail / skip, or "" when the prompt timed out

    def __init__(self, prompt: BoxPrompt, answer: Callable[[str], None], zh: bool,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("phonePrompt")
        self.setModal(True)
        self.setMinimumSize(720, 360)
        self.prompt, self._answer = prompt, answer
        self.outcome: str | None = None
        name_zh, name_en = phone.function_test_name(prompt.step)
        self.setWindowTitle(self.tr("The box asks: %1").replace("%1", name_zh if zh else name_en))
        lay = QVBoxLayout(self)
        step = QLabel(self.tr("Test: %1").replace("%1", name_zh if zh else name_en))
        step.setProperty("role", "title")
        self.message = QLabel(prompt.message)
        self.message.setObjectName("promptMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("font-size: 28px; font-weight: 600; padding: 16px 0;")
        self.countdown = QLabel()
        self.countdown.setObjectName("promptCountdown")
        self.countdown.setStyleSheet("font-size: 20px; color: #b26a00;")
        lay.addWidget(step)
        lay.addWidget(self.message, 1)
        lay.addWidget(self.countdown)
        row = QHBoxLayout()
        for text, outcome, role in ((self.tr("Pass  [Enter]"), "pass", "primary"),
                                    (self.tr("Fail  [F]"), "fail", "danger"),
                                    (self.tr("Skip  [S]"), "skip", "")):
            b = QPushButton(text)
            b.setObjectName(f"prompt_{outcome}")
            b.setProperty("role", role)
            b.setMinimumHeight(56)
            b.setStyleSheet("font-size: 20px;")
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Enter must always mean pass, not "the focused button"
            b.clicked.connect(lambda _=False, o=outcome: self.choose(o))
            row.addWidget(b)
        lay.addLayout(row)
        hint = QLabel(self.tr("Answer with the keyboard: Enter = pass, F = fail, S = skip."))
        hint.setProperty("role", "hint")
        lay.addWidget(hint)
        self._clock = QElapsedTimer()
        self._clock.start()
        self._timer = QTimer(self)
        self._timer.setInterval(200)
        self._timer.timeout.connect(self._tick)
        self._timer.start()
        self._tick()

    def remaining_s(self) -> float:
        return max(0.0, self.prompt.timeout_s - self._clock.elapsed() / 1000)

    def _tick(self) -> None:
        left = self.remaining_s()
        if self.prompt.timeout_s > 0 and left <= 0:
            self._timer.stop()
            self.outcome = ""
            self.answered.emit("")
            self.done(QDialog.DialogCode.Rejected)
            return
        self.countdown.setText(self.tr("%1 s left; without an answer the box records the step as skipped")
                               .replace("%1", str(int(left + 0.999))))

    def choose(self, outcome: str) -> None:
        if self.outcome is not None:
            return
        self.outcome = outcome
        self._timer.stop()
        self._answer(outcome)  # queues prompt_result on the box's thread; never blocks
        self.answered.emit(outcome)
        self.done(QDialog.DialogCode.Accepted)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt name)
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.choose("pass")
        elif key == Qt.Key.Key_F:
            self.choose("fail")
        elif key == Qt.Key.Key_S:
            self.choose("skip")
        elif key == Qt.Key.Key_Escape:
            event.accept()  # Esc must not silently drop a step; use Cancel on the screen
        else:
            super().keyPressEvent(event)

    def close_unanswered(self) -> None:
        """The session ended (cancelled, detached) while the prompt was open."""
        self._timer.stop()
        self.outcome = self.outcome if self.outcome is not None else ""
        self.done(QDialog.DialogCode.Rejected)
