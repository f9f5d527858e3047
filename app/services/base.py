"""The unit of work every operation runs in.

``ctx.operation(actor, action)`` re-reads the actor from the database, checks the
permission, and yields a ``Tx``. The operation writes its rows through
``tx.session`` and records what happened with ``tx.audit(...)`` and
``tx.emit(...)``; on leaving the block the outbox events (gapless per-workstation
``seq``) and the hash-chained audit entries are written and everything commits
together — or nothing does.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import insert, text
from sqlalchemy.orm import Session

from app.core.clock import utcnow
from app.core.errors import PermissionDenied
from app.core.events import payload_problem
from app.core.roles import Action, Actor, parse_roles, require
from app.store import audit as audit_store
from app.store.blobs import BlobStore
from app.store.db import Database
from app.store.models import Blob, OutboxEvent, User


@dataclass
class ServiceContext:
    """What every operation needs: where to write and who this station is."""

    db: Database
    blobs: BlobStore
    workstation_id: str
    warehouse_id: str = "WH-LOCAL-01"
    warehouse_name: str = "珍宝仓"
    clock: Callable[[], datetime] = utcnow
    # Called after a successful commit with the list of event types written, so the
    # GUI can refresh and the sync worker can wake up. Never called inside a transaction.
    on_committed: list[Callable[[list[str]], None]] = field(default_factory=list)

    @contextmanager
    def operation(self, actor: Actor, action: Action) -> Iterator[Tx]:
        with self.db.transaction() as session:
            current = _reload_actor(session, actor)
            require(current.roles, action, current.username)
            tx = Tx(session=session, actor=current, ctx=self, action=action)
            yield tx
            tx._finish()
        for callback in self.on_committed:
            callback([e.type for e in tx._events])

    def next_counter(self, session: Session, name: str) -> int:
        return next_counter(session, name)


def _reload_actor(session: Session, actor: Actor) -> Actor:
    """Permissions come from the database now, not from what the GUI remembered at log-in."""
    user = session.get(User, actor.user_id)
    if user is None or not user.active:
        raise PermissionDenied("该账号已停用，请重新登录", "This account is disabled; log in again")
    return Actor(user.id, user.username, user.display_name, parse_roles(user.roles))


def next_counter(session: Session, name: str) -> int:
    """Atomically increment a named counter inside the current transaction (gapless)."""
    return int(session.execute(
        text("INSERT INTO counters (name, value) VALUES (:n, 1) "
             "ON CONFLICT (name) DO UPDATE SET value = counters.value + 1 RETURNING value"),
        {"n": name},
    ).scalar_one())


@dataclass
class Tx:
    session: Session
    actor: Actor
    ctx: ServiceContext
    action: Action
    now: datetime = field(default_factory=utcnow)
    _events: list[OutboxEvent] = field(default_factory=list)
    _audits: list[audit_store.PendingAudit] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.now = self.ctx.clock()

    def audit(self, entity_type: str, entity_id: str | int, detail: dict[str, Any] | None = None,
              action: str | None = None) -> None:
        self._audits.append(audit_store.PendingAudit(
            at=self.now, actor=self.actor.username, action=action or self.action.value,
            entity_type=entity_type, entity_id=str(entity_id), detail=detail or {}))

    def emit(self, event_type: str, payload: dict[str, Any], *, item_tag: str | None = None,
             asn_id: str | None = None, line_id: str | None = None, blobs: list[str] | None = None) -> None:
        problem = payload_problem(event_type, payload, blobs)
        if problem is not None:
            # A programming error, not user input: the contract would reject it later.
            raise AssertionError(f"event {event_type} violates the platform contract at {problem!r}")
        self._events.append(OutboxEvent(
            workstation_id=self.ctx.workstation_id, event_id=str(uuid.uuid4()), type=event_type,
            occurred_at=self.now, actor=self.actor.username, item_tag=item_tag, asn_id=asn_id,
            line_id=line_id, payload=payload, blobs=list(blobs or []), status="pending", attempts=0))

    def put_blob(self, data: bytes, content_type: str) -> str:
        """Store a file (outside the transaction; harmless if it rolls back) and its row."""
        digest = self.ctx.blobs.put(data)
        if self.session.get(Blob, digest) is None:
            self.session.add(Blob(sha256=digest, size=len(data), content_type=content_type, created_at=self.now))
            self.session.flush()
        return digest

    def _finish(self) -> None:
        self.session.flush()
        if self._events:
            rows = []
            for event in self._events:
                event.seq = next_counter(self.session, f"seq:{self.ctx.workstation_id}")
                rows.append({c: getattr(event, c) for c in _OUTBOX_COLUMNS})
            # Core insert: the ORM unit of work costs more than the statement itself here.
            self.session.execute(insert(OutboxEvent), rows)
        audit_store.append(self.session, self.ctx.workstation_id, self._audits)


_OUTBOX_COLUMNS = ("workstation_id", "seq", "event_id", "type", "occurred_at", "actor", "item_tag", "asn_id",
                   "line_id", "payload", "blobs", "status", "attempts")
