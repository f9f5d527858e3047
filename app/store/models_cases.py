"""The after-sale tables: the fingerprint kept with each certificate, the platform's cases as
worked at the station, and the cases that could not be applied. Part of the schema in
``app.store.models`` (which names them too)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Boolean, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.store.model_types import Base


class CertifiedFingerprint(Base):
    """What identifies a certified piece (``app.core.fingerprint.Fingerprint.to_dict``),
    written in the transaction that issues its certificate; one per certificate."""

    __tablename__ = "certified_fingerprints"
    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id"), index=True)
    certificate_no: Mapped[str] = mapped_column(String(32), unique=True)
    data: Mapped[dict] = mapped_column(JSON)
    captured_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    captured_at: Mapped[datetime]


class Case(Base):
    """An after-sale case (platform-api.md §6): the platform's claim as its latest revision,
    and the station's work on it (receipt, re-inspection, decision, disposition)."""

    __tablename__ = "cases"
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[str] = mapped_column(String(64), unique=True)
    revision: Mapped[int] = mapped_column(Integer)
    platform_status: Mapped[str] = mapped_column(String(16))  # open | cancelled, as the platform says
    kind: Mapped[str] = mapped_column(String(32))
    warehouse_id: Mapped[str] = mapped_column(String(32))
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id"), index=True)
    item_tag: Mapped[str] = mapped_column(String(32), index=True)
    certificate_no: Mapped[str | None] = mapped_column(String(32), index=True)
    opened_at: Mapped[datetime]
    inbound_carrier: Mapped[str | None] = mapped_column(String(32))
    inbound_waybill: Mapped[str | None] = mapped_column(String(64), index=True)
    statement: Mapped[str] = mapped_column(Text, default="")
    claimed: Mapped[dict] = mapped_column(JSON, default=dict)
    raw: Mapped[dict] = mapped_column(JSON, default=dict, deferred=True)
    state: Mapped[str] = mapped_column(String(16), index=True)  # app.core.cases.CaseState
    received_at: Mapped[datetime | None]
    received_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    package_condition: Mapped[str | None] = mapped_column(String(16))
    inspector_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    inspected_at: Mapped[datetime | None]
    proposed_same_piece: Mapped[str | None] = mapped_column(String(16))  # what the comparison proposed
    same_piece: Mapped[str | None] = mapped_column(String(16))  # what the inspector confirmed
    override_reason: Mapped[str | None] = mapped_column(Text)
    findings: Mapped[list | None] = mapped_column(JSON(none_as_null=True))
    evidence: Mapped[dict | None] = mapped_column(JSON(none_as_null=True))
    evidence_blobs: Mapped[list | None] = mapped_column(JSON(none_as_null=True))
    decider_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    decided_at: Mapped[datetime | None]
    decision: Mapped[str | None] = mapped_column(String(16))
    reason_code: Mapped[str | None] = mapped_column(String(32))
    note: Mapped[str | None] = mapped_column(Text)
    warranty_covered: Mapped[bool | None] = mapped_column(Boolean)
    disposition: Mapped[str | None] = mapped_column(String(16))  # hold | buyer | merchant_return
    disposed_at: Mapped[datetime | None]
    disposed_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    dispose_carrier: Mapped[str | None] = mapped_column(String(32))
    dispose_waybill: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class CaseQuarantine(Base):
    """A case from the platform that could not be applied, kept with its reason for a supervisor."""

    __tablename__ = "case_quarantine"
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[str | None] = mapped_column(String(64), index=True)
    revision: Mapped[int | None]
    field: Mapped[str | None] = mapped_column(String(256))
    reason_zh: Mapped[str] = mapped_column(Text)
    reason_en: Mapped[str] = mapped_column(Text)
    raw: Mapped[str] = mapped_column(Text)
    received_at: Mapped[datetime]
    received_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
