from __future__ import annotations

import pytest

from app.core.outbox import EventResult
from app.services.sync_port import StationSyncPort
from tests.helpers import notice, receive_one


def test_pending_in_seq_order_and_results_settle(station, people):
    receive_one(station, people)
    port = StationSyncPort(station.ctx)
    events = port.pending_events(100)
    assert [e.seq for e in events] == sorted(e.seq for e in events) and len(events) == 2
    assert events[0].to_wire()["occurred_at"].endswith("Z")
    port.mark_results(
        [
            EventResult(events[0].event_id, "accepted"),
            EventResult(events[1].event_id, "deferred", "missing_blob", missing_blobs=("ab",)),
        ]
    )
    left = port.pending_events(100)
    assert [e.event_id for e in left] == [events[1].event_id]
    port.mark_results([EventResult(events[1].event_id, "rejected", "invalid_payload", "title")])
    assert port.pending_events(100) == []
    rejected = port.rejected_events()
    assert rejected[0].reason == "invalid_payload" and port.stats().rejected == 1
    # a late answer never reopens or downgrades a settled event
    port.mark_results([EventResult(events[0].event_id, "deferred")])
    assert port.pending_events(100) == []


def test_cursor_and_notice_application(station, people):
    port = StationSyncPort(station.ctx)
    assert port.get_cursor() is None
    port.set_cursor("c_1")
    port.set_cursor("c_2")
    assert port.get_cursor() == "c_2"
    port.apply_notice(notice())
    port.apply_notice(notice())  # idempotent
    assert station.intake.find_parcel("SF1234567890123").expected_count == 2
    port.apply_notice({"asn_id": "ASN-BAD", "revision": "x"})  # kept for a supervisor, not raised
    assert "ASN-BAD" in port.notice_errors()


def test_blob_bytes_and_type(station, people):
    from tests.services.test_intake_smoke import _jpeg

    item = receive_one(station, people)
    photo = station.photos.attach(people.clerk, _jpeg(), "package", tag=item.tag, purpose="intake")
    port = StationSyncPort(station.ctx)
    data, ctype = port.blob(photo.sha256)
    assert ctype == "image/jpeg" and data[:2] == b"\xff\xd8"
    assert port.stats().pending_bytes >= len(data)


def test_blob_types_of_a_page_are_read_in_one_query(station, people, monkeypatch):
    """A drain asks for every photo of a page: their content types come from one query, not
    one per photo; a digest the page does not name (a missing_blob answer) is still found."""
    from sqlalchemy import event

    from app.store.db import PreparedRead
    from tests.services.test_intake_smoke import _jpeg

    item = receive_one(station, people)
    photos = [station.photos.attach(people.clerk, _jpeg(), "package", tag=item.tag, purpose="intake") for _ in range(3)]
    port = StationSyncPort(station.ctx)
    named = {d for e in port.pending_events(100) for d in e.blobs}
    assert {p.sha256 for p in photos} <= named
    reads: list[str] = []
    real_first = PreparedRead.first

    def counted_first(self, **kw):
        reads.append("prepared")
        return real_first(self, **kw)

    monkeypatch.setattr(PreparedRead, "first", counted_first)

    def on_execute(conn, cursor, statement, *args):
        if "FROM blobs" in statement:
            reads.append(statement)

    engine = station.ctx.db.read_engine
    event.listen(engine, "before_cursor_execute", on_execute)
    try:
        for p in photos:
            data, ctype = port.blob(p.sha256)
            assert ctype == "image/jpeg" and data[:2] == b"\xff\xd8"
        assert len(reads) == 1, reads
        port.pending_events(100)  # a new page: the page's types are read again, once
        reads.clear()
        assert port.blob(photos[0].sha256)[1] == "image/jpeg" and len(reads) == 1
    finally:
        event.remove(engine, "before_cursor_execute", on_execute)
    fresh = StationSyncPort(station.ctx)  # no page read: one lookup for the one digest
    assert fresh.blob(photos[1].sha256)[1] == "image/jpeg"
    with pytest.raises(KeyError):
        fresh.blob("0" * 64)


def test_two_stations_on_one_database_each_send_their_own_events_in_their_own_seq(pg_url, data_dir):
    """Several stations of a warehouse share PostgreSQL: each drains only its own outbox,
    numbered from 1 without gaps, whoever committed in between."""
    from app.services.station import Station
    from tests.helpers import make_people, notice

    a = Station.for_url(pg_url, data_dir, workstation_id="WS-HZ-01-01")
    b = Station.for_url(pg_url, data_dir, workstation_id="WS-HZ-01-02", upgrade=False)
    try:
        people = make_people(a)
        a.notices.apply(people.clerk, notice(lines=3))
        opened = a.intake.receive_parcel(people.clerk, "SF1234567890123")
        for station, line in ((a, "L1"), (b, "L2"), (a, "L3")):
            tag = station.intake.allocate_tag(people.clerk)
            station.intake.receive_item(people.clerk, opened.shipment.id, line_id=line, tag=tag, tag_printed=True)
        mine_a = StationSyncPort(a.ctx).pending_events(100)
        mine_b = StationSyncPort(b.ctx).pending_events(100)
        assert [e.seq for e in mine_a] == [1, 2, 3] and [e.seq for e in mine_b] == [1]
        assert [e.line_id for e in mine_b] == ["L2"]
        assert {e.event_id for e in mine_a}.isdisjoint({e.event_id for e in mine_b})
    finally:
        a.close()
        b.close()


def test_a_drain_sized_backlog_settles_in_chunks_on_both_databases(station) -> None:  # type: ignore[no-untyped-def]
    """A page of 1,200 events, settled in one call (statements of at most 500 ids), with
    blob confirmations in the same transaction; only this station's open events are read, in
    seq order, and a settled event is never offered again."""
    from sqlalchemy import insert, select

    from app.store.models import OutboxEvent as OutboxRow
    from app.store.models import PlatformBlob

    ws = station.ctx.workstation_id
    now = station.ctx.clock()
    base = {"occurred_at": now, "actor": "bench", "payload": {"kind": "mass"}, "blobs": [], "attempts": 0}
    rows = [
        dict(base, workstation_id=w, seq=seq, event_id=f"00000000-0000-4000-8000-{w[-1]}{seq:011d}")
        | {"type": "measurement.recorded", "item_tag": "TW2611000000001", "status": status}
        for w in (ws, "WS-OTHER-9")
        for seq, status in [(n, "pending") for n in range(1, 1201)] + [(1201, "sent"), (1202, "rejected")]
    ]
    with station.ctx.db.transaction() as s:
        s.execute(insert(OutboxRow.__table__), rows)
    port = StationSyncPort(station.ctx)
    page = port.pending_events(5000)
    assert [e.seq for e in page] == list(range(1, 1201)) and page[0].payload == {"kind": "mass"}
    digests = [f"{n:064x}" for n in range(600)]
    results = [EventResult(e.event_id, "accepted" if e.seq % 2 else "duplicate") for e in page[:1100]]
    port.mark_results(results, ("http://p1/api", digests + digests[:3]))
    assert [e.seq for e in port.pending_events(5000)] == list(range(1101, 1201))
    assert port.known_blobs("http://p1/api", digests) == set(digests)
    with station.ctx.db.read() as s:
        mine = dict(
            s.execute(
                select(OutboxRow.seq, OutboxRow.status).where(OutboxRow.workstation_id == ws, OutboxRow.seq <= 1100)
            ).all()
        )
        theirs = s.execute(
            select(OutboxRow.status).where(OutboxRow.workstation_id == "WS-OTHER-9", OutboxRow.seq <= 1200)
        ).scalars()
        assert set(theirs) == {"pending"}  # another station's events are untouched
        assert s.execute(select(PlatformBlob.sha256)).scalars().all().__len__() == 600
    assert {mine[n] for n in range(1, 1101, 2)} == {"accepted"} and {mine[n] for n in range(2, 1101, 2)} == {
        "duplicate"
    }
