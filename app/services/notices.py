"""Advance shipping notices (platform-api.md §1): applied from the sync pull or a file import.

A higher revision replaces an open notice. Once receipt has begun, what was received
stands: the newer revision is kept aside and the difference recorded as a discrepancy.

A notice that cannot be applied (malformed, a lone surrogate, NaN, a field over the
limits of app.core.limits or its column) is quarantined: kept, with its reason, for a
supervisor (``quarantined``), and ``NoticeQuarantined`` is raised so the caller carries
on with the next one. Applying always checks the import permission itself.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select

from app.core import limits, parcels
from app.core.clock import parse_rfc3339
from app.core.errors import ValidationError
from app.core.parcels import ParcelState, next_parcel_state, notice_event
from app.core.roles import Action, Actor, require
from app.services.base import ServiceContext, Tx, reload_actor
from app.store.models import AsnLine, Discrepancy, NoticeQuarantine, Shipment

RAW_KEEP = 64 * 1024  # characters of a quarantined notice kept for the supervisor


@dataclass(frozen=True)
class NoticeOutcome:
    asn_id: str | None
    outcome: str  # created | updated | cancelled | unchanged | kept_received | ignored_other_warehouse | quarantined


@dataclass(frozen=True)
class QuarantinedNotice:
    id: int
    asn_id: str | None
    revision: int | None
    field: str | None
    reason_zh: str
    reason_en: str
    raw: str
    received_at: datetime


class NoticeQuarantined(ValidationError):
    code = "notice_quarantined"

    def __init__(self, asn_id: str | None, cause: ValidationError) -> None:
        name = asn_id or "?"
        super().__init__(
            f"预报 {name} 无法导入，已隔离待主管处理：{cause.zh}",
            f"Notice {name} cannot be applied and was quarantined for a supervisor: {cause.en}",
            field=cause.details.get("field"),
        )
        self.asn_id = asn_id


def _validate(notice: Any) -> dict[str, Any]:
    def bad(field: str) -> ValidationError:
        return ValidationError(
            f"预报数据无效：字段 {field} 缺失或格式错误",
            f"Invalid shipping notice: field {field} missing or malformed",
            field=field,
        )

    if not isinstance(notice, dict):
        raise bad("shipment")
    limits.check(notice)  # first: later messages may quote values such as a line_id
    for key in ("asn_id", "waybill_no", "warehouse_id"):
        if not isinstance(notice.get(key), str) or not notice[key].strip():
            raise bad(key)
    if not isinstance(notice.get("revision"), int) or notice["revision"] < 1:
        raise bad("revision")
    merchant = notice.get("merchant")
    if merchant is not None and (
        not isinstance(merchant, dict) or not all(isinstance(merchant.get(k), str | None) for k in ("id", "name"))
    ):
        raise bad("merchant")
    if not isinstance(notice.get("carrier"), str | None):
        raise bad("carrier")
    if notice.get("status") not in ("open", "cancelled"):
        raise bad("status")
    lines = notice.get("lines")
    if not isinstance(lines, list):
        raise bad("lines")
    seen = set()
    for line in lines:
        if not isinstance(line, dict) or not isinstance(line.get("line_id"), str) or line["line_id"] in seen:
            raise bad("lines[].line_id")
        seen.add(line["line_id"])
        if line.get("category") not in ("jewelry", "phone"):
            raise bad(f"lines[{line['line_id']}].category")
        if not isinstance(line.get("title"), str):
            raise bad(f"lines[{line['line_id']}].title")
        if not isinstance(line.get("order_no"), str | None):
            raise bad(f"lines[{line['line_id']}].order_no")
        cents = line.get("declared_value_cents")
        if cents is not None and (not isinstance(cents, int) or isinstance(cents, bool) or cents < 0):
            raise bad(f"lines[{line['line_id']}].declared_value_cents")
        if line.get("declared") is not None and not isinstance(line["declared"], dict):
            raise bad(f"lines[{line['line_id']}].declared")
    if notice.get("announced_at"):
        try:
            parse_rfc3339(notice["announced_at"])
        except (ValueError, TypeError):
            raise bad("announced_at") from None
    return notice


def _sane(notice: Any, key: str, max_len: int) -> str | None:
    value = notice.get(key) if isinstance(notice, dict) else None
    if isinstance(value, str) and len(value) <= max_len and limits.text_problem(key, value) is None:
        return value
    return None


def _escaped(notice: Any) -> str:
    """The notice as ASCII JSON: NUL, lone surrogates and NaN become visible escapes."""
    try:
        text = json.dumps(notice, ensure_ascii=True, sort_keys=True, default=repr)
    except (RecursionError, ValueError, TypeError):
        text = "<cannot be shown: nested too deeply or not JSON>"
    return text if len(text) <= RAW_KEEP else text[:RAW_KEEP] + f"... ({len(text)} characters)"


def _line_key(line: dict[str, Any]) -> tuple[Any, ...]:
    return (line.get("category"), line.get("title"), json.dumps(line.get("declared") or {}, sort_keys=True))


class NoticeService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def known_notices(self) -> list[dict[str, Any]]:
        """Every notice this station holds, as the platform sent it (latest revision)."""
        with self.ctx.db.read() as s:
            return [
                dict(n)
                for n in s.execute(
                    select(Shipment.notice).where(Shipment.asn_id.is_not(None), Shipment.notice.is_not(None))
                ).scalars()
            ]

    def import_file(self, actor: Actor, path: str | Path) -> list[NoticeOutcome]:
        """Import the JSON of ``GET /inbound`` (or a bare list of shipments) from a file."""
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise ValidationError(f"无法读取预报文件：{exc}", f"Cannot read the notice file: {exc}") from None
        shipments = data.get("shipments") if isinstance(data, dict) else data
        if not isinstance(shipments, list):
            raise ValidationError("预报文件中没有 shipments 列表", "The file has no 'shipments' list")
        outcomes = []
        for n in shipments:
            try:
                outcomes.append(self.apply(actor, n))
            except NoticeQuarantined as exc:  # one poison notice never blocks the rest
                outcomes.append(NoticeOutcome(exc.asn_id, "quarantined"))
        return outcomes

    def apply(self, actor: Actor, notice: dict[str, Any]) -> NoticeOutcome:
        """Apply one notice as ``actor``, who needs the import permission (checked here, from
        the database, whoever calls). Raises NoticeQuarantined for a notice that cannot apply."""
        try:
            valid = _validate(notice)
            if valid["warehouse_id"] != self.ctx.warehouse_id:
                with self.ctx.operation(actor, Action.IMPORT_NOTICES):
                    pass  # the permission holds even for a notice that is then ignored
                return NoticeOutcome(valid["asn_id"], "ignored_other_warehouse")
            return self._apply(actor, valid)
        except NoticeQuarantined:
            raise
        except ValidationError as exc:  # malformed, or a value its column cannot hold
            raise self._quarantine(actor, notice, exc) from None

    def quarantined(self, actor: Actor, limit: int = 200) -> list[QuarantinedNotice]:
        """Quarantined notices, newest first, for a supervisor's sync screen."""
        with self.ctx.db.read() as s:
            current = reload_actor(s, actor)
            require(current.roles, Action.MANAGE_SYNC, current.username)
            rows = s.execute(select(NoticeQuarantine).order_by(NoticeQuarantine.id.desc()).limit(limit)).scalars()
            return [
                QuarantinedNotice(r.id, r.asn_id, r.revision, r.field, r.reason_zh, r.reason_en, r.raw, r.received_at)
                for r in rows
            ]

    def _quarantine(self, actor: Actor, notice: Any, cause: ValidationError) -> NoticeQuarantined:
        asn_id = _sane(notice, "asn_id", 64)
        revision = notice.get("revision") if isinstance(notice, dict) else None
        revision = (
            revision
            if isinstance(revision, int) and not isinstance(revision, bool) and (0 <= revision <= 2**31 - 1)
            else None
        )
        field = cause.details.get("field")
        field = limits.clip(field, "field") if isinstance(field, str) else None
        with self.ctx.operation(actor, Action.IMPORT_NOTICES) as tx:
            row = NoticeQuarantine(
                asn_id=asn_id,
                revision=revision,
                field=field,
                reason_zh=limits.clip(cause.zh, "reason"),
                reason_en=limits.clip(cause.en, "reason"),
                raw=_escaped(notice),
                received_at=tx.now,
                received_by=tx.actor.user_id,
            )
            tx.session.add(row)
            tx.session.flush()
            tx.audit(
                "notice",
                asn_id or f"quarantine:{row.id}",
                {"quarantined": row.id, "field": field, "reason": limits.clip(cause.en, "reason")},
                action="quarantine_notice",
            )
        return NoticeQuarantined(asn_id, cause)

    def _apply(self, actor: Actor, notice: dict[str, Any]) -> NoticeOutcome:
        asn_id = notice["asn_id"]
        with self.ctx.operation(actor, Action.IMPORT_NOTICES) as tx:
            ship = tx.session.execute(
                select(Shipment).where(Shipment.asn_id == asn_id).with_for_update()
            ).scalar_one_or_none()
            if ship is None:
                ship = self._create(tx, notice)
                tx.audit("shipment", asn_id, {"revision": notice["revision"], "status": ship.status})
                return NoticeOutcome(asn_id, "created" if ship.status == ParcelState.ANNOUNCED else "cancelled")
            if notice["revision"] <= ship.revision:
                return NoticeOutcome(asn_id, "unchanged")
            if ship.status in parcels.NOTICE_ONLY:
                self._replace(tx, ship, notice)
                tx.audit("shipment", asn_id, {"revision": notice["revision"], "status": ship.status})
                return NoticeOutcome(asn_id, "updated" if ship.status == ParcelState.ANNOUNCED else "cancelled")
            return self._after_receipt(tx, ship, notice)

    def _create(self, tx: Tx, n: dict[str, Any]) -> Shipment:
        merchant = n.get("merchant") or {}
        ship = Shipment(
            asn_id=n["asn_id"],
            revision=n["revision"],
            status=next_parcel_state(None, notice_event(n["status"])).value,
            warehouse_id=n["warehouse_id"],
            merchant_id=merchant.get("id"),
            merchant_name=merchant.get("name"),
            carrier=n.get("carrier"),
            waybill_no=n["waybill_no"].strip().upper(),
            announced_at=parse_rfc3339(n["announced_at"]) if n.get("announced_at") else None,
            notice=n,
            created_at=tx.now,
            updated_at=tx.now,
        )
        tx.session.add(ship)
        tx.session.flush()
        for line in n["lines"]:
            tx.session.add(self._line(ship.id, line))
        return ship

    @staticmethod
    def _line(shipment_id: int, line: dict[str, Any]) -> AsnLine:
        return AsnLine(
            shipment_id=shipment_id,
            line_id=line["line_id"],
            order_no=line.get("order_no"),
            category=line["category"],
            title=line["title"],
            declared_value_cents=line.get("declared_value_cents"),
            declared=line.get("declared") or {},
            withdrawn=False,
        )

    def _replace(self, tx: Tx, ship: Shipment, n: dict[str, Any]) -> None:
        existing = {
            ln.line_id: ln for ln in tx.session.execute(select(AsnLine).where(AsnLine.shipment_id == ship.id)).scalars()
        }
        incoming = {ln["line_id"]: ln for ln in n["lines"]}
        for line_id, row in existing.items():
            new = incoming.get(line_id)
            row.withdrawn = new is None
            if new is not None:
                row.order_no, row.category, row.title = new.get("order_no"), new["category"], new["title"]
                row.declared_value_cents, row.declared = new.get("declared_value_cents"), new.get("declared") or {}
        for line_id, new in incoming.items():
            if line_id not in existing:
                tx.session.add(self._line(ship.id, new))
        merchant = n.get("merchant") or {}
        ship.revision, ship.notice, ship.updated_at = n["revision"], n, tx.now
        ship.status = next_parcel_state(ship.status, notice_event(n["status"])).value
        ship.waybill_no, ship.carrier = n["waybill_no"].strip().upper(), n.get("carrier")
        ship.merchant_id, ship.merchant_name = merchant.get("id"), merchant.get("name")

    def _after_receipt(self, tx: Tx, ship: Shipment, n: dict[str, Any]) -> NoticeOutcome:
        old = {ln["line_id"]: ln for ln in (ship.notice or {}).get("lines", [])}
        new = {ln["line_id"]: ln for ln in n["lines"]}
        changes = []
        if n["status"] == "cancelled":
            changes.append("预报已被商家取消 / notice cancelled by the merchant")
        for line_id in sorted(set(old) | set(new)):
            if line_id not in new:
                changes.append(f"{line_id}: 已删除 / removed")
            elif line_id not in old:
                changes.append(f"{line_id}: 新增 / added ({new[line_id].get('title')})")
            elif _line_key(old[line_id]) != _line_key(new[line_id]):
                changes.append(f"{line_id}: 内容变更 / changed")
        ship.pending_notice, ship.updated_at = n, tx.now
        note = limits.clip(
            f"收货开始后收到预报第 {n['revision']} 版 / revision {n['revision']} arrived after receipt "
            "began: " + "; ".join(changes or ["无实质变化 / no material change"]),
            "note",
        )
        tx.session.add(
            Discrepancy(
                shipment_id=ship.id,
                item_id=None,
                line_id=None,
                kind="mismatch",
                note=note,
                recorded_by=tx.actor.user_id,
                recorded_at=tx.now,
            )
        )
        tx.audit("shipment", n["asn_id"], {"revision": n["revision"], "kept_received": True, "changes": changes})
        tx.emit("item.discrepancy", {"kind": "mismatch", "note": note}, asn_id=n["asn_id"])
        return NoticeOutcome(n["asn_id"], "kept_received")
