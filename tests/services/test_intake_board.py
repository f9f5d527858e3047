"""The intake board (read after every commit while the intake screen is open) is one
statement whose counts equal the parcels' own views, on SQLite and PostgreSQL; its cost
does not grow with the number of parcels on it (a view per parcel made it N+1 reads)."""

from __future__ import annotations

from sqlalchemy import event

from tests.helpers import notice


def _parcel(station, people, k: int, lines: int = 3) -> int:  # type: ignore[no-untyped-def]
    station.notices.apply(people.clerk, notice(asn_id=f"ASN-B-{k:04d}", waybill=f"SF99{k:011d}", lines=lines))
    return station.intake.find_parcel(f"SF99{k:011d}").id


def test_board_counts_equal_the_parcels_views(station, people):
    announced = _parcel(station, people, 1)
    receiving = _parcel(station, people, 2)
    station.intake.receive_parcel(people.clerk, "SF9900000000002")
    for line in ("L1", "L3"):
        tag = station.intake.allocate_tag(people.clerk)
        station.intake.receive_item(people.clerk, receiving, line_id=line, tag=tag, tag_printed=True)
    extra = station.intake.allocate_tag(people.clerk)  # an unexpected piece is not a received line
    station.intake.receive_item(
        people.clerk, receiving, line_id=None, tag=extra, tag_printed=True, merchant_ref="X-1", category="jewelry"
    )
    revised = _parcel(station, people, 3)
    station.intake.receive_parcel(people.clerk, "SF9900000000003")
    tag = station.intake.allocate_tag(people.clerk)
    station.intake.receive_item(people.clerk, revised, line_id="L1", tag=tag, tag_printed=True)
    station.notices.apply(people.clerk, notice(asn_id="ASN-B-0003", waybill="SF9900000000003", revision=2, lines=2))
    station.intake.accept_revision(people.supervisor, revised, "商家减少一件")  # L3 withdrawn
    cancelled = _parcel(station, people, 4)
    station.notices.apply(
        people.clerk, notice(asn_id="ASN-B-0004", waybill="SF9900000000004", revision=2, status="cancelled")
    )
    board = station.intake.board()
    by_id = {e.id: e for e in board}
    assert set(by_id) == {announced, receiving, revised, cancelled}
    for sid, entry in by_id.items():
        view = station.intake.parcel(sid)
        assert (entry.asn_id, entry.status, entry.waybill_no, entry.merchant_name) == (
            view.asn_id,
            view.status,
            view.waybill_no,
            view.merchant_name,
        )
        assert (entry.received_count, entry.expected_count) == (view.received_count, view.expected_count)
    assert (by_id[receiving].received_count, by_id[receiving].expected_count) == (2, 3)
    assert (by_id[revised].received_count, by_id[revised].expected_count) == (1, 2)
    assert by_id[cancelled].status == "cancelled"
    assert [e.id for e in station.intake.board(limit=2)] == [e.id for e in board[:2]]


def test_board_is_one_statement_however_many_parcels(sqlite_station, sqlite_people):
    station, people = sqlite_station, sqlite_people
    statements: list[str] = []
    engine = station.db.read_engine
    engine.dispose()
    event.listen(engine, "connect", lambda dbapi, _rec: dbapi.set_trace_callback(statements.append))

    def board_statements() -> int:
        station.intake.board()
        statements.clear()
        station.intake.board()
        return len([s for s in statements if s.lstrip().upper().startswith("SELECT")])

    _parcel(station, people, 1)
    one = board_statements()
    for k in range(2, 31):
        _parcel(station, people, k)
    assert len(station.intake.board()) == 30
    assert one == board_statements() == 1
