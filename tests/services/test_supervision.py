"""The exceptions queue and the dashboard, checked against counts made here with SQL written
independently of the services, on SQLite and PostgreSQL; and the main queries use indexes."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import text

from app.core.errors import TWError
from app.core.supervision import EXCEPTION_KINDS
from tests.helpers import notice, receive_one
from tests.services.test_review_support import jewelry_in_review, phone_in_review


def _sql(station, query: str, **params) -> int:  # type: ignore[no-untyped-def]
    with station.db.read() as s:
        return int(s.execute(text(query), params).scalar_one())


def _world(st, people):  # type: ignore[no-untyped-def]
    """One of each exception, and pieces at several stages."""
    passed = jewelry_in_review(st, people)
    phone = phone_in_review(st, people)
    held = receive_one(st, people, line_id="L3", asn="ASN-Q-000001", waybill="SF55500000001")
    st.holds.hold(people.supervisor, held.tag, "merchant called about this piece")
    st.intake.receive_parcel(people.clerk, "YT9000000000001")  # unannounced
    # a notice revision after receipt began, with one line fewer
    st.notices.apply(people.clerk, notice(asn_id="ASN-Q-000002", waybill="SF55500000002", lines=3))
    opened = st.intake.receive_parcel(people.clerk, "SF55500000002")
    st.intake.receive_item(
        people.clerk, opened.shipment.id, line_id="L1", tag=st.intake.allocate_tag(people.clerk), tag_printed=True
    )
    st.notices.apply(people.clerk, notice(asn_id="ASN-Q-000002", waybill="SF55500000002", lines=2, revision=2))
    st.intake.close_parcel(people.clerk, opened.shipment.id, accept_missing=True)  # missing L2 (and L3?)
    st.intake.record_discrepancy(people.clerk, opened.shipment.id, "damaged", "corner crushed")
    bad = notice(asn_id="ASN-Q-000003", waybill="SF55500000003")
    bad["lines"][0]["title"] = "x" * 300  # over the limit: quarantined, not applied
    with pytest.raises(TWError):
        st.notices.apply(people.clerk, bad)
    fake = receive_one(st, people, line_id="L1", asn="ASN-Q-000004", waybill="SF55500000004")
    st.appraisal.start(people.appraiser, fake.tag)
    st.appraisal.reject(people.appraiser, fake.tag, "counterfeit", "not gold")
    with st.db.transaction() as s:  # the platform refused one event
        s.execute(
            text(
                "UPDATE outbox SET status = 'rejected', reason = 'invalid_payload' WHERE id = "
                "(SELECT MIN(id) FROM outbox)"
            )
        )
    return passed, phone, held.tag, fake.tag


def test_exception_counts_match_the_records(station, people) -> None:  # type: ignore[no-untyped-def]
    st = station
    _passed, _phone, held, _fake = _world(st, people)
    q = st.supervision.exceptions()
    assert set(q.counts) == {k.code for k in EXCEPTION_KINDS}
    assert q.counts["unannounced"] == _sql(st, "SELECT COUNT(*) FROM shipments WHERE status = 'unannounced'") == 1
    assert q.counts["notice_change"] == _sql(st, "SELECT COUNT(*) FROM shipments WHERE pending_notice IS NOT NULL")
    assert q.counts["missing"] == _sql(st, "SELECT COUNT(*) FROM discrepancies WHERE kind = 'missing'") >= 1
    assert q.counts["discrepancy"] == _sql(st, "SELECT COUNT(*) FROM discrepancies WHERE kind <> 'missing'") >= 1
    assert q.counts["on_hold"] == _sql(st, "SELECT COUNT(*) FROM items WHERE state = 'on_hold'") == 1
    assert q.counts["sync_rejected"] == _sql(st, "SELECT COUNT(*) FROM outbox WHERE status = 'rejected'") == 1
    assert q.counts["notice_quarantined"] == _sql(st, "SELECT COUNT(*) FROM notice_quarantine") == 1
    assert q.counts["waiting"] == 0  # nothing has waited a day yet
    hold_row = next(r for r in q.rows if r.kind == "on_hold")
    assert (hold_row.item_tag, hold_row.held_from) == (held, "received")
    assert sum(q.counts.values()) == len(q.rows)  # below the cap, every counted fact has its row

    # Four days later everything not finished has waited too long (the longest limit is 72 h); the recorded facts stay 14 days.
    later = st.supervision.exceptions(now=q.at + timedelta(days=4))
    live = _sql(
        st,
        "SELECT COUNT(*) FROM items WHERE state IN ('received','in_appraisal','graded','in_review',"
        "'approved','certified','rejected')",
    )
    assert later.counts["waiting"] == live >= 3
    assert st.supervision.exceptions(now=q.at + timedelta(days=4), waiting_hours={"in_review": 120}).counts[
        "waiting"
    ] == live - _sql(st, "SELECT COUNT(*) FROM items WHERE state = 'in_review'")
    gone = st.supervision.exceptions(now=q.at + timedelta(days=15))
    assert gone.counts["missing"] == gone.counts["discrepancy"] == gone.counts["notice_quarantined"] == 0
    # Release: the hold leaves the queue, the piece is back where it was.
    st.holds.release(people.supervisor, held, "merchant confirmed")
    assert st.supervision.exceptions().counts["on_hold"] == 0
    assert st.items.find(held).state == "received"


def test_capped_rows_keep_full_counts(sqlite_station, sqlite_people) -> None:  # type: ignore[no-untyped-def]
    st = sqlite_station
    for n in range(3):
        st.intake.receive_parcel(sqlite_people.clerk, f"YT80000000000{n}")
    q = st.supervision.exceptions(limit=2)
    assert q.counts["unannounced"] == 3
    assert len([r for r in q.rows if r.kind == "unannounced"]) == 2


def test_dashboard_figures_match_the_records(station, people) -> None:  # type: ignore[no-untyped-def]
    st = station
    _world(st, people)
    start, end = st.dashboard.day_range(30)
    d = st.dashboard.dashboard(start, end)
    w = {"s": start, "e": end}
    if st.db.engine.dialect.name == "sqlite":  # SQLite keeps naive UTC text
        w = {k: v.replace(tzinfo=None).isoformat(sep=" ") for k, v in w.items()}
    rng = "BETWEEN :s AND :e"
    assert d.totals["received"] == _sql(st, f"SELECT COUNT(*) FROM items WHERE received_at {rng}", **w) >= 4
    assert d.totals["appraised"] == _sql(st, f"SELECT COUNT(*) FROM grading_results WHERE graded_at {rng}", **w)
    assert d.totals["reviewed"] == _sql(st, f"SELECT COUNT(*) FROM reviews WHERE decided_at {rng}", **w)
    assert sum(d.per_hour["received"]) == d.totals["received"]  # all of it happened today
    queues = {q.state: q.count for q in d.queues}
    assert queues["in_review"] == _sql(st, "SELECT COUNT(*) FROM items WHERE state = 'in_review'") == 2
    assert queues["on_hold"] == 1
    assert queues["rejected"] == _sql(st, "SELECT COUNT(*) FROM items WHERE state = 'rejected'") == 1
    assert d.verdicts == {("pass", ""): 2}
    assert d.phone_grades == {"95": 1}
    assert d.appraisers == [("李鉴定", 2, 2)]
    assert sum(d.stations.values()) == _sql(st, f"SELECT COUNT(*) FROM audit_log WHERE at {rng}", **w)
    assert [(m.merchant_id, m.counterfeit) for m in d.merchants_by_counterfeit] == [("M100234", 1)]
    rate = d.merchants_by_rate[0]
    assert rate.rejected == 1 and rate.received == _sql(
        st,
        "SELECT COUNT(*) FROM items i JOIN shipments s ON s.id = i.shipment_id "
        "WHERE s.merchant_id = 'M100234' AND i.state <> 'voided'",
    )
    # A range before anything happened counts nothing.
    empty = st.dashboard.dashboard(start - timedelta(days=60), start - timedelta(days=30))
    assert sum(empty.totals.values()) == 0 and not empty.verdicts and not empty.merchants_by_rate


def test_daily_report_pdf_has_the_figures(sqlite_station, sqlite_people) -> None:  # type: ignore[no-untyped-def]
    from app.services.daily_report import render_daily_report

    st = sqlite_station
    _world(st, sqlite_people)
    start, end = st.dashboard.day_range(1)
    pdf = render_daily_report(st.dashboard.dashboard(start, end), "珍宝仓", "zh_CN")
    assert pdf.startswith(b"%PDF") and b"FontFile2" in pdf  # the Chinese font is embedded


def _plan(st, sql: str) -> str:  # type: ignore[no-untyped-def]
    with st.db.read() as s:
        return " ".join(str(r[-1]) for r in s.execute(text("EXPLAIN QUERY PLAN " + sql)))


@pytest.mark.parametrize(
    "sql, index",
    [
        (
            "SELECT COUNT(*) FROM items WHERE received_at >= '2026-01-01' AND received_at < '2026-02-01'",
            "ix_items_received_at",
        ),
        (
            "SELECT COUNT(*) FROM grading_results WHERE graded_at >= '2026-01-01' AND graded_at < '2026-02-01'",
            "ix_grading_results_graded_at",
        ),
        (
            "SELECT workstation_id, COUNT(*) FROM audit_log WHERE at >= '2026-01-01' AND at < '2026-02-01' "
            "GROUP BY workstation_id",
            "ix_audit_log_at_workstation",
        ),
        ("SELECT COUNT(*) FROM items WHERE state = 'received' AND updated_at < '2026-01-01'", "ix_items_state_updated"),
        ("SELECT COUNT(*) FROM shipments WHERE pending_notice IS NOT NULL", "ix_shipments_pending_notice"),
        ("SELECT COUNT(*) FROM outbox WHERE status = 'rejected'", "ix_outbox_rejected"),
        ("SELECT tag FROM items WHERE shipment_id = 1 AND merchant_ref = 'M-1'", "ix_items_shipment_ref"),
        ("SELECT COUNT(*) FROM dispatches WHERE dispatched_at >= '2026-01-01'", "ix_dispatches_dispatched_at"),
    ],
)
def test_dashboard_queries_use_their_index(sqlite_station, sql: str, index: str) -> None:  # type: ignore[no-untyped-def]
    plan = _plan(sqlite_station, sql)
    assert index in plan and "SCAN items" not in plan.replace(f"USING INDEX {index}", "")


def test_closed_days_are_counted_once_and_today_stays_live(sqlite_station, sqlite_people) -> None:  # type: ignore[no-untyped-def]
    from app.services.dashboard import DashboardQueries

    st, people = sqlite_station, sqlite_people
    jewelry_in_review(st, people)
    now = st.ctx.clock()
    start, end = st.dashboard.day_range(30, now=now + timedelta(days=2))
    later = now + timedelta(days=2)
    first = st.dashboard.dashboard(start, end, now=later)  # today is over by then: remembered
    assert st.dashboard._days and first.totals["received"] == 1
    again = st.dashboard.dashboard(start, end, now=later)
    fresh = DashboardQueries(st.ctx).dashboard(start, end, now=later)
    assert again.totals == fresh.totals == first.totals and again.stations == fresh.stations
    # Now (today not over): a new piece is counted at once.
    receive_one(st, people, line_id="L3", asn="ASN-Q-000009", waybill="SF55500000009")
    t_start, t_end = st.dashboard.day_range(30)
    assert st.dashboard.dashboard(t_start, t_end).totals["received"] == 2


def test_closed_days_are_kept_for_the_next_station_process(station, people, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A later process (a new DashboardQueries) reads a closed day from dashboard_days instead of
    counting its rows again, and gets the very same figures, verdicts and merchants included."""
    from app.services import dashboard as dashboard_module
    from app.services.dashboard import DashboardQueries

    _world(station, people)
    later = station.ctx.clock() + timedelta(days=2)
    start, end = station.dashboard.day_range(30, now=later)
    first = DashboardQueries(station.ctx).dashboard(start, end, now=later)
    assert _sql(station, "SELECT count(*) FROM dashboard_days") >= 1
    counted: list[object] = []
    real = dashboard_module.range_figures

    def counting(s, a, b):  # type: ignore[no-untyped-def]
        counted.append((a, b))
        return real(s, a, b)

    monkeypatch.setattr(dashboard_module, "range_figures", counting)
    again = DashboardQueries(station.ctx).dashboard(start, end, now=later)
    # Only the day still open at ``later`` is counted from the records; every closed day came
    # from the table.
    assert len(counted) == 1 and all(b > later - dashboard_module.SETTLED for _a, b in counted)
    assert (again.totals, again.verdicts, again.phone_grades, again.appraisers, again.stations) == (
        first.totals,
        first.verdicts,
        first.phone_grades,
        first.appraisers,
        first.stations,
    )
    assert again.merchants_by_rate == first.merchants_by_rate
    assert again.merchants_by_counterfeit == first.merchants_by_counterfeit


def test_dashboard_hours_are_the_records_local_hours(station, people) -> None:  # type: ignore[no-untyped-def]
    """Per hour, counted by the database, equals each record's own local hour counted here."""
    from zoneinfo import ZoneInfo

    from sqlalchemy import select

    from app.store.models import GradingResult, Item

    st = station
    _world(st, people)
    now = st.ctx.clock()
    start, end = st.dashboard.day_range(1, now=now)
    d = st.dashboard.dashboard(start, end, now=now)
    tz = ZoneInfo(st.dashboard.time_zone)
    for stage, col in (("received", Item.received_at), ("appraised", GradingResult.graded_at)):
        with st.db.read() as s:
            times = s.execute(select(col).where(col >= start, col < end)).scalars().all()
        hours = [0] * 24
        for t in times:
            hours[t.astimezone(tz).hour] += 1
        assert times and d.per_hour[stage] == hours
