"""What a supervisor settles at intake: an unannounced parcel (link it to its notice or
send it back), and a notice revision that arrived after receipt began. Plus marking a
parcel damaged after it was opened. Held by IntakeService as ``supervision``."""

from __future__ import annotations

from sqlalchemy import select, update

from app.core import parcels
from app.core.clock import rfc3339
from app.core.errors import DomainError, NotFound, ValidationError
from app.core.parcels import ParcelEvent, ParcelState, next_parcel_state
from app.core.roles import Action, Actor
from app.services.base import ServiceContext
from app.services.parcel_records import add_discrepancy, shipment_view
from app.services.views import ShipmentView
from app.store.models import ITEM_LIVE, AsnLine, Item, Shipment


class IntakeSupervision:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def resolve_unannounced(
        self,
        actor: Actor,
        shipment_id: int,
        *,
        reason: str,
        asn_id: str | None = None,
        return_to_merchant: bool = False,
    ) -> ShipmentView:
        """Link an unannounced parcel to the notice it belongs to, or mark it for return."""
        reason = (reason or "").strip()
        if not reason:
            raise ValidationError("处理未预报包裹必须填写原因", "Resolving an unannounced parcel needs a reason")
        if (asn_id is None) == (not return_to_merchant):
            raise ValidationError(
                "请选择：关联预报单，或退回商家", "Choose: link to a notice, or return to the merchant"
            )
        with self.ctx.operation(actor, Action.RESOLVE_UNANNOUNCED) as tx:
            s = tx.session
            ship = s.get(Shipment, shipment_id, with_for_update=True)
            if ship is None:
                raise NotFound("包裹不存在", "No such parcel")
            if ship.status != ParcelState.UNANNOUNCED:
                raise DomainError(
                    "该包裹不是待处理的未预报包裹",
                    "This parcel is not an unresolved unannounced parcel",
                    code="not_unannounced",
                )
            ship.status, ship.updated_at = next_parcel_state(ship.status, ParcelEvent.RESOLVE).value, tx.now
            if return_to_merchant:
                note = f"未预报包裹退回商家 / unannounced parcel returned to sender: {reason}"
                tx.audit("shipment", ship.waybill_no, {"resolution": "return", "reason": reason})
                add_discrepancy(tx, ship, "unexpected", note)
                return shipment_view(s, ship)
            assert asn_id is not None  # checked above: linking needs a notice
            target = s.execute(
                select(Shipment).where(Shipment.asn_id == asn_id.strip()).with_for_update()
            ).scalar_one_or_none()
            if target is None or target.warehouse_id != self.ctx.warehouse_id:
                raise NotFound(f"本仓没有预报单 {asn_id}", f"No notice {asn_id} for this warehouse")
            if target.status not in parcels.NOTICE_ONLY:
                raise DomainError(
                    f"预报单 {asn_id} 已在收货或已完成，不能关联",
                    f"Notice {asn_id} is already being received or closed",
                    code="already_received",
                )
            target.status, target.updated_at = next_parcel_state(target.status, ParcelEvent.LINK).value, tx.now
            target.received_at, target.received_by = ship.received_at, ship.received_by
            target.package_condition = ship.package_condition
            s.execute(update(Item).where(Item.shipment_id == ship.id).values(shipment_id=target.id))
            tx.audit(
                "shipment",
                ship.waybill_no,
                {
                    "resolution": "linked",
                    "asn_id": target.asn_id,
                    "reason": reason,
                    "notice_waybill": target.waybill_no,
                },
            )
            tx.emit(
                "shipment.received",
                {
                    "waybill_no": ship.waybill_no,
                    "received_at": rfc3339(ship.received_at or tx.now),
                    "package_condition": ship.package_condition or "intact",
                },
                asn_id=target.asn_id,
            )
            if target.waybill_no != ship.waybill_no:
                add_discrepancy(
                    tx,
                    target,
                    "mismatch",
                    f"实到运单 {ship.waybill_no} 与预报运单 {target.waybill_no} 不符 / waybill differs: {reason}",
                )
            return shipment_view(s, target)

    def accept_revision(self, actor: Actor, shipment_id: int, reason: str) -> ShipmentView:
        """Take a notice revision that arrived mid-receipt: new lines join, removed lines that
        were not received are withdrawn; what was received stays as received."""
        if not (reason or "").strip():
            raise ValidationError("确认预报变更必须填写原因", "Accepting a notice change needs a reason")
        with self.ctx.operation(actor, Action.RESOLVE_UNANNOUNCED) as tx:
            s = tx.session
            ship = s.get(Shipment, shipment_id, with_for_update=True)
            if ship is None or ship.pending_notice is None:
                raise DomainError(
                    "该包裹没有待确认的预报变更", "This parcel has no pending notice change", code="no_change"
                )
            new = {ln["line_id"]: ln for ln in ship.pending_notice["lines"]}
            live = {
                row.asn_line_id
                for row in s.execute(select(Item.asn_line_id).where(Item.shipment_id == ship.id, ITEM_LIVE))
            }
            rows = {ln.line_id: ln for ln in s.execute(select(AsnLine).where(AsnLine.shipment_id == ship.id)).scalars()}
            kept = []
            for line_id, row in rows.items():
                if row.id in live:
                    kept.append(line_id)  # received: what arrived stands
                    continue
                incoming = new.get(line_id)
                row.withdrawn = incoming is None
                if incoming is not None:
                    row.order_no, row.category, row.title = (
                        incoming.get("order_no"),
                        incoming["category"],
                        incoming["title"],
                    )
                    row.declared, row.declared_value_cents = (
                        incoming.get("declared") or {},
                        incoming.get("declared_value_cents"),
                    )
            for line_id, incoming in new.items():
                if line_id not in rows:
                    s.add(
                        AsnLine(
                            shipment_id=ship.id,
                            line_id=line_id,
                            order_no=incoming.get("order_no"),
                            category=incoming["category"],
                            title=incoming["title"],
                            declared_value_cents=incoming.get("declared_value_cents"),
                            declared=incoming.get("declared") or {},
                            withdrawn=False,
                        )
                    )
            revision = ship.pending_notice["revision"]
            ship.notice, ship.revision, ship.pending_notice, ship.updated_at = (
                ship.pending_notice,
                revision,
                None,
                tx.now,
            )
            tx.audit(
                "shipment",
                ship.asn_id or ship.waybill_no,
                {"accepted_revision": revision, "kept_received": kept, "reason": reason.strip()},
            )
            s.flush()
            return shipment_view(s, ship)

    def mark_damaged(self, actor: Actor, shipment_id: int, note: str = "") -> ShipmentView:
        """The parcel was opened as intact, then found damaged: record it (photos follow)."""
        with self.ctx.operation(actor, Action.RECORD_DISCREPANCY) as tx:
            ship = tx.session.get(Shipment, shipment_id, with_for_update=True)
            if ship is None:
                raise NotFound("包裹不存在", "No such parcel")
            if ship.status not in parcels.OPEN:
                raise DomainError(
                    "只有正在收货的包裹可以登记破损",
                    "Only a parcel being received can be marked damaged",
                    code="parcel_not_open",
                )
            if ship.package_condition != "damaged":
                ship.package_condition, ship.updated_at = "damaged", tx.now
                text = "包裹外包装破损 / outer package damaged" + (f": {note.strip()}" if note.strip() else "")
                add_discrepancy(tx, ship, "damaged", text)
            return shipment_view(tx.session, ship)
