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
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any, Literal

from app.core.clock import utcnow
from app.core.outbox import SyncPort

from .client import AuthError, PermanentError, PlatformError, ProtocolViolation, TransientError
from .engine import PushReport, SyncEngine

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


def backoff_delay(
    attempt: int, rng: random.Random, *, base: float = 1.0, cap: float = 300.0, retry_after: float | None = None
) -> float:
    """Full-jitter exponential backoff, never shorter than the platform's Retry-After."""
    delay = rng.uniform(0, min(cap, base * 2 ** max(0, attempt - 1)))
    return max(delay, retry_after or 0.0)


class SyncWorker:
    def __init__(
        self,
        engine: SyncEngine,
        port: SyncPort,
        *,
        interval_s: float = 15.0,
        on_status: Callable[[SyncStatus], None] | None = None,
        rng: random.Random | None = None,
        backoff_base: float = 1.0,
        backoff_cap: float = 300.0,
    ) -> None:
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
        # Called on the worker thread after each successful cycle (e.g. the audit anchor);
        # a failing hook is logged, it never stops syncing.
        self.after_cycle: list[Callable[[], object]] = []

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
            pull_error: TransientError | None = None
            try:
                self.engine.pull()
            except PermanentError as exc:  # a bad feed must not keep our records from leaving
                log.warning("inbound pull refused: %s", exc.en)
            except TransientError as exc:  # nor a struggling one: push first, then back off
                pull_error = exc
            self.engine.push()
            if pull_error is not None:
                raise pull_error
            for hook in self.after_cycle:
                try:
                    hook()
                except Exception:  # noqa: BLE001 - the hook's own failure, not the sync's
                    log.exception("after-sync hook failed")
        except AuthError as exc:
            self._attempt = 0
            self._publish(state="auth_failed", error_zh=exc.zh, error_en=exc.en, retry_in_s=None)
            return float("inf")  # wait for sync_now() or stop(); never retry a refused token in a loop
        except TransientError as exc:
            self._attempt += 1
            delay = backoff_delay(
                self._attempt, self._rng, base=self._backoff[0], cap=self._backoff[1], retry_after=exc.retry_after
            )
            state: State = "offline" if exc.status is None else "backing_off"
            self._publish(state=state, error_zh=exc.zh, error_en=exc.en, retry_in_s=delay)
            return delay
        except Exception as exc:  # a bug or a database error: keep the worker alive, say so, back off
            log.exception("sync cycle failed")
            self._attempt += 1
            delay = backoff_delay(self._attempt, self._rng, base=self._backoff[0], cap=self._backoff[1])
            self._publish(
                state="backing_off",
                error_zh=f"同步出错：{type(exc).__name__}",
                error_en=f"Sync failed: {type(exc).__name__}",
                retry_in_s=delay,
            )
            return delay
        self._attempt = 0
        self._publish(state="idle", error_zh=None, error_en=None, last_success=utcnow(), retry_in_s=None)
        return self.interval_s

    def _publish(self, **changes: Any) -> None:
        try:
            stats = self.port.stats()
            changes.update(
                pending_events=stats.pending_events, pending_bytes=stats.pending_bytes, rejected=stats.rejected
            )
        except Exception:  # the display may lag; syncing must not stop for it
            log.exception("sync status: port.stats() failed")
        with self._lock:
            self._status = replace(self._status, **changes)
            status = self._status
        for observer in list(self._observers):
            try:
                observer(status)
            except Exception:
                log.exception("sync status observer failed")


@dataclass
class OnceReport:
    """What ``run_until_done`` achieved: ``completed`` when the feed was read to its end and
    no event is left to send (rejections are final and count as done)."""

    completed: bool = False
    stopped: Literal["done", "deadline", "auth_failed"] = "done"
    notices_pulled: int = 0
    pull_error: PlatformError | None = None
    push: PushReport = field(default_factory=PushReport)
    retries: int = 0
    protocol_violations: int = 0  # answers from the platform that broke the contract
    pending: int = 0
    elapsed_s: float = 0.0
    last_error: PlatformError | None = None


@dataclass(frozen=True)
class Progress:
    elapsed_s: float
    sent: int
    rejected: int
    blobs_uploaded: int
    pending: int
    retry_in_s: float | None
    error_zh: str | None
    error_en: str | None


def run_until_done(
    engine: SyncEngine,
    port: SyncPort,
    *,
    max_time: float = 300.0,
    on_progress: Callable[[Progress], None] | None = None,
    rng: random.Random | None = None,
    clock: Callable[[], float] = time.monotonic,
    sleep: Callable[[float], None] = time.sleep,
    backoff_base: float = 0.5,
    backoff_cap: float = 30.0,
) -> OnceReport:
    """Pull and push until everything is through, retrying transient failures with backoff
    (never sooner than Retry-After) until ``max_time`` seconds have passed. A pull failure
    never keeps the push from running. A refused token stops at once (never retried in a
    loop). Every answer already received stays marked, so each retry starts where the last
    one stopped."""
    rng = rng or random.Random()
    report = OnceReport()
    start = clock()
    deadline = start + max_time
    engine.deadline, engine.clock = deadline, clock
    pulled, attempt = False, 0
    try:
        while True:
            error: PlatformError | None = None
            before = report.push.progress
            if not pulled:
                try:
                    report.notices_pulled += engine.pull()
                    pulled = True
                except PermanentError as exc:  # refused for good: say so, do not retry it
                    report.pull_error, pulled = exc, True
                except TransientError as exc:
                    error = exc
            try:
                engine.push(report.push)
            except TransientError as exc:
                error = exc
            except PermanentError as exc:
                error = exc  # not expected from push; treated as worth another try before the deadline
            if isinstance(error, ProtocolViolation):
                report.protocol_violations += 1
            report.pending = port.stats().pending_events
            if pulled and report.pending == 0 and error is None:
                # A feed refused for good (422 on the cursor) is not retried, but not "complete" either.
                report.completed, report.stopped = report.pull_error is None, "done"
                return report
            progressed = report.push.progress > before
            attempt = 1 if progressed else attempt + 1
            report.last_error = error
            retry_after = error.retry_after if error is not None else None
            delay = backoff_delay(attempt, rng, base=backoff_base, cap=backoff_cap, retry_after=retry_after)
            if clock() + delay >= deadline:
                report.stopped = "deadline"
                return report
            report.retries += 1
            if on_progress is not None:
                on_progress(
                    Progress(
                        clock() - start,
                        report.push.sent,
                        report.push.rejected,
                        report.push.blobs_uploaded,
                        report.pending,
                        delay,
                        error.zh if error else "部分事件暂缓，稍后重发",
                        error.en if error else "some events were deferred; resending later",
                    )
                )
            sleep(delay)
    except AuthError as exc:
        report.stopped, report.last_error = "auth_failed", exc
        report.pending = port.stats().pending_events
        return report
    finally:
        report.elapsed_s = clock() - start
        engine.deadline = None


def wait_until(predicate: Callable[[], bool], timeout: float, poll: float = 0.02) -> bool:
    """Small helper for callers (tests, CLI) waiting for the worker to reach a state."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(poll)
    return predicate()
