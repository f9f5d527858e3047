"""Pull and push, one pass at a time, against a ``SyncPort`` and a ``PlatformClient``.

The engine is synchronous and holds no schedule: ``SyncWorker`` (worker.py) calls it.
Transient and auth failures propagate to the caller; everything already answered by the
platform has been marked through the port by then, so a failure never loses progress.
Results are marked only after a response arrives: if the process dies before that, the
resend carries the same event_id and the platform answers ``duplicate``.

One bad record never blocks the others: a notice the port cannot apply is handed back to
the port (``notice_refused``) and the feed goes on; an event that cannot be encoded, or is
bigger than a request may be, becomes a local rejection with its reason. A platform whose
answer does not name exactly the events sent is not believed (``ProtocolViolation``).
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from app.core.errors import StorageError
from app.core.events import item_tag_problem
from app.core.outbox import (
    LOCAL_BLOB_MISSING,
    LOCAL_BLOB_REFUSED,
    LOCAL_BLOB_UNREADABLE,
    LOCAL_INVALID_PAYLOAD,
    LOCAL_TOO_LARGE,
    LOCAL_UNSERIALISABLE,
    EventResult,
    OutboxEvent,
    SyncPort,
    local_http,
)

from .cases_feed import pull_cases
from .client import PermanentError, PlatformClient, ProtocolViolation
from .status_feed import pull_certificate_status

log = logging.getLogger(__name__)

MAX_EVENTS_PER_REQUEST = 200
MAX_BODY_BYTES = 4 * 1024 * 1024
_ENVELOPE_OVERHEAD = 256  # {"workstation_id": ..., "events": [...]} around the events
_PUT_CHUNK = 32  # blobs uploaded per round, so a failure or the deadline stops a long backlog early


def encode_event(event: OutboxEvent) -> tuple[bytes, tuple[str, str] | None]:
    """The event's JSON bytes, or a local rejection (reason, detail) when it can never be sent:
    its envelope breaks the 1.1 ``item_tag`` rule, it is not encodable as strict JSON (NaN, a
    lone surrogate, an object JSON has no form for), or larger than a whole request may be."""
    field = item_tag_problem(event.type, event.payload, event.item_tag, event.asn_id, event.line_id)
    if field is not None:  # a spec-following platform answers invalid_payload; say so before sending
        return b"", (LOCAL_INVALID_PAYLOAD.code, f"{field}: {event.type} needs it (platform-api 1.1, section 3)")
    try:
        data = json.dumps(event.to_wire(), ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode()
    except (TypeError, ValueError, UnicodeError, RecursionError) as exc:
        return b"", (LOCAL_UNSERIALISABLE.code, f"event cannot be encoded as JSON: {type(exc).__name__}: {exc}"[:500])
    if len(data) + _ENVELOPE_OVERHEAD > MAX_BODY_BYTES:
        return b"", (LOCAL_TOO_LARGE.code, f"event is {len(data)} bytes; a request holds at most {MAX_BODY_BYTES}")
    return data, None


def checked_results(wire: list[Any], sent: list[str]) -> list[EventResult]:
    """The platform's per-event answers, believed only when they name exactly the events sent,
    each once. A platform that answers for an event it never got, leaves one out, or repeats
    one has told us nothing we can rely on: nothing is marked, the request is retried."""
    answered = [item.get("event_id") if isinstance(item, dict) else None for item in wire]
    if sorted(map(str, answered)) != sorted(sent) or len(set(answered)) != len(answered):
        extra = sorted({str(a) for a in answered} - set(sent))[:3]
        raise ProtocolViolation(
            "平台的回执与所发事件不符，本批次未记为已发送，稍后重发",
            f"The platform answered {len(wire)} results for {len(sent)} events"
            + (f" (unknown ids {', '.join(extra)})" if extra else "")
            + "; nothing marked, will resend",
            status=200,
        )
    return [EventResult.from_wire(item) for item in wire]


def _missing(digest: str) -> tuple[str, str]:
    return (LOCAL_BLOB_MISSING.code, f"blob {digest} is not in the local store")


@dataclass
class PushReport:
    sent: int = 0  # accepted or duplicate
    deferred: int = 0
    rejected: int = 0
    blobs_uploaded: int = 0
    requests: int = 0
    rejected_results: list[EventResult] = field(default_factory=list)

    @property
    def progress(self) -> int:
        """Grows whenever something reached a final state or a blob went up."""
        return self.sent + self.rejected + self.blobs_uploaded


class SyncEngine:
    def __init__(
        self,
        port: SyncPort,
        client: PlatformClient,
        *,
        page_size: int = 1000,
        inbound_limit: int = 200,
        max_passes: int = 50,
        upload_workers: int = 4,
    ) -> None:
        self.port = port
        self.client = client
        self.page_size = page_size  # events read from the outbox per pass
        self.inbound_limit = inbound_limit
        self.max_passes = max_passes
        self.upload_workers = upload_workers
        self._pool: ThreadPoolExecutor | None = None
        self._present: set[str] = set()  # digests the platform is known to hold (this process)
        # Confirmed by the platform but not saved yet: saved with the next batch's results (one
        # transaction instead of one more per 32 blobs), and always before push returns or raises.
        self._unsaved: list[str] = []
        # time.monotonic() value after which no new request is started (None: no limit); the
        # caller (run_until_done) owns the clock, the engine only stops starting new work.
        self.deadline: float | None = None
        self.clock = time.monotonic

    # -- pull -----------------------------------------------------------------------------
    def pull(self) -> int:
        """Fetch notices after the stored cursor until the feed is drained; returns how many."""
        count = 0
        cursor = self.port.get_cursor()
        while True:
            page = self.client.inbound(cursor, self.inbound_limit)
            shipments = page.get("shipments") if isinstance(page, dict) else None
            if not isinstance(shipments, list):
                raise ProtocolViolation(
                    "平台返回的预报页无法识别", "The platform's notice page has no shipments list", status=200
                )
            for shipment in shipments:
                self._apply_notice(shipment)
                count += 1
            # The cursor is stored only after its page was applied, so a crash re-applies
            # (idempotently) rather than skips.
            if page.get("next_cursor"):
                cursor = str(page["next_cursor"])
                self.port.set_cursor(cursor)
            if not page.get("has_more"):
                pull_certificate_status(self.client, self.port)  # trust (1.1 §4a): the status copy for offline verify
                pull_cases(self.client, self.port)  # after-sale cases (1.1 §6)
                return count

    def _apply_notice(self, shipment: Any) -> None:
        """Apply one notice; whatever goes wrong with it is handed to the port (which keeps it
        for a supervisor) and the rest of the feed goes on."""
        try:
            if not isinstance(shipment, dict):
                raise TypeError(f"a notice must be an object, not {type(shipment).__name__}")
            self.port.apply_notice(shipment)
        except Exception as exc:  # noqa: BLE001 - one poison notice never blocks the feed
            log.warning("notice could not be applied: %s", getattr(exc, "en", None) or repr(exc)[:300])
            self.port.notice_refused(
                shipment,
                getattr(exc, "zh", None) or f"预报无法处理：{type(exc).__name__}",
                getattr(exc, "en", None) or f"notice cannot be applied: {exc!r}"[:500],
            )

    # -- push -----------------------------------------------------------------------------
    def push(self, report: PushReport | None = None) -> PushReport:
        """Send pending events until none is left or only deferred ones remain. Counts go into
        ``report`` (a new one by default), also when a failure is raised half-way."""
        report = report if report is not None else PushReport()
        try:
            for _ in range(self.max_passes):
                before = report.progress
                more = self._push_pass(report)
                if not more or report.progress == before or self._past_deadline():
                    break  # drained, or no progress possible now (deferred events wait for later)
        finally:
            self._save_confirmations()
        return report

    def _past_deadline(self) -> bool:
        return self.deadline is not None and self.clock() >= self.deadline

    def _push_pass(self, report: PushReport) -> bool:
        """One pass over up to ``page_size`` pending events; True when another pass may help."""
        events = self.port.pending_events(self.page_size)
        if not events:
            return False
        blocked: set[str] = set()  # items with a deferred event: never send later ones ahead of it
        queue = list(events)
        while queue and not self._past_deadline():
            batch, body, queue, unsendable = self._next_batch(queue, blocked)
            if unsendable:
                self.port.mark_results(unsendable)
                report.rejected += len(unsendable)
                report.rejected_results.extend(unsendable)
            if not batch:
                continue
            ready = self._upload_blobs(batch, report)
            results = self._post(batch, body, ready, report)
            self.port.mark_results(results, self._take_unsaved())
            by_id = {e.event_id: e for e in batch}
            answered = {r.event_id for r in results}
            # An event the platform did not answer for is in an unknown state: hold its item back.
            blocked.update(e.item_tag for e in batch if e.event_id not in answered and e.item_tag is not None)
            for result in results:
                event = by_id.get(result.event_id)
                if result.done:
                    report.sent += 1
                elif result.status == "rejected":
                    report.rejected += 1
                    report.rejected_results.append(result)
                    log.warning("event %s rejected: %s %s", result.event_id, result.reason, result.detail)
                else:
                    report.deferred += 1
                    if event is not None and event.item_tag is not None:
                        blocked.add(event.item_tag)
                    if result.reason == "missing_blob":
                        self._forget(result.missing_blobs)
                        self._ensure_blobs(result.missing_blobs, report)
        return True

    def _next_batch(
        self, queue: list[OutboxEvent], blocked: set[str]
    ) -> tuple[list[OutboxEvent], list[bytes], list[OutboxEvent], list[EventResult]]:
        """Take events in seq order, skipping blocked items, within the request limits; events
        that can never be sent (not encodable, too big) come back as local rejections."""
        batch: list[OutboxEvent] = []
        encoded: list[bytes] = []
        unsendable: list[EventResult] = []
        size = _ENVELOPE_OVERHEAD
        rest: list[OutboxEvent] = []
        for i, event in enumerate(queue):
            if event.item_tag is not None and event.item_tag in blocked:
                continue  # dropped from this pass; it comes back with the next one
            data, problem = encode_event(event)
            if problem is not None:
                unsendable.append(EventResult(event.event_id, "rejected", problem[0], problem[1]))
                continue
            if batch and (len(batch) >= MAX_EVENTS_PER_REQUEST or size + len(data) + 1 > MAX_BODY_BYTES):
                rest = queue[i:]
                break
            batch.append(event)
            encoded.append(data)
            size += len(data) + 1
        return batch, encoded, rest, unsendable

    def _upload_blobs(self, batch: list[OutboxEvent], report: PushReport) -> dict[str, EventResult]:
        """PUT every blob the batch names before its events go; returns local verdicts for
        events whose blob can never be uploaded (gone locally, or refused as too large/invalid)."""
        digests = list(dict.fromkeys(d for e in batch for d in e.blobs if d not in self._present))
        problems = self._ensure_blobs(digests, report)
        failed: dict[str, EventResult] = {}
        for event in batch:
            bad = next((problems[d] for d in event.blobs if d in problems), None)
            if bad is not None:
                failed[event.event_id] = EventResult(event.event_id, "rejected", bad[0], bad[1])
        return failed

    def _ensure_blobs(self, digests: Iterable[str], report: PushReport) -> dict[str, tuple[str, str]]:
        """Make the platform hold these blobs; returns local problems by digest.

        Round trips overlap on a few threads (the shared limiter still caps requests per
        second), but the port is only ever called from this thread (a database session may be
        bound to it), and at most ``upload_workers`` blobs are in memory at once."""
        todo = [d for d in dict.fromkeys(digests) if d not in self._present]
        if len(self._present) > 200_000:
            self._present.clear()  # only a cache; the platform's answer is authoritative
        if todo:  # confirmed by the platform in an earlier process: no need to ask again
            self._present.update(self.port.known_blobs(self.client.base_url, todo))
            todo = [d for d in todo if d not in self._present]
        problems: dict[str, tuple[str, str]] = {}
        # No HEAD first: PUT is idempotent (platform-api 2: 201 stored, 200 already present), so
        # asking costs a round trip per blob that the PUT answers anyway.
        for start in range(0, len(todo), _PUT_CHUNK):
            if self._past_deadline():
                break
            # Every upload that did succeed is kept before a failure is raised, so progress under
            # a flaky network is never thrown away with the failed request.
            error = self._upload_window(todo[start : start + _PUT_CHUNK], problems, report)
            if error is not None:
                self._save_confirmations()
                raise error
        return problems

    def _confirm(self, digests: list[str]) -> None:
        self._present.update(digests)
        self._unsaved.extend(digests)

    def _take_unsaved(self) -> tuple[str, list[str]] | None:
        digests, self._unsaved = list(dict.fromkeys(self._unsaved)), []
        return (self.client.base_url, digests) if digests else None

    def _save_confirmations(self) -> None:
        confirmed = self._take_unsaved()
        if confirmed is not None:
            self.port.remember_blobs(*confirmed)

    def _forget(self, digests: Iterable[str]) -> None:
        digests = list(digests)
        self._present.difference_update(digests)
        gone = set(digests)
        self._unsaved = [d for d in self._unsaved if d not in gone]
        if digests:
            self.port.forget_blobs(self.client.base_url, digests)

    def _upload_window(
        self, missing: list[str], problems: dict[str, tuple[str, str]], report: PushReport
    ) -> Exception | None:
        """PUT the blobs not confirmed yet on ``upload_workers`` threads at once. Each thread
        takes the next blob itself, reads it and uploads it, until none is left, one fails or
        time is up; this thread only waits. Handing each blob over from here (read here, then
        a future per blob) cost two thread wake-ups and a GIL hand-off per photo, and every
        read waited behind the uploads: that was a third of a photo backlog's drain time.
        Stored (201) and already present (200) both confirm the blob; only a 201 counts as
        uploaded."""
        jobs: list[tuple[str, Callable[[], bytes], str]] = []
        for digest in missing:  # content types from the port, on this thread (its session)
            try:
                read, content_type = self.port.blob_reader(digest)
            except (KeyError, FileNotFoundError):
                problems[digest] = _missing(digest)
                continue
            jobs.append((digest, read, content_type))
        if not jobs:
            return None
        if self._pool is None:
            self._pool = ThreadPoolExecutor(max(1, self.upload_workers), thread_name_prefix="blob-upload")
        queue = iter(jobs)
        taking = threading.Lock()
        stop = threading.Event()  # the platform is struggling (a failure), or time is up

        def upload_until_done() -> list[tuple[str, bool | tuple[str, str] | Exception]]:
            outcomes: list[tuple[str, bool | tuple[str, str] | Exception]] = []
            while not stop.is_set():
                if self._past_deadline():
                    stop.set()
                    break
                with taking:
                    job = next(queue, None)
                if job is None:
                    break
                try:
                    outcomes.append((job[0], self._put(*job)))
                except Exception as exc:  # noqa: BLE001 - raised by the caller after keeping the rest
                    outcomes.append((job[0], exc))
                    stop.set()
            return outcomes

        workers = [self._pool.submit(upload_until_done) for _ in range(min(len(jobs), max(1, self.upload_workers)))]
        first: Exception | None = None
        uploaded: list[str] = []
        for worker in workers:
            for digest, outcome in worker.result():
                if isinstance(outcome, Exception):
                    first = first or outcome
                elif isinstance(outcome, tuple):
                    problems[digest] = outcome
                else:
                    report.blobs_uploaded += int(outcome)
                    uploaded.append(digest)
        self._confirm(uploaded)
        return first

    def _put(self, digest: str, read: Callable[[], bytes], content_type: str) -> bool | tuple[str, str]:
        """On an upload thread: True when stored now (201), False when already present (200),
        or why this blob can never go up as recorded (a local rejection of its events). Only
        this call holds the bytes, so at most ``upload_workers`` blobs are in memory."""
        try:
            data = read()
        except (KeyError, FileNotFoundError):
            return _missing(digest)
        except (StorageError, OSError) as exc:  # deleted, damaged or unreadable on this disk
            why = exc.en if isinstance(exc, StorageError) else repr(exc)
            return (LOCAL_BLOB_UNREADABLE.code, f"blob {digest}: {why}"[:500])
        try:
            return self.client.put_blob(digest, data, content_type)
        except PermanentError as exc:  # 413/422: this blob will never be accepted as it is
            return (LOCAL_BLOB_REFUSED.code, f"blob {digest}: {exc.en}")

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True)
            self._pool = None

    def _post(
        self, batch: list[OutboxEvent], encoded: list[bytes], local: dict[str, EventResult], report: PushReport
    ) -> list[EventResult]:
        sendable = [(e, d) for e, d in zip(batch, encoded, strict=True) if e.event_id not in local]
        results = list(local.values())
        if not sendable:
            return results
        body = (
            b'{"workstation_id":'
            + json.dumps(self.client.workstation_id).encode()
            + b',"events":['
            + b",".join(d for _, d in sendable)
            + b"]}"
        )
        try:
            report.requests += 1
            wire = self.client.post_events(body)
        except PermanentError as exc:
            if len(sendable) > 1:
                # The request as a whole was refused (413/422): find the culprit one by one.
                for event, data in sendable:
                    results.extend(self._post([event], [data], {}, report))
                return results
            event = sendable[0][0]
            return results + [EventResult(event.event_id, "rejected", local_http(exc.status), exc.en)]
        return results + checked_results(wire, [e.event_id for e, _ in sendable])
