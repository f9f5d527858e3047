"""Intake: a parcel arrives, its pieces are tagged and received, the parcel is closed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from app.core import codes, limits, parcels
from app.core.clock import rfc3339
from app.core.errors import Conflict, DomainError, NotFound, ValidationError
from app.core.lifecycle import ItemState, next_state
from app.core.parcels import ParcelEvent, ParcelState, next_parcel_state
from app.core.roles import Action, Actor
from app.core.tags import make_tag, validate_tag
from app.services import tx_write
from app.services.base import ACTOR_ROW, ServiceContext, Tx, actor_from_row, next_counter
from app.services.intake_line import LineReceiver
from app.services.intake_scan import ScanLookup, ScanMatch
from app.services.intake_supervision import IntakeSupervision
from app.services.items import item_view, load_item
from app.services.parcel_records import (
    DISCREPANCY_KINDS,
    add_discrepancy,
    has_pending_notice,
    parcel_view,
    shipment_view,
)
from app.services.views import BoardEntry, ItemView, ShipmentView
from app.store.models import ITEM_LIVE, AsnLine, Item, Shipment


@dataclass(frozen=True)
class ParcelOpened:
    shipment: ShipmentView
    outcome: str  # received | continued | unannounced


class IntakeService:
    """The intake operations. What a scanned code means (``scan``) and what a supervisor
    settles (``supervision``) are parts it holds; their operations are named here too, as
    the intake screen and the supervisor call them."""

    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx
        self.scan = ScanLookup(ctx)
        self.line = LineReceiver(ctx)
        self.supervision = IntakeSupervision(ctx)

    # --- the parts' operations, as the screens call them -------------------------------
    def lookup(self, text: str, shipment_id: int | None = None) -> ScanMatch:
        return self.scan.lookup(text, shipment_id)

    def board(self, limit: int = 100) -> list[BoardEntry]:
        return self.scan.board(limit)

    def resolve_unannounced(
        self,
        actor: Actor,
        shipment_id: int,
        *,
        reason: str,
        asn_id: str | None = None,
        return_to_merchant: bool = False,
    ) -> ShipmentView:
        return self.supervision.resolve_unannounced(
            actor, shipment_id, reason=reason, asn_id=asn_id, return_to_merchant=return_to_merchant
        )

    def accept_revision(self, actor: Actor, shipment_id: int, reason: str) -> ShipmentView:
        return self.supervision.accept_revision(actor, shipment_id, reason)

    def mark_damaged(self, actor: Actor, shipment_id: int, note: str = "") -> ShipmentView:
        return self.supervision.mark_damaged(actor, shipment_id, note)

    # --- parcels -----------------------------------------------------------------
    def find_parcel(self, waybill: str) -> ShipmentView | None:
        code = codes.normalise_waybill(waybill)
        with self.ctx.db.read() as s:
            ship = (
                s.execute(select(Shipment).where(Shipment.waybill_no == code).order_by(Shipment.id.desc()))
                .scalars()
                .first()
            )
            return shipment_view(s, ship) if ship else None

    def parcel(self, shipment_id: int) -> ShipmentView:
        with self.ctx.db.snapshot() as read:  # read after every scan: no Session (issue 16)
            view = parcel_view(read, shipment_id)
        if view is None:
            raise NotFound("包裹不存在", "No such parcel")
        return view

    def open_parcels(self) -> list[ShipmentView]:
        with self.ctx.db.read() as s:
            rows = s.execute(
                select(Shipment).where(Shipment.status.in_(parcels.EXPECTED_OR_OPEN)).order_by(Shipment.id).limit(500)
            ).scalars()
            return [shipment_view(s, r) for r in rows]

    def receive_parcel(self, actor: Actor, waybill: str, condition: str = "intact") -> ParcelOpened:
        """The clerk scanned a waybill: open its parcel, or record an unannounced one."""
        code = codes.normalise_waybill(waybill)
        if condition not in ("intact", "damaged"):
            raise ValidationError("包裹状况只能是完好或破损", "Package condition must be intact or damaged")
        with self.ctx.operation(actor, Action.RECEIVE_PARCEL) as tx:
            # A per-waybill lock row: two stations scanning one unknown waybill at once must
            # not both create an unannounced parcel (the second waits, then finds the first's).
            next_counter(tx.session, f"waybill:{code}")
            ship = (
                tx.session.execute(
                    select(Shipment).where(Shipment.waybill_no == code).order_by(Shipment.id.desc()).with_for_update()
                )
                .scalars()
                .first()
            )
            if ship is not None and ship.warehouse_id != self.ctx.warehouse_id:
                raise DomainError(
                    f"运单 {code} 属于其他仓库（{ship.warehouse_id}），请勿在本仓签收",
                    f"Waybill {code} belongs to another warehouse ({ship.warehouse_id})",
                    code="other_warehouse",
                )
            if ship is not None and ship.status == ParcelState.CANCELLED:
                raise DomainError(
                    f"运单 {code} 的预报已被商家取消，请交主管处理",
                    f"The notice for waybill {code} was cancelled by the merchant; hand it to a supervisor",
                    code="cancelled",
                )
            if ship is not None and ship.status in parcels.FINISHED:
                raise Conflict(
                    f"运单 {code} 的包裹已于 {ship.received_at:%Y-%m-%d %H:%M} 签收并完成",
                    f"The parcel with waybill {code} was received and closed already",
                    code="already_received",
                )
            if ship is not None and ship.status in parcels.OPEN:
                return ParcelOpened(shipment_view(tx.session, ship), "continued")
            outcome = "received"
            if ship is None:
                outcome = "unannounced"
                ship = Shipment(
                    asn_id=None,
                    revision=0,
                    warehouse_id=self.ctx.warehouse_id,
                    status=next_parcel_state(None, ParcelEvent.WAYBILL_SCANNED).value,
                    waybill_no=code,
                    created_at=tx.now,
                    updated_at=tx.now,
                )
                tx.session.add(ship)
            else:
                ship.status = next_parcel_state(ship.status, ParcelEvent.WAYBILL_SCANNED).value
            ship.received_at, ship.received_by, ship.package_condition = tx.now, actor.user_id, condition
            ship.updated_at = tx.now
            tx.session.flush()
            tx.audit("shipment", ship.asn_id or code, {"waybill_no": code, "condition": condition, "outcome": outcome})
            tx.emit(
                "shipment.received",
                {"waybill_no": code, "received_at": rfc3339(tx.now), "package_condition": condition},
                asn_id=ship.asn_id,
            )
            if condition == "damaged":
                add_discrepancy(tx, ship, "damaged", "包裹外包装破损 / outer package damaged")
            return ParcelOpened(shipment_view(tx.session, ship), outcome)

    # --- items -------------------------------------------------------------------
    def allocate_tag(self, actor: Actor, day: date | None = None) -> str:
        """Reserve the next tag so its label can be printed before the piece is recorded.
        An unused reservation leaves a gap in tag numbers, never a duplicate."""
        day = day or self.ctx.clock().date()
        # A hot operation (one after every scan): the actor's row, then the counter, without a
        # Session on SQLite and in two round trips on PostgreSQL.
        with self.ctx.hot_operation(actor, Action.RECEIVE_ITEM) as (tx, hot):
            tx.authorise(actor_from_row(actor.user_id, *(hot.first(ACTOR_ROW, {"uid": actor.user_id}) or (None,) * 4)))
            counted = tx.finish(tx_write.COUNTER_UPSERT_ROW, {"n": f"tag:{day:%y%m%d}", "by": 1})
        return make_tag(day, int(counted.one().value))

    def receive_item(
        self,
        actor: Actor,
        shipment_id: int,
        *,
        line_id: str | None,
        tag: str,
        tag_printed: bool,
        merchant_ref: str | None = None,
        category: str | None = None,
        title: str | None = None,
    ) -> ItemView:
        tag = validate_tag(tag)
        limits.check_fields(title=title, merchant_ref=merchant_ref)  # refused, never cut to fit
        try:
            if line_id is not None:  # an announced line: every scan at the intake bench
                view = self.line.receive(actor, shipment_id, line_id, tag, tag_printed, merchant_ref)
                if view is not None:
                    return view
            with self.ctx.operation(actor, Action.RECEIVE_ITEM) as tx:
                return self._receive(tx, shipment_id, line_id, tag, tag_printed, merchant_ref, category, title)
        except IntegrityError:
            # Another station won the race for this line or tag: say so, record nothing.
            raise Conflict(
                "该物品或标签已被登记（可能是另一工作站刚刚登记）",
                "This piece or tag was just recorded (possibly by another station)",
                code="already_received",
            ) from None

    def _receive(
        self,
        tx: Tx,
        shipment_id: int,
        line_id: str | None,
        tag: str,
        tag_printed: bool,
        merchant_ref: str | None,
        category: str | None,
        title: str | None,
    ) -> ItemView:
        s = tx.session
        ship = s.get(Shipment, shipment_id, with_for_update=True)
        if ship is None:
            raise NotFound("包裹不存在", "No such parcel")
        if ship.status not in parcels.OPEN:
            raise DomainError("请先扫描运单签收该包裹", "Scan the parcel's waybill first", code="parcel_not_open")
        if has_pending_notice(s, ship.id):
            raise DomainError(
                "该包裹的预报在收货开始后又有变更，请主管确认后再继续",
                "The notice changed after receipt began; a supervisor must confirm before continuing",
                code="notice_changed",
            )
        if s.execute(select(Item.id).where(Item.tag == tag)).first():
            raise Conflict(f"标签 {tag} 已被使用", f"Tag {tag} is already in use", code="tag_taken")
        if merchant_ref:
            prior = (
                s.execute(
                    select(Item).where(
                        Item.shipment_id == ship.id,
                        Item.merchant_ref == merchant_ref,
                        ITEM_LIVE,
                    )
                )
                .scalars()
                .first()
            )
            if prior is not None:
                raise Conflict(
                    f"该件已收货，标签 {prior.tag}",
                    f"Already received as {prior.tag}",
                    code="already_received",
                    tag=prior.tag,
                )
        line = None
        if line_id is not None:
            line = s.execute(
                select(AsnLine).where(AsnLine.shipment_id == ship.id, AsnLine.line_id == line_id)
            ).scalar_one_or_none()
            if line is None or line.withdrawn:
                raise NotFound(f"预报中没有明细 {line_id}", f"The notice has no line {line_id}")
            prior = s.execute(select(Item).where(Item.asn_line_id == line.id, ITEM_LIVE)).scalars().first()
            if prior is not None:
                raise Conflict(
                    f"明细 {line_id} 已收货，标签 {prior.tag}",
                    f"Line {line_id} was already received as {prior.tag}",
                    code="already_received",
                    tag=prior.tag,
                )
            category, title = line.category, line.title
        if category not in ("jewelry", "phone"):
            raise ValidationError(
                "未预报的物品需选择类别（珠宝或手机）", "Choose a category (jewelry or phone) for an unannounced piece"
            )
        item = Item(
            tag=tag,
            shipment_id=ship.id,
            asn_line_id=line.id if line else None,
            category=category,
            title=(title or ("未预报珠宝" if category == "jewelry" else "未预报手机")).strip()[:256],
            merchant_ref=merchant_ref,
            state=ItemState.RECEIVED.value,
            tag_printed=tag_printed,
            received_at=tx.now,
            received_by=tx.actor.user_id,
            updated_at=tx.now,
        )
        s.add(item)
        s.flush()
        tx.audit(
            "item", tag, {"shipment": ship.asn_id or ship.waybill_no, "line_id": line_id, "tag_printed": tag_printed}
        )
        tx.emit(
            "item.received",
            {"category": category, "tag_printed": tag_printed, "title": item.title},
            item_tag=tag,
            asn_id=ship.asn_id,
            line_id=line_id,
        )
        if line is None:
            add_discrepancy(tx, ship, "unexpected", f"预报外物品 / piece not on the notice: {item.title}", item)
        return item_view(s, item)

    def mark_label_printed(self, actor: Actor, tag: str) -> None:
        with self.ctx.operation(actor, Action.PRINT_LABEL) as tx:
            item = load_item(tx.session, tag, for_update=True)
            item.tag_printed, item.updated_at = True, tx.now
            tx.audit("item", item.tag, {"label": "printed"})

    def void_receipt(self, actor: Actor, tag: str, reason: str) -> ItemView:
        """A wrongly received piece is voided with a reason; the record stays."""
        if not reason.strip():
            raise ValidationError("作废收货必须填写原因", "Voiding a receipt needs a reason")
        with self.ctx.operation(actor, Action.VOID_RECEIPT) as tx:
            item = load_item(tx.session, tag, for_update=True)
            item.state = next_state(ItemState(item.state), Action.VOID_RECEIPT).value
            item.updated_at = tx.now
            ship = tx.session.get(Shipment, item.shipment_id)
            assert ship is not None
            note = f"收货作废 / receipt voided: {reason.strip()}"
            tx.audit("item", item.tag, {"voided": reason.strip()})
            add_discrepancy(tx, ship, "mismatch", note, item)
            return item_view(tx.session, item)

    # --- discrepancies and closing ------------------------------------------------------
    def record_discrepancy(self, actor: Actor, shipment_id: int, kind: str, note: str, tag: str | None = None) -> None:
        if kind not in DISCREPANCY_KINDS:
            raise ValidationError(f"未知差异类型：{kind}", f"Unknown discrepancy kind: {kind}")
        if not note.strip():
            raise ValidationError("请说明差异情况", "Describe the discrepancy")
        with self.ctx.operation(actor, Action.RECORD_DISCREPANCY) as tx:
            ship = tx.session.get(Shipment, shipment_id)
            if ship is None:
                raise NotFound("包裹不存在", "No such parcel")
            item = load_item(tx.session, tag) if tag else None
            add_discrepancy(tx, ship, kind, note.strip(), item)

    def close_parcel(self, actor: Actor, shipment_id: int, *, accept_missing: bool = False) -> ShipmentView:
        with self.ctx.operation(actor, Action.CLOSE_PARCEL) as tx:
            ship = tx.session.get(Shipment, shipment_id, with_for_update=True)
            if ship is None:
                raise NotFound("包裹不存在", "No such parcel")
            if ship.status != ParcelState.RECEIVING:
                raise DomainError(
                    "只有正在收货的包裹可以完成", "Only a parcel being received can be closed", code="parcel_not_open"
                )
            view = shipment_view(tx.session, ship)
            received = [ln.line_id for ln in view.lines if ln.item_tag and not ln.withdrawn]
            missing = [ln.line_id for ln in view.lines if not ln.item_tag and not ln.withdrawn]
            if missing and not accept_missing:
                raise DomainError(
                    f"还有 {len(missing)} 件未收到：{'、'.join(missing)}。确认缺件后再完成",
                    f"{len(missing)} line(s) not received: {', '.join(missing)}. Confirm them as missing to close",
                    code="missing_lines",
                    missing=missing,
                )
            for line_id in missing:
                add_discrepancy(tx, ship, "missing", f"缺件 / missing: {line_id}", line_id=line_id)
            ship.status = next_parcel_state(ship.status, ParcelEvent.CLOSE).value
            ship.closed_at, ship.updated_at = tx.now, tx.now
            tx.audit("shipment", ship.asn_id or ship.waybill_no, {"received": received, "missing": missing})
            tx.emit("shipment.closed", {"received_lines": received, "missing_lines": missing}, asn_id=ship.asn_id)
            return shipment_view(tx.session, ship)

    def count_items(self) -> int:
        with self.ctx.db.read() as s:
            return int(s.execute(select(func.count(Item.id))).scalar_one())
