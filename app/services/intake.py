"""Intake: a parcel arrives, its pieces are tagged and received, the parcel is closed."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any, cast

from sqlalchemy import Select, Table, and_, bindparam, exists, func, insert, select
from sqlalchemy.exc import IntegrityError

from app.core import codes, limits, parcels
from app.core.clock import rfc3339
from app.core.errors import Conflict, DomainError, NotFound, ValidationError
from app.core.lifecycle import ItemState, next_state
from app.core.parcels import ParcelEvent, ParcelState, next_parcel_state
from app.core.roles import Action, Actor
from app.core.tags import make_tag, validate_tag
from app.services.base import ServiceContext, Tx, actor_from_row, next_counter
from app.services.intake_scan import ScanLookup, ScanMatch
from app.services.intake_supervision import IntakeSupervision
from app.services.items import item_view, load_item
from app.services.parcel_records import (
    DISCREPANCY_KINDS,
    add_discrepancy,
    has_pending_notice,
    shipment_view,
)
from app.services.views import ItemView, ShipmentView
from app.store.models import AsnLine, AuditHead, Item, Shipment, User


def _line_facts() -> Select[Any]:
    """Everything receiving an announced line checks, in one statement: the actor, the parcel
    and the line, every check's facts, and the audit head the write chains from.

    On PostgreSQL the parcel and the head are locked by it (``FOR UPDATE OF`` locks in the order
    it names the tables: parcel, then head, the order every operation takes them in); on SQLite
    the transaction's ``BEGIN IMMEDIATE`` already holds the write lock."""
    live = Item.state != ItemState.VOIDED.value
    u = User.__table__
    user_col = lambda c: select(c).where(u.c.id == bindparam("uid")).scalar_subquery()  # noqa: E731
    head = cast(Table, AuditHead.__table__)
    stmt = (
        select(
            user_col(u.c.username).label("u_name"),
            user_col(u.c.display_name).label("u_display"),
            user_col(u.c.roles).label("u_roles"),
            user_col(u.c.active).label("u_active"),
            Shipment.status,
            Shipment.asn_id,
            Shipment.waybill_no,
            Shipment.merchant_name,
            Shipment.pending_notice.is_not(None).label("pending"),
            exists().where(Item.tag == bindparam("tag")).label("tag_taken"),
            select(Item.tag)
            .where(Item.shipment_id == Shipment.id, Item.merchant_ref == bindparam("ref"), live)
            .order_by(Item.id)
            .limit(1)
            .scalar_subquery()
            .label("ref_prior"),
            AsnLine.id.label("line_pk"),
            AsnLine.withdrawn,
            AsnLine.category,
            AsnLine.title,
            AsnLine.order_no,
            AsnLine.declared,
            select(Item.tag)
            .where(Item.asn_line_id == AsnLine.id, live)
            .order_by(Item.id)
            .limit(1)
            .scalar_subquery()
            .label("line_prior"),
        )
        .select_from(Shipment)
        .outerjoin(AsnLine, and_(AsnLine.shipment_id == Shipment.id, AsnLine.line_id == bindparam("line_id")))
        .where(Shipment.id == bindparam("sid"))
    )
    return (
        stmt.add_columns(head.c.chain_index.label("h_index"), head.c.hash.label("h_hash"))
        .join(head, head.c.id == 1)
        .with_for_update(of=[Shipment.__table__, head])
    )


_LINE_FACTS = _line_facts()
_ITEMS = cast(Table, Item.__table__)
# Built once with a parameter per column (a fresh ``.values(...)`` per receive costs its cache key).
_ITEM_COLUMNS = (
    "tag",
    "shipment_id",
    "asn_line_id",
    "category",
    "title",
    "merchant_ref",
    "state",
    "held_from",
    "tag_printed",
    "received_at",
    "received_by",
    "updated_at",
)
_INSERT_ITEM = (
    insert(_ITEMS)
    .values({c: bindparam(f"item_{c}", type_=_ITEMS.c[c].type) for c in _ITEM_COLUMNS})
    .returning(_ITEMS.c.id)
)


class _NoSuchParcel(Exception):
    """Raised inside the hot path's transaction (rolling it back) when the parcel is unknown."""


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
        self.supervision = IntakeSupervision(ctx)

    # --- the parts' operations, as the screens call them -------------------------------
    def lookup(self, text: str, shipment_id: int | None = None) -> ScanMatch:
        return self.scan.lookup(text, shipment_id)

    def board(self, limit: int = 100) -> list[ShipmentView]:
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
        with self.ctx.db.read() as s:
            ship = s.get(Shipment, shipment_id)
            if ship is None:
                raise NotFound("包裹不存在", "No such parcel")
            return shipment_view(s, ship)

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
        with self.ctx.operation(actor, Action.RECEIVE_ITEM) as tx:
            return make_tag(day, next_counter(tx.session, f"tag:{day:%y%m%d}"))

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
                view = self._receive_line(actor, shipment_id, line_id, tag, tag_printed, merchant_ref)
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

    def _receive_line(
        self, actor: Actor, shipment_id: int, line_id: str, tag: str, tag_printed: bool, merchant_ref: str | None
    ) -> ItemView | None:
        """``_receive`` for an announced line in a few statements: one read gathers the actor,
        the parcel (locked), the line and every check's facts; one write (on PostgreSQL) adds
        the item, its outbox event and audit entry. The checks and their order are
        ``_receive``'s. Returns None for a parcel that does not exist (the general path then
        says why, in its order: the actor first)."""
        try:
            return self._receive_line_tx(actor, shipment_id, line_id, tag, tag_printed, merchant_ref)
        except _NoSuchParcel:
            return None

    def _receive_line_tx(
        self, actor: Actor, shipment_id: int, line_id: str, tag: str, tag_printed: bool, merchant_ref: str | None
    ) -> ItemView:
        params = {"uid": actor.user_id, "sid": shipment_id, "tag": tag, "line_id": line_id, "ref": merchant_ref}
        with self.ctx.operation(actor, Action.RECEIVE_ITEM, actor_checked_by_caller=True) as tx:
            # PostgreSQL: BEGIN and the read in one round trip, the write and COMMIT in another.
            # SQLite: the same statements without SQLAlchemy's execution path around each.
            with tx.hot() as hot:
                row = hot.first(_LINE_FACTS, params)
                if row is not None:
                    tx.head_locked(row.h_index, row.h_hash)
                view, written = self._line_write(tx, row, shipment_id, line_id, tag, tag_printed, merchant_ref)
        return replace(view, id=written.one().id)

    def _line_write(
        self,
        tx: Tx,
        row: Any,
        shipment_id: int,
        line_id: str,
        tag: str,
        tag_printed: bool,
        merchant_ref: str | None,
    ) -> tuple[ItemView, Any]:
        """The checks on the read's facts, in ``_receive``'s order, then the write: the view
        (its id still 0) and what the write returned (a row, or a pending one when pipelined)."""
        if row is None:
            raise _NoSuchParcel  # nothing written; the general path says why
        tx.authorise(actor_from_row(tx.actor.user_id, row.u_name, row.u_display, row.u_roles, row.u_active))
        if row.status not in parcels.OPEN:
            raise DomainError("请先扫描运单签收该包裹", "Scan the parcel's waybill first", code="parcel_not_open")
        if row.pending:
            raise DomainError(
                "该包裹的预报在收货开始后又有变更，请主管确认后再继续",
                "The notice changed after receipt began; a supervisor must confirm before continuing",
                code="notice_changed",
            )
        if row.tag_taken:
            raise Conflict(f"标签 {tag} 已被使用", f"Tag {tag} is already in use", code="tag_taken")
        if merchant_ref and row.ref_prior is not None:
            raise Conflict(
                f"该件已收货，标签 {row.ref_prior}",
                f"Already received as {row.ref_prior}",
                code="already_received",
                tag=row.ref_prior,
            )
        if row.line_pk is None or row.withdrawn:
            raise NotFound(f"预报中没有明细 {line_id}", f"The notice has no line {line_id}")
        if row.line_prior is not None:
            raise Conflict(
                f"明细 {line_id} 已收货，标签 {row.line_prior}",
                f"Line {line_id} was already received as {row.line_prior}",
                code="already_received",
                tag=row.line_prior,
            )
        category, title = row.category, (row.title or ("未预报珠宝" if row.category == "jewelry" else "未预报手机"))
        if category not in ("jewelry", "phone"):
            raise ValidationError(
                "未预报的物品需选择类别（珠宝或手机）",
                "Choose a category (jewelry or phone) for an unannounced piece",
            )
        values = {
            "tag": tag,
            "shipment_id": shipment_id,
            "asn_line_id": row.line_pk,
            "category": category,
            "title": title.strip()[:256],
            "merchant_ref": merchant_ref,
            "state": ItemState.RECEIVED.value,
            "held_from": None,
            "tag_printed": tag_printed,
            "received_at": tx.now,
            "received_by": tx.actor.user_id,
            "updated_at": tx.now,
        }
        tx.check_values(_ITEMS, values)
        tx.audit(
            "item", tag, {"shipment": row.asn_id or row.waybill_no, "line_id": line_id, "tag_printed": tag_printed}
        )
        tx.emit(
            "item.received",
            {"category": category, "tag_printed": tag_printed, "title": values["title"]},
            item_tag=tag,
            asn_id=row.asn_id,
            line_id=line_id,
        )
        written = tx.finish(also=_INSERT_ITEM, params={f"item_{c}": v for c, v in values.items()})
        view = ItemView(
            id=0,
            tag=tag,
            state=values["state"],
            category=category,
            title=values["title"],
            shipment_id=shipment_id,
            waybill_no=row.waybill_no,
            asn_id=row.asn_id,
            line_id=line_id,
            order_no=row.order_no,
            merchant_name=row.merchant_name,
            declared=dict(row.declared or {}),
            tag_printed=tag_printed,
            held_from=None,
            received_at=tx.now,
        )
        return view, written

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
                        Item.state != ItemState.VOIDED.value,
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
            prior = (
                s.execute(select(Item).where(Item.asn_line_id == line.id, Item.state != ItemState.VOIDED.value))
                .scalars()
                .first()
            )
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
