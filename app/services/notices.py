"""Advance shipping notices (platform-api.md §1): applied from the sync pull or a file import.

A higher revision replaces an open notice. Once receipt has begun, what was received
stands: the newer revision is kept aside and the difference recorded as a discrepancy.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select

from app.core.clock import parse_rfc3339
from app.core.errors import ValidationError
from app.core.roles import Action, Actor
from app.services.base import ServiceContext, Tx
from app.store.models import AsnLine, Discrepancy, Shipment


@dataclass(frozen=True)
class NoticeOutcome:
    asn_id: str
    outcome: str  # created | updated | cancelled | unchanged | kept_received | ignored_other_warehouse


def _validate(notice: Any) -> dict[str, Any]:
    def bad(field: str) -> ValidationError:
        return ValidationError(f"预报数据无效：字段 {field} 缺失或格式错误",
                               f"Invalid shipping notice: field {field} missing or malformed", field=field)

    if not isinstance(notice, dict):
        raise bad("shipment")
    for key in ("asn_id", "waybill_no", "warehouse_id"):
        if not isinstance(notice.get(key), str) or not notice[key].strip():
            raise bad(key)
    if not isinstance(notice.get("revision"), int) or notice["revision"] < 1:
        raise bad("revision")
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
        if line.get("declared") is not None and not isinstance(line["declared"], dict):
            raise bad(f"lines[{line['line_id']}].declared")
    if notice.get("announced_at"):
        try:
            parse_rfc3339(notice["announced_at"])
        except (ValueError, TypeError):
            raise bad("announced_at") from None
    return notice


def _line_key(line: dict[str, Any]) -> tuple[Any, ...]:
    return (line.get("category"), line.get("title"), json.dumps(line.get("declared") or {}, sort_keys=True))


class NoticeService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def known_notices(self) -> list[dict[str, Any]]:
        """Every notice this station holds, as the platform sent it (latest revision)."""
        with self.ctx.db.read() as s:
            return [dict(n) for n in s.execute(select(Shipment.notice).where(Shipment.asn_id.is_not(None),
                                                                             Shipment.notice.is_not(None))).scalars()]

    def import_file(self, actor: Actor, path: str | Path) -> list[NoticeOutcome]:
        """Import the JSON of ``GET /inbound`` (or a bare list of shipments) from a file."""
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise ValidationError(f"无法读取预报文件：{exc}", f"Cannot read the notice file: {exc}") from None
        shipments = data.get("shipments") if isinstance(data, dict) else data
        if not isinstance(shipments, list):
            raise ValidationError("预报文件中没有 shipments 列表", "The file has no 'shipments' list")
        return [self.apply(actor, n, action=Action.IMPORT_NOTICES) for n in shipments]

    def apply(self, actor: Actor, notice: dict[str, Any], action: Action = Action.IMPORT_NOTICES) -> NoticeOutcome:
        notice = _validate(notice)
        asn_id = notice["asn_id"]
        if notice["warehouse_id"] != self.ctx.warehouse_id:
            return NoticeOutcome(asn_id, "ignored_other_warehouse")
        with self.ctx.operation(actor, action) as tx:
            ship = tx.session.execute(select(Shipment).where(Shipment.asn_id == asn_id).with_for_update()).scalar_one_or_none()
            if ship is None:
                ship = self._create(tx, notice)
                tx.audit("shipment", asn_id, {"revision": notice["revision"], "status": ship.status})
                return NoticeOutcome(asn_id, "created" if ship.status == "announced" else "cancelled")
            if notice["revision"] <= ship.revision:
                return NoticeOutcome(asn_id, "unchanged")
            if ship.status in ("announced", "cancelled"):
                self._replace(tx, ship, notice)
                tx.audit("shipment", asn_id, {"revision": notice["revision"], "status": ship.status})
                return NoticeOutcome(asn_id, "updated" if ship.status == "announced" else "cancelled")
            return self._after_receipt(tx, ship, notice)

    def _create(self, tx: Tx, n: dict[str, Any]) -> Shipment:
        merchant = n.get("merchant") or {}
        ship = Shipment(asn_id=n["asn_id"], revision=n["revision"],
                        status="announced" if n["status"] == "open" else "cancelled",
                        warehouse_id=n["warehouse_id"], merchant_id=merchant.get("id"),
                        merchant_name=merchant.get("name"), carrier=n.get("carrier"),
                        waybill_no=n["waybill_no"].strip().upper(),
                        announced_at=parse_rfc3339(n["announced_at"]) if n.get("announced_at") else None,
                        notice=n, created_at=tx.now, updated_at=tx.now)
        tx.session.add(ship)
        tx.session.flush()
        for line in n["lines"]:
            tx.session.add(self._line(ship.id, line))
        return ship

    @staticmethod
    def _line(shipment_id: int, line: dict[str, Any]) -> AsnLine:
        return AsnLine(shipment_id=shipment_id, line_id=line["line_id"], order_no=line.get("order_no"),
                       category=line["category"], title=line["title"],
                       declared_value_cents=line.get("declared_value_cents"),
                       declared=line.get("declared") or {}, withdrawn=False)

    def _replace(self, tx: Tx, ship: Shipment, n: dict[str, Any]) -> None:
        existing = {ln.line_id: ln for ln in tx.session.execute(select(AsnLine).where(AsnLine.shipment_id == ship.id)).scalars()}
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
        ship.status = "announced" if n["status"] == "open" else "cancelled"
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
        note = f"收货开始后收到预报第 {n['revision']} 版 / revision {n['revision']} arrived after receipt began: " + "; ".join(changes or ["无实质变化 / no material change"])
        tx.session.add(Discrepancy(shipment_id=ship.id, item_id=None, line_id=None, kind="mismatch", note=note,
                                   recorded_by=tx.actor.user_id, recorded_at=tx.now))
        tx.audit("shipment", n["asn_id"], {"revision": n["revision"], "kept_received": True, "changes": changes})
        tx.emit("item.discrepancy", {"kind": "mismatch", "note": note}, asn_id=n["asn_id"])
        return NoticeOutcome(n["asn_id"], "kept_received")
