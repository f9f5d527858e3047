"""The supervisor's day in figures, counted from the records that mark each step (never a
copy): pieces received, appraised, reviewed, certified and dispatched in a period and per
hour of a day; the queue per stage with its age; pass/fail by reason; phones by cosmetic
grade; work per appraiser and per station; merchants by rejection rate and counterfeits.

Each figure is one grouped query on an indexed time column (``0007_queue``), so a 30-day
range reads only that range's rows. Hours are the warehouse's (``time_zone``).
"""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Integer, cast, func, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from app.core.clock import DEFAULT_TIME_ZONE
from app.core.lifecycle import ItemState
from app.core.supervision import TOP_MERCHANTS, WAITING_STAGES
from app.services.base import ServiceContext
from app.store.models import (
    ITEM_LIVE,
    AuditEntry,
    Certificate,
    DashboardDay,
    Dispatch,
    GradingResult,
    Item,
    Rejection,
    Review,
    Shipment,
    User,
)

log = logging.getLogger("tw.dashboard")

# The record and time column that marks each stage of the day.
_STAGE_COLUMNS = {
    "received": Item.received_at,
    "appraised": GradingResult.graded_at,
    "reviewed": Review.decided_at,
    "certified": Certificate.issued_at,
    "dispatched": Dispatch.dispatched_at,
}


@dataclass(frozen=True)
class StageQueue:
    state: str
    count: int
    oldest: datetime | None  # when the longest-waiting piece entered the stage


@dataclass(frozen=True)
class MerchantFigure:
    merchant_id: str
    merchant_name: str
    received: int
    rejected: int
    counterfeit: int

    @property
    def rejection_rate(self) -> float:
        return self.rejected / self.received if self.received else 0.0


@dataclass(frozen=True)
class Dashboard:
    start: datetime
    end: datetime
    at: datetime
    time_zone: str
    totals: dict[str, int]  # stage -> pieces in [start, end)
    per_hour: dict[str, list[int]]  # stage -> 24 counts for the local day of ``day``
    day: str  # that local day, ISO
    queues: list[StageQueue]
    verdicts: dict[tuple[str, str], int]  # (verdict, reason_code or "") -> grading results
    phone_grades: dict[str, int]
    appraisers: list[tuple[str, int, int]]  # (display name, results, passes)
    stations: dict[str, int]  # workstation id -> audit entries
    merchants_by_rate: list[MerchantFigure] = field(default_factory=list)
    merchants_by_counterfeit: list[MerchantFigure] = field(default_factory=list)


def local_day_bounds(day: datetime, zone: str) -> tuple[datetime, datetime]:
    """The UTC instants where the warehouse's local calendar day containing ``day`` starts and ends."""
    tz = ZoneInfo(zone)
    start = day.astimezone(tz).replace(hour=0, minute=0, second=0, microsecond=0)
    end = (start + timedelta(days=1)).replace(hour=0)
    return start.astimezone(ZoneInfo("UTC")), end.astimezone(ZoneInfo("UTC"))


class DashboardQueries:
    def __init__(self, ctx: ServiceContext, time_zone: str = DEFAULT_TIME_ZONE) -> None:
        self.ctx = ctx
        self.time_zone = time_zone
        self._days: dict[tuple[datetime, datetime], RangeFigures] = {}
        self._sum: tuple[tuple[tuple[datetime, datetime], ...], RangeFigures] | None = None

    def day_range(self, days: int = 1, now: datetime | None = None) -> tuple[datetime, datetime]:
        """The last ``days`` local calendar days, today included."""
        now = now or self.ctx.clock()
        start, end = local_day_bounds(now, self.time_zone)
        return local_day_bounds(start - timedelta(days=days - 1) + timedelta(hours=12), self.time_zone)[0], end

    def dashboard(self, start: datetime, end: datetime, *, now: datetime | None = None) -> Dashboard:
        now = now or self.ctx.clock()
        day_start, day_end = local_day_bounds(min(now, end - timedelta(microseconds=1)), self.time_zone)
        tz = ZoneInfo(self.time_zone)
        with self.ctx.db.read() as s:
            per_hour = {stage: _per_hour(s, col, day_start, day_end, tz) for stage, col in _STAGE_COLUMNS.items()}
            waiting = [st.state.value for st in WAITING_STAGES] + [ItemState.ON_HOLD.value]
            found = {
                r.state: r
                for r in s.execute(
                    select(Item.state, func.count().label("n"), func.min(Item.updated_at).label("oldest"))
                    .where(Item.state.in_(waiting))
                    .group_by(Item.state)
                )
            }
            queues = [
                StageQueue(w, int(found[w].n) if w in found else 0, _aware(found[w].oldest) if w in found else None)
                for w in waiting
            ]
            pieces = self._pieces(start, end)
            closed = tuple(p for p in pieces if p[1] <= now - SETTLED)
            f = RangeFigures()
            f.add(self._closed_days(s, closed, now))
            for a, b in pieces:
                if (a, b) not in closed:
                    f.add(range_figures(s, a, b))
        merchants = [
            MerchantFigure(m, f.merchant_names.get(m) or m, f.received[m], f.rejected[m], f.counterfeit[m])
            for m in set(f.received) | set(f.rejected)
        ]
        by_rate = sorted(
            (m for m in merchants if m.rejected), key=lambda m: (-m.rejection_rate, -m.rejected, m.merchant_id)
        )[:TOP_MERCHANTS]
        by_fake = sorted((m for m in merchants if m.counterfeit), key=lambda m: (-m.counterfeit, m.merchant_id))[
            :TOP_MERCHANTS
        ]
        appraisers = sorted(((name, n, f.passed[name]) for name, n in f.graded.items()), key=lambda a: (-a[1], a[0]))
        return Dashboard(
            start,
            end,
            now,
            self.time_zone,
            {k: f.totals[k] for k in _STAGE_COLUMNS},
            per_hour,
            day_start.astimezone(tz).date().isoformat(),
            queues,
            dict(f.verdicts),
            dict(f.phone_grades),
            appraisers,
            dict(f.stations),
            by_rate,
            by_fake,
        )

    def _pieces(self, start: datetime, end: datetime) -> list[tuple[datetime, datetime]]:
        """[start, end) cut at the warehouse's midnights."""
        out, a = [], start
        while a < end:
            b = min(end, local_day_bounds(a, self.time_zone)[1])
            out.append((a, b))
            a = b
        return out

    def _closed_days(self, s: Session, pieces: tuple[tuple[datetime, datetime], ...], now: datetime) -> RangeFigures:
        """The closed pieces' figures added up, kept for the last range asked for: a refresh of
        the same 30 days adds today to one sum instead of thirty days of per-merchant counts."""
        if self._sum is not None and self._sum[0] == pieces:
            return self._sum[1]
        total = RangeFigures()
        for a, b in pieces:
            total.add(self._closed_day(s, a, b, now))
        self._sum = (pieces, total)
        return total

    def _closed_day(self, s: Session, a: datetime, b: datetime, now: datetime) -> RangeFigures:
        """A piece of a day that is over never changes (every record counted here is appended
        with the time it happened, never moved), so it is counted once: kept in memory for this
        process and in ``dashboard_days`` for every later one. A 30-day dashboard then reads
        only today's rows and 30 stored rows."""
        key = (a, b)
        cached = self._days.get(key)
        if cached is None:
            stored = s.get(DashboardDay, key)
            if stored is not None:
                cached = RangeFigures.from_json(stored.figures)
            else:
                cached = range_figures(s, a, b)
                self._store(a, b, cached)
            self._days[key] = cached
        return cached

    def _store(self, a: datetime, b: datetime, figures: RangeFigures) -> None:
        """Keep a closed day's counts. A derived copy, not a record (no audit, no event): if it
        cannot be written (another station wrote it first, a read-only copy of the database)
        the day is simply counted again next time."""
        try:
            with self.ctx.db.transaction() as w:
                if w.get(DashboardDay, (a, b)) is None:
                    w.add(
                        DashboardDay(
                            period_start=a, period_end=b, figures=figures.to_json(), computed_at=self.ctx.clock()
                        )
                    )
        except SQLAlchemyError as exc:
            log.info(
                "dashboard day %s not kept (%s); it is counted again next time", a.isoformat(), exc.__class__.__name__
            )


# A day's figures are final this long after it ends (a transaction commits well within it).
SETTLED = timedelta(minutes=10)


@dataclass
class RangeFigures:
    totals: Counter[str] = field(default_factory=Counter)
    verdicts: Counter[tuple[str, str]] = field(default_factory=Counter)
    phone_grades: Counter[str] = field(default_factory=Counter)
    graded: Counter[str] = field(default_factory=Counter)
    passed: Counter[str] = field(default_factory=Counter)
    stations: Counter[str] = field(default_factory=Counter)
    received: Counter[str] = field(default_factory=Counter)
    rejected: Counter[str] = field(default_factory=Counter)
    counterfeit: Counter[str] = field(default_factory=Counter)
    merchant_names: dict[str, str] = field(default_factory=dict)

    _COUNTERS = ("totals", "phone_grades", "graded", "passed", "stations", "received", "rejected", "counterfeit")

    def to_json(self) -> dict[str, object]:
        out: dict[str, object] = {name: dict(getattr(self, name)) for name in self._COUNTERS}
        out["verdicts"] = [[verdict, reason, n] for (verdict, reason), n in sorted(self.verdicts.items())]
        out["merchant_names"] = dict(self.merchant_names)
        return out

    @classmethod
    def from_json(cls, data: dict) -> RangeFigures:
        f = cls()
        for name in cls._COUNTERS:
            getattr(f, name).update({str(k): int(v) for k, v in data.get(name, {}).items()})
        f.verdicts.update({(str(v), str(r)): int(n) for v, r, n in data.get("verdicts", [])})
        f.merchant_names.update(data.get("merchant_names", {}))
        return f

    def add(self, other: RangeFigures) -> None:
        for name in (
            "totals",
            "verdicts",
            "phone_grades",
            "graded",
            "passed",
            "stations",
            "received",
            "rejected",
            "counterfeit",
        ):
            getattr(self, name).update(getattr(other, name))
        self.merchant_names.update(other.merchant_names)


def range_figures(s: Session, start: datetime, end: datetime) -> RangeFigures:
    """Everything of the dashboard that is a count over [start, end)."""
    f = RangeFigures()
    for stage, col in _STAGE_COLUMNS.items():
        f.totals[stage] = int(s.execute(select(func.count()).where(col >= start, col < end)).scalar_one())
    in_period = (GradingResult.graded_at >= start, GradingResult.graded_at < end)
    for r in s.execute(
        select(GradingResult.verdict, GradingResult.reason_code, func.count().label("n"))
        .where(*in_period)
        .group_by(GradingResult.verdict, GradingResult.reason_code)
    ):
        f.verdicts[(r.verdict, r.reason_code or "")] = int(r.n)
    grade = GradingResult.result["phone"]["cosmetic_grade"].as_string()
    for r in s.execute(
        select(grade.label("g"), func.count().label("n")).where(*in_period, grade.is_not(None)).group_by(grade)
    ):
        f.phone_grades[str(r.g)] = int(r.n)
    for by in s.execute(
        select(
            User.display_name,
            func.count().label("n"),
            func.sum((GradingResult.verdict == "pass").cast(_int())).label("passed"),
        )
        .join(User, User.id == GradingResult.graded_by)
        .where(*in_period)
        .group_by(User.display_name)
    ):
        f.graded[by.display_name], f.passed[by.display_name] = int(by.n), int(by.passed or 0)
    for st in s.execute(
        select(AuditEntry.workstation_id, func.count().label("n"))
        .where(AuditEntry.at >= start, AuditEntry.at < end)
        .group_by(AuditEntry.workstation_id)
    ):
        f.stations[st.workstation_id] = int(st.n)
    merchant = func.coalesce(Shipment.merchant_id, "")
    for r in s.execute(
        select(merchant.label("m"), func.max(Shipment.merchant_name).label("name"), func.count().label("n"))
        .select_from(Item)
        .join(Shipment, Shipment.id == Item.shipment_id)
        .where(Item.received_at >= start, Item.received_at < end, ITEM_LIVE)
        .group_by(merchant)
    ):
        f.received[r.m] = int(r.n)
        if r.name:
            f.merchant_names[r.m] = r.name
    fake = (Rejection.reason_code == "counterfeit").cast(_int())
    for rj in s.execute(
        select(
            merchant.label("m"),
            func.max(Shipment.merchant_name).label("name"),
            func.count().label("n"),
            func.sum(fake).label("fake"),
        )
        .select_from(Rejection)
        .join(Item, Item.id == Rejection.item_id)
        .join(Shipment, Shipment.id == Item.shipment_id)
        .where(Rejection.rejected_at >= start, Rejection.rejected_at < end)
        .group_by(merchant)
    ):
        f.rejected[rj.m], f.counterfeit[rj.m] = int(rj.n), int(rj.fake or 0)
        if r.name:
            f.merchant_names[r.m] = r.name
    return f


def _per_hour(s: Session, col: Any, day_start: datetime, day_end: datetime, tz: ZoneInfo) -> list[int]:
    """The day's records per local hour, counted by the database (a busy day is 4,800 rows a
    stage, too many to fetch for a histogram): grouped by whole hours since the day began,
    each hour then named by its local clock (exact wherever a zone's offset changes by whole
    hours)."""
    t0 = int(day_start.timestamp())
    bucket: Any
    if s.get_bind().dialect.name == "sqlite":  # UTC text: seconds since the epoch by strftime
        bucket = (cast(func.strftime("%s", col), _int()) - t0).self_group().op("/")(3600)
    else:
        bucket = cast(func.floor((func.extract("epoch", col) - t0).self_group().op("/")(3600)), _int())
    hours = [0] * 24
    for r in s.execute(
        select(bucket.label("h"), func.count().label("n")).where(col >= day_start, col < day_end).group_by(bucket)
    ):
        hours[(day_start + timedelta(hours=int(r.h))).astimezone(tz).hour] += int(r.n)
    return hours


def _int() -> Integer:
    return Integer()


def _aware(value: datetime | None) -> datetime | None:
    from datetime import UTC

    if value is None:
        return None
    if isinstance(value, str):  # SQLite's MIN() of a datetime column comes back as text
        value = datetime.fromisoformat(value)
    return value if value.tzinfo else value.replace(tzinfo=UTC)
