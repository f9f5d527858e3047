"""What the sync engine needs from the workstation's database: a deliberately small port.

The store/services side implements ``SyncPort`` over the outbox table (app/services/sync_port.py);
the sync engine (app/sync) drives it; tests use an in-memory fake (``tests/sync/fakes.py``).
It is the contract between the two, so it lives in core, which both may import (it was
app/sync/port.py until issue 15: services then imported upwards into sync). See docs/sync.md
for the contract in words.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal, Protocol, get_args

from app.core.clock import rfc3339
from app.core.vocab import Term, vocabulary

# The sync engine's own permanent verdicts (docs/sync.md): events no platform could accept,
# so they are never sent; kept as rejected, with these codes, for a supervisor.
LOCAL_INVALID_PAYLOAD = Term("local_invalid_payload", "缺少平台要求的字段", "a field the platform requires is missing")
LOCAL_UNSERIALISABLE = Term("local_unserialisable", "含有无法发送的数值", "holds a value that cannot be sent")
LOCAL_TOO_LARGE = Term("local_too_large", "超过单次请求的大小上限", "larger than one request may be")
LOCAL_BLOB_MISSING = Term("local_blob_missing", "其文件不在本工作站的存储中", "its file is not in this station's store")
LOCAL_BLOB_UNREADABLE = Term(
    "local_blob_unreadable", "本工作站磁盘上的文件缺失或已损坏", "its file on this station's disk is missing or damaged"
)
LOCAL_BLOB_REFUSED = Term("local_blob_refused", "平台拒收其文件", "the platform refused its file")
LOCAL_REASONS = vocabulary(
    "本站拒发原因",
    "local refusal reason",
    [
        LOCAL_INVALID_PAYLOAD,
        LOCAL_UNSERIALISABLE,
        LOCAL_TOO_LARGE,
        LOCAL_BLOB_MISSING,
        LOCAL_BLOB_UNREADABLE,
        LOCAL_BLOB_REFUSED,
        # A request holding only this event was refused for good: local_http_<status>.
        Term("local_http_413", "超出平台允许的大小", "too large for the platform"),
        Term("local_http_422", "平台认定其无效而拒收", "the platform refused it as invalid"),
    ],
)


def local_http(status: int | None) -> str:
    """The local verdict for an event the platform refused alone with ``status``."""
    return f"local_http_{status}"


ResultStatus = Literal["accepted", "duplicate", "deferred", "rejected"]


@dataclass(frozen=True)
class OutboxEvent:
    """One committed change waiting to reach the platform. ``event_id`` and ``seq`` are fixed
    when the change is committed locally and never change on retry."""

    event_id: str
    seq: int
    type: str
    occurred_at: datetime | str  # a datetime, or already RFC 3339 text
    actor: str
    item_tag: str | None
    asn_id: str | None
    line_id: str | None
    payload: dict[str, Any]
    blobs: tuple[str, ...] = ()  # lowercase hex SHA-256 of photos/PDFs/reports the event names

    def to_wire(self) -> dict[str, Any]:
        occurred = self.occurred_at if isinstance(self.occurred_at, str) else rfc3339(self.occurred_at)
        return {
            "event_id": self.event_id,
            "seq": self.seq,
            "type": self.type,
            "occurred_at": occurred,
            "actor": self.actor,
            "item_tag": self.item_tag,
            "asn_id": self.asn_id,
            "line_id": self.line_id,
            "payload": self.payload,
            "blobs": list(self.blobs),
        }


@dataclass(frozen=True)
class EventResult:
    """The platform's verdict on one event (or the engine's, for a local permanent failure:
    then ``reason`` starts with ``local_``)."""

    event_id: str
    status: ResultStatus
    reason: str | None = None
    detail: str | None = None
    missing_blobs: tuple[str, ...] = ()

    @property
    def done(self) -> bool:
        return self.status in ("accepted", "duplicate")

    @classmethod
    def from_wire(cls, data: dict[str, Any]) -> EventResult:
        said: Any = data.get("status")
        # an answer we do not understand is never taken as success
        status: ResultStatus = said if said in get_args(ResultStatus) else "deferred"
        return cls(
            str(data.get("event_id")),
            status,
            data.get("reason"),
            None if data.get("detail") is None else str(data.get("detail")),
            tuple(data.get("missing_blobs") or ()),
        )


@dataclass(frozen=True)
class PortStats:
    pending_events: int
    pending_bytes: int  # payload + blob bytes still to send (an estimate is fine)
    rejected: int
    extra: dict[str, Any] = field(default_factory=dict)


class SyncPort(Protocol):
    def pending_events(self, limit: int) -> list[OutboxEvent]:
        """Events neither done nor rejected, lowest ``seq`` first, at most ``limit``."""

    def blob_reader(self, sha256: str) -> tuple[Callable[[], bytes], str]:
        """How to read a local blob, and its content type; KeyError when it is not there.

        The engine asks on its own thread and calls the reader on an upload thread, so the
        reader must not use the port's database session. The reader raises KeyError or
        FileNotFoundError when the bytes are gone, ``StorageError`` when they are unreadable
        or no longer match their digest: the engine rejects the events naming that blob,
        with the reason, and the others go on."""

    def mark_results(self, results: list[EventResult], confirmed: tuple[str, list[str]] | None = None) -> None:
        """Record verdicts in one transaction: done -> sent (never offered again);
        rejected -> kept with reason/detail for supervisors (never offered again);
        deferred -> stays pending (may count attempts). ``confirmed`` (platform, digests):
        blobs the platform confirmed holding, remembered as ``remember_blobs`` does, in the
        same transaction."""

    def get_cursor(self) -> str | None:
        """The stored inbound cursor (None before the first pull)."""

    def set_cursor(self, cursor: str) -> None:
        """Persist the inbound cursor after the page's notices were applied."""

    def apply_notice(self, shipment: dict[str, Any]) -> None:
        """Apply one shipment notice; idempotent (a page may be applied again after a crash)."""

    def notice_refused(self, shipment: Any, zh: str, en: str) -> None:
        """A notice that could not be applied (malformed, or applying it failed): keep it with
        the reason for a supervisor; the feed goes on past it."""

    def known_blobs(self, platform: str, digests: list[str]) -> set[str]:
        """Which of these digests the platform at ``platform`` has confirmed holding before."""

    def remember_blobs(self, platform: str, digests: list[str]) -> None:
        """The platform confirmed holding these (HEAD 200 or PUT 200/201): remember it durably."""

    def forget_blobs(self, platform: str, digests: list[str]) -> None:
        """The platform said it lacks these after all (``missing_blob``): forget the confirmation."""

    def stats(self) -> PortStats:
        """Counts for the status display."""
