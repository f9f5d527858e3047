"""Two intake stations on one PostgreSQL database, working at once from threads: on the
same parcel and on different ones. No piece is received twice, no tag is used twice."""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Callable

import pytest
from sqlalchemy import func, select, text

from app.core.errors import Conflict
from app.services.station import Station
from app.store.audit import verify_chain
from app.store.models import Item, OutboxEvent, Shipment
from tests.helpers import make_people, notice

pytestmark = pytest.mark.postgres


def _big_notice(asn: str, waybill: str, n: int) -> dict:  # type: ignore[type-arg]
    base = notice(asn_id=asn, waybill=waybill, lines=1)
    line = base["lines"][0]
    base["lines"] = [dict(line, line_id=f"L{i}", order_no=f"{asn[-4:]}ORD{i:04d}") for i in range(1, n + 1)]
    return base


def _run_together(*jobs: Callable[[], None]) -> list[BaseException]:
    errors: list[BaseException] = []
    start = threading.Barrier(len(jobs))

    def wrap(job: Callable[[], None]) -> None:
        try:
            start.wait()
            job()
        except BaseException as exc:  # noqa: BLE001 - reported by the test
            errors.append(exc)

    threads = [threading.Thread(target=wrap, args=(j,)) for j in jobs]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    return errors


@pytest.fixture
def two_stations(pg_url, data_dir):  # type: ignore[no-untyped-def]
    a = Station.for_url(pg_url, data_dir, workstation_id="WS-HZ-01-01")
    b = Station.for_url(pg_url, data_dir, workstation_id="WS-HZ-01-02", upgrade=False)
    people = make_people(a)
    yield a, b, people
    a.close()
    b.close()


def test_same_parcel_from_two_stations_never_double_receives(two_stations):
    a, b, people = two_stations
    a.notices.apply(people.clerk, _big_notice("ASN-20261121-000900", "SF5550000000900", 24))
    outcomes: dict[str, list[str]] = {"a": [], "b": []}
    conflicts: list[str] = []

    def clerk(st: Station, key: str, seed: int) -> Callable[[], None]:
        def work() -> None:
            sid = st.intake.receive_parcel(people.clerk, "SF5550000000900").shipment.id
            order = [f"L{i}" for i in range(1, 25)]
            random.Random(seed).shuffle(order)
            for line_id in order:
                tag = st.intake.allocate_tag(people.clerk)
                try:
                    st.intake.receive_item(people.clerk, sid, line_id=line_id, tag=tag, tag_printed=True)
                    outcomes[key].append(line_id)
                except Conflict as exc:
                    assert exc.code == "already_received"
                    conflicts.append(line_id)

        return work

    assert _run_together(clerk(a, "a", 1), clerk(b, "b", 2)) == []
    received = outcomes["a"] + outcomes["b"]
    assert sorted(received) == sorted(f"L{i}" for i in range(1, 25))  # each line exactly once
    assert len(conflicts) == 24  # the other station heard "already received" for every line
    with a.db.read() as s:
        tags = list(s.execute(select(Item.tag)).scalars())
        assert len(tags) == 24 == len(set(tags))
        assert s.execute(select(func.count(Shipment.id))).scalar_one() == 1
        events = s.execute(
            select(OutboxEvent.workstation_id, func.count())
            .where(OutboxEvent.type == "item.received")
            .group_by(OutboxEvent.workstation_id)
        ).all()
        assert sum(n for _, n in events) == 24
        assert verify_chain(s).ok


def test_different_parcels_and_one_unknown_waybill_at_once(two_stations):
    a, b, people = two_stations
    a.notices.apply(people.clerk, _big_notice("ASN-20261121-000901", "SF5550000000901", 10))
    a.notices.apply(people.clerk, _big_notice("ASN-20261121-000902", "SF5550000000902", 10))

    def clerk(st: Station, waybill: str) -> Callable[[], None]:
        def work() -> None:
            st.intake.receive_parcel(people.clerk, "ZT0000000000777")  # both scan the same unknown parcel
            sid = st.intake.receive_parcel(people.clerk, waybill).shipment.id
            for i in range(1, 11):
                st.intake.receive_item(
                    people.clerk, sid, line_id=f"L{i}", tag=st.intake.allocate_tag(people.clerk), tag_printed=True
                )
            st.intake.close_parcel(people.clerk, sid)

        return work

    assert _run_together(clerk(a, "SF5550000000901"), clerk(b, "SF5550000000902")) == []
    with a.db.read() as s:
        assert (
            s.execute(select(func.count(Shipment.id)).where(Shipment.waybill_no == "ZT0000000000777")).scalar_one() == 1
        )
        tags = list(s.execute(select(Item.tag)).scalars())
        assert len(tags) == 20 == len(set(tags))
        statuses = dict(s.execute(select(Shipment.waybill_no, Shipment.status)).all())
        assert statuses["SF5550000000901"] == statuses["SF5550000000902"] == "closed"
        assert verify_chain(s).ok


def test_same_unexpected_piece_scanned_at_both_stations(two_stations):
    a, b, people = two_stations
    a.notices.apply(people.clerk, _big_notice("ASN-20261121-000903", "SF5550000000903", 2))
    sid = a.intake.receive_parcel(people.clerk, "SF5550000000903").shipment.id
    results: list[str] = []

    def clerk(st: Station) -> Callable[[], None]:
        def work() -> None:
            try:
                st.intake.receive_item(
                    people.clerk,
                    sid,
                    line_id=None,
                    tag=st.intake.allocate_tag(people.clerk),
                    tag_printed=True,
                    merchant_ref="EXTRA-PIECE-1",
                    category="jewelry",
                )
                results.append("ok")
            except Conflict:
                results.append("conflict")

        return work

    assert _run_together(clerk(a), clerk(b)) == []
    assert sorted(results) == ["conflict", "ok"]


def test_receive_locks_the_parcel_before_the_audit_head(two_stations):
    """The receive reads and locks its parcel and the audit head in one statement; the parcel
    comes first, as in every operation. While it waits for a parcel another operation holds,
    it holds no head, so that operation can take the head and finish: no deadlock."""
    a, b, people = two_stations
    a.notices.apply(people.clerk, _big_notice("ASN-20261121-000903", "SF5550000000903", 2))
    sid = a.intake.receive_parcel(people.clerk, "SF5550000000903").shipment.id
    tag = a.intake.allocate_tag(people.clerk)
    errors: list[BaseException] = []

    def receive() -> None:
        try:
            b.intake.receive_item(people.clerk, sid, line_id="L1", tag=tag, tag_printed=True)
        except BaseException as exc:  # noqa: BLE001 - reported by the test
            errors.append(exc)

    waiting = text(  # the receive's one reading statement, waiting for a lock (its text is cut at 1 kB)
        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"
        " AND query LIKE 'SELECT users.username AS u_name%'"
    )
    head = text("SELECT chain_index FROM audit_head WHERE id = 1 FOR UPDATE NOWAIT")
    with a.db.engine.connect() as holder, a.db.engine.connect() as probe:
        holder.execute(text("SELECT id FROM shipments WHERE id = :sid FOR UPDATE"), {"sid": sid})
        worker = threading.Thread(target=receive)
        worker.start()
        deadline = time.monotonic() + 20
        while not probe.execute(waiting).scalar_one() and time.monotonic() < deadline:
            probe.rollback()
            time.sleep(0.02)
        assert probe.execute(waiting).scalar_one() == 1  # the receive waits for the parcel
        probe.rollback()
        probe.execute(head)  # ... holding no head: it is free (NOWAIT raises otherwise)
        probe.rollback()
        holder.execute(head)  # the parcel's holder goes on to the head, as an operation does
        holder.commit()
        worker.join(30)
    assert not worker.is_alive() and errors == []
    with a.db.read() as s:
        assert s.execute(select(Item.tag).where(Item.shipment_id == sid)).scalars().all() == [tag]
        assert verify_chain(s).ok
