"""A parcel's view (read after every scan) costs the same however many pieces the rest of the
warehouse holds: its statements read the parcel by its own indexes. SQLite's count of VM
steps measures it; a plan through a column that most pieces share (asn_line_id IS NULL for
every unannounced piece) read all of them."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import event, insert

from app.core.errors import NotFound
from app.core.tags import make_tag
from app.store.models import Item, Shipment
from tests.helpers import notice, receive_one


def _unannounced_elsewhere(station, user_id: int, n: int) -> None:  # type: ignore[no-untyped-def]
    now = datetime.now(UTC)
    with station.db.transaction() as s:
        sid = s.execute(
            insert(Shipment.__table__).returning(Shipment.id),
            {
                "revision": 1,
                "status": "closed",
                "warehouse_id": station.ctx.warehouse_id,
                "waybill_no": "FILL0000000001",
                "created_at": now,
                "updated_at": now,
            },
        ).scalar_one()
        s.execute(
            insert(Item.__table__),
            [
                {
                    "tag": make_tag(datetime(2020, 1, 1).date(), i + 1),
                    "shipment_id": sid,
                    "asn_line_id": None,
                    "category": "jewelry",
                    "title": "fill",
                    "state": "dispatched",
                    "tag_printed": True,
                    "received_at": now,
                    "received_by": user_id,
                    "updated_at": now,
                }
                for i in range(n)
            ],
        )


def test_the_view_does_not_grow_with_the_warehouse(sqlite_station, sqlite_people):
    station, people = sqlite_station, sqlite_people
    station.notices.apply(people.clerk, notice(lines=3))
    sid = station.intake.receive_parcel(people.clerk, "SF1234567890123").shipment.id
    tag = station.intake.allocate_tag(people.clerk)
    station.intake.receive_item(people.clerk, sid, line_id="L1", tag=tag, tag_printed=True)
    extra = station.intake.allocate_tag(people.clerk)
    station.intake.receive_item(
        people.clerk, sid, line_id=None, tag=extra, tag_printed=True, merchant_ref="EXTRA-1", category="jewelry"
    )
    steps = [0]

    def step() -> int:
        steps[0] += 1
        return 0

    engine = station.db.read_engine
    engine.dispose()
    event.listen(engine, "connect", lambda dbapi, _rec: dbapi.set_progress_handler(step, 1))

    def view_steps() -> int:
        station.intake.parcel(sid)  # warm: prepared
        steps[0] = 0
        view = station.intake.parcel(sid)
        assert [ln.item_tag for ln in view.lines] == [tag, None, None] and view.unexpected_tags == (extra,)
        return steps[0]

    alone = view_steps()
    _unannounced_elsewhere(station, people.clerk.user_id, 3000)
    crowded = view_steps()
    assert alone > 20  # the handler saw the view's statements
    assert crowded < alone * 1.5, (alone, crowded)


def _through_the_session(station, sid: int):  # type: ignore[no-untyped-def]
    from app.services.parcel_records import shipment_view

    with station.db.read() as s:
        return shipment_view(s, s.get(Shipment, sid))


def test_the_sessionless_view_equals_the_session_view(station, people):
    """``intake.parcel`` reads without a Session (``parcel_view``); every field it shows equals
    what the Session path reads, on SQLite and PostgreSQL: a received line, an unexpected piece,
    a pending notice change, then a withdrawn line."""
    item = receive_one(station, people)  # 3 lines, L1 received
    sid = item.shipment_id
    extra = station.intake.allocate_tag(people.clerk)
    station.intake.receive_item(
        people.clerk, sid, line_id=None, tag=extra, tag_printed=True, merchant_ref="EXTRA-1", category="jewelry"
    )
    station.notices.apply(people.clerk, notice(revision=2, lines=2))  # L3 dropped after receipt began
    pending = station.intake.parcel(sid)
    assert pending == _through_the_session(station, sid)
    assert pending.has_pending_revision and pending.unexpected_tags == (extra,)
    assert [ln.item_tag for ln in pending.lines] == [item.tag, None, None]
    assert isinstance(pending.received_at, datetime) and isinstance(pending.lines[0].declared, dict)
    station.intake.accept_revision(people.supervisor, sid, "商家减少一件")
    accepted = station.intake.parcel(sid)
    assert accepted == _through_the_session(station, sid)
    assert not accepted.has_pending_revision and [ln.withdrawn for ln in accepted.lines] == [False, False, True]
    with pytest.raises(NotFound):
        station.intake.parcel(sid + 1000)
