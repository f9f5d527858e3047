"""Receiving an announced line takes the few-statement path (issue 16): the same checks in
the same order, the same rows, audit chain and outbox as the general path, on SQLite and
PostgreSQL; and the statement count stays low enough that someone adding one notices."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import event, select

from app.core.errors import Conflict, DomainError, NotFound, PermissionDenied, ValidationError
from app.store import audit
from app.store.models import Item, OutboxEvent
from tests.helpers import notice

WAYBILL = "SF1234567890123"


def _open(station, people, lines: int = 3) -> int:  # type: ignore[no-untyped-def]
    station.notices.apply(people.clerk, notice(lines=lines))
    return station.intake.receive_parcel(people.clerk, WAYBILL).shipment.id


def _statements(station):  # type: ignore[no-untyped-def]
    seen: list[str] = []
    event.listen(station.db.engine, "before_cursor_execute", lambda _c, _cur, stmt, *_a: seen.append(stmt))
    return seen


def test_view_equals_what_a_lookup_reads_and_rows_are_complete(station, people):
    sid = _open(station, people)
    tag = station.intake.allocate_tag(people.clerk)
    got = station.intake.receive_item(
        people.clerk, sid, line_id="L2", tag=tag, tag_printed=False, merchant_ref="KS202611210002"
    )
    assert got == station.items.find(tag)
    assert (got.line_id, got.order_no, got.category, got.state) == ("L2", "KS202611210002", "phone", "received")
    assert got.declared["color"] == "午夜色" and got.merchant_name == "翠玉轩珠宝"
    with station.db.read() as s:
        item = s.execute(select(Item).where(Item.tag == tag)).scalar_one()
        assert (item.merchant_ref, item.tag_printed, item.received_by) == (
            "KS202611210002",
            False,
            people.clerk.user_id,
        )
        ev = s.execute(select(OutboxEvent).where(OutboxEvent.item_tag == tag)).scalar_one()
        assert ev.type == "item.received" and ev.line_id == "L2" and ev.payload["tag_printed"] is False
        assert audit.verify_chain(s).ok


def test_checks_in_the_general_paths_order(station, people):
    sid = _open(station, people)
    first = station.intake.allocate_tag(people.clerk)
    station.intake.receive_item(people.clerk, sid, line_id="L1", tag=first, tag_printed=True, merchant_ref="M-1")
    fresh = station.intake.allocate_tag(people.clerk)
    with pytest.raises(Conflict) as taken:  # the tag is checked before the line
        station.intake.receive_item(people.clerk, sid, line_id="L1", tag=first, tag_printed=True)
    assert taken.value.code == "tag_taken"
    with pytest.raises(Conflict) as ref:  # the merchant's label before the line
        station.intake.receive_item(people.clerk, sid, line_id="L3", tag=fresh, tag_printed=True, merchant_ref="M-1")
    assert ref.value.details.get("tag") == first
    with pytest.raises(Conflict) as line:
        station.intake.receive_item(people.clerk, sid, line_id="L1", tag=fresh, tag_printed=True)
    assert line.value.code == "already_received"
    with pytest.raises(NotFound):
        station.intake.receive_item(people.clerk, sid, line_id="L9", tag=fresh, tag_printed=True)
    with pytest.raises(NotFound):  # no such parcel: the general path says so
        station.intake.receive_item(people.clerk, sid + 999, line_id="L1", tag=fresh, tag_printed=True)
    with pytest.raises(PermissionDenied):  # an appraiser may not receive
        station.intake.receive_item(people.appraiser, sid, line_id="L3", tag=fresh, tag_printed=True)
    station.users.set_active(people.admin, people.clerk.user_id, False)
    with pytest.raises(PermissionDenied):  # disabled since log-in: refused before anything else
        station.intake.receive_item(people.clerk, sid + 999, line_id="L3", tag=fresh, tag_printed=True)
    with pytest.raises(PermissionDenied):
        station.intake.receive_item(people.clerk, sid, line_id="L3", tag=fresh, tag_printed=True)
    with station.db.read() as s:
        assert s.execute(select(Item.tag).where(Item.tag == fresh)).first() is None
        assert audit.verify_chain(s).ok


def test_a_tag_is_allocated_only_to_a_receiver_and_numbers_follow_on(station, people):
    """Allocating a tag is a hot operation too: the actor's row is read and judged as
    ``operation`` judges it, and a refusal counts nothing (no gap, no number used)."""
    first = station.intake.allocate_tag(people.clerk)
    with pytest.raises(PermissionDenied):  # an appraiser may not receive
        station.intake.allocate_tag(people.appraiser)
    station.users.set_active(people.admin, people.supervisor.user_id, False)
    with pytest.raises(PermissionDenied):  # disabled since log-in
        station.intake.allocate_tag(people.supervisor)
    second = station.intake.allocate_tag(people.clerk)
    assert int(second[8:14]) == int(first[8:14]) + 1 and second[:8] == first[:8], (first, second)
    with station.db.read() as s:
        assert audit.verify_chain(s).ok


def test_parcel_not_open_and_bad_text_are_refused_with_nothing_written(station, people):
    station.notices.apply(people.clerk, notice())
    ship = station.intake.find_parcel(WAYBILL)
    tag = station.intake.allocate_tag(people.clerk)
    with pytest.raises(DomainError) as closed:
        station.intake.receive_item(people.clerk, ship.id, line_id="L1", tag=tag, tag_printed=True)
    assert closed.value.code == "parcel_not_open"
    station.intake.receive_parcel(people.clerk, WAYBILL)
    for ref in ("bad\x00ref", "x" * 300, "\ud800"):
        with pytest.raises(ValidationError):
            station.intake.receive_item(
                people.clerk, ship.id, line_id="L1", tag=tag, tag_printed=True, merchant_ref=ref
            )
    assert station.intake.count_items() == 0


def test_outbox_seq_is_gapless_and_in_order_across_hot_and_general_paths(station, people):
    sid = _open(station, people)
    for line in ("L1", "L2"):
        station.intake.receive_item(
            people.clerk, sid, line_id=line, tag=station.intake.allocate_tag(people.clerk), tag_printed=True
        )
    station.intake.receive_item(
        people.clerk,
        sid,
        line_id=None,
        tag=station.intake.allocate_tag(people.clerk),
        tag_printed=True,
        category="jewelry",
        title="extra",
    )  # two events at once
    station.intake.close_parcel(people.clerk, sid, accept_missing=True)  # missing L3: several events at once
    with station.db.read() as s:
        rows = s.execute(select(OutboxEvent.seq, OutboxEvent.type).order_by(OutboxEvent.id)).all()
        assert [r.seq for r in rows] == list(range(1, len(rows) + 1))
        assert [r.type for r in rows][-4:] == [
            "item.received",
            "item.discrepancy",
            "item.discrepancy",
            "shipment.closed",
        ]
        assert audit.verify_chain(s).ok


def test_statements_per_receive_stay_few(station, people):
    """Counted by the database's own driver, not by SQLAlchemy's events (a hot operation runs
    its statements on the session's connection without SQLAlchemy's execution path)."""
    sid = _open(station, people)
    tags = [station.intake.allocate_tag(people.clerk) for _ in range(2)]
    station.intake.receive_item(people.clerk, sid, line_id="L1", tag=tags[0], tag_printed=True)
    if station.db.dialect == "postgresql":
        seen = _statements(station)
        station.intake.receive_item(people.clerk, sid, line_id="L2", tag=tags[1], tag_printed=True)
        # None through SQLAlchemy: the read and the write run pipelined on the session's
        # connection, two round trips counted on the wire (test_hot_path.py).
        assert seen == []
        return
    traced: list[str] = []
    station.db.engine.dispose()  # the next connection is a new one, traced from its first statement
    event.listen(
        station.db.engine, "connect", lambda dbapi, _rec: dbapi.set_trace_callback(lambda sql: traced.append(sql))
    )
    station.intake.receive_item(people.clerk, sid, line_id="L2", tag=tags[1], tag_printed=True)
    body = traced[traced.index("BEGIN IMMEDIATE") :]
    # BEGIN IMMEDIATE, the facts with the audit head, item, seq, outbox, audit, new head, COMMIT.
    assert body[-1] == "COMMIT" and len(body) <= 8, body


def test_postgres_reconnects_after_the_server_dropped_an_idle_connection(pg_url, data_dir, monkeypatch):
    import psycopg

    from app.services.station import Station
    from app.store import db as db_mod
    from tests.conftest import PG_URL
    from tests.helpers import make_people

    station = Station.for_url(pg_url, data_dir)
    try:
        people = make_people(station)
        with station.db.read() as s:
            pid = s.connection().exec_driver_sql("SELECT pg_backend_pid()").scalar_one()
        with psycopg.connect(PG_URL.replace("postgresql+psycopg://", "postgresql://"), autocommit=True) as admin:
            admin.execute("SELECT pg_terminate_backend(%s)", [pid])
        monkeypatch.setattr(db_mod, "PING_AFTER_IDLE_S", 0.0)  # as if it had sat idle for a while
        sid = _open(station, people)
        assert station.intake.parcel(sid).status == "receiving"
    finally:
        station.close()


def test_a_receive_costs_the_same_in_a_large_parcel(sqlite_station, sqlite_people):
    """The checks look the merchant label up in the parcel by an index on both: the work of a
    receive (SQLite's own count of VM steps, for the statements it runs) does not grow with the
    pieces already received in the parcel. Through ``ix_items_shipment_id`` alone it read
    every one of them on every scan."""
    station, people = sqlite_station, sqlite_people
    big = notice(asn_id="ASN-20261121-000777", lines=1)
    big["lines"] = [dict(big["lines"][0], line_id=f"L{i}", order_no=f"KS2026112{i:05d}") for i in range(202)]
    station.notices.apply(people.clerk, big)
    sid = station.intake.receive_parcel(people.clerk, WAYBILL).shipment.id
    steps = [0]
    counting = [False]

    def step() -> int:
        if counting[0]:
            steps[0] += 1
        return 0

    station.db.engine.dispose()
    event.listen(station.db.engine, "connect", lambda dbapi, _rec: dbapi.set_progress_handler(step, 1))

    def receive(i: int) -> int:
        tag = station.intake.allocate_tag(people.clerk)
        steps[0], counting[0] = 0, True
        station.intake.receive_item(
            people.clerk, sid, line_id=f"L{i}", tag=tag, tag_printed=True, merchant_ref=f"KS2026112{i:05d}"
        )
        counting[0] = False
        return steps[0]

    first = receive(0)
    for i in range(1, 201):
        receive(i)
    last = receive(201)
    assert first > 100  # the handler saw the receive's statements
    assert last < first * 1.25, (first, last)


def test_the_scan_and_the_receive_are_prepared_once(sqlite_station, sqlite_people):
    """SQLite calls a connection's authorizer only while it prepares a statement. Warm, a scan
    of an order number and a receive prepare nothing: every statement comes from the
    connection's cache as prepared. A value that decides whether a partial index may be used
    (``state != 'voided'`` for uq_items_live_line), bound instead of written in the SQL, made
    SQLite prepare the whole statement again on every execution."""
    station, people = sqlite_station, sqlite_people
    sid = _open(station, people, lines=3)
    prepared = [0]
    counting = [False]

    def authorizer(*_args: object) -> int:
        if counting[0]:
            prepared[0] += 1
        return sqlite3.SQLITE_OK

    for engine in {station.db.engine, station.db.read_engine}:
        engine.dispose()
        event.listen(engine, "connect", lambda dbapi, _rec: dbapi.set_authorizer(authorizer))

    def once(line: str, order_no: str) -> int:
        tag = station.intake.allocate_tag(people.clerk)
        prepared[0], counting[0] = 0, True
        assert station.intake.lookup(order_no, sid).kind == "line"
        station.intake.receive_item(people.clerk, sid, line_id=line, tag=tag, tag_printed=True, merchant_ref=order_no)
        counting[0] = False
        return prepared[0]

    assert once("L1", "KS202611210001") > 0  # the authorizer saw the first preparation
    assert once("L2", "KS202611210002") == 0
    assert once("L3", "KS202611210003") == 0
