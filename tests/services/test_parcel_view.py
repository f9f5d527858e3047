"""A parcel's view (read after every scan) costs the same however many pieces the rest of the
warehouse holds: its statements read the parcel by its own indexes. SQLite's count of VM
steps measures it; a plan through a column that most pieces share (asn_line_id IS NULL for
every unannounced piece) read all of them."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import event, insert

from app.core.tags import make_tag
from app.store.models import Item, Shipment
from tests.helpers import notice


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
