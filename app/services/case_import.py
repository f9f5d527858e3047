"""After-sale cases as they arrive from the platform (platform-api.md §6, ``GET /cases``):
each case is applied at the station as one operation (the case row and its audit entry
commit together), or quarantined with its reason for a supervisor, like a notice. A case the
platform cancels stops work; a lower or equal revision changes nothing. The work on a case
once here (receive, re-inspect, decide, dispose) is ``app.services.cases``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from app.core import cases as rules
from app.core import limits
from app.core.cases import CaseState, PlatformCase
from app.core.errors import ValidationError
from app.core.roles import Action, Actor, require
from app.services.base import ServiceContext, Tx, reload_actor
from app.store.models import Case, CaseQuarantine, Item

RAW_KEEP = 64 * 1024


@dataclass(frozen=True)
class CaseOutcome:
    case_id: str | None
    outcome: str  # created | updated | cancelled | unchanged | quarantined


class CaseQuarantined(ValidationError):
    code = "case_quarantined"

    def __init__(self, case_id: str | None, cause: ValidationError) -> None:
        name = case_id or "?"
        super().__init__(
            f"售后单 {name} 无法导入，已隔离待主管处理：{cause.zh}",
            f"Case {name} cannot be applied and was quarantined for a supervisor: {cause.en}",
            field=cause.details.get("field"),
        )
        self.case_id = case_id


class CaseImport:
    """Applies the platform's cases at this station (the import permission is checked in
    each operation)."""

    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def apply(self, actor: Actor, raw: Any) -> CaseOutcome:
        """Apply one case of ``GET /cases``; CaseQuarantined when it cannot apply."""
        try:
            case = rules.parse_case(raw)
            if case.warehouse_id != self.ctx.warehouse_id:
                raise ValidationError(
                    f"售后单属于其他仓库（{case.warehouse_id}）",
                    f"The case belongs to another warehouse ({case.warehouse_id})",
                    field="warehouse_id",
                )
            return self._apply(actor, case)
        except CaseQuarantined:
            raise
        except ValidationError as exc:
            raise self._quarantine(actor, raw, exc) from None

    def _apply(self, actor: Actor, c: PlatformCase) -> CaseOutcome:
        with self.ctx.operation(actor, Action.IMPORT_CASES) as tx:
            s = tx.session
            row = s.execute(select(Case).where(Case.case_id == c.case_id).with_for_update()).scalar_one_or_none()
            if row is None:
                item = s.execute(select(Item).where(Item.tag == c.item_tag)).scalar_one_or_none()
                if item is None:
                    raise ValidationError(
                        f"售后单所指物品 {c.item_tag} 不在本站记录中",
                        f"The case names item {c.item_tag}, which this station does not know",
                        field="item_tag",
                    )
                row = Case(
                    case_id=c.case_id,
                    item_id=item.id,
                    created_at=tx.now,
                    state=(CaseState.OPEN if c.status == "open" else CaseState.CANCELLED).value,
                )
                self._fill(row, c, tx)
                s.add(row)
                tx.audit("case", c.case_id, {"revision": c.revision, "status": c.status, "kind": c.kind})
                return CaseOutcome(c.case_id, "created" if c.status == "open" else "cancelled")
            if c.revision <= row.revision:
                return CaseOutcome(c.case_id, "unchanged")  # a replay or a lying lower revision
            if c.item_tag != row.item_tag or c.kind != row.kind:
                raise ValidationError(
                    "售后单新版本更换了物品或类型",
                    "A newer revision of the case changes its item or kind",
                    field="item_tag" if c.item_tag != row.item_tag else "kind",
                )
            self._fill(row, c, tx)
            outcome = "updated"
            if c.status == "cancelled" and CaseState(row.state) in rules.CANCELLABLE:
                row.state, outcome = CaseState.CANCELLED.value, "cancelled"
            tx.audit("case", c.case_id, {"revision": c.revision, "status": c.status, "state": row.state})
            return CaseOutcome(c.case_id, outcome)

    @staticmethod
    def _fill(row: Case, c: PlatformCase, tx: Tx) -> None:
        row.revision, row.platform_status, row.kind = c.revision, c.status, c.kind
        row.warehouse_id, row.item_tag, row.certificate_no = c.warehouse_id, c.item_tag, c.certificate_no
        row.opened_at, row.inbound_carrier, row.inbound_waybill = c.opened_at, c.inbound_carrier, c.inbound_waybill
        row.statement, row.claimed, row.raw, row.updated_at = c.statement, c.claimed, c.raw, tx.now

    def _quarantine(self, actor: Actor, raw: Any, cause: ValidationError) -> CaseQuarantined:
        case_id = raw.get("case_id") if isinstance(raw, dict) else None
        if not (isinstance(case_id, str) and len(case_id) <= 64 and limits.text_problem("case_id", case_id) is None):
            case_id = None
        revision = raw.get("revision") if isinstance(raw, dict) else None
        if not (isinstance(revision, int) and not isinstance(revision, bool) and 0 <= revision <= 2**31 - 1):
            revision = None
        fld = cause.details.get("field")
        fld = limits.clip(fld, "field") if isinstance(fld, str) else None
        try:
            text = json.dumps(raw, ensure_ascii=True, sort_keys=True, default=repr)
        except (RecursionError, ValueError, TypeError):
            text = "<cannot be shown>"
        with self.ctx.operation(actor, Action.IMPORT_CASES) as tx:
            row = CaseQuarantine(
                case_id=case_id,
                revision=revision,
                field=fld,
                reason_zh=limits.clip(cause.zh, "reason"),
                reason_en=limits.clip(cause.en, "reason"),
                raw=text[:RAW_KEEP],
                received_at=tx.now,
                received_by=tx.actor.user_id,
            )
            tx.session.add(row)
            tx.session.flush()
            tx.audit(
                "case",
                case_id or f"quarantine:{row.id}",
                {"quarantined": row.id, "field": fld, "reason": limits.clip(cause.en, "reason")},
                action="quarantine_case",
            )
        return CaseQuarantined(case_id, cause)

    def quarantined(self, actor: Actor, limit: int = 200) -> list[CaseQuarantine]:
        with self.ctx.db.read() as s:
            current = reload_actor(s, actor)
            require(current.roles, Action.MANAGE_SYNC, current.username)
            rows = s.execute(select(CaseQuarantine).order_by(CaseQuarantine.id.desc()).limit(limit)).scalars().all()
            s.expunge_all()
            return list(rows)


class StationCaseFeed:
    """The station's side of the cases feed: a stored cursor and application as the system
    account (which holds the import permission, checked in the operation)."""

    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx
        self.imports = CaseImport(ctx)
        self._actor: Actor | None = None

    def _key(self) -> str:
        return f"cases_cursor:{self.ctx.workstation_id}"

    def cases_cursor(self) -> str | None:
        from app.store.models import SyncState

        with self.ctx.db.read() as s:
            row = s.get(SyncState, self._key())
            return row.value if row else None

    def set_cases_cursor(self, cursor: str) -> None:
        from app.store.models import SyncState

        with self.ctx.db.transaction() as s:
            row = s.get(SyncState, self._key())
            if row is None:
                s.add(SyncState(key=self._key(), value=cursor))
            else:
                row.value = cursor

    def apply_case(self, raw: Any) -> None:
        from app.services.users import system_actor

        if self._actor is None:
            self._actor = system_actor(self.ctx)
        self.imports.apply(self._actor, raw)
