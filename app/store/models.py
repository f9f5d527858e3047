"""The schema. Rows are never deleted; corrections add rows (revisions) or move state.

Values measured on an instrument are stored as decimal text so that no float
rounding touches a carat. JSON columns hold exactly what was sent or received.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    false,
    literal_column,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from app.core.lifecycle import ItemState
from app.store.model_types import Base, UTCDateTime
from app.store.models_cases import Case, CaseQuarantine, CertifiedFingerprint
from app.store.models_quality import BalanceCheck, BlindFindings, DashboardDay

# The after-sale and quality tables are declared in their own modules; named here too, so
# the schema is one import (Alembic, the services) as before.
__all__ = [
    "AsnLine",
    "AuditEntry",
    "AuditHead",
    "BalanceCheck",
    "Base",
    "BlindFindings",
    "Blob",
    "Case",
    "CaseQuarantine",
    "Certificate",
    "CertificateStatusCopy",
    "CertifiedFingerprint",
    "Counter",
    "DashboardDay",
    "Discrepancy",
    "Dispatch",
    "GradingResult",
    "InspectionReport",
    "Item",
    "Measurement",
    "NoticeQuarantine",
    "OutboxEvent",
    "Photo",
    "PlatformBlob",
    "Rejection",
    "Review",
    "Shipment",
    "SyncState",
    "UTCDateTime",
    "User",
]


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(128))
    password_hash: Mapped[str] = mapped_column(String(256))
    roles: Mapped[str] = mapped_column(String(256))  # comma-separated Role values
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None]
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    # A password an administrator gave (new account, reset) is changed at the next log-in.
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class Shipment(Base):
    """A parcel: announced by an advance shipping notice, or found at the door unannounced."""

    __tablename__ = "shipments"
    id: Mapped[int] = mapped_column(primary_key=True)
    asn_id: Mapped[str | None] = mapped_column(String(64), unique=True)
    revision: Mapped[int] = mapped_column(Integer, default=1)
    # announced | cancelled | receiving | closed | unannounced | resolved
    status: Mapped[str] = mapped_column(String(16), index=True)
    warehouse_id: Mapped[str] = mapped_column(String(32))
    merchant_id: Mapped[str | None] = mapped_column(String(64))
    merchant_name: Mapped[str | None] = mapped_column(String(256))
    carrier: Mapped[str | None] = mapped_column(String(32))
    waybill_no: Mapped[str] = mapped_column(String(64), index=True)
    announced_at: Mapped[datetime | None]
    received_at: Mapped[datetime | None]
    received_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    package_condition: Mapped[str | None] = mapped_column(String(16))
    closed_at: Mapped[datetime | None]
    # Deferred: a notice can be large and every scan loads its parcel; only the notice
    # service reads these.
    notice: Mapped[dict | None] = mapped_column(JSON(none_as_null=True), deferred=True)  # the latest notice as sent
    pending_notice: Mapped[dict | None] = mapped_column(
        JSON(none_as_null=True), deferred=True
    )  # arrived after receipt began
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class AsnLine(Base):
    __tablename__ = "asn_lines"
    __table_args__ = (UniqueConstraint("shipment_id", "line_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    shipment_id: Mapped[int] = mapped_column(ForeignKey("shipments.id"), index=True)
    line_id: Mapped[str] = mapped_column(String(64))
    order_no: Mapped[str | None] = mapped_column(String(64), index=True)
    category: Mapped[str] = mapped_column(String(16))
    title: Mapped[str] = mapped_column(String(256))
    declared_value_cents: Mapped[int | None]
    declared: Mapped[dict] = mapped_column(JSON, default=dict)
    withdrawn: Mapped[bool] = mapped_column(Boolean, default=False)  # gone in a later revision


class Item(Base):
    __tablename__ = "items"
    __table_args__ = (
        # One live item per announced line, whichever station receives it.
        Index(
            "uq_items_live_line",
            "asn_line_id",
            unique=True,
            sqlite_where=text("asn_line_id IS NOT NULL AND state <> 'voided'"),
            postgresql_where=text("asn_line_id IS NOT NULL AND state <> 'voided'"),
        ),
        # A scanned merchant label is looked up in its parcel by both (migration 0012).
        Index("ix_items_shipment_ref", "shipment_id", "merchant_ref"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    tag: Mapped[str] = mapped_column(String(32), unique=True)
    shipment_id: Mapped[int] = mapped_column(ForeignKey("shipments.id"))
    asn_line_id: Mapped[int | None] = mapped_column(ForeignKey("asn_lines.id"))
    category: Mapped[str] = mapped_column(String(16))
    title: Mapped[str] = mapped_column(String(256))
    merchant_ref: Mapped[str | None] = mapped_column(String(128))  # the merchant's own label, as scanned
    state: Mapped[str] = mapped_column(String(16))  # ix_items_state_updated (migration 0009) starts with it
    held_from: Mapped[str | None] = mapped_column(String(16))
    tag_printed: Mapped[bool] = mapped_column(Boolean, default=False)
    received_at: Mapped[datetime]
    received_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    updated_at: Mapped[datetime]


# A live item: one whose receipt was not voided. Inlined, never bound: SQLite may answer
# "the live item of this line" from the partial index uq_items_live_line only for the value
# 'voided', so with it bound it planned the whole statement again on every execution (0.09 ms
# of a 0.11 ms receive check).
ITEM_LIVE = Item.state != literal_column(f"'{ItemState.VOIDED.value}'")


class Measurement(Base):
    __tablename__ = "measurements"
    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id"), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    value: Mapped[str] = mapped_column(String(64))  # decimal text, or JSON text for structured kinds
    unit: Mapped[str] = mapped_column(String(16))
    stable: Mapped[bool] = mapped_column(Boolean, default=True)
    source: Mapped[str] = mapped_column(String(16))  # device | manual | computed
    device: Mapped[dict] = mapped_column(JSON, default=dict)
    extra: Mapped[dict] = mapped_column(JSON, default=dict)  # temperature, uncertainty, inputs...
    recorded_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    recorded_at: Mapped[datetime]
    supersedes_id: Mapped[int | None] = mapped_column(ForeignKey("measurements.id"))


class Blob(Base):
    """Metadata of a content-addressed file in the blob folder."""

    __tablename__ = "blobs"
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int]
    content_type: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime]


class Photo(Base):
    __tablename__ = "photos"
    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int | None] = mapped_column(ForeignKey("items.id"), index=True)
    shipment_id: Mapped[int | None] = mapped_column(ForeignKey("shipments.id"), index=True)
    view: Mapped[str] = mapped_column(String(16))
    purpose: Mapped[str] = mapped_column(String(16), default="appraisal")  # appraisal|intake|dispatch
    sha256: Mapped[str] = mapped_column(ForeignKey("blobs.sha256"))
    width: Mapped[int | None]
    height: Mapped[int | None]
    device: Mapped[dict] = mapped_column(JSON, default=dict)
    taken_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    taken_at: Mapped[datetime]
    supersedes_id: Mapped[int | None] = mapped_column(ForeignKey("photos.id"))


class InspectionReport(Base):
    __tablename__ = "inspection_reports"
    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id"), index=True)
    report_id: Mapped[str] = mapped_column(String(64))
    box: Mapped[dict]
    report: Mapped[dict]
    report_sha256: Mapped[str | None] = mapped_column(ForeignKey("blobs.sha256"))
    recorded_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    recorded_at: Mapped[datetime]


class GradingResult(Base):
    __tablename__ = "grading_results"
    __table_args__ = (UniqueConstraint("item_id", "revision"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id"), index=True)
    revision: Mapped[int]
    result: Mapped[dict]
    verdict: Mapped[str] = mapped_column(String(8))
    reason_code: Mapped[str | None] = mapped_column(String(32))
    name: Mapped[str | None] = mapped_column(String(256))  # composed certificate name
    warranty_days: Mapped[int | None]
    graded_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    graded_at: Mapped[datetime]


class Review(Base):
    __tablename__ = "reviews"
    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id"), index=True)
    grading_id: Mapped[int] = mapped_column(ForeignKey("grading_results.id"))
    revision: Mapped[int]
    decision: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str | None] = mapped_column(Text)
    reviewer_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    decided_at: Mapped[datetime]


class Certificate(Base):
    __tablename__ = "certificates"
    id: Mapped[int] = mapped_column(primary_key=True)
    certificate_no: Mapped[str] = mapped_column(String(32), unique=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id"), index=True)
    grading_id: Mapped[int] = mapped_column(ForeignKey("grading_results.id"))
    key_id: Mapped[str] = mapped_column(String(96))
    issued_at: Mapped[datetime]
    issued_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    qr_payload: Mapped[str] = mapped_column(Text)
    warranty_until: Mapped[date | None] = mapped_column(Date)
    pdf_sha256: Mapped[str] = mapped_column(ForeignKey("blobs.sha256"))
    facts: Mapped[dict]
    status: Mapped[str] = mapped_column(String(16), default="valid")  # valid | voided
    voided_reason: Mapped[str | None] = mapped_column(Text)
    voided_at: Mapped[datetime | None]
    voided_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    replaced_by: Mapped[str | None] = mapped_column(String(32))


class CertificateStatusCopy(Base):
    """The platform's certificate status feed (platform-api.md §4a), one row per certificate of
    any warehouse, as last heard: offline verification says "voided" from it. A cache of the
    platform's facts, not a record of this warehouse: rows are overwritten by newer changes."""

    __tablename__ = "certificate_status_copy"
    certificate_no: Mapped[str] = mapped_column(String(32), primary_key=True)
    status: Mapped[str] = mapped_column(String(16))  # valid | voided
    changed_at: Mapped[datetime]
    replaced_by: Mapped[str | None] = mapped_column(String(32))
    received_at: Mapped[datetime]


class Discrepancy(Base):
    __tablename__ = "discrepancies"
    id: Mapped[int] = mapped_column(primary_key=True)
    shipment_id: Mapped[int] = mapped_column(ForeignKey("shipments.id"), index=True)
    item_id: Mapped[int | None] = mapped_column(ForeignKey("items.id"))
    line_id: Mapped[str | None] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(16))
    note: Mapped[str] = mapped_column(Text)
    recorded_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    recorded_at: Mapped[datetime]


class Rejection(Base):
    __tablename__ = "rejections"
    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id"), index=True)
    reason_code: Mapped[str] = mapped_column(String(32))
    note: Mapped[str] = mapped_column(Text)
    rejected_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    rejected_at: Mapped[datetime]


class Dispatch(Base):
    __tablename__ = "dispatches"
    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id"), unique=True)
    destination: Mapped[str] = mapped_column(String(16))
    carrier: Mapped[str] = mapped_column(String(32))
    waybill_no: Mapped[str] = mapped_column(String(64))
    photo_sha256: Mapped[str | None] = mapped_column(ForeignKey("blobs.sha256"))
    match_score: Mapped[float | None]
    dispatched_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    dispatched_at: Mapped[datetime]


class AuditEntry(Base):
    """Append-only, hash-chained. ``chain_index`` has no gaps, so a removed row shows."""

    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(primary_key=True)
    chain_index: Mapped[int] = mapped_column(Integer, unique=True)
    at: Mapped[datetime]
    workstation_id: Mapped[str] = mapped_column(String(64))
    actor: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(64))
    entity_type: Mapped[str] = mapped_column(String(32))
    entity_id: Mapped[str] = mapped_column(String(64), index=True)
    detail: Mapped[dict]
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class AuditHead(Base):
    """One row: the chain's last index and hash. Locked while appending, so stations
    sharing a database extend one chain in turn."""

    __tablename__ = "audit_head"
    id: Mapped[int] = mapped_column(primary_key=True)
    chain_index: Mapped[int]
    hash: Mapped[str] = mapped_column(String(64))


class OutboxEvent(Base):
    __tablename__ = "outbox"
    __table_args__ = (
        UniqueConstraint("workstation_id", "seq"),
        Index("ix_outbox_pending", "workstation_id", "status", "seq"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    workstation_id: Mapped[str] = mapped_column(String(64))
    seq: Mapped[int]
    event_id: Mapped[str] = mapped_column(String(36), unique=True)
    type: Mapped[str] = mapped_column(String(32))
    occurred_at: Mapped[datetime]
    actor: Mapped[str] = mapped_column(String(64))
    item_tag: Mapped[str | None] = mapped_column(String(32))
    asn_id: Mapped[str | None] = mapped_column(String(64))
    line_id: Mapped[str | None] = mapped_column(String(64))
    payload: Mapped[dict]
    blobs: Mapped[list]
    # pending | accepted | duplicate | deferred | rejected
    status: Mapped[str] = mapped_column(String(16), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    reason: Mapped[str | None] = mapped_column(String(64))
    detail: Mapped[str | None] = mapped_column(Text)
    sent_at: Mapped[datetime | None]


class Counter(Base):
    """Gapless counters (event seq per workstation, tag and certificate numbers per day).
    Incremented inside the operation's transaction, so a rollback leaves no gap."""

    __tablename__ = "counters"
    name: Mapped[str] = mapped_column(String(96), primary_key=True)
    value: Mapped[int]


class SyncState(Base):
    __tablename__ = "sync_state"
    key: Mapped[str] = mapped_column(String(96), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class PlatformBlob(Base):
    """A blob the platform has confirmed it holds (HEAD 200, PUT 200/201), per platform
    address, so a later process does not ask again. Only a cache: a ``missing_blob``
    answer removes the row and the blob is uploaded again."""

    __tablename__ = "platform_blobs"
    platform: Mapped[str] = mapped_column(String(256), primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    confirmed_at: Mapped[datetime]


class NoticeQuarantine(Base):
    """A notice from the platform that could not be applied (a lone surrogate, NaN, a field
    over the limits...): kept with its reason for a supervisor, while the others apply."""

    __tablename__ = "notice_quarantine"
    id: Mapped[int] = mapped_column(primary_key=True)
    asn_id: Mapped[str | None] = mapped_column(String(64), index=True)  # only when it is itself sane
    revision: Mapped[int | None]
    field: Mapped[str | None] = mapped_column(String(256))
    reason_zh: Mapped[str] = mapped_column(Text)
    reason_en: Mapped[str] = mapped_column(Text)
    raw: Mapped[str] = mapped_column(Text)  # the notice as ASCII-escaped JSON, cut at 64 KiB
    received_at: Mapped[datetime]
    received_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
