"""Read models handed to screens and commands: plain frozen dataclasses, never ORM rows,
so they can cross threads and outlive the session that loaded them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class LineView:
    line_id: str
    order_no: str | None
    category: str
    title: str
    declared_value_cents: int | None
    declared: dict[str, Any]
    withdrawn: bool
    item_tag: str | None = None  # the live item received against it


@dataclass(frozen=True)
class ShipmentView:
    id: int
    asn_id: str | None
    revision: int
    status: str
    waybill_no: str
    carrier: str | None
    merchant_id: str | None
    merchant_name: str | None
    package_condition: str | None
    received_at: datetime | None
    lines: tuple[LineView, ...] = ()
    unexpected_tags: tuple[str, ...] = ()
    has_pending_revision: bool = False

    @property
    def expected_count(self) -> int:
        return sum(1 for line in self.lines if not line.withdrawn)

    @property
    def received_count(self) -> int:
        return sum(1 for line in self.lines if line.item_tag and not line.withdrawn)


@dataclass(frozen=True)
class BoardEntry:
    """A parcel on the intake board: what the board and the resolve dialog show, its counts
    made by the database (``parcel_records.board_entries``), not from its lines."""

    id: int
    asn_id: str | None
    status: str
    waybill_no: str
    merchant_name: str | None
    received_count: int
    expected_count: int


@dataclass(frozen=True)
class ItemView:
    id: int
    tag: str
    state: str
    category: str
    title: str
    shipment_id: int
    waybill_no: str
    asn_id: str | None
    line_id: str | None
    order_no: str | None
    merchant_name: str | None
    declared: dict[str, Any] = field(default_factory=dict)
    tag_printed: bool = False
    held_from: str | None = None
    received_at: datetime | None = None
