"""``SyncWorker``: a background thread running pull + push on a schedule and on demand.

It never gets killed: ``stop()`` sets a flag, wakes it and joins. Transient failures back off
exponentially with full jitter (at least as long as the platform's Retry-After); a refused
token stops syncing until someone fixes it and asks for "sync now". Observers receive a
``SyncStatus`` snapshot after every change, on the worker thread (a Qt wrapper re-emits it).
"""

from __future__ import annotations

import logging
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Literal

from app.core.clock import utcnow

from .client import AuthError, PermanentError, TransientError
from .engine import SyncEngine
from .port import SyncPort

log = logging.getLogger(__name__)

State = Literal["idle", "syncing", "backing_off", "auth_failed", "offline", "stopped"]


@dataclass(frozen=True)
class SyncStatus:
    state: State = "idle"
    pending_events: int = 0
    pending_bytes: int = 0
    rejected: int = 0
    last_success: datetime | None = None
    error_zh: str | None = None
    error_en: str | None = None
    retry_in_s: float | None = None

    def error(self, lang: str = "zh_CN") -> str | None:
        return self.error_zh if lang.startswith("zh") else self.error_en


def backoff_delay(attempt: int, rng: random.Random, *, base: float = 1.0, cap: float = 300.0,
                  retry_after: float | None = None) -> float:
    """Full-jitter exponential backoff, never shorter than the platform's Retry-After."""
    delay = rng.uniform(0, min(cap, base * 2 ** max(0, attempt - 1)))
    return max(delay, retry_after or 0.0)


class SyncWorker:
    def __init__(self, engine: SyncEngine, port: SyncPort, *, interval_s: float = 15.0,
                 on_status: Callable[[SyncStatus], None] | None = None, rng: random.Random | None = None,
                 backoff_base: float = 1.0, backoff_cap: float = 300.0) -> None:
        self.engine = engine
        self.port = port
        self.interval_s = interval_s
        self._observers: list[Callable[[SyncStatus], None]] = [on_status] if on_status else []
        self._rng = rng or random.Random()
        self._backoff = (backoff_base, backoff_cap)
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None
        self._status = SyncStatus()
        self._lock = threading.Lock()
        self._attempt = 0
        self.cycles = 0

    # -- control --------------------------------------------------------------------------
    def start(self) -> SyncWorker:
        self._thread = threading.Thread(target=self._run, name="sync-worker", daemon=True)
        self._thread.start()
        return self

    def stop(self, timeout: float = 30.0) -> None:
        """Ask the worker to finish its current request and end; waits for it."""
        self._stopping.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)
        self.engine.close()
        self._publish(state="stopped", retry_in_s=None)

    def sync_now(self) -> None:
        """Run a cycle as soon as possible (also retries after a refused token)."""
        self._wake.set()

    def add_observer(self, callback: Callable[[SyncStatus], None]) -> None:
        self._observers.append(callback)

    @property
    def status(self) -> SyncStatus:
        with self._lock:
            return self._status

    # -- the loop -------------------------------------------------------------------------
    def _run(self) -> None:
        delay = 0.0
        while not self._stopping.is_set():
            if delay > 0:
                self._wake.wait(None if delay == float("inf") else delay)
            self._wake.clear()
            if self._stopping.is_set():
                break
            delay = self.run_cycle()

    def run_cycle(self) -> float:
        """One pull + push; returns seconds until the next scheduled cycle."""
        self.cycles += 1
        self._publish(state="syncing", retry_in_s=None)
        try:
            try:
                self.engine.pull()
            except PermanentError as exc:  # a bad feed must not keep our records from leaving
                log.warning("inbound pull refused: %s", exc.en)
            self.engine.push()
        except AuthError as exc:
            self._attempt = 0
            self._publish(state="auth_failed", error_zh=exc.zh, error_en=exc.en, retry_in_s=None)
            return float("inf")  # wait for sync_now() or stop(); never retry a refused token in a loop
        except TransientError as exc:
            self._attempt += 1
            delay = backoff_delay(self._attempt, self._rng, base=self._backoff[0], cap=self._backoff[1],
                                  retry_after=exc.retry_after)
            state: State = "offline" if exc.status is None else "backing_off"
            self._publish(state=state, error_zh=exc.zh, error_en=exc.en, retry_in_s=delay)
            return delay
        except Exception as exc:  # a bug or a database error: keep the worker alive, say so, back off
            log.exception("sync cycle failed")
            self._attempt += 1
            delay = backoff_delay(self._attempt, self._rng, base=self._backoff[0], cap=self._backoff[1])
            self._publish(state="backing_off", error_zh=f"同步出错：{type(exc).__name__}",
                          error_en=f"Sync failed: {type(exc).__name__}", retry_in_s=delay)
            return delay
        self._attempt = 0
        self._publish(state="idle", error_zh=None, error_en=None, last_success=utcnow(), retry_in_s=None)
        return self.interval_s

    def _publish(self, **changes: object) -> None:
        try:
            stats = self.port.stats()
            changes.update(pending_events=stats.pending_events, pending_bytes=stats.pending_bytes,
                           rejected=stats.rejected)
        except Exception:  # the display may lag; syncing must not stop for it
            log.exception("sync status: port.stats() failed")
        with self._lock:
            self._status = replace(self._status, **changes)  # type: ignore[arg-type]
            status = self._status
        for observer in list(self._observers):
            try:
                observer(status)
            except Exception:
                log.exception("sync status observer failed")


def wait_until(predicate: Callable[[], bool], timeout: float, poll: float = 0.02) -> bool:
    """Small helper for callers (tests, CLI) waiting for the worker to reach a state."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(poll)
    return predicate()
