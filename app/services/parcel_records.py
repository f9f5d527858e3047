"""A parcel at intake as the screens see it (``shipment_view``), and a discrepancy recorded on
it: shared by the intake operations (``app.services.intake``), the scan lookup
(``intake_scan``) and the supervisor's resolutions (``intake_supervision``).
"""

from __future__ import annotations

from sqlalchemy import and_, bindparam, select
from sqlalchemy.orm import Session

from app.services.base import Tx
from app.services.views import LineView, ShipmentView
from app.store.models import ITEM_LIVE, AsnLine, Discrepancy, Item, Shipment

DISCREPANCY_KINDS = ("missing", "unexpected", "damaged", "mismatch")


# Built once (SQLAlchemy compiles each once): a parcel's view is read after every scan.
_PENDING = select(Shipment.id).where(Shipment.id == bindparam("sid"), Shipment.pending_notice.is_not(None))
_LINES = (
    select(
        AsnLine.line_id,
        AsnLine.order_no,
        AsnLine.category,
        AsnLine.title,
        AsnLine.declared_value_cents,
        AsnLine.declared,
        AsnLine.withdrawn,
        Item.tag,
    )
    # At most one live item per line (uq_items_live_line), so one row per line.
    .outerjoin(Item, and_(Item.asn_line_id == AsnLine.id, ITEM_LIVE))
    .where(AsnLine.shipment_id == bindparam("sid"))
    .order_by(AsnLine.id)
)
# The parcel's live pieces, read by its index; the unexpected ones (no line) picked from them.
# Not "asn_line_id IS NULL" in SQL: SQLite then read every unannounced piece of the warehouse
# through ix_items_asn_line_id (a million of them: 240 ms a scan).
_PIECES = select(Item.asn_line_id, Item.tag).where(Item.shipment_id == bindparam("sid"), ITEM_LIVE).order_by(Item.id)


def has_pending_notice(session: Session, shipment_id: int) -> bool:
    """Without loading (and decoding) the notice itself."""
    return session.execute(_PENDING, {"sid": shipment_id}).first() is not None


def shipment_view(session: Session, ship: Shipment) -> ShipmentView:
    sid = {"sid": ship.id}
    lines = tuple(
        LineView(
            r.line_id, r.order_no, r.category, r.title, r.declared_value_cents, dict(r.declared), r.withdrawn, r.tag
        )
        for r in session.execute(_LINES, sid)
    )
    return ShipmentView(
        ship.id,
        ship.asn_id,
        ship.revision,
        ship.status,
        ship.waybill_no,
        ship.carrier,
        ship.merchant_id,
        ship.merchant_name,
        ship.package_condition,
        ship.received_at,
        lines,
        tuple(r.tag for r in session.execute(_PIECES, sid) if r.asn_line_id is None),
        has_pending_notice(session, ship.id),
    )


def add_discrepancy(
    tx: Tx, ship: Shipment, kind: str, note: str, item: Item | None = None, line_id: str | None = None
) -> None:
    """Record a discrepancy on a parcel (and the piece, when one is concerned) inside the
    operation ``tx``: its row, its audit entry and its ``item.discrepancy`` event."""
    if item is not None and line_id is None and item.asn_line_id:
        line = tx.session.get(AsnLine, item.asn_line_id)
        line_id = line.line_id if line else None
    tx.session.add(
        Discrepancy(
            shipment_id=ship.id,
            item_id=item.id if item else None,
            line_id=line_id,
            kind=kind,
            note=note,
            recorded_by=tx.actor.user_id,
            recorded_at=tx.now,
        )
    )
    tx.audit(
        "shipment",
        ship.asn_id or ship.waybill_no,
        {"discrepancy": kind, "note": note, "tag": item.tag if item else None},
        action="record_discrepancy",
    )
    tx.emit(
        "item.discrepancy",
        {"kind": kind, "note": note},
        item_tag=item.tag if item else None,
        asn_id=ship.asn_id,
        line_id=line_id,
    )
