"""Receiving an announced line: the scan every piece at the intake bench is (issue 16).

One read gathers the actor, the parcel and the line (locked), every check's facts and the
audit head; one write adds the item, its outbox event and audit entry (``ctx.hot_operation``).
On PostgreSQL the two are two round trips, pipelined; on SQLite seven statements and the
commit on a pooled connection, without a Session. The checks and their order are those of
``IntakeService._receive``, the general path, which says why when this one finds no such
parcel.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, cast

from sqlalchemy import Select, Table, and_, bindparam, exists, insert, select

from app.core import parcels
from app.core.errors import Conflict, DomainError, NotFound, ValidationError
from app.core.lifecycle import ItemState
from app.core.roles import Action, Actor
from app.services.base import ServiceContext, Tx, actor_from_row
from app.services.views import ItemView
from app.store.models import ITEM_LIVE, AsnLine, AuditHead, Item, Shipment, User


def _line_facts() -> Select[Any]:
    """Everything receiving an announced line checks, in one statement: the actor, the parcel
    and the line, every check's facts, and the audit head the write chains from.

    On PostgreSQL the parcel and the head are locked by it (``FOR UPDATE OF`` locks in the order
    it names the tables: parcel, then head, the order every operation takes them in); on SQLite
    the transaction's ``BEGIN IMMEDIATE`` already holds the write lock."""
    u = cast(Table, User.__table__)
    head = cast(Table, AuditHead.__table__)
    stmt = (
        select(
            u.c.username.label("u_name"),
            u.c.display_name.label("u_display"),
            u.c.roles.label("u_roles"),
            u.c.active.label("u_active"),
            Shipment.status,
            Shipment.asn_id,
            Shipment.waybill_no,
            Shipment.merchant_name,
            Shipment.pending_notice.is_not(None).label("pending"),
            exists().where(Item.tag == bindparam("tag")).label("tag_taken"),
            select(Item.tag)
            .where(Item.shipment_id == Shipment.id, Item.merchant_ref == bindparam("ref"), ITEM_LIVE)
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
            .where(Item.asn_line_id == AsnLine.id, ITEM_LIVE)
            .order_by(Item.id)
            .limit(1)
            .scalar_subquery()
            .label("line_prior"),
        )
        .select_from(Shipment)
        .outerjoin(AsnLine, and_(AsnLine.shipment_id == Shipment.id, AsnLine.line_id == bindparam("line_id")))
        .outerjoin(u, u.c.id == bindparam("uid"))  # outer: an unknown actor is refused, not taken for no parcel
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


class LineReceiver:
    """``IntakeService.receive_item`` for an announced line."""

    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def receive(
        self, actor: Actor, shipment_id: int, line_id: str, tag: str, tag_printed: bool, merchant_ref: str | None
    ) -> ItemView | None:
        """``IntakeService._receive`` for an announced line in a few statements: one read gathers the actor,
        the parcel (locked), the line and every check's facts; one write (on PostgreSQL) adds
        the item, its outbox event and audit entry. The checks and their order are
        the general path's. Returns None for a parcel that does not exist (the general path then
        says why, in its order: the actor first)."""
        try:
            return self._receive_tx(actor, shipment_id, line_id, tag, tag_printed, merchant_ref)
        except _NoSuchParcel:
            return None

    def _receive_tx(
        self, actor: Actor, shipment_id: int, line_id: str, tag: str, tag_printed: bool, merchant_ref: str | None
    ) -> ItemView:
        params = {"uid": actor.user_id, "sid": shipment_id, "tag": tag, "line_id": line_id, "ref": merchant_ref}
        # PostgreSQL: BEGIN and the read in one round trip, the write and COMMIT in another.
        # SQLite: the same statements on a pooled connection, without a Session around them.
        with self.ctx.hot_operation(actor, Action.RECEIVE_ITEM) as (tx, hot):
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
