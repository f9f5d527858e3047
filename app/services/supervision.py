"""The supervisor's exceptions queue: everything that waits for a person's decision, read
from the records in one place (no copy kept anywhere). Each row names the item or parcel it
is about, so the screen can open its dossier and offer the action that resolves it.

Every kind is one indexed query (``0007_queue`` adds the indexes); ``counts`` are complete,
while ``rows`` are capped per kind so a flood of one kind never hides the others.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Select, func, literal_column, or_, select

from app.core.supervision import EXCEPTION_KINDS, EXCEPTION_WINDOW_DAYS, WAITING_STAGES
from app.services.base import ServiceContext
from app.store.models import Discrepancy, Item, NoticeQuarantine, OutboxEvent, Shipment

ROWS_PER_KIND = 300


@dataclass(frozen=True)
class ExceptionRow:
    kind: str  # app.core.supervision.EXCEPTION_KINDS code
    since: datetime  # when it began (received, recorded, put on hold, entered the stage)
    item_tag: str | None = None
    state: str | None = None  # the item's state (waiting, on hold)
    held_from: str | None = None
    shipment_id: int | None = None
    waybill_no: str | None = None
    asn_id: str | None = None
    merchant: str | None = None
    detail: str = ""  # the note, reason or event type as recorded
    ref: str = ""  # discrepancy id, outbox event id, quarantine id


@dataclass(frozen=True)
class ExceptionQueue:
    rows: list[ExceptionRow]
    counts: dict[str, int]  # per kind, complete (rows may be capped)
    at: datetime

    @property
    def total(self) -> int:
        return sum(self.counts.values())


class SupervisionQueries:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def exceptions(
        self,
        *,
        waiting_hours: Mapping[str, float] | None = None,
        window_days: int | None = None,
        now: datetime | None = None,
        limit: int = ROWS_PER_KIND,
    ) -> ExceptionQueue:
        now = now or self.ctx.clock()
        hours = {s.state.value: s.default_hours for s in WAITING_STAGES} | dict(waiting_hours or {})
        since = now - timedelta(days=EXCEPTION_WINDOW_DAYS if window_days is None else window_days)
        rows: list[ExceptionRow] = []
        counts = {k.code: 0 for k in EXCEPTION_KINDS}
        with self.ctx.db.read() as s:

            def take(
                kind: str, stmt: Select[*tuple[Any, ...]], count_stmt: Select[int], make: Callable[..., ExceptionRow]
            ) -> None:
                counts[kind] += int(s.execute(count_stmt).scalar_one())
                rows.extend(make(r) for r in s.execute(stmt.limit(limit)))

            ship_cols = (
                Shipment.id,
                Shipment.waybill_no,
                Shipment.asn_id,
                Shipment.merchant_name,
                Shipment.received_at,
                Shipment.created_at,
            )
            unannounced = Shipment.status == "unannounced"
            take(
                "unannounced",
                select(*ship_cols).where(unannounced).order_by(Shipment.id),
                select(func.count()).where(unannounced).select_from(Shipment),
                lambda r: ExceptionRow(
                    "unannounced",
                    r.received_at or r.created_at,
                    shipment_id=r.id,
                    waybill_no=r.waybill_no,
                    merchant=r.merchant_name,
                ),
            )
            changed = Shipment.pending_notice.is_not(None)
            take(
                "notice_change",
                select(*ship_cols, Shipment.updated_at).where(changed).order_by(Shipment.id),
                select(func.count()).where(changed).select_from(Shipment),
                lambda r: ExceptionRow(
                    "notice_change",
                    r.updated_at,
                    shipment_id=r.id,
                    waybill_no=r.waybill_no,
                    asn_id=r.asn_id,
                    merchant=r.merchant_name,
                ),
            )
            for kind, test in (
                ("missing", Discrepancy.kind == "missing"),
                ("discrepancy", Discrepancy.kind != "missing"),
            ):
                where = (Discrepancy.recorded_at >= since, test)
                take(
                    kind,
                    select(
                        Discrepancy.id,
                        Discrepancy.recorded_at,
                        Discrepancy.note,
                        Discrepancy.line_id,
                        Discrepancy.kind,
                        Item.tag,
                        Item.state,
                        Shipment.id.label("sid"),
                        Shipment.waybill_no,
                        Shipment.asn_id,
                        Shipment.merchant_name,
                    )
                    .join(Shipment, Shipment.id == Discrepancy.shipment_id)
                    .outerjoin(Item, Item.id == Discrepancy.item_id)
                    .where(*where)
                    .order_by(Discrepancy.recorded_at.desc()),
                    select(func.count()).where(*where).select_from(Discrepancy),
                    lambda r, kind=kind: ExceptionRow(
                        kind,
                        r.recorded_at,
                        item_tag=r.tag,
                        state=r.state,
                        shipment_id=r.sid,
                        waybill_no=r.waybill_no,
                        asn_id=r.asn_id,
                        merchant=r.merchant_name,
                        detail=r.note,
                        ref=str(r.id),
                    ),
                )
            item_cols = (
                Item.tag,
                Item.state,
                Item.held_from,
                Item.updated_at,
                Shipment.id.label("sid"),
                Shipment.waybill_no,
                Shipment.asn_id,
                Shipment.merchant_name,
            )
            held = Item.state == "on_hold"
            take(
                "on_hold",
                select(*item_cols)
                .join(Shipment, Shipment.id == Item.shipment_id)
                .where(held)
                .order_by(Item.updated_at),
                select(func.count()).where(held).select_from(Item),
                lambda r: ExceptionRow(
                    "on_hold",
                    r.updated_at,
                    item_tag=r.tag,
                    state=r.state,
                    held_from=r.held_from,
                    shipment_id=r.sid,
                    waybill_no=r.waybill_no,
                    asn_id=r.asn_id,
                    merchant=r.merchant_name,
                ),
            )
            for stage in WAITING_STAGES:
                late = (
                    Item.state == stage.state.value,
                    Item.updated_at < now - timedelta(hours=hours[stage.state.value]),
                )
                take(
                    "waiting",
                    select(*item_cols)
                    .join(Shipment, Shipment.id == Item.shipment_id)
                    .where(*late)
                    .order_by(Item.updated_at),
                    select(func.count()).where(*late).select_from(Item),
                    lambda r: ExceptionRow(
                        "waiting",
                        r.updated_at,
                        item_tag=r.tag,
                        state=r.state,
                        shipment_id=r.sid,
                        waybill_no=r.waybill_no,
                        asn_id=r.asn_id,
                        merchant=r.merchant_name,
                    ),
                )
            # Inlined, not bound: only then may the planner use the partial index ix_outbox_rejected.
            refused = OutboxEvent.status == literal_column("'rejected'")
            take(
                "sync_rejected",
                select(
                    OutboxEvent.event_id,
                    OutboxEvent.type,
                    OutboxEvent.occurred_at,
                    OutboxEvent.item_tag,
                    OutboxEvent.asn_id,
                    OutboxEvent.reason,
                    OutboxEvent.detail,
                )
                .where(refused)
                .order_by(OutboxEvent.occurred_at.desc()),
                select(func.count()).where(refused).select_from(OutboxEvent),
                lambda r: ExceptionRow(
                    "sync_rejected",
                    r.occurred_at,
                    item_tag=r.item_tag,
                    asn_id=r.asn_id,
                    detail=f"{r.type}: {r.reason or ''} {r.detail or ''}".strip(),
                    ref=r.event_id,
                ),
            )
            recent = NoticeQuarantine.received_at >= since
            take(
                "notice_quarantined",
                select(
                    NoticeQuarantine.id,
                    NoticeQuarantine.asn_id,
                    NoticeQuarantine.received_at,
                    NoticeQuarantine.reason_zh,
                    NoticeQuarantine.reason_en,
                )
                .where(recent)
                .order_by(NoticeQuarantine.received_at.desc()),
                select(func.count()).where(recent).select_from(NoticeQuarantine),
                lambda r: ExceptionRow(
                    "notice_quarantined",
                    r.received_at,
                    asn_id=r.asn_id,
                    detail=f"{r.reason_zh} / {r.reason_en}",
                    ref=str(r.id),
                ),
            )
        return ExceptionQueue(rows, counts, now)

    def parcel_tags(self, shipment_id: int) -> list[str]:
        """The live pieces of a parcel (a parcel row opens the dossier of its first piece)."""
        with self.ctx.db.read() as s:
            return list(
                s.execute(
                    select(Item.tag)
                    .where(Item.shipment_id == shipment_id, or_(Item.state != "voided", Item.state.is_(None)))
                    .order_by(Item.id)
                ).scalars()
            )
