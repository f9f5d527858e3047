"""Receive-item on PostgreSQL runs pipelined (issue 16): BEGIN and the read in one round
trip, the write and COMMIT in one more. Counted on the wire by a proxy, not by SQLAlchemy's
statement events (which a pipelined statement bypasses). And when the database refuses the
write, the person gets the same reason as before, nothing is kept, and the connection goes
back to the pool fit for the next operation."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import psycopg
import pytest
from sqlalchemy import Integer, func, select

from app.core.errors import Conflict, PermissionDenied, ValidationError
from app.services.station import Station
from app.store import audit
from app.store.models import AuditEntry, Item, OutboxEvent
from bench.latency_proxy import round_trips
from tests.helpers import make_people, notice

pytestmark = pytest.mark.postgres

ROOT = Path(__file__).resolve().parents[2]
WAYBILL = "SF1234567890123"


@pytest.fixture
def proxied(pg_url, data_dir):  # type: ignore[no-untyped-def]
    """A station whose database connections cross a round-trip-counting proxy (no delay)."""
    u = urlsplit(pg_url)
    proc = subprocess.Popen(
        [sys.executable, str(ROOT / "bench" / "latency_proxy.py"), "--target", f"{u.hostname}:{u.port or 5432}"]
        + ["--delay-ms", "0"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        words = proc.stdout.readline().split()
        port, control = int(words[2]), int(words[4])
        url = pg_url.replace(f"@{u.hostname}:{u.port}" if u.port else f"@{u.hostname}", f"@127.0.0.1:{port}", 1)
        assert url != pg_url
        station = Station.for_url(url, data_dir)
        yield station, control
        station.close()
    finally:
        proc.terminate()
        proc.wait(10)


def _open(station: Station, people) -> int:  # type: ignore[no-untyped-def]
    station.notices.apply(people.clerk, notice(lines=3))
    return station.intake.receive_parcel(people.clerk, WAYBILL).shipment.id


def test_a_receive_is_two_round_trips_on_the_wire(proxied):
    station, control = proxied
    people = make_people(station)
    sid = _open(station, people)
    tags = [station.intake.allocate_tag(people.clerk) for _ in range(3)]
    station.intake.receive_item(people.clerk, sid, line_id="L1", tag=tags[0], tag_printed=True)  # pool warm
    round_trips(control, reset=True)
    got = station.intake.receive_item(people.clerk, sid, line_id="L2", tag=tags[1], tag_printed=True)
    assert round_trips(control) == 2
    assert got == station.items.find(tags[1]) and got.id > 0
    # A refused receive (the line already received) costs its read and a rollback sent with the Sync: two round trips, no write.
    round_trips(control, reset=True)
    with pytest.raises(Conflict):
        station.intake.receive_item(people.clerk, sid, line_id="L2", tag=tags[2], tag_printed=True)
    assert round_trips(control) == 2


def test_a_tag_allocation_is_two_round_trips_on_the_wire(proxied):
    station, control = proxied
    people = make_people(station)
    first = station.intake.allocate_tag(people.clerk)  # pool warm
    round_trips(control, reset=True)
    second = station.intake.allocate_tag(people.clerk)
    assert round_trips(control) == 2
    assert int(second[8:14]) == int(first[8:14]) + 1
    round_trips(control, reset=True)
    with pytest.raises(PermissionDenied):  # read, then the rollback with the Sync: nothing counted
        station.intake.allocate_tag(people.appraiser)
    assert round_trips(control) == 2
    assert int(station.intake.allocate_tag(people.clerk)[8:14]) == int(second[8:14]) + 1


def _refuse_items_with(station: Station, tag: str, errcode: str) -> None:
    """A trigger that makes the database refuse the write after the read found nothing wrong
    (as a row another writer slipped in would): the hostile case the read cannot see."""
    with station.db.engine.begin() as conn:
        conn.exec_driver_sql(
            "CREATE FUNCTION refuse_item() RETURNS trigger AS $$ BEGIN "
            f"IF NEW.tag = '{tag}' THEN RAISE EXCEPTION 'refused by test' USING ERRCODE = '{errcode}'; END IF; "
            "RETURN NEW; END $$ LANGUAGE plpgsql"
        )
        conn.exec_driver_sql(
            "CREATE TRIGGER refuse_item BEFORE INSERT ON items FOR EACH ROW EXECUTE FUNCTION refuse_item()"
        )


def _counts(station: Station) -> tuple[int, int, int]:
    with station.db.read() as s:
        return (
            s.execute(select(func.count()).select_from(Item)).scalar_one(),
            s.execute(select(func.count()).select_from(OutboxEvent)).scalar_one(),
            s.execute(select(func.count()).select_from(AuditEntry)).scalar_one(),
        )


@pytest.mark.parametrize(
    ("errcode", "expected"),
    [("23505", Conflict), ("22001", ValidationError)],  # unique_violation, string_data_right_truncation
)
def test_a_write_the_database_refuses_keeps_nothing_and_the_next_receive_works(pg_url, data_dir, errcode, expected):
    station = Station.for_url(pg_url, data_dir)
    try:
        people = make_people(station)
        sid = _open(station, people)
        doomed, good = station.intake.allocate_tag(people.clerk), station.intake.allocate_tag(people.clerk)
        _refuse_items_with(station, doomed, errcode)
        before = _counts(station)
        with pytest.raises(expected) as refused:
            station.intake.receive_item(people.clerk, sid, line_id="L1", tag=doomed, tag_printed=True)
        assert refused.value.zh and refused.value.en  # a reason in both languages, not a driver error
        assert _counts(station) == before
        # The connection went back out of pipeline mode and idle, or was replaced: the next receive works.
        got = station.intake.receive_item(people.clerk, sid, line_id="L1", tag=good, tag_printed=True)
        assert got.tag == good and station.items.find(good) == got
        with station.db.read() as s:
            assert audit.verify_chain(s).ok
        assert _counts(station) == (before[0] + 1, before[1] + 1, before[2] + 1)
    finally:
        station.close()


def test_a_connection_the_server_drops_mid_receive_loses_nothing_and_is_replaced(pg_url, data_dir):
    station = Station.for_url(pg_url, data_dir)
    try:
        people = make_people(station)
        sid = _open(station, people)
        tags = [station.intake.allocate_tag(people.clerk) for _ in range(2)]
        with station.db.engine.begin() as conn:  # the backend kills itself on this tag's insert
            conn.exec_driver_sql(
                "CREATE FUNCTION die() RETURNS trigger AS $$ BEGIN IF NEW.tag = "
                f"'{tags[0]}' THEN PERFORM pg_terminate_backend(pg_backend_pid()); END IF; RETURN NEW; END $$ "
                "LANGUAGE plpgsql"
            )
            conn.exec_driver_sql("CREATE TRIGGER die BEFORE INSERT ON items FOR EACH ROW EXECUTE FUNCTION die()")
        before = _counts(station)
        with pytest.raises(Exception) as failed:  # noqa: PT011 - whichever form the lost link takes
            station.intake.receive_item(people.clerk, sid, line_id="L1", tag=tags[0], tag_printed=True)
        assert not isinstance(failed.value, psycopg.Error)  # SQLAlchemy's form, as on the other path
        assert _counts(station) == before
        got = station.intake.receive_item(people.clerk, sid, line_id="L2", tag=tags[1], tag_printed=True)
        assert station.items.find(tags[1]) == got
    finally:
        station.close()


def test_a_pipeline_left_with_uncollected_results_is_not_given_back(pg_url, data_dir):
    """When a write fails, psycopg may leave the pipeline with answers it did not collect (it
    depends on when the error's answer arrives). Such a connection is invalidated, not handed
    back to the pool half in pipeline mode: here that state is made on purpose (a write queued
    and never synced), then settled as a failed block settles it."""
    from sqlalchemy import text

    from app.store.hot_path import Pipelined, _server_error

    station = Station.for_url(pg_url, data_dir)
    try:
        people = make_people(station)
        before = _counts(station)
        with pytest.raises(RuntimeError), station.db.transaction() as session:
            pipe = Pipelined(session).__enter__()
            assert pipe.first(text("SELECT 1 AS one").columns(one=Integer), {}).one == 1
            pipe.write(text("INSERT INTO counters (name, value) VALUES ('never', 1)"), {})  # queued only
            pipe._settle()
            assert session.connection().invalidated  # not reused; the Session's rollback still works
            raise RuntimeError("the block failed")
        assert _counts(station) == before
        with station.db.read() as s:
            assert s.execute(text("SELECT count(*) FROM counters WHERE name = 'never'")).scalar_one() == 0
        sid = _open(station, people)
        tag = station.intake.allocate_tag(people.clerk)
        assert station.intake.receive_item(people.clerk, sid, line_id="L1", tag=tag, tag_printed=True).tag == tag
    finally:
        station.close()
    # What reaches the person is the database's own refusal, even when "pipeline aborted" (or a
    # failure to leave pipeline mode) was raised while it propagated.
    unique = psycopg.errors.UniqueViolation("duplicate key")
    try:
        try:
            raise unique
        finally:
            raise psycopg.errors.PipelineAborted("pipeline aborted")  # noqa: B012 - the shape psycopg raises in
    except psycopg.Error as last:
        assert _server_error(last) is unique


def test_one_of_writes_the_set_into_the_sql_and_matches_it(station) -> None:  # type: ignore[no-untyped-def]
    """``hot_path.one_of``: no parameters to expand (a statement compiled once takes it), a
    quote in a value is escaped, and it selects exactly the rows in the set."""
    from sqlalchemy import literal, union_all

    from app.store.hot_path import compiled_for, one_of

    rows = union_all(*(select(literal(v).label("v")) for v in ("open", "it's", "closed"))).subquery()
    stmt = select(rows.c.v).where(one_of(rows.c.v, ("open", "it's"))).order_by(rows.c.v)
    compiled = compiled_for(stmt, station.db.engine.dialect)  # refuses expanding parameters
    assert "'it''s'" in compiled.sql
    with station.db.snapshot() as read:
        assert [r.v for r in read.all(stmt, {})] == ["it's", "open"]
