"""The unit of work every operation runs in.

``ctx.operation(actor, action)`` re-reads the actor from the database, checks the
permission, and yields a ``Tx``. The operation writes its rows through
``tx.session`` and records what happened with ``tx.audit(...)`` and
``tx.emit(...)``; on leaving the block the outbox events (gapless per-workstation
``seq``) and the hash-chained audit entries are written and everything commits
together — or nothing does.

Input limits (app.core.limits) are enforced here for every operation, on both SQLite
and PostgreSQL alike: each row about to be flushed is checked against its column (length,
NUL, lone surrogates, finite numbers, integer range), each outbox payload and audit
detail against the platform's limits, and a database that still refuses a value
becomes a ValidationError, never a raw driver error.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, cast

from sqlalchemy import JSON, BigInteger, Integer, String, Text, bindparam, event, select
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.exc import DataError, StatementError
from sqlalchemy.orm import Session

from app.core import limits
from app.core.clock import utcnow
from app.core.errors import PermissionDenied, ValidationError
from app.core.events import envelope_limit_problem, item_tag_problem, payload_problem
from app.core.roles import Action, Actor, parse_roles, require
from app.store import audit as audit_store
from app.store.blobs import BlobStore
from app.store.db import Database
from app.store.models import Blob, User

from . import tx_write

log = logging.getLogger(__name__)


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
    # Called before a write's transaction opens; the GUI refuses writes off its one
    # database worker here (app.ui.ops.refuse_write_off_db_worker).
    before_write: list[Callable[[Action], None]] = field(default_factory=list)

    def __post_init__(self) -> None:
        # Reads too: a NUL or lone surrogate in a search (a scanned waybill, a typed tag)
        # must come back as a reason, not as the driver's DataError / UnicodeEncodeError.
        for engine in {self.db.engine, self.db.read_engine}:
            if not getattr(engine, "_tw_refuses_bad_values", False):
                event.listen(engine, "handle_error", _refuse_unstorable)
                engine._tw_refuses_bad_values = True  # type: ignore[attr-defined]  # our mark on the engine: listen once

    @contextmanager
    def operation(self, actor: Actor, action: Action, *, actor_checked_by_caller: bool = False) -> Iterator[Tx]:
        """``actor_checked_by_caller``: a hot operation reads the actor's row in its own first
        statement and calls ``tx.authorise(...)`` before writing anything (one round trip
        fewer); ``_finish`` refuses to write for a Tx that was never authorised."""
        for check in self.before_write:
            check(action)
        with _refusing_unstorable(action):
            with self.db.transaction() as session:
                event.listen(session, "before_flush", _check_rows)
                if actor_checked_by_caller:
                    tx = Tx(session=session, actor=actor, ctx=self, action=action, _authorised=False)
                else:
                    current = reload_actor(session, actor)
                    require(current.roles, action, current.username)
                    tx = Tx(session=session, actor=current, ctx=self, action=action)
                yield tx
                if not tx._finished:
                    tx._finish()
        for callback in self.on_committed:
            callback([e.type for e in tx._events])

    @contextmanager
    def hot_operation(self, actor: Actor, action: Action) -> Iterator[tuple[Tx, Any]]:
        """A hot operation (receive-item, issue 16): one read that gathers and locks every fact
        it checks, the actor's row among them (``tx.authorise``), then one write
        (``tx.finish(also=..., params=...)``), both through the executor yielded with the Tx
        (``store.hot_path``); a row the write returns is read after the block.

        - PostgreSQL: the Session's connection, pipelined: two round trips.
        - SQLite: a pooled connection in a write transaction of its own, without a Session
          (its begin and commit cost more than the statements); ``tx.session`` is not there.

        The same checks, rows, audit chain, outbox, commit-or-nothing and callbacks as
        ``operation``."""
        if self.db.dialect == "postgresql":
            from app.store.hot_path import Pipelined

            with self.operation(actor, action, actor_checked_by_caller=True) as tx, Pipelined(tx.session) as hot:
                tx._pipe = hot
                yield tx, hot
            return
        for check in self.before_write:
            check(action)
        with _refusing_unstorable(action):
            with self.db.direct_write() as hot:
                tx = Tx(session=_NO_SESSION, actor=actor, ctx=self, action=action, _authorised=False, _pipe=hot)
                yield tx, hot
                if not tx._finished:
                    tx._finish()
        for callback in self.on_committed:
            callback([e.type for e in tx._events])

    def next_counter(self, session: Session, name: str) -> int:
        return next_counter(session, name)


@contextmanager
def _refusing_unstorable(action: Action) -> Iterator[None]:
    """A value the database still refuses (DataError, or a driver's UnicodeEncodeError or
    ValueError) is the input's fault: the person is told so, the details go to the log."""
    try:
        yield
    except StatementError as exc:
        if not isinstance(exc, DataError) and not isinstance(exc.orig, ValueError):
            raise
        # The checks should have caught it.
        log.warning("database refused a value in %s: %s", action.value, exc)
        raise ValidationError(
            "输入中有数据库无法保存的字符或数值，未做任何更改",
            "The input holds characters or values the database cannot store; nothing was changed",
        ) from None


class _NoSession:
    """``Tx.session`` of a hot operation on SQLite, which runs without one (``hot_operation``)."""

    def __getattr__(self, name: str) -> Any:
        raise AssertionError(f"a hot operation on SQLite has no Session (asked for {name!r}); use its executor")


_NO_SESSION = cast(Session, _NoSession())


def _refuse_unstorable(context: Any) -> BaseException | None:
    """SQLAlchemy ``handle_error``: a value the database cannot take becomes a ValidationError."""
    original = context.original_exception
    if isinstance(context.sqlalchemy_exception, DataError) or isinstance(original, UnicodeError):
        log.warning("database refused a value: %s", original)
        return ValidationError(
            "输入中有数据库无法处理的字符或数值（如空字符、无效字符或过大的数），未做任何更改",
            "The input holds characters or values the database cannot handle (a NUL, an "
            "invalid character or a number too large); nothing was changed",
        )
    return None


def reload_actor(session: Session, actor: Actor) -> Actor:
    """Permissions come from the database now, not from what the GUI remembered at log-in."""
    user = session.get(User, actor.user_id)
    if user is None or not user.active:
        raise PermissionDenied("该账号已停用，请重新登录", "This account is disabled; log in again")
    return Actor(user.id, user.username, user.display_name, parse_roles(user.roles))


def next_counter(session: Session, name: str, by: int = 1) -> int:
    """Atomically increment a named counter inside the current transaction (gapless);
    ``by`` reserves that many numbers at once and returns the last of them."""
    return int(session.execute(tx_write.COUNTER_UPSERT, {"n": name, "by": by}).scalar_one())


# The columns ``actor_from_row`` judges, for a hot operation whose read is nothing but its actor.
ACTOR_ROW = select(User.username, User.display_name, User.roles, User.active).where(User.id == bindparam("uid"))


def actor_from_row(
    user_id: int, username: str | None, display_name: str | None, roles: str | None, active: bool | None
) -> Actor:
    """The same judgement as ``reload_actor`` for columns a hot operation read itself."""
    if username is None or not active:
        raise PermissionDenied("该账号已停用，请重新登录", "This account is disabled; log in again")
    return Actor(user_id, username, display_name or "", parse_roles(roles or ""))


@dataclass
class Tx:
    session: Session
    actor: Actor
    ctx: ServiceContext
    action: Action
    now: datetime = field(default_factory=utcnow)
    _events: list[tx_write.PendingEvent] = field(default_factory=list)
    _audits: list[audit_store.PendingAudit] = field(default_factory=list)
    _authorised: bool = True
    _finished: bool = False
    _also: Any = None
    _also_params: dict[str, Any] | None = None
    _returned: Any = None
    _head: tuple[int, str] | None = None
    _pipe: Any = None  # the store.hot_path executor of a hot operation (ServiceContext.hot_operation)

    def __post_init__(self) -> None:
        self.now = self.ctx.clock()

    def authorise(self, current: Actor) -> None:
        """For ``operation(..., actor_checked_by_caller=True)``: the actor as just read from
        the database; checks the permission exactly as ``operation`` would have."""
        require(current.roles, self.action, current.username)
        self.actor, self._authorised = current, True

    def head_locked(self, chain_index: int, hash_: str) -> None:
        """The audit head as the operation's own statement read it, locked ``FOR UPDATE``
        (PostgreSQL): the finish then chains from it instead of reading it again."""
        self._head = (chain_index, hash_)

    def check_values(self, table: Any, values: dict[str, Any]) -> None:
        """The ``before_flush`` limits check for a row written with a Core statement."""
        for name, value in values.items():
            if value is None:
                continue
            problem = _column_problem(name, table.c[name].type, value)
            if problem is not None:
                raise limits.refuse(problem)

    def audit(
        self, entity_type: str, entity_id: str | int, detail: dict[str, Any] | None = None, action: str | None = None
    ) -> None:
        problem = limits.value_problem(detail or {})
        if problem is not None:
            raise limits.refuse(problem)
        self._audits.append(
            audit_store.PendingAudit(
                at=self.now,
                actor=self.actor.username,
                action=action or self.action.value,
                entity_type=entity_type,
                entity_id=str(entity_id),
                detail=detail or {},
            )
        )

    def emit(
        self,
        event_type: str,
        payload: dict[str, Any],
        *,
        item_tag: str | None = None,
        asn_id: str | None = None,
        line_id: str | None = None,
        blobs: list[str] | None = None,
    ) -> None:
        # Limits first: a note of 10 MB or a NUL is a person's input, refused with a reason.
        limit = limits.value_problem(payload) or envelope_limit_problem(
            {"actor": self.actor.username, "item_tag": item_tag, "asn_id": asn_id, "line_id": line_id}
        )
        if limit is not None:
            raise limits.refuse(limit)
        if item_tag_problem(event_type, payload, item_tag, asn_id, line_id) is not None:
            # The contract (1.1) has no place for this fact without a piece (a parcel-level photo
            # or discrepancy, a notice change before any piece exists): it stays in this station's
            # records and audit, and is not sent to be refused.
            log.info("%s without an item stays local (platform-api 1.1 item_tag rule)", event_type)
            return
        problem = payload_problem(event_type, payload, blobs)
        if problem is not None:
            # A programming error, not user input: the contract would reject it later.
            raise AssertionError(f"event {event_type} violates the platform contract at {problem!r}")
        self._events.append(
            tx_write.PendingEvent(
                workstation_id=self.ctx.workstation_id,
                event_id=str(uuid.uuid4()),
                type=event_type,
                occurred_at=self.now,
                actor=self.actor.username,
                item_tag=item_tag,
                asn_id=asn_id,
                line_id=line_id,
                payload=payload,
                blobs=list(blobs or []),
                status="pending",
                attempts=0,
            )
        )

    def put_blob(self, data: bytes, content_type: str) -> str:
        """Store a file (outside the transaction; harmless if it rolls back) and its row."""
        digest = self.ctx.blobs.put(data)
        if self.session.get(Blob, digest) is None:
            self.session.add(Blob(sha256=digest, size=len(data), content_type=content_type, created_at=self.now))
            self.session.flush()
        return digest

    def _finish(self) -> None:
        """Write the outbox events (gapless seq) and the audit entries, in the way that suits
        the database and the operation (``tx_write``); commit follows."""
        if not self._authorised:
            raise AssertionError("operation wrote without authorising its actor")
        self._finished = True
        if self.session is not _NO_SESSION:
            self.session.flush()
        also, self._also = self._also, None
        if self.ctx.db.dialect == "postgresql":
            self._returned = tx_write.write_postgresql(self, also)
        elif self._pipe is not None:
            self._returned = tx_write.write_direct(self, also)
        else:
            self._returned = tx_write.write_sqlite(self, also)

    def finish(self, also: Any = None, params: dict[str, Any] | None = None) -> Any:
        """Write the outbox and audit now, inside the block, together with ``also`` (run with
        ``params``, so a hot operation can build its statement once); returns the row ``also``
        returned."""
        self._also, self._also_params = also, params
        self._finish()
        return self._returned


_INT32 = 2**31 - 1
_INT64 = 2**63 - 1


def _check_rows(session: Session, _flush_context: object, _instances: object) -> None:
    """Before any row reaches the database: every value fits its column and the limits."""
    for obj in (*session.new, *session.dirty):
        state = sa_inspect(obj)
        for attr in state.mapper.column_attrs:
            if attr.key not in state.dict:
                continue  # not loaded (deferred) or not set: nothing new to check
            value = state.dict[attr.key]
            if value is None:
                continue
            problem = _column_problem(attr.key, attr.columns[0].type, value)
            if problem is not None:
                raise limits.refuse(problem)


def _column_problem(name: str, col_type: object, value: Any) -> limits.Problem | None:
    if isinstance(value, str):
        if isinstance(col_type, String) and not isinstance(col_type, Text) and col_type.length:
            cap = col_type.length
        elif limits.max_chars(name) > limits.MAX_TEXT:
            cap = limits.max_chars(name)  # a note, reason, statement in a Text column
        else:
            cap = len(value)  # other Text: no platform length, but still NUL/UTF-8
        return limits.text_problem(name, value, cap)
    if isinstance(col_type, JSON):
        return limits.value_problem(value, name, lengths=False)
    if isinstance(value, int) and not isinstance(value, bool) and isinstance(col_type, Integer):
        bound = _INT64 if isinstance(col_type, BigInteger) else _INT32
        return None if abs(value) <= bound else limits.Problem(name, "too_big", bound)
    return limits.number_problem(name, value)
