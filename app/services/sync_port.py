"""The station's side of sync: the outbox table and notice application behind the
small ``app.core.outbox.SyncPort`` interface the sync engine drives."""

from __future__ import annotations

import hashlib
import json
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from typing import Any, cast

from sqlalchemy import ColumnElement, Select, Table, bindparam, delete, func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from app.core.errors import TWError
from app.core.outbox import EventResult, OutboxEvent, PortStats
from app.core.roles import Actor
from app.services.base import ServiceContext
from app.services.notices import NoticeService
from app.services.users import system_actor
from app.store.hot_path import one_of
from app.store.models import Blob, PlatformBlob, SyncState
from app.store.models import OutboxEvent as OutboxRow

log = logging.getLogger("tw.sync")
OPEN_STATES = ("pending", "deferred")


@dataclass(frozen=True)
class RejectedEvent:
    seq: int
    event_id: str
    type: str
    item_tag: str | None
    reason: str | None
    detail: str | None
    occurred_at: datetime


_DIGEST = re.compile(r"[0-9a-f]{64}")


_OPEN = one_of(OutboxRow.status, OPEN_STATES)
# A page of events to send, oldest first (index ix_outbox_pending).
_PENDING_PAGE = (
    select(
        OutboxRow.event_id,
        OutboxRow.seq,
        OutboxRow.type,
        OutboxRow.occurred_at,
        OutboxRow.actor,
        OutboxRow.item_tag,
        OutboxRow.asn_id,
        OutboxRow.line_id,
        OutboxRow.payload,
        OutboxRow.blobs,
    )
    .where(
        OutboxRow.workstation_id == bindparam("ws"),
        _OPEN,
    )
    .order_by(OutboxRow.seq)
    .limit(bindparam("limit"))
)
_OUTBOX = cast(Table, OutboxRow.__table__)
# Events the platform settled (accepted or duplicate), a batch's ids in one expanding
# parameter: built once, where ``in_(ids)`` built and coerced a parameter per id per batch.
# On the table, not the mapped class: an ORM UPDATE first read back every matched row to
# update a session that holds none of them (most of marking a batch). Never downgrades a
# settled event (a late duplicate answer after acceptance).
_SETTLE = (
    update(_OUTBOX)
    .where(_OUTBOX.c.event_id.in_(bindparam("ids", expanding=True)), _OPEN)
    .values(
        status=bindparam("status", type_=_OUTBOX.c.status.type),
        sent_at=bindparam("at", type_=_OUTBOX.c.sent_at.type),
        reason=None,
        detail=None,
    )
)
_CONFIRM_BLOB = {  # on the table too: no ORM bulk-insert bookkeeping per row
    pg: (postgresql if pg else sqlite).insert(cast(Table, PlatformBlob.__table__)).on_conflict_do_nothing()
    for pg in (False, True)
}


def _blob_type() -> Select[str]:
    return select(Blob.content_type).where(Blob.sha256 == bindparam("digest"))


class StationSyncPort:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx
        self.notices = NoticeService(ctx)
        self._actor: Actor | None = None
        # Content types of the blobs the last page of events names, read in one query when the
        # first of them is asked for (a query per photo was most of ``blob``'s time). Blob rows
        # are content-addressed and never change, so a type read once stays true.
        self._page_blobs: set[str] = set()
        self._types: dict[str, str] = {}

    def _mine(self) -> ColumnElement[bool]:
        return OutboxRow.workstation_id == self.ctx.workstation_id

    def pending_events(self, limit: int) -> list[OutboxEvent]:
        # Columns, not ORM objects, read without a Session by a statement compiled once: a page
        # is up to a thousand rows a session would only track to throw away.
        with self.ctx.db.snapshot() as read:
            rows = read.all(_PENDING_PAGE, {"ws": self.ctx.workstation_id, "limit": limit})
        events = [
            OutboxEvent(
                r.event_id,
                r.seq,
                r.type,
                r.occurred_at,
                r.actor,
                r.item_tag,
                r.asn_id,
                r.line_id,
                dict(r.payload),
                tuple(r.blobs or ()),
            )
            for r in rows
        ]
        self._page_blobs = {d for e in events for d in e.blobs if _DIGEST.fullmatch(d)}
        self._types = {}
        return events

    def _read_page_types(self) -> None:
        """One query per 500 digests for the content types of the page's blobs not read yet."""
        todo = [d for d in self._page_blobs if d not in self._types]
        self._page_blobs = set()
        with self.ctx.db.read() as s:
            for start in range(0, len(todo), 500):
                chunk = todo[start : start + 500]
                rows = s.execute(select(Blob.sha256, Blob.content_type).where(Blob.sha256.in_(chunk)))
                self._types.update({r.sha256: r.content_type for r in rows})

    def blob_reader(self, sha256: str) -> tuple[Callable[[], bytes], str]:
        # Once per photo of a drain: a prepared read, not a Session and transaction per blob
        # (that was a third of a photo backlog's drain time). Digests come from our outbox;
        # anything that is not one is simply not here. The reader is the content store's
        # (file read and digest check, no database): it runs on an upload thread.
        if not _DIGEST.fullmatch(sha256):
            raise KeyError(sha256)
        if sha256 not in self._types and sha256 in self._page_blobs:
            self._read_page_types()
        content_type = self._types.get(sha256)
        if content_type is None:  # not named by the page (a missing_blob answer), or not here
            row = self.ctx.db.prepared("sync_blob_type", _blob_type).first(digest=sha256)
            if row is None:
                raise KeyError(sha256)
            content_type = row.content_type
        return partial(self.ctx.blobs.get, sha256), content_type

    def blob(self, sha256: str) -> tuple[bytes, str]:
        """The bytes and content type at once (``blob_reader``, read now)."""
        read, content_type = self.blob_reader(sha256)
        return read(), content_type

    def mark_results(self, results: list[EventResult], confirmed: tuple[str, list[str]] | None = None) -> None:
        if not results:
            if confirmed is not None:
                self.remember_blobs(*confirmed)
            return
        now = self.ctx.clock()
        settled: dict[str, list[str]] = {}  # accepted / duplicate: one statement per status
        with self.ctx.db.transaction() as s:
            if confirmed is not None:  # with the verdicts: one transaction (and fsync) per batch
                self._insert_confirmed(s, *confirmed)
            for r in results:
                values: dict[str, Any]
                if r.done:
                    settled.setdefault(r.status, []).append(r.event_id)
                    continue
                if r.status == "rejected":
                    values = {"status": "rejected", "sent_at": now, "reason": r.reason, "detail": r.detail}
                else:
                    values = {
                        "status": "deferred",
                        "reason": r.reason,
                        "detail": r.detail or (",".join(r.missing_blobs) or None),
                        "attempts": OutboxRow.attempts + 1,
                    }
                # Never downgrade a settled event (a late duplicate answer after acceptance).
                s.execute(update(_OUTBOX).where(_OUTBOX.c.event_id == r.event_id, _OPEN).values(**values))
            for status, ids in settled.items():
                for start in range(0, len(ids), 500):
                    s.execute(_SETTLE, {"ids": ids[start : start + 500], "status": status, "at": now})

    def _state_key(self) -> str:
        return f"inbound_cursor:{self.ctx.workstation_id}"

    def get_cursor(self) -> str | None:
        with self.ctx.db.read() as s:
            row = s.get(SyncState, self._state_key())
            return row.value if row else None

    def set_cursor(self, cursor: str) -> None:
        with self.ctx.db.transaction() as s:
            row = s.get(SyncState, self._state_key())
            if row is None:
                s.add(SyncState(key=self._state_key(), value=cursor))
            else:
                row.value = cursor

    def apply_notice(self, shipment: dict[str, Any]) -> None:
        if self._actor is None:
            self._actor = system_actor(self.ctx)
        try:
            self.notices.apply(self._actor, shipment)
        except TWError as exc:
            # One bad notice must not stop the feed; it is kept for a supervisor to see.
            self.notice_refused(shipment, exc.zh, exc.en)

    def notice_refused(self, shipment: Any, zh: str, en: str) -> None:
        """Keep a notice that could not be applied, with the reason and the notice as received
        (escaped, so even a lone surrogate or NaN survives), for a supervisor to see."""
        asn = shipment.get("asn_id") if isinstance(shipment, dict) else None
        log.warning("notice %r refused: %s", asn, en)
        raw = json.dumps(shipment, ensure_ascii=True, default=repr)
        if not isinstance(asn, str) or not asn or len(asn) > 80 or not asn.isprintable():
            asn = "#" + hashlib.sha256(raw.encode()).hexdigest()[:16]  # a key that fits the column
        key = f"notice_error:{asn}"
        text = json.dumps({"zh": zh, "en": en, "notice": raw[:100_000]}, ensure_ascii=True)
        with self.ctx.db.transaction() as s:
            row = s.get(SyncState, key)
            if row is None:
                s.add(SyncState(key=key, value=text))
            else:
                row.value = text

    # -- blob presence confirmed by the platform (survives restarts) -----------------------
    def known_blobs(self, platform: str, digests: list[str]) -> set[str]:
        if not digests:
            return set()
        with self.ctx.db.read() as s:
            return set(
                s.execute(
                    select(PlatformBlob.sha256).where(
                        PlatformBlob.platform == platform[:256], PlatformBlob.sha256.in_(digests)
                    )
                ).scalars()
            )

    def remember_blobs(self, platform: str, digests: list[str]) -> None:
        if not digests:
            return
        with self.ctx.db.transaction() as s:
            self._insert_confirmed(s, platform, digests)

    def _insert_confirmed(self, s: Session, platform: str, digests: list[str]) -> None:
        if not digests:
            return
        now = self.ctx.clock()
        rows = [{"platform": platform[:256], "sha256": d, "confirmed_at": now} for d in dict.fromkeys(digests)]
        # One statement executed for many rows: compiled once per process and cached, where a
        # VALUES list built per batch was compiled anew each time (most of a photo batch's
        # bookkeeping). Stations sharing a database may confirm the same blob at once: first wins.
        s.execute(_CONFIRM_BLOB[s.get_bind().dialect.name == "postgresql"], rows)

    def forget_blobs(self, platform: str, digests: list[str]) -> None:
        if not digests:
            return
        with self.ctx.db.transaction() as s:
            s.execute(
                delete(PlatformBlob).where(
                    PlatformBlob.platform == platform[:256], PlatformBlob.sha256.in_(list(digests))
                )
            )

    def stats(self) -> PortStats:
        with self.ctx.db.read() as s:
            pending = s.execute(
                select(func.count(OutboxRow.id)).where(self._mine(), OutboxRow.status.in_(OPEN_STATES))
            ).scalar_one()
            rejected = s.execute(
                select(func.count(OutboxRow.id)).where(self._mine(), OutboxRow.status == "rejected")
            ).scalar_one()
            blob_lists = (
                s.execute(
                    select(OutboxRow.blobs).where(
                        self._mine(),
                        OutboxRow.status.in_(OPEN_STATES),
                        OutboxRow.type.in_(("photo.attached", "certificate.issued", "inspection.completed")),
                    )
                )
                .scalars()
                .all()
            )
            digests = {d for lst in blob_lists for d in (lst or [])}
            blob_bytes = 0
            if digests:
                blob_bytes = int(
                    s.execute(
                        select(func.coalesce(func.sum(Blob.size), 0)).where(Blob.sha256.in_(digests))
                    ).scalar_one()
                )
        return PortStats(int(pending), int(pending) * 400 + blob_bytes, int(rejected))

    def rejected_events(self, limit: int = 200) -> list[RejectedEvent]:
        with self.ctx.db.read() as s:
            rows = s.execute(
                select(OutboxRow)
                .where(self._mine(), OutboxRow.status == "rejected")
                .order_by(OutboxRow.seq.desc())
                .limit(limit)
            ).scalars()
            return [
                RejectedEvent(r.seq, r.event_id, r.type, r.item_tag, r.reason, r.detail, r.occurred_at) for r in rows
            ]

    def set_key_registered(self, key_id: str) -> None:
        """The platform now knows this signing key (certificates service wrote it unregistered)."""
        key = f"signing_key:{key_id}"
        with self.ctx.db.transaction() as s:
            row = s.get(SyncState, key)
            value = json.loads(row.value) if row else {}
            value.update(registered=True, registered_at=self.ctx.clock().isoformat())
            if row is None:
                s.add(SyncState(key=key, value=json.dumps(value)))
            else:
                row.value = json.dumps(value)

    def notice_errors(self) -> dict[str, dict[str, str]]:
        with self.ctx.db.read() as s:
            rows = s.execute(select(SyncState).where(SyncState.key.like("notice_error:%"))).scalars()
            return {r.key.split(":", 1)[1]: json.loads(r.value) for r in rows}
