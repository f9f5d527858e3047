"""What a scanned code means at the intake station, decided in one read.

The clerk scans with one hand and never says what the code is; the shape and the
database decide: a warehouse tag, a line of the open parcel (the merchant's label
carries the order number), a piece already received, a parcel's waybill, or
nothing known. Deciding is read-only; the screen then calls the operation.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from app.core import codes, parcels
from app.core.lifecycle import ItemState
from app.core.tags import looks_like_tag, validate_tag
from app.services.items import item_view
from app.services.views import ItemView, ShipmentView
from app.store.models import AsnLine, Item, Shipment


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
    """Mixed into IntakeService (which provides ``self.ctx``)."""

    def lookup(self, text: str, shipment_id: int | None = None) -> ScanMatch:
        from app.services.intake import shipment_view

        code = clean_scan(text)
        with self.ctx.db.read() as s:  # type: ignore[attr-defined]
            if looks_like_tag(code):
                tag = validate_tag(code)  # a wrong check digit is refused here
                item = s.execute(select(Item).where(Item.tag == tag)).scalar_one_or_none()
                if item is None:
                    return ScanMatch("tag_unknown", tag)
                if item.state == ItemState.VOIDED.value:  # its receipt was voided: the label is void
                    return ScanMatch("tag_voided", tag, item=item_view(s, item))
                return ScanMatch("tag", tag, item=item_view(s, item))
            live = Item.state != ItemState.VOIDED.value
            if shipment_id is not None:
                prior = s.execute(select(Item).where(Item.shipment_id == shipment_id, Item.merchant_ref == code, live)
                                  ).scalars().first()
                if prior is not None:
                    return ScanMatch("received", code, item=item_view(s, prior))
                line = s.execute(select(AsnLine).where(AsnLine.shipment_id == shipment_id, AsnLine.order_no == code,
                                                       AsnLine.withdrawn.is_(False))).scalars().first()
                if line is not None:
                    got = s.execute(select(Item).where(Item.asn_line_id == line.id, live)).scalars().first()
                    return ScanMatch("received" if got else "line", code, line_id=line.line_id,
                                     item=item_view(s, got) if got else None)
            ship = s.execute(select(Shipment).where(Shipment.waybill_no == code).order_by(Shipment.id.desc())
                             ).scalars().first()
            if ship is not None:
                return ScanMatch("waybill", code, shipment=shipment_view(s, ship))
            other = s.execute(select(AsnLine, Shipment).join(Shipment, Shipment.id == AsnLine.shipment_id)
                              .where(AsnLine.order_no == code, AsnLine.withdrawn.is_(False))
                              .order_by(Shipment.id.desc())).first()
            if other is not None:
                return ScanMatch("other_parcel_line", code, line_id=other[0].line_id,
                                 shipment=shipment_view(s, other[1]))
            return ScanMatch("unknown", code)

    def board(self, limit: int = 100) -> list[ShipmentView]:
        """Parcels a clerk expects or works on, cancelled ones included so they show as such."""
        from app.services.intake import shipment_view

        with self.ctx.db.read() as s:  # type: ignore[attr-defined]
            rows = s.execute(select(Shipment).where(Shipment.status.in_(parcels.BOARD))
                             .order_by(Shipment.updated_at.desc()).limit(limit)).scalars()
            return [shipment_view(s, r) for r in rows]
