"""Garbage collection only on the GUI thread.

Python's cycle collector runs on whichever thread happens to allocate when a
threshold is crossed. If that is a worker (a database or device thread) and the
garbage holds Qt widgets, Qt objects are destroyed off their thread and the process
segfaults — we saw exactly that in the test suite. As Anki does
(aqt/__init__.py, GarbageCollector), automatic collection is switched off and a
timer on the GUI thread collects instead.

Once the main window is up, ``settle()`` collects everything and freezes what survived
(``gc.freeze``): the modules, Qt wrappers and compiled statements of start-up live until the
program ends, and a full collection walked all of them. At a scan that cost 70 ms (130,000
objects); a scanner burst lands on it about once a minute.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer


class GuiThreadCollector(QObject):
    def __init__(self, parent: QObject, interval_ms: int = 1000) -> None:
        super().__init__(parent)
        self.threshold = gc.get_threshold()
        gc.disable()
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.check)
        self.timer.start()

    def check(self) -> None:
        # Same policy as the automatic collector, but on this (the GUI) thread.
        counts = gc.get_count()
        if counts[0] > self.threshold[0]:
            generation = 2 if counts[2] > self.threshold[2] else 1 if counts[1] > self.threshold[1] else 0
            gc.collect(generation)

    def collect_now(self) -> int:
        return gc.collect()

    def settle(self) -> None:
        """Collect, then freeze what is left (it lives as long as the window). What an
        earlier window left frozen is unfrozen first, so a log-out's windows are still
        collected."""
        gc.unfreeze()
        gc.collect()
        gc.freeze()


def install(app: QObject) -> GuiThreadCollector:
    # Kept on the application object, not looked up with findChild or children(): those set
    # up Qt's namespace and QStyle's enums, ~15 ms of every start before the log-in window.
    existing: GuiThreadCollector | None = getattr(app, "_tw_gc", None)
    if existing is None:
        existing = GuiThreadCollector(app)
        app._tw_gc = existing  # type: ignore[attr-defined]  # kept on the application object for its lifetime
    return existing
