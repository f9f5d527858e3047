"""What a scanned code means at the intake station, decided in one read.

The clerk scans with one hand and never says what the code is; the shape and the
database decide: a warehouse tag, a line of the open parcel (the merchant's label
carries the order number), a piece already received, a parcel's waybill, or
nothing known. Deciding is read-only; the screen then calls the operation.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, bindparam, select

from app.core import codes
from app.core.lifecycle import ItemState
from app.core.tags import looks_like_tag, validate_tag
from app.services.base import ServiceContext
from app.services.items import find_by_tag
from app.services.parcel_records import board_entries, shipment_view
from app.services.views import BoardEntry, ItemView, ShipmentView
from app.store.models import ITEM_LIVE, AsnLine, Item, Shipment


def _line_facts() -> Select[Any]:
    """For a code scanned at an open parcel: the live piece already received under that
    merchant label, else the notice line with that order number and its live piece."""
    line_pk = (
        select(AsnLine.id)
        .where(
            AsnLine.shipment_id == bindparam("sid"), AsnLine.order_no == bindparam("code"), AsnLine.withdrawn.is_(False)
        )
        .order_by(AsnLine.id)
        .limit(1)
        .scalar_subquery()
    )
    return select(
        select(Item.tag)
        .where(Item.shipment_id == bindparam("sid"), Item.merchant_ref == bindparam("code"), ITEM_LIVE)
        .order_by(Item.id)
        .limit(1)
        .scalar_subquery()
        .label("prior"),
        select(AsnLine.line_id).where(AsnLine.id == line_pk).scalar_subquery().label("line_id"),
        select(Item.tag)
        .where(Item.asn_line_id == line_pk, ITEM_LIVE)
        .order_by(Item.id)
        .limit(1)
        .scalar_subquery()
        .label("got"),
    )


@dataclass(frozen=True)
class ScanMatch:
    # tag | tag_voided | tag_unknown | line | received | waybill | other_parcel_line | unknown
    kind: str
    code: str
    line_id: str | None = None
    item: ItemView | None = None
    shipment: ShipmentView | None = None


def clean_scan(text: str) -> str:
    """Normalise a scanned code or refuse it as garbled/partial, saying so (app/core/codes.py)."""
    return codes.normalise_scan(text)


class ScanLookup:
    """What a scanned code means at intake (read-only); held by IntakeService as ``scan``."""

    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    ctx: ServiceContext

    def lookup(self, text: str, shipment_id: int | None = None) -> ScanMatch:
        code = clean_scan(text)
        with self.ctx.db.read() as s:
            if looks_like_tag(code):
                tag = validate_tag(code)  # a wrong check digit is refused here
                view = find_by_tag(self.ctx.db, tag)
                if view is None:
                    return ScanMatch("tag_unknown", tag)
                if view.state == ItemState.VOIDED.value:  # its receipt was voided: the label is void
                    return ScanMatch("tag_voided", tag, item=view)
                return ScanMatch("tag", tag, item=view)
            if shipment_id is not None:
                # One prepared statement answers the usual scan (a line of the open parcel).
                facts: Any = self.ctx.db.prepared("scan_line_facts", _line_facts).first(  # a named row
                    sid=shipment_id, code=code
                )
                assert facts is not None
                if facts.prior is not None:
                    return ScanMatch("received", code, item=find_by_tag(self.ctx.db, facts.prior))
                if facts.line_id is not None:
                    got = find_by_tag(self.ctx.db, facts.got) if facts.got else None
                    return ScanMatch("received" if got else "line", code, line_id=facts.line_id, item=got)
            ship = (
                s.execute(select(Shipment).where(Shipment.waybill_no == code).order_by(Shipment.id.desc()))
                .scalars()
                .first()
            )
            if ship is not None:
                return ScanMatch("waybill", code, shipment=shipment_view(s, ship))
            other = s.execute(
                select(AsnLine, Shipment)
                .join(Shipment, Shipment.id == AsnLine.shipment_id)
                .where(AsnLine.order_no == code, AsnLine.withdrawn.is_(False))
                .order_by(Shipment.id.desc())
            ).first()
            if other is not None:
                return ScanMatch(
                    "other_parcel_line", code, line_id=other[0].line_id, shipment=shipment_view(s, other[1])
                )
            return ScanMatch("unknown", code)

    def board(self, limit: int = 100) -> list[BoardEntry]:
        """Parcels a clerk expects or works on (read after every commit, by the intake screen)."""
        with self.ctx.db.snapshot() as read:
            return board_entries(read, limit)
