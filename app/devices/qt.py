"""Thin Qt adapters for the device layer (the only module here that imports Qt).

``ScanEventFilter`` is installed application-wide: keyboard-wedge bursts become
``scanned(str)`` whatever widget has focus; their keys never reach the widget. Keys that
turn out to be typing are replayed to the widget that had focus, in order.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QKeyEvent

from .wedge import Key, WedgeRecogniser


class ScanEventFilter(QObject):
    scanned = Signal(str)

    def __init__(self, parent: QObject | None = None, *, burst_gap_ms: float = 60, min_length: int = 6,
                 clock=None) -> None:
        super().__init__(parent)
        self.recogniser = WedgeRecogniser(burst_gap_ms, min_length)
        self._clock = clock or (lambda: time.monotonic() * 1000)
        self._replaying = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_gap)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if self._replaying or event.type() != QEvent.Type.KeyPress or not obj.isWidgetType():
            return False
        assert isinstance(event, QKeyEvent)
        text = event.text()
        if text not in ("\r", "\n") and (len(text) != 1 or not text.isprintable()):
            text = ""
        copy = QKeyEvent(event.type(), event.key(), event.modifiers(), event.text(),
                         event.isAutoRepeat(), event.count())
        d = self.recogniser.feed(Key(text, self._clock(), (obj, copy)))
        self._replay(d.replay)
        if d.scan is not None:
            self.scanned.emit(d.scan)
        due = self.recogniser.due_ms()
        if due is not None:
            self._timer.start(max(1, int(due - self._clock()) + 1))
        return d.swallow

    def _on_gap(self) -> None:
        self._replay(self.recogniser.flush(self._clock()))
        due = self.recogniser.due_ms()
        if due is not None:
            self._timer.start(max(1, int(due - self._clock()) + 1))

    def _replay(self, keys: list[Key]) -> None:
        self._replaying = True
        try:
            for k in keys:
                target, ev = k.payload
                QCoreApplication.sendEvent(target, ev)
        finally:
            self._replaying = False
