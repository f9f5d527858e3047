"""How an operation's outbox events and audit entries are written when it finishes, per
database (``Tx._finish`` chooses), together with ``also``: the operation's own row, a Core
INSERT .. RETURNING built once by a hot operation, whose row is returned.

Every variant reserves the operation's seqs with one counter statement (gapless per
workstation) and extends the audit hash chain from the head, which is locked until commit.

- ``write_sqlite``: statements on the session's connection (in-process, so the ORM's unit of
  work and a fresh statement's cache key cost more than the statements themselves).
- ``write_direct``: the same rows through ``store.hot_path.Direct`` (``ServiceContext.hot_operation`` on SQLite),
  with the head already read by the operation's own statement.
- ``write_postgresql``: one statement, every write a data-modifying CTE (each statement is a
  network round trip); inside ``hot_operation`` it goes out pipelined with the COMMIT.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import datetime
from typing import TYPE_CHECKING, Any, cast

from sqlalchemy import BigInteger, Table, bindparam, insert, text

from app.store import audit as audit_store
from app.store.models import OutboxEvent

if TYPE_CHECKING:
    from .base import Tx

COUNTER_UPSERT = text(
    "INSERT INTO counters (name, value) VALUES (:n, :by) "
    "ON CONFLICT (name) DO UPDATE SET value = counters.value + :by RETURNING value"
)
COUNTER_UPSERT_ROW = COUNTER_UPSERT.columns(value=BigInteger)


def write_sqlite(tx: Tx, also: Any) -> Any:
    """SQLite, an operation's own session: ``also``, the seq counter, the outbox rows and the
    audit entries (head read, rows, new head), each a statement on the session's connection."""
    # Core statements built once, on the session's connection: the ORM unit of work and
    # its execute path cost more than the statements themselves here (SQLite, in-process).
    conn = tx.session.connection()
    returned = conn.execute(also, tx._also_params).one() if also is not None else None
    if tx._events:
        n = len(tx._events)
        last = int(conn.execute(COUNTER_UPSERT, {"n": f"seq:{tx.ctx.workstation_id}", "by": n}).scalar_one())
        _number(tx, last)
        conn.execute(_OUTBOX_INSERT, [{c: getattr(e, c) for c in _OUTBOX_COLUMNS} for e in tx._events])
    audit_store.append(tx.session, tx.ctx.workstation_id, tx._audits)
    return returned


def _number(tx: Tx, last: int) -> None:
    """The operation's events take the seqs up to ``last``, just reserved, in emission order."""
    n = len(tx._events)
    for k, event in enumerate(tx._events):
        event.seq = last - n + 1 + k


def write_direct(tx: Tx, also: Any) -> Any:
    """SQLite inside ``hot_operation``: the same rows as ``write_sqlite``, the statements run by ``Direct``;
    the head was read by the operation's own statement (``head_locked``)."""
    hot = tx._pipe
    if (also is not None and tx._also_params is None) or (tx._audits and tx._head is None):
        raise AssertionError("a hot operation builds its statement once and reads the audit head itself")
    returned = hot.write(also, tx._also_params) if also is not None else None
    if tx._events:
        n = len(tx._events)
        last = int(hot.first(COUNTER_UPSERT_ROW, {"n": f"seq:{tx.ctx.workstation_id}", "by": n}).value)
        _number(tx, last)
        for event in tx._events:
            hot.write(_OUTBOX_ROW, {f"o_{c}": getattr(event, c) for c in _OUTBOX_COLUMNS})
    if tx._audits:
        assert tx._head is not None
        rows, index, last_hash = audit_store.chain_rows(*tx._head, tx.ctx.workstation_id, tx._audits)
        for row in rows:
            hot.write(audit_store.INSERT_ROW, {f"a_{c}": v for c, v in row.items()})
        hot.write(audit_store.HEAD_MOVE, {"h_index": index, "h_hash": last_hash})
    return returned


def write_postgresql(tx: Tx, also: Any) -> Any:
    """The one writing statement of an operation on PostgreSQL. It is built once per shape
    (how many events and audit entries, which prebuilt ``also``) with a named parameter for
    every value and kept, so SQLAlchemy compiles it once and psycopg prepares it on the
    server; only an ``also`` built afresh by its caller (no ``params``) is built each time."""
    n_events, n_audits = len(tx._events), len(tx._audits)
    if also is None and not n_events and not n_audits:
        return None
    params: dict[str, Any] = dict(tx._also_params or {})
    if n_events:
        last_seq_name = f"seq:{tx.ctx.workstation_id}"
        params.update(seq_name=last_seq_name, seq_n=n_events)
        for k, event in enumerate(tx._events):
            params.update({f"o{k}_{c}": getattr(event, c) for c in _OUTBOX_COLUMNS if c != "seq"})
    if n_audits:
        if tx._head is not None:  # read and locked by the operation's own statement
            head_index, head_hash = tx._head
        elif tx._pipe is not None:
            raise AssertionError("a pipelined operation reads and locks the audit head in its own read")
        else:
            head_index, head_hash = tx.session.connection().execute(audit_store.HEAD_FOR_UPDATE).one()
        rows, index, last_hash = audit_store.chain_rows(head_index, head_hash, tx.ctx.workstation_id, tx._audits)
        for k, row in enumerate(rows):
            params.update({f"a{k}_{c}": v for c, v in row.items()})
        params.update(h_index=index, h_hash=last_hash)
    cacheable = also is None or tx._also_params is not None
    key = (n_events, n_audits, also)
    stmt = _PG_FINISH.get(key) if cacheable else None
    if stmt is None:
        stmt = _pg_finish_statement(n_events, n_audits, also)
        if cacheable and len(_PG_FINISH) < 256:
            _PG_FINISH[key] = stmt
    if tx._pipe is not None:  # sent with the COMMIT; the caller reads the row after the block
        if not cacheable:
            raise AssertionError("a pipelined operation's statement is built once (give finish its params)")
        return tx._pipe.write(stmt, params)
    result = tx.session.connection().execute(stmt, params)
    return result.one() if also is not None else None


_PG_FINISH: dict[tuple[int, int, Any], Any] = {}


def _pg_finish_statement(n_events: int, n_audits: int, also: Any) -> Any:
    """The seq counter, the outbox rows, the audit rows, the new audit head and ``also`` as
    data-modifying CTEs of one statement, every value a named parameter."""
    from sqlalchemy import Integer, bindparam, literal, select, union_all
    from sqlalchemy.dialects.postgresql import insert as pg_insert

    from app.store.models import Counter

    ctes = []
    returned_cte = None
    if also is not None:
        returned_cte = also.cte("also_row")
        ctes.append(returned_cte)
    if n_events:
        by = bindparam("seq_n", type_=Integer)
        seq = (
            pg_insert(Counter)
            .values(name=bindparam("seq_name"), value=by)
            .on_conflict_do_update(index_elements=[Counter.name], set_={"value": Counter.value + by})
            .returning(Counter.value)
            .cte("seq_last")
        )
        ctes.append(seq)
        cols = [c for c in _OUTBOX_COLUMNS if c != "seq"]
        # One INSERT whose rows come in emission order (UNION ALL keeps it), so ids follow seq.
        picks = [
            select(*(bindparam(f"o{k}_{c}", type_=_OUTBOX.c[c].type) for c in cols), seq.c.value - (n_events - 1 - k))
            for k in range(n_events)
        ]
        ctes.append(
            insert(_OUTBOX)
            .from_select([*cols, "seq"], picks[0] if n_events == 1 else union_all(*picks))
            .cte("outbox_rows")
        )
    if n_audits:
        log_t = audit_store.AUDIT_LOG
        # INSERT .. SELECT, not a multi-row VALUES: SQLAlchemy cannot cache the latter's compiled form.
        rows = [
            select(*(bindparam(f"a{k}_{c}", type_=log_t.c[c].type) for c in audit_store.ROW_COLUMNS))
            for k in range(n_audits)
        ]
        ctes.append(
            insert(log_t)
            .from_select(list(audit_store.ROW_COLUMNS), rows[0] if n_audits == 1 else union_all(*rows))
            .cte("audit_rows")
        )
        ctes.append(audit_store.HEAD_MOVE.cte("audit_head_moved"))
    if returned_cte is not None:
        return select(returned_cte).add_cte(*ctes)
    return select(literal(1)).add_cte(*ctes)


@dataclass(slots=True)
class PendingEvent:
    """An outbox row an operation emitted, written when it finishes (its ``seq`` is reserved
    then). A plain object: an ORM ``OutboxEvent`` cost more to build than its INSERT."""

    workstation_id: str
    event_id: str
    type: str
    occurred_at: datetime
    actor: str
    item_tag: str | None
    asn_id: str | None
    line_id: str | None
    payload: dict[str, Any]
    blobs: list[str]
    status: str = "pending"
    attempts: int = 0
    seq: int = 0


_OUTBOX = cast(Table, OutboxEvent.__table__)
_OUTBOX_INSERT = insert(_OUTBOX)
_OUTBOX_COLUMNS = tuple(f.name for f in fields(PendingEvent))
# One outbox row with a parameter per column, built once (``hot_operation`` on SQLite).
_OUTBOX_ROW = insert(_OUTBOX).values({c: bindparam(f"o_{c}", type_=_OUTBOX.c[c].type) for c in _OUTBOX_COLUMNS})
