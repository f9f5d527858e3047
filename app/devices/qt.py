"""Thin Qt adapters for the device layer (the only module here that imports Qt).

``ScanEventFilter`` is installed application-wide: keyboard-wedge bursts become
``scanned(str)`` whatever widget has focus; their keys never reach the widget. Keys that
turn out to be typing are replayed to the widget that had focus, in order. A burst that
breaks off at scanner speed is replayed and reported as ``garbled(str)``.

Fields that never take scans keep every key untouched: password fields (any echo mode but
Normal) and any widget with the property ``twNoScan`` set on it or on a parent (a
dialog can mark itself). Their keys are never held, never broadcast.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

from .wedge import ENTER_KEYS, KEY, MODIFIER, RELEASE, Decision, Key, WedgeRecogniser

NO_SCAN_PROPERTY = "twNoScan"
MODIFIER_KEYS = frozenset(
    {
        Qt.Key.Key_Shift,
        Qt.Key.Key_Control,
        Qt.Key.Key_Alt,
        Qt.Key.Key_AltGr,
        Qt.Key.Key_Meta,
        Qt.Key.Key_CapsLock,
        Qt.Key.Key_NumLock,
        Qt.Key.Key_ScrollLock,
        Qt.Key.Key_Mode_switch,
        Qt.Key.Key_Super_L,
        Qt.Key.Key_Super_R,
        Qt.Key.Key_Hyper_L,
        Qt.Key.Key_Hyper_R,
    }
)
_TYPES = (QEvent.Type.KeyPress, QEvent.Type.KeyRelease)


def takes_no_scans(widget: object) -> bool:
    """True for a password field, or a widget (or one of its parents) marked ``twNoScan``."""
    w = widget if isinstance(widget, QWidget) else None
    if isinstance(w, QLineEdit) and w.echoMode() != QLineEdit.EchoMode.Normal:
        return True
    while w is not None:
        if w.property(NO_SCAN_PROPERTY):
            return True
        w = w.parentWidget()
    return False


class ScanEventFilter(QObject):
    scanned = Signal(str)
    garbled = Signal(str)  # a scanner-speed burst that broke off (its text, for the message)

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        burst_gap_ms: float = 60,
        min_length: int = 6,
        suffix: tuple[str, ...] = ENTER_KEYS,
        prefix: str = "",
        clock=None,
    ) -> None:
        super().__init__(parent)
        self.recogniser = WedgeRecogniser(burst_gap_ms, min_length, suffix, prefix)
        self._clock = clock or (lambda: time.monotonic() * 1000)
        self._replaying = False
        self._last_arrival = 0.0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_gap)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if self._replaying or event.type() not in _TYPES or not obj.isWidgetType():
            return False
        assert isinstance(event, QKeyEvent)
        held_down = event.type() == QEvent.Type.KeyPress and event.isAutoRepeat()
        if held_down or takes_no_scans(obj) or takes_no_scans(QApplication.focusWidget()):
            # A field that never takes scans, or a key held down (a scanner never auto-repeats):
            # what was held is typing, given back first; this key goes through untouched.
            if self.recogniser.holding:
                self._replay(self.recogniser.abandon())
            return False
        key = self._key(obj, event)
        if key is None:
            return False
        before = self.recogniser.last_ms
        d = self.recogniser.feed(key)
        if self.recogniser.last_ms != before:
            self._last_arrival = self._clock()
        self._act(d)
        return d.swallow

    def _key(self, obj: QObject, event: QKeyEvent) -> Key | None:
        # The window system's timestamp says when the key was pressed even if the GUI thread
        # was busy; synthetic events (tests, replays) have none and use our clock.
        t = float(event.timestamp()) or self._clock()
        copy = QKeyEvent(
            event.type(), event.key(), event.modifiers(), event.text(), event.isAutoRepeat(), event.count()
        )
        if event.key() in MODIFIER_KEYS:
            return Key("", t, (obj, copy), MODIFIER)
        if event.type() == QEvent.Type.KeyRelease:
            return None if event.isAutoRepeat() else Key("", t, (obj, copy), RELEASE)
        text = event.text()
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            text = "\r"
        elif event.key() == Qt.Key.Key_Tab:
            text = "\t"
        return Key(text, t, (obj, copy), KEY)

    def _act(self, d: Decision) -> None:
        self._replay(d.replay)
        if d.scan is not None:
            self.scanned.emit(d.scan)
        if d.garbled is not None:
            self.garbled.emit(d.garbled)
        due = self.recogniser.due_ms()
        if due is not None:
            self._timer.start(max(1, int(due - self.recogniser.last_ms) + 1))

    def _on_gap(self) -> None:
        # "now" in the time base of the keys: the last key's time plus what passed since it arrived.
        now = self.recogniser.last_ms + (self._clock() - self._last_arrival)
        d = self.recogniser.flush(now)
        if d.scan is None and not d.replay and self.recogniser.holding:
            due = self.recogniser.due_ms()
            self._timer.start(max(1, int((due or now) - now) + 1))
            return
        self._act(d)

    def _replay(self, keys: list[Key]) -> None:
        self._replaying = True
        try:
            for k in keys:
                target, ev = k.payload
                QCoreApplication.sendEvent(target, ev)
        finally:
            self._replaying = False
