"""A waybill or order number typed in full width (a Chinese input method in full-width
mode) is the same parcel, never a second, unannounced one."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.core.errors import ValidationError
from app.store.models import Shipment
from tests.helpers import notice


def _shipments(station) -> int:  # type: ignore[no-untyped-def]
    with station.db.read() as s:
        return int(s.execute(select(func.count(Shipment.id))).scalar_one())


def test_full_width_waybill_opens_the_announced_parcel(station, people):
    station.notices.apply(people.clerk, notice(lines=2))
    before = _shipments(station)
    opened = station.intake.receive_parcel(people.clerk, "ＳＦ１２３４５６７８９０１２３")
    assert opened.outcome == "received" and opened.shipment.waybill_no == "SF1234567890123"
    assert _shipments(station) == before
    m = station.intake.lookup("ＫＳ２０２６１１２１０００２", opened.shipment.id)
    assert (m.kind, m.line_id) == ("line", "L2")


def test_look_alike_waybill_is_refused_not_stored_as_unannounced(station, people):
    station.notices.apply(people.clerk, notice(lines=2))
    before = _shipments(station)
    with pytest.raises(ValidationError) as err:
        station.intake.receive_parcel(people.clerk, "SF1234567890123\u0421")  # Cyrillic С at the end
    assert "U+0421" in err.value.zh
    assert _shipments(station) == before
