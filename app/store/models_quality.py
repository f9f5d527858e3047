"""The quality-system tables: balance checks, blind findings, and the dashboard's counted
days. Part of the schema in ``app.store.models`` (which names them too)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Boolean, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from app.store.model_types import Base


class BalanceCheck(Base):
    """A balance's check under the quality system: the appraiser's daily check with
    reference weights, or an outside laboratory's calibration. Never updated: a new check
    is a new row; the balance's state is its latest rows."""

    __tablename__ = "balance_checks"
    id: Mapped[int] = mapped_column(primary_key=True)
    balance_serial: Mapped[str] = mapped_column(String(64), index=True)
    balance_model: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(16))  # daily | calibration
    passed: Mapped[bool] = mapped_column(Boolean)
    readability_g: Mapped[str] = mapped_column(String(32))  # decimal text
    detail: Mapped[dict] = mapped_column(JSON, default=dict)  # weights, readings, lab, certificate
    performed_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    performed_at: Mapped[datetime]
    valid_until: Mapped[datetime]


class BlindFindings(Base):
    """Findings an appraiser saved without having seen the merchant or the declaration;
    saving them is what reveals the declaration for that item."""

    __tablename__ = "blind_findings"
    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("items.id"), index=True)
    result: Mapped[dict] = mapped_column(JSON, default=dict)
    recorded_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    recorded_at: Mapped[datetime]


class DashboardDay(Base):
    """The dashboard's counts for one closed piece of a day (``[period_start, period_end)``,
    cut at the warehouse's midnights). Derived, never a record of its own: the records it counts
    are appended with the time they happened and never move, so a day that is over keeps its
    figures; they are counted once and kept here so the first 30-day open of a station does not
    read a month of rows again. Losing the table loses nothing (it is counted again)."""

    __tablename__ = "dashboard_days"
    period_start: Mapped[datetime] = mapped_column(primary_key=True)
    period_end: Mapped[datetime] = mapped_column(primary_key=True)
    figures: Mapped[dict] = mapped_column(JSON)
    computed_at: Mapped[datetime]
