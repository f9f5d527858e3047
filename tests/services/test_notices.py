from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from app.core.errors import DomainError, ValidationError
from app.store.models import Discrepancy, OutboxEvent
from tests.helpers import notice, receive_one


def test_revision_replaces_open_notice(station, people):
    assert station.notices.apply(people.clerk, notice(lines=2)).outcome == "created"
    assert station.notices.apply(people.clerk, notice(lines=2)).outcome == "unchanged"
    assert station.notices.apply(people.clerk, notice(revision=2, lines=3)).outcome == "updated"
    view = station.intake.find_parcel("SF1234567890123")
    assert view.revision == 2 and view.expected_count == 3
    assert station.notices.apply(people.clerk, notice(revision=3, lines=1)).outcome == "updated"
    view = station.intake.find_parcel("SF1234567890123")
    assert view.expected_count == 1 and [ln.withdrawn for ln in view.lines] == [False, True, True]


def test_cancelled_notice_cannot_be_received(station, people):
    station.notices.apply(people.clerk, notice())
    assert station.notices.apply(people.clerk, notice(revision=2, status="cancelled")).outcome == "cancelled"
    with pytest.raises(DomainError) as err:
        station.intake.receive_parcel(people.clerk, "SF1234567890123")
    assert err.value.code == "cancelled" and "取消" in err.value.zh


def test_revision_after_receipt_keeps_what_was_received(station, people):
    item = receive_one(station, people)
    outcome = station.notices.apply(people.clerk, notice(revision=2, lines=1))
    assert outcome.outcome == "kept_received"
    view = station.intake.parcel(item.shipment_id)
    assert view.expected_count == 3 and view.has_pending_revision
    with station.db.read() as s:
        d = s.execute(select(Discrepancy).where(Discrepancy.kind == "mismatch")).scalar_one()
        assert "L2" in d.note and "L3" in d.note
        assert s.execute(select(OutboxEvent).where(OutboxEvent.type == "item.discrepancy")).scalar_one()
    with pytest.raises(DomainError) as err:  # receipt waits for a supervisor
        tag = station.intake.allocate_tag(people.clerk)
        station.intake.receive_item(people.clerk, item.shipment_id, line_id="L2", tag=tag, tag_printed=True)
    assert err.value.code == "notice_changed"


def test_other_warehouse_is_ignored(station, people):
    assert station.notices.apply(people.clerk, notice(warehouse="WH-SH-02")).outcome == "ignored_other_warehouse"
    assert station.intake.find_parcel("SF1234567890123") is None


@pytest.mark.parametrize("broken", [
    {"asn_id": "A1"},
    {**notice(), "revision": "2"},
    {**notice(), "status": "weird"},
    {**notice(), "lines": [{"line_id": "L1", "category": "car", "title": "x"}]},
    {**notice(), "lines": [{"line_id": "L1", "category": "phone", "title": "x"}, {"line_id": "L1", "category": "phone", "title": "y"}]},
    {**notice(), "announced_at": "yesterday"},
    "not a dict",
])
def test_malformed_notice_is_rejected_with_reason_and_nothing_written(station, people, broken):
    with pytest.raises(ValidationError) as err:
        station.notices.apply(people.clerk, broken)
    assert "预报" in err.value.zh
    with station.db.read() as s:
        assert s.execute(select(OutboxEvent)).first() is None


def test_import_file(station, people, tmp_path):
    path = tmp_path / "inbound.json"
    path.write_text(json.dumps({"shipments": [notice(), notice(asn_id="ASN-2", waybill="JD0001112223")],
                                "next_cursor": "c1", "has_more": False}), encoding="utf-8")
    outcomes = station.notices.import_file(people.clerk, path)
    assert [o.outcome for o in outcomes] == ["created", "created"]
    (tmp_path / "bad.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(ValidationError):
        station.notices.import_file(people.clerk, tmp_path / "bad.json")
