"""Intake operations beyond the smoke test: scan lookup, unexpected and duplicate pieces,
unannounced parcels and their resolution, notice changes, bad input, voiding."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.core.errors import Conflict, DomainError, NotFound, PermissionDenied, ValidationError
from app.core.tags import make_tag
from app.services.station import Station
from app.store.models import AuditEntry, Discrepancy, Item, OutboxEvent
from tests.helpers import notice, receive_one


def _events(station, type_: str) -> list[OutboxEvent]:  # type: ignore[no-untyped-def]
    with station.db.read() as s:
        return list(s.execute(select(OutboxEvent).where(OutboxEvent.type == type_).order_by(OutboxEvent.seq)).scalars())


def _counts(station) -> tuple[int, int, int]:  # type: ignore[no-untyped-def]
    with station.db.read() as s:
        return tuple(
            int(s.execute(select(func.count()).select_from(t)).scalar_one())  # type: ignore[return-value]
            for t in (Item, OutboxEvent, AuditEntry)
        )


def test_lookup_decides_by_shape_and_database(station, people):
    station.notices.apply(people.clerk, notice(lines=3))
    opened = station.intake.receive_parcel(people.clerk, "sf1234567890123 ")
    sid = opened.shipment.id
    assert opened.outcome == "received" and opened.shipment.expected_count == 3
    m = station.intake.lookup("KS202611210002", sid)
    assert (m.kind, m.line_id, m.item) == ("line", "L2", None)
    tag = station.intake.allocate_tag(people.clerk)
    station.intake.receive_item(people.clerk, sid, line_id="L2", tag=tag, tag_printed=True, merchant_ref=m.code)
    again = station.intake.lookup("ks202611210002", sid)
    assert again.kind == "received" and again.item.tag == tag
    assert station.intake.lookup(tag).kind == "tag"
    assert station.intake.lookup("SF1234567890123", sid).kind == "waybill"
    assert station.intake.lookup("MERCH-0001", sid).kind == "unknown"
    assert station.intake.lookup(make_tag(opened.shipment.received_at.date(), 999)).kind == "tag_unknown"


@pytest.mark.parametrize("garbled", ["", "SF12", "SF1234\x1b[A567", "顺丰1234567", "A" * 80])
def test_garbled_scans_are_refused_without_writing(station, people, garbled):
    station.notices.apply(people.clerk, notice())
    before = _counts(station)
    with pytest.raises(ValidationError) as err:
        station.intake.lookup(garbled)
    assert "扫描" in err.value.zh
    assert _counts(station) == before


def test_wrong_check_digit_is_refused(station, people):
    tag = make_tag(__import__("datetime").date(2026, 11, 21), 17)
    bad = tag[:-1] + str((int(tag[-1]) + 1) % 10)
    with pytest.raises(ValidationError) as err:
        station.intake.lookup(bad)
    assert "校验位" in err.value.zh
    with pytest.raises(ValidationError):
        station.intake.receive_item(people.clerk, 1, line_id="L1", tag=bad, tag_printed=True)


def test_unexpected_piece_recorded_and_second_scan_already_received(station, people):
    station.notices.apply(people.clerk, notice())
    sid = station.intake.receive_parcel(people.clerk, "SF1234567890123").shipment.id
    tag = station.intake.allocate_tag(people.clerk)
    item = station.intake.receive_item(
        people.clerk, sid, line_id=None, tag=tag, tag_printed=True, merchant_ref="MERCH-0001", category="jewelry"
    )
    assert item.line_id is None
    kinds = [e.payload["kind"] for e in _events(station, "item.discrepancy")]
    assert kinds == ["unexpected"]
    before = _counts(station)
    with pytest.raises(Conflict) as err:
        station.intake.receive_item(
            people.clerk,
            sid,
            line_id=None,
            tag=station.intake.allocate_tag(people.clerk),
            tag_printed=True,
            merchant_ref="MERCH-0001",
            category="jewelry",
        )
    assert err.value.code == "already_received" and tag in err.value.zh
    assert _counts(station)[0] == before[0]
    assert station.intake.parcel(sid).unexpected_tags == (tag,)


def test_cancelled_and_closed_parcels_say_so(station, people):
    station.notices.apply(people.clerk, notice(asn_id="ASN-C", waybill="SF0000000000001", status="cancelled"))
    with pytest.raises(DomainError) as err:
        station.intake.receive_parcel(people.clerk, "SF0000000000001")
    assert err.value.code == "cancelled" and "取消" in err.value.zh
    item = receive_one(station, people)
    station.intake.close_parcel(people.clerk, item.shipment_id, accept_missing=True)
    with pytest.raises(Conflict) as err2:
        station.intake.receive_parcel(people.clerk, "SF1234567890123")
    assert err2.value.code == "already_received"


def test_waybill_of_another_warehouse(station, people, data_dir):
    other = Station(
        station.ctx.__class__(
            db=station.ctx.db, blobs=station.ctx.blobs, workstation_id="WS-SH-01", warehouse_id="WH-SH-02"
        )
    )
    other.notices.apply(people.clerk, notice(asn_id="ASN-SH", waybill="JD9999999999", warehouse="WH-SH-02"))
    before = _counts(station)
    with pytest.raises(DomainError) as err:
        station.intake.receive_parcel(people.clerk, "JD9999999999")
    assert err.value.code == "other_warehouse" and "其他仓库" in err.value.zh
    assert _counts(station) == before


def test_unannounced_parcel_needs_a_supervisor_to_resolve(station, people):
    opened = station.intake.receive_parcel(people.clerk, "YT5550001112223")
    assert opened.outcome == "unannounced" and opened.shipment.asn_id is None
    station.notices.apply(people.clerk, notice(asn_id="ASN-LATE", waybill="YT5550001112299"))
    with pytest.raises(PermissionDenied):
        station.intake.resolve_unannounced(people.clerk, opened.shipment.id, asn_id="ASN-LATE", reason="面单印错")
    with pytest.raises(ValidationError):
        station.intake.resolve_unannounced(people.supervisor, opened.shipment.id, asn_id="ASN-LATE", reason=" ")
    view = station.intake.resolve_unannounced(
        people.supervisor, opened.shipment.id, asn_id="ASN-LATE", reason="面单印错"
    )
    assert view.asn_id == "ASN-LATE" and view.status == "receiving"
    assert station.intake.find_parcel("YT5550001112223").status == "resolved"
    received = _events(station, "shipment.received")
    assert received[-1].asn_id == "ASN-LATE" and received[-1].payload["waybill_no"] == "YT5550001112223"
    with pytest.raises(DomainError):
        station.intake.resolve_unannounced(people.supervisor, opened.shipment.id, return_to_merchant=True, reason="x")


def test_unannounced_parcel_marked_for_return(station, people):
    opened = station.intake.receive_parcel(people.clerk, "YT5550001112224")
    view = station.intake.resolve_unannounced(
        people.supervisor, opened.shipment.id, return_to_merchant=True, reason="无预报，商家确认退回"
    )
    assert view.status == "resolved"
    with station.db.read() as s:
        notes = [d.note for d in s.execute(select(Discrepancy)).scalars()]
    assert any("退回" in n for n in notes)


def test_notice_changed_after_receipt_blocks_until_accepted(station, people):
    item = receive_one(station, people)  # 3 lines, L1 received
    outcome = station.notices.apply(people.clerk, notice(revision=2, lines=2))  # L3 removed
    assert outcome.outcome == "kept_received"
    view = station.intake.parcel(item.shipment_id)
    assert view.has_pending_revision
    before = _counts(station)
    with pytest.raises(DomainError) as err:
        station.intake.receive_item(
            people.clerk,
            item.shipment_id,
            line_id="L2",
            tag=station.intake.allocate_tag(people.clerk),
            tag_printed=True,
        )
    assert err.value.code == "notice_changed" and "主管" in err.value.zh
    assert _counts(station)[0] == before[0]
    with pytest.raises(PermissionDenied):
        station.intake.accept_revision(people.clerk, item.shipment_id, "商家减少一件")
    view = station.intake.accept_revision(people.supervisor, item.shipment_id, "商家减少一件")
    assert not view.has_pending_revision and view.revision == 2 and view.expected_count == 2
    station.intake.receive_item(
        people.clerk, item.shipment_id, line_id="L2", tag=station.intake.allocate_tag(people.clerk), tag_printed=True
    )
    closed = station.intake.close_parcel(people.clerk, item.shipment_id)
    assert closed.status == "closed"


def test_void_receipt_keeps_the_record_and_frees_the_line(station, people):
    item = receive_one(station, people)
    with pytest.raises(ValidationError):
        station.intake.void_receipt(people.clerk, item.tag, "")
    voided = station.intake.void_receipt(people.clerk, item.tag, "贴错标签")
    assert voided.state == "voided"
    again = station.intake.receive_item(
        people.clerk, item.shipment_id, line_id="L1", tag=station.intake.allocate_tag(people.clerk), tag_printed=True
    )
    assert again.tag != item.tag
    with station.db.read() as s:
        assert s.execute(select(func.count(Item.id)).where(Item.asn_line_id.is_not(None))).scalar_one() == 2


def test_mark_damaged_records_discrepancy_once(station, people):
    item = receive_one(station, people)
    station.intake.mark_damaged(people.clerk, item.shipment_id, "纸箱一角压扁")
    view = station.intake.mark_damaged(people.clerk, item.shipment_id)
    assert view.package_condition == "damaged"
    with station.db.read() as s:
        assert [d.kind for d in s.execute(select(Discrepancy)).scalars()] == ["damaged"]
    # A parcel has no item_tag: the fact stays local (1.1), it is not sent to be refused.
    assert _events(station, "item.discrepancy") == []
    with pytest.raises(NotFound):
        station.intake.mark_damaged(people.clerk, 99999)


def test_scanning_a_voided_tag_says_the_label_is_void(station, people):
    item = receive_one(station, people)
    station.intake.void_receipt(people.clerk, item.tag, "贴错标签")
    m = station.intake.lookup(item.tag)
    assert m.kind == "tag_voided" and m.item.tag == item.tag and m.item.state == "voided"
