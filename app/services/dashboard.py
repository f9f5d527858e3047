"""The supervisor's day in figures, counted from the records that mark each step (never a
copy): pieces received, appraised, reviewed, certified and dispatched in a period and per
hour of a day; the queue per stage with its age; pass/fail by reason; phones by cosmetic
grade; work per appraiser and per station; merchants by rejection rate and counterfeits.

Each figure is one grouped query on an indexed time column (``0007_queue``), so a 30-day
range reads only that range's rows. Hours are the warehouse's (``time_zone``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, select

from app.core.clock import DEFAULT_TIME_ZONE
from app.core.lifecycle import ItemState
from app.core.supervision import TOP_MERCHANTS, WAITING_STAGES
from app.services.base import ServiceContext
from app.store.models import (
    AuditEntry,
    Certificate,
    Dispatch,
    GradingResult,
    Item,
    Rejection,
    Review,
    Shipment,
    User,
)

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
            totals, per_hour = {}, {}
            for stage, col in _STAGE_COLUMNS.items():
                totals[stage] = int(s.execute(select(func.count()).where(col >= start, col < end)).scalar_one())
                hours = [0] * 24
                for (at,) in s.execute(select(col).where(col >= day_start, col < day_end)):
                    hours[at.astimezone(tz).hour] += 1
                per_hour[stage] = hours
            waiting = [st.state.value for st in WAITING_STAGES] + [ItemState.ON_HOLD.value]
            found = {r.state: r for r in s.execute(
                select(Item.state, func.count().label("n"), func.min(Item.updated_at).label("oldest"))
                .where(Item.state.in_(waiting)).group_by(Item.state))}
            queues = [StageQueue(w, int(found[w].n) if w in found else 0,
                                 _aware(found[w].oldest) if w in found else None) for w in waiting]
            in_period = (GradingResult.graded_at >= start, GradingResult.graded_at < end)
            verdicts = {(r.verdict, r.reason_code or ""): int(r.n) for r in s.execute(
                select(GradingResult.verdict, GradingResult.reason_code, func.count().label("n"))
                .where(*in_period).group_by(GradingResult.verdict, GradingResult.reason_code))}
            grade = GradingResult.result["phone"]["cosmetic_grade"].as_string()
            phone_grades = {str(r.g): int(r.n) for r in s.execute(
                select(grade.label("g"), func.count().label("n")).where(*in_period, grade.is_not(None))
                .group_by(grade))}
            appraisers = [(r.display_name, int(r.n), int(r.passed or 0)) for r in s.execute(
                select(User.display_name, func.count().label("n"),
                       func.sum((GradingResult.verdict == "pass").cast(_int())).label("passed"))
                .join(User, User.id == GradingResult.graded_by).where(*in_period)
                .group_by(User.display_name).order_by(func.count().desc()))]
            stations = {r.workstation_id: int(r.n) for r in s.execute(
                select(AuditEntry.workstation_id, func.count().label("n"))
                .where(AuditEntry.at >= start, AuditEntry.at < end).group_by(AuditEntry.workstation_id))}
            merchants = self._merchants(s, start, end)
        by_rate = sorted((m for m in merchants if m.rejected), key=lambda m: (-m.rejection_rate, -m.rejected,
                                                                            m.merchant_id))[:TOP_MERCHANTS]
        by_fake = sorted((m for m in merchants if m.counterfeit), key=lambda m: (-m.counterfeit, m.merchant_id)
                         )[:TOP_MERCHANTS]
        return Dashboard(start, end, now, self.time_zone, totals, per_hour,
                         day_start.astimezone(tz).date().isoformat(), queues, verdicts, phone_grades, appraisers,
                         stations, by_rate, by_fake)

    def _merchants(self, s, start: datetime, end: datetime) -> list[MerchantFigure]:  # type: ignore[no-untyped-def]
        """Per merchant: pieces received in the period, and rejections recorded in it."""
        merchant = func.coalesce(Shipment.merchant_id, "")
        received = {r.m: (int(r.n), r.name) for r in s.execute(
            select(merchant.label("m"), func.max(Shipment.merchant_name).label("name"), func.count().label("n"))
            .select_from(Item).join(Shipment, Shipment.id == Item.shipment_id)
            .where(Item.received_at >= start, Item.received_at < end, Item.state != ItemState.VOIDED.value)
            .group_by(merchant))}
        fake = (Rejection.reason_code == "counterfeit").cast(_int())
        rejected = {r.m: (int(r.n), int(r.fake or 0), r.name) for r in s.execute(
            select(merchant.label("m"), func.max(Shipment.merchant_name).label("name"), func.count().label("n"),
                   func.sum(fake).label("fake"))
            .select_from(Rejection).join(Item, Item.id == Rejection.item_id)
            .join(Shipment, Shipment.id == Item.shipment_id)
            .where(Rejection.rejected_at >= start, Rejection.rejected_at < end).group_by(merchant))}
        out = []
        for m in set(received) | set(rejected):
            n, name = received.get(m, (0, None))
            r, f, rname = rejected.get(m, (0, 0, None))
            out.append(MerchantFigure(m, name or rname or m, n, r, f))
        return out


def _int():  # type: ignore[no-untyped-def]
    from sqlalchemy import Integer

    return Integer()


def _aware(value: datetime | None) -> datetime | None:
    from datetime import UTC

    if value is None:
        return None
    if isinstance(value, str):  # SQLite's MIN() of a datetime column comes back as text
        value = datetime.fromisoformat(value)
    return value if value.tzinfo else value.replace(tzinfo=UTC)
