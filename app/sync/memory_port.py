"""A ``SyncPort`` kept in memory: the reference for implementers, and what the tests, the
benchmark and a database-less demo use. Thread-safe; not durable (see tests/sync for a
sqlite-backed variant used by the crash test)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from app.core.outbox import EventResult, OutboxEvent, PortStats


class MemoryPort:
    def __init__(self, blob_source: Callable[[str], tuple[bytes, str]] | None = None) -> None:
        self._lock = threading.Lock()
        self.events: dict[str, OutboxEvent] = {}  # pending, by event_id
        self.sent: dict[str, EventResult] = {}
        self.rejected: dict[str, EventResult] = {}
        self.attempts: dict[str, int] = {}
        self.blobs: dict[str, tuple[bytes, str]] = {}
        self._blob_source = blob_source  # lets a benchmark produce bytes on demand
        self.cursor: str | None = None
        self.notices: dict[str, dict[str, Any]] = {}
        self.notices_applied = 0
        self.refused_notices: list[tuple[Any, str]] = []  # (notice, reason in English)
        self.confirmed_blobs: set[tuple[str, str]] = set()  # (platform, sha256)

    def add(self, event: OutboxEvent) -> None:
        with self._lock:
            self.events[event.event_id] = event

    def add_blob(self, sha256: str, data: bytes, content_type: str) -> None:
        with self._lock:
            self.blobs[sha256] = (data, content_type)

    # -- SyncPort -------------------------------------------------------------------------
    def pending_events(self, limit: int) -> list[OutboxEvent]:
        with self._lock:
            return sorted(self.events.values(), key=lambda e: e.seq)[:limit]

    def blob_reader(self, sha256: str) -> tuple[Callable[[], bytes], str]:
        data, content_type = self.blob(sha256)
        return (lambda: data), content_type

    def blob(self, sha256: str) -> tuple[bytes, str]:
        with self._lock:
            if sha256 in self.blobs:
                return self.blobs[sha256]
        if self._blob_source is not None:
            return self._blob_source(sha256)
        raise KeyError(sha256)

    def mark_results(self, results: list[EventResult], confirmed: tuple[str, list[str]] | None = None) -> None:
        with self._lock:
            if confirmed is not None:
                self.confirmed_blobs.update((confirmed[0], d) for d in confirmed[1])
            for result in results:
                if result.event_id not in self.events:
                    continue
                self.attempts[result.event_id] = self.attempts.get(result.event_id, 0) + 1
                if result.done:
                    self.sent[result.event_id] = result
                    del self.events[result.event_id]
                elif result.status == "rejected":
                    self.rejected[result.event_id] = result
                    del self.events[result.event_id]

    def get_cursor(self) -> str | None:
        return self.cursor

    def set_cursor(self, cursor: str) -> None:
        self.cursor = cursor

    def apply_notice(self, shipment: dict[str, Any]) -> None:
        # Newer revisions replace older ones; a replay of an old page changes nothing.
        with self._lock:
            self.notices_applied += 1
            current = self.notices.get(shipment["asn_id"])
            if current is None or shipment.get("revision", 0) >= current.get("revision", 0):
                self.notices[shipment["asn_id"]] = shipment

    def notice_refused(self, shipment: Any, zh: str, en: str) -> None:
        with self._lock:
            self.refused_notices.append((shipment, en))

    def known_blobs(self, platform: str, digests: list[str]) -> set[str]:
        with self._lock:
            return {d for d in digests if (platform, d) in self.confirmed_blobs}

    def remember_blobs(self, platform: str, digests: list[str]) -> None:
        with self._lock:
            self.confirmed_blobs.update((platform, d) for d in digests)

    def forget_blobs(self, platform: str, digests: list[str]) -> None:
        with self._lock:
            self.confirmed_blobs.difference_update((platform, d) for d in digests)

    def stats(self) -> PortStats:
        with self._lock:
            pending = list(self.events.values())
            blob_bytes = sum(len(self.blobs[b][0]) for e in pending for b in e.blobs if b in self.blobs)
            return PortStats(len(pending), blob_bytes + 300 * len(pending), len(self.rejected))
