"""Looking items up: by tag (every scan), by state (queues)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Row, Select, bindparam, select
from sqlalchemy.orm import Session

from app.core.errors import NotFound
from app.core.tags import validate_tag
from app.services.base import ServiceContext
from app.services.views import ItemView
from app.store.db import Database
from app.store.models import AsnLine, Item, Shipment

_VIEW_COLUMNS = (
    Item.id,
    Item.tag,
    Item.state,
    Item.category,
    Item.title,
    Item.shipment_id,
    Item.tag_printed,
    Item.held_from,
    Item.received_at,
    Shipment.waybill_no,
    Shipment.asn_id,
    Shipment.merchant_name,
    AsnLine.line_id,
    AsnLine.order_no,
    AsnLine.declared,
)


def _view_query() -> Select[Any]:
    # One round trip per scan: the item with its parcel and announced line.
    return (
        select(*_VIEW_COLUMNS)
        .join(Shipment, Shipment.id == Item.shipment_id)
        .outerjoin(AsnLine, AsnLine.id == Item.asn_line_id)
    )


def _row_view(r: Row[Any]) -> ItemView:
    return ItemView(
        id=r.id,
        tag=r.tag,
        state=r.state,
        category=r.category,
        title=r.title,
        shipment_id=r.shipment_id,
        waybill_no=r.waybill_no,
        asn_id=r.asn_id,
        line_id=r.line_id,
        order_no=r.order_no,
        merchant_name=r.merchant_name,
        declared=dict(r.declared or {}),
        tag_printed=r.tag_printed,
        held_from=r.held_from,
        received_at=r.received_at,
    )


def item_view(session: Session, item: Item) -> ItemView:
    session.flush()
    return _row_view(session.execute(_view_query().where(Item.id == item.id)).one())


def load_item(session: Session, tag: str, *, for_update: bool = False) -> Item:
    stmt = select(Item).where(Item.tag == validate_tag(tag))
    if for_update:
        stmt = stmt.with_for_update()
    item = session.execute(stmt).scalar_one_or_none()
    if item is None:
        raise NotFound(f"标签 {tag} 没有对应的物品", f"No item has tag {tag}")
    return item


def find_by_tag(db: Database, tag: str) -> ItemView | None:
    """The item view for a validated tag: every scan of a tag asks this, so it is one
    prepared statement on a pooled connection (no Session, no ORM)."""
    row = db.prepared("item_view_by_tag", lambda: _view_query().where(Item.tag == bindparam("tag"))).first(tag=tag)
    return None if row is None else _row_view(row)


class ItemQueries:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def find(self, tag: str) -> ItemView:
        tag = validate_tag(tag)
        row = find_by_tag(self.ctx.db, tag)
        if row is None:
            raise NotFound(f"标签 {tag} 没有对应的物品", f"No item has tag {tag}")
        return row

    def by_state(self, *states: str, limit: int = 500) -> list[ItemView]:
        with self.ctx.db.read() as s:
            rows = s.execute(_view_query().where(Item.state.in_(states)).order_by(Item.updated_at).limit(limit))
            return [_row_view(r) for r in rows]
