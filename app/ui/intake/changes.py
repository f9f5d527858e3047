"""Refresh a screen's lists when records change: the typed ``records_did_change`` signal
(emitted after every commit, from whichever thread committed), never polling.

A burst of commits (a clerk scanning fast) becomes one refresh: the first change starts
a short single-shot timer on the GUI thread, later ones within it are folded in, and a
refresh still running when the next change arrives is followed by exactly one more.
Used by the intake, dispatch and review stations.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Slot

from app.ui.context import AppSignals


class ChangeWatcher(QObject):
    """Calls ``refresh(done)`` after records changed; ``refresh`` calls ``done()`` when
    its background read has been shown (so refreshes never pile up)."""

    def __init__(
        self, signals: AppSignals, refresh: Callable[[Callable[[], None]], None], parent: QObject, delay_ms: int = 120
    ) -> None:
        super().__init__(parent)
        self.refresh = refresh
        self.running = False
        self.again = False
        self.types: set[str] = set()
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(delay_ms)
        self.timer.timeout.connect(self._run)
        # A bound slot of a QObject living on the GUI thread: a commit on a worker thread
        # reaches it as a queued call, never inside the worker.
        signals.records_did_change.connect(self.records_did_change)

    @Slot(list)
    def records_did_change(self, types: list) -> None:
        self.types.update(types)
        if self.running:
            self.again = True
        elif not self.timer.isActive():
            self.timer.start()

    def _run(self) -> None:
        self.running, self.again = True, False
        self.types = set()
        self.refresh(self._done)

    def _done(self) -> None:
        self.running = False
        if self.again:
            self.timer.start()
