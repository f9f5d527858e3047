"""Looking items up: by tag (every scan), by state (queues)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.errors import NotFound
from app.core.tags import validate_tag
from app.services.base import ServiceContext
from app.services.views import ItemView
from app.store.models import AsnLine, Item, Shipment


def item_view(session: Session, item: Item) -> ItemView:
    shipment = session.get(Shipment, item.shipment_id)
    line = session.get(AsnLine, item.asn_line_id) if item.asn_line_id else None
    assert shipment is not None
    return ItemView(
        id=item.id, tag=item.tag, state=item.state, category=item.category, title=item.title,
        shipment_id=shipment.id, waybill_no=shipment.waybill_no, asn_id=shipment.asn_id,
        line_id=line.line_id if line else None, order_no=line.order_no if line else None,
        merchant_name=shipment.merchant_name, declared=dict(line.declared) if line else {},
        tag_printed=item.tag_printed, held_from=item.held_from, received_at=item.received_at)


def load_item(session: Session, tag: str, *, for_update: bool = False) -> Item:
    stmt = select(Item).where(Item.tag == validate_tag(tag))
    if for_update:
        stmt = stmt.with_for_update()
    item = session.execute(stmt).scalar_one_or_none()
    if item is None:
        raise NotFound(f"标签 {tag} 没有对应的物品", f"No item has tag {tag}")
    return item


class ItemQueries:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def find(self, tag: str) -> ItemView:
        with self.ctx.db.read() as s:
            return item_view(s, load_item(s, tag))

    def by_state(self, *states: str, limit: int = 500) -> list[ItemView]:
        with self.ctx.db.read() as s:
            rows = s.execute(select(Item).where(Item.state.in_(states)).order_by(Item.updated_at).limit(limit)).scalars()
            return [item_view(s, it) for it in rows]
