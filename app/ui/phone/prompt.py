"""A box prompt shown inside the phone station (not a modal dialog), so the session's Cancel
stays reachable while the operator decides. Answered from the keyboard: F7 / Enter = pass,
F8 / F = fail, F9 / S = skip, with a visible countdown of the prompt's ``timeout_s``. When
time runs out the box records the step as skipped by itself; the panel says so and hides."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QElapsedTimer, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.core.vocab import phone
from app.devices.box import BoxPrompt
from app.ui import keys


class PromptPanel(QFrame):
    answered = Signal(str)  # pass / fail / skip, or "" when the prompt timed out

    def __init__(self, zh: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("phonePrompt")
        self.setProperty("role", "banner")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setStyleSheet(
            "#phonePrompt { border: 3px solid #b26a00; border-radius: 8px; background: #fff8eb; }"
            "#phonePrompt:focus { border-color: #1d4ed8; }"
        )
        self.zh = zh
        self.prompt: BoxPrompt | None = None
        self._answer: Callable[[str], None] | None = None
        self.outcome: str | None = None
        lay = QVBoxLayout(self)
        lay.setContentsMargins(10, 6, 10, 6)
        self.step = QLabel()
        self.step.setProperty("role", "title")
        self.message = QLabel()
        self.message.setObjectName("promptMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("font-size: 22px; font-weight: 600;")
        self.countdown = QLabel()
        self.countdown.setObjectName("promptCountdown")
        self.countdown.setWordWrap(True)
        self.countdown.setStyleSheet("color: #b26a00;")
        lay.addWidget(self.step)
        lay.addWidget(self.message)
        lay.addWidget(self.countdown)
        row = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for text, outcome, role, key in (
            (self.tr("Pass"), "pass", "primary", "F7"),
            (self.tr("Fail"), "fail", "danger", "F8"),
            (self.tr("Skip"), "skip", "", "F9"),
        ):
            b = QPushButton(text)
            b.setObjectName(f"prompt_{outcome}")
            b.setProperty("role", role)
            b.setMinimumHeight(40)
            b.clicked.connect(lambda _=False, o=outcome: self.choose(o))
            keys.bind(b, key, command=f"prompt_{outcome}")
            self.buttons[outcome] = b
            row.addWidget(b)
        lay.addLayout(row)
        hint = QLabel(self.tr("Answer with the keyboard: Enter = pass, F = fail, S = skip."))
        hint.setProperty("role", "hint")
        hint.setWordWrap(True)
        lay.addWidget(hint)
        self._clock = QElapsedTimer()
        self._timer = QTimer(self)
        self._timer.setInterval(200)
        self._timer.timeout.connect(self._tick)
        self.hide()

    @property
    def pending(self) -> bool:
        return self.prompt is not None and self.outcome is None

    def show_prompt(self, prompt: BoxPrompt, answer: Callable[[str], None]) -> None:
        self.prompt, self._answer, self.outcome = prompt, answer, None
        name_zh, name_en = phone.function_test_name(prompt.step)
        self.step.setText(self.tr("The box asks (%1):").replace("%1", name_zh if self.zh else name_en))
        self.message.setText(prompt.message)
        for b in self.buttons.values():
            b.setEnabled(True)
        self._clock.start()
        self._timer.start()
        self._tick()
        self.show()
        self.setFocus()

    def remaining_s(self) -> float:
        if self.prompt is None:
            return 0.0
        return max(0.0, self.prompt.timeout_s - self._clock.elapsed() / 1000)

    def _tick(self) -> None:
        if self.prompt is None:
            return
        left = self.remaining_s()
        if self.prompt.timeout_s > 0 and left <= 0:
            self._finish("")
            return
        self.countdown.setText(
            self.tr("%1 s left; without an answer the box records the step as skipped").replace(
                "%1", str(int(left + 0.999))
            )
        )

    def choose(self, outcome: str) -> None:
        if not self.pending or self._answer is None:
            return
        self._answer(outcome)  # queues prompt_result on the box's thread; never blocks
        self._finish(outcome)

    def _finish(self, outcome: str) -> None:
        self.outcome = outcome
        self._timer.stop()
        self.prompt, self._answer = None, None
        self.hide()
        self.answered.emit(outcome)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt name)
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.choose("pass")
        elif key == Qt.Key.Key_F:
            self.choose("fail")
        elif key == Qt.Key.Key_S:
            self.choose("skip")
        else:
            super().keyPressEvent(event)

    def close_unanswered(self) -> None:
        """The session ended (cancelled, detached) or the phone was changed: clear the prompt."""
        self._timer.stop()
        self.prompt, self._answer = None, None
        self.outcome = self.outcome if self.outcome is not None else ""
        self.hide()
