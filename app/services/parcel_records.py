"""A parcel at intake as the screens see it (``shipment_view``), and a discrepancy recorded on
it: shared by the intake operations (``app.services.intake``), the scan lookup
(``intake_scan``) and the supervisor's resolutions (``intake_supervision``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import Integer, and_, bindparam, func, select
from sqlalchemy.orm import Session

from app.core import parcels
from app.services.base import Tx
from app.services.views import BoardEntry, LineView, ShipmentView
from app.store.hot_path import Snapshot, one_of
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


# The parcel itself, for ``parcel_view``: the columns ``_view`` reads, named as the model names them.
_HEAD = select(
    Shipment.id,
    Shipment.asn_id,
    Shipment.revision,
    Shipment.status,
    Shipment.waybill_no,
    Shipment.carrier,
    Shipment.merchant_id,
    Shipment.merchant_name,
    Shipment.package_condition,
    Shipment.received_at,
    Shipment.pending_notice.is_not(None).label("pending"),
).where(Shipment.id == bindparam("sid"))


# The intake board in one statement: each parcel's lines and received lines counted by the
# database, by its own indexes (a view per parcel made the board N+1 reads of every line,
# after every commit: a hundred parcels held the database worker for a tenth of a second).
_OWN_LINES = and_(AsnLine.shipment_id == Shipment.id, AsnLine.withdrawn.is_(False))
# The parcels first (by the status index; the states written into the SQL: ``one_of``), then
# the counts for those alone: counting inside the sorted query counted every parcel in those
# states, not only the ones shown.
_ON_BOARD = (
    select(Shipment.id)
    .where(one_of(Shipment.status, parcels.BOARD))
    .order_by(Shipment.updated_at.desc(), Shipment.id.desc())
    .limit(bindparam("limit", type_=Integer))
    .subquery("on_board")
)
_BOARD = (
    select(
        Shipment.id,
        Shipment.asn_id,
        Shipment.status,
        Shipment.waybill_no,
        Shipment.merchant_name,
        select(func.count(Item.id))
        .select_from(AsnLine)
        .join(Item, and_(Item.asn_line_id == AsnLine.id, ITEM_LIVE))
        .where(_OWN_LINES)
        .scalar_subquery()
        .label("received"),
        select(func.count(AsnLine.id)).where(_OWN_LINES).scalar_subquery().label("expected"),
    )
    .join(_ON_BOARD, _ON_BOARD.c.id == Shipment.id)
    .order_by(Shipment.updated_at.desc(), Shipment.id.desc())
)


def board_entries(read: Snapshot, limit: int) -> list[BoardEntry]:
    """Parcels a clerk expects or works on, most recently changed first, cancelled ones
    included so they show as such."""
    return [
        BoardEntry(r.id, r.asn_id, r.status, r.waybill_no, r.merchant_name, int(r.received), int(r.expected))
        for r in read.all(_BOARD, {"limit": limit})
    ]


def has_pending_notice(session: Session, shipment_id: int) -> bool:
    """Without loading (and decoding) the notice itself."""
    return session.execute(_PENDING, {"sid": shipment_id}).first() is not None


def shipment_view(session: Session, ship: Shipment) -> ShipmentView:
    """The view of a parcel already loaded in ``session`` (inside an operation, or a read that
    found it by something other than its id)."""
    sid = {"sid": ship.id}
    return _view(
        ship, session.execute(_LINES, sid), session.execute(_PIECES, sid), has_pending_notice(session, ship.id)
    )


def parcel_view(read: Snapshot, shipment_id: int) -> ShipmentView | None:
    """The view of parcel ``shipment_id`` (None if there is none) in three statements on one
    snapshot, without a Session: read after every scan, where the Session's begin, identity map
    and ORM rows cost more than the statements."""
    sid = {"sid": shipment_id}
    head = read.first(_HEAD, sid)
    if head is None:
        return None
    return _view(head, read.all(_LINES, sid), read.all(_PIECES, sid), bool(head.pending))


def _view(head: Any, lines: Iterable[Any], pieces: Iterable[Any], pending: bool) -> ShipmentView:
    """One parcel's view from its row (``Shipment`` or ``_HEAD``'s), its ``_LINES`` and ``_PIECES``."""
    return ShipmentView(
        head.id,
        head.asn_id,
        head.revision,
        head.status,
        head.waybill_no,
        head.carrier,
        head.merchant_id,
        head.merchant_name,
        head.package_condition,
        head.received_at,
        tuple(
            LineView(
                r.line_id, r.order_no, r.category, r.title, r.declared_value_cents, dict(r.declared), r.withdrawn, r.tag
            )
            for r in lines
        ),
        tuple(r.tag for r in pieces if r.asn_line_id is None),
        pending,
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
