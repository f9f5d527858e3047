"""The append-only, hash-chained audit log.

Each entry's hash covers its content and the previous entry's hash. Altering or
removing any row breaks the chain at that point; ``verify_chain`` finds the first
broken link. Appends lock the single ``audit_head`` row, so stations sharing one
PostgreSQL database extend one chain in turn.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Table, bindparam, insert, select, update
from sqlalchemy.orm import Session

from app.core.clock import rfc3339
from app.store.models import AuditEntry, AuditHead

GENESIS = "0" * 64
AUDIT_LOG = cast(Table, AuditEntry.__table__)
_HEAD = cast(Table, AuditHead.__table__)


def entry_hash(
    prev_hash: str,
    chain_index: int,
    at: datetime,
    workstation_id: str,
    actor: str,
    action: str,
    entity_type: str,
    entity_id: str,
    detail: dict[str, Any],
) -> str:
    canonical = json.dumps(
        [prev_hash, chain_index, rfc3339(at), workstation_id, actor, action, entity_type, entity_id, detail],
        ensure_ascii=False,
        sort_keys=True,
        separators=(",", ":"),
        default=str,
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class PendingAudit:
    at: datetime
    actor: str
    action: str
    entity_type: str
    entity_id: str
    detail: dict[str, Any]


def append(session: Session, workstation_id: str, entries: list[PendingAudit]) -> None:
    """Append entries at the end of the transaction (the head lock is held until commit)."""
    if not entries:
        return
    session.flush()  # what the ORM statements below did implicitly (autoflush)
    # Core statements on the session's connection, built once: this runs in every
    # operation, and the ORM's execute path and a fresh statement's cache key cost more
    # than the statements themselves on SQLite.
    conn = session.connection()
    head = conn.execute(HEAD_FOR_UPDATE).one()
    rows, index, prev = chain_rows(head.chain_index, head.hash, workstation_id, entries)
    conn.execute(_INSERT_ROWS, rows)
    conn.execute(HEAD_MOVE, {"h_index": index, "h_hash": prev})


HEAD_FOR_UPDATE = select(_HEAD.c.chain_index, _HEAD.c.hash).where(_HEAD.c.id == 1).with_for_update()
_INSERT_ROWS = insert(AUDIT_LOG)
HEAD_MOVE = update(_HEAD).where(_HEAD.c.id == 1).values(chain_index=bindparam("h_index"), hash=bindparam("h_hash"))


# The columns of a row chain_rows makes (a PostgreSQL statement names a parameter for each).
ROW_COLUMNS = (
    "chain_index",
    "at",
    "workstation_id",
    "actor",
    "action",
    "entity_type",
    "entity_id",
    "detail",
    "prev_hash",
    "hash",
)


# One audit row with a parameter per column, built once (a hot operation's statement).
INSERT_ROW = insert(AUDIT_LOG).values({c: bindparam(f"a_{c}", type_=AUDIT_LOG.c[c].type) for c in ROW_COLUMNS})


def chain_rows(
    index: int, prev: str, workstation_id: str, entries: list[PendingAudit]
) -> tuple[list[dict[str, Any]], int, str]:
    """The rows that extend the chain after (index, prev), and the new head."""
    rows = []
    for e in entries:
        index += 1
        # Normalise the detail through JSON so what is hashed is what is stored.
        detail = json.loads(json.dumps(e.detail, ensure_ascii=False, default=str))
        digest = entry_hash(prev, index, e.at, workstation_id, e.actor, e.action, e.entity_type, e.entity_id, detail)
        rows.append(
            {
                "chain_index": index,
                "at": e.at,
                "workstation_id": workstation_id,
                "actor": e.actor,
                "action": e.action,
                "entity_type": e.entity_type,
                "entity_id": e.entity_id,
                "detail": detail,
                "prev_hash": prev,
                "hash": digest,
            }
        )
        prev = digest
    return rows, index, prev


@dataclass(frozen=True)
class ChainReport:
    ok: bool
    entries: int
    first_bad_index: int | None = None
    problem_zh: str = ""
    problem_en: str = ""
    # What broke: altered, removed, tail (end missing or altered), and with a signed anchor
    # (audit_anchor.py) wiped, truncated, rewritten, anchor_invalid. Empty when intact.
    kind: str = ""
    anchored: bool = False  # checked against a signed checkpoint
    anchor_index: int | None = None
    notes: tuple[str, ...] = ()


def verify_chain(session: Session, batch: int = 5000) -> ChainReport:
    prev, expected_index, count = GENESIS, 1, 0
    while True:
        rows = (
            session.execute(
                select(AuditEntry)
                .where(AuditEntry.chain_index >= expected_index)
                .order_by(AuditEntry.chain_index)
                .limit(batch)
            )
            .scalars()
            .all()
        )
        if not rows:
            break
        for row in rows:
            if row.chain_index != expected_index:
                return ChainReport(
                    False,
                    count,
                    expected_index,
                    f"审计记录 #{expected_index} 缺失（已被删除）",
                    f"audit entry #{expected_index} is missing (removed)",
                    kind="removed",
                )
            if row.prev_hash != prev:
                return ChainReport(
                    False,
                    count,
                    row.chain_index,
                    f"审计记录 #{row.chain_index} 与前一条不衔接",
                    f"audit entry #{row.chain_index} does not link to the previous entry",
                    kind="altered",
                )
            digest = entry_hash(
                prev,
                row.chain_index,
                row.at,
                row.workstation_id,
                row.actor,
                row.action,
                row.entity_type,
                row.entity_id,
                row.detail,
            )
            if digest != row.hash:
                return ChainReport(
                    False,
                    count,
                    row.chain_index,
                    f"审计记录 #{row.chain_index} 内容已被修改",
                    f"audit entry #{row.chain_index} was altered",
                    kind="altered",
                )
            prev, expected_index, count = row.hash, expected_index + 1, count + 1
        session.expunge_all()
    head = session.get(AuditHead, 1)
    if head is None or head.chain_index != count or head.hash != prev:
        return ChainReport(
            False,
            count,
            count + 1 if head is None or head.chain_index > count else count,
            "审计链末尾的记录缺失或被修改",
            "entries at the end of the audit chain are missing or altered",
            kind="tail",
        )
    return ChainReport(True, count)
