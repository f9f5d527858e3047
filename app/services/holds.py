"""A supervisor puts any item on hold (nothing moves it until released) and releases it
back to where it was. The platform API has no event type for holds, so they are
recorded in the audit chain only; the item's next real change carries on the story."""

from __future__ import annotations

from app.core.errors import ValidationError
from app.core.lifecycle import ItemState, hold, release
from app.core.roles import Action, Actor
from app.services.base import ServiceContext
from app.services.items import item_view, load_item
from app.services.views import ItemView


class HoldService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def hold(self, actor: Actor, tag: str, reason: str) -> ItemView:
        if not reason.strip():
            raise ValidationError("冻结必须填写原因", "Putting an item on hold needs a reason")
        with self.ctx.operation(actor, Action.HOLD) as tx:
            item = load_item(tx.session, tag, for_update=True)
            change = hold(ItemState(item.state))
            item.held_from = change.held_from.value if change.held_from else None
            item.state, item.updated_at = change.state.value, tx.now
            tx.audit("item", item.tag, {"hold": reason.strip(), "held_from": item.held_from})
            return item_view(tx.session, item)

    def release(self, actor: Actor, tag: str, reason: str) -> ItemView:
        if not reason.strip():
            raise ValidationError("解除冻结必须填写原因", "Releasing a hold needs a reason")
        with self.ctx.operation(actor, Action.RELEASE_HOLD) as tx:
            item = load_item(tx.session, tag, for_update=True)
            held_from = ItemState(item.held_from) if item.held_from else None
            change = release(ItemState(item.state), held_from)
            item.state, item.held_from, item.updated_at = change.state.value, None, tx.now
            tx.audit("item", item.tag, {"released": reason.strip(), "back_to": item.state})
            return item_view(tx.session, item)
