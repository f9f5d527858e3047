from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from app.core.errors import DomainError, PermissionDenied, ValidationError
from app.core.roles import Action
from app.services.notices import NoticeQuarantined
from app.store.models import Discrepancy, NoticeQuarantine, OutboxEvent, Shipment
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
        # No piece of the changed lines exists yet: the contract (1.1) has no item_tag for this
        # fact, so it stays in the station's records instead of being sent to be refused.
        assert s.execute(select(OutboxEvent).where(OutboxEvent.type == "item.discrepancy")).scalars().all() == []
    with pytest.raises(DomainError) as err:  # receipt waits for a supervisor
        tag = station.intake.allocate_tag(people.clerk)
        station.intake.receive_item(people.clerk, item.shipment_id, line_id="L2", tag=tag, tag_printed=True)
    assert err.value.code == "notice_changed"


def test_other_warehouse_is_ignored(station, people):
    assert station.notices.apply(people.clerk, notice(warehouse="WH-SH-02")).outcome == "ignored_other_warehouse"
    assert station.intake.find_parcel("SF1234567890123") is None


@pytest.mark.parametrize(
    "broken",
    [
        {"asn_id": "A1"},
        {**notice(), "revision": "2"},
        {**notice(), "status": "weird"},
        {**notice(), "lines": [{"line_id": "L1", "category": "car", "title": "x"}]},
        {
            **notice(),
            "lines": [
                {"line_id": "L1", "category": "phone", "title": "x"},
                {"line_id": "L1", "category": "phone", "title": "y"},
            ],
        },
        {**notice(), "announced_at": "yesterday"},
        "not a dict",
    ],
)
def test_malformed_notice_is_refused_with_reason_and_nothing_applied(station, people, broken):
    with pytest.raises(ValidationError) as err:
        station.notices.apply(people.clerk, broken)
    assert "预报" in err.value.zh
    with station.db.read() as s:
        assert s.execute(select(OutboxEvent)).first() is None


def test_import_file(station, people, tmp_path):
    path = tmp_path / "inbound.json"
    path.write_text(
        json.dumps(
            {
                "shipments": [notice(), notice(asn_id="ASN-2", waybill="JD0001112223")],
                "next_cursor": "c1",
                "has_more": False,
            }
        ),
        encoding="utf-8",
    )
    outcomes = station.notices.import_file(people.clerk, path)
    assert [o.outcome for o in outcomes] == ["created", "created"]
    (tmp_path / "bad.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(ValidationError):
        station.notices.import_file(people.clerk, tmp_path / "bad.json")


def test_apply_checks_its_own_permission_not_one_the_caller_passes(station, people):
    # before: apply(actor, notice, action=...) let the caller choose the permission checked
    with pytest.raises(TypeError):
        station.notices.apply(people.appraiser, notice(), action=Action.START_APPRAISAL)
    with pytest.raises(PermissionDenied):
        station.notices.apply(people.appraiser, notice())
    with pytest.raises(PermissionDenied):  # also for a notice that is then ignored
        station.notices.apply(people.appraiser, notice(warehouse="WH-SH-02"))
    with pytest.raises(PermissionDenied):  # and a poison notice is not quarantined by them either
        station.notices.apply(people.appraiser, {**notice(), "waybill_no": "SF\x00"})
    with station.db.read() as s:
        assert s.execute(select(Shipment)).first() is None
        assert s.execute(select(NoticeQuarantine)).first() is None


def _poison(n_: int, **line_over):
    n = notice(asn_id=f"ASN-POISON-{n_}", waybill=f"YT999000111222{n_}", lines=2)
    n["lines"][0] = {**n["lines"][0], **line_over}
    return n


POISON = [  # why, notice, the field its reason names
    ("lone surrogate", _poison(0, title="18K\ud800吊坠"), "title"),
    ("NaN", _poison(1, declared={"total_mass_g": float("nan")}), "total_mass_g"),
    ("title over 256", _poison(2, title="金" * 257), "title"),
    ("NUL", _poison(3, order_no="KS\x00"), "order_no"),
    ("line id over its column", _poison(4, line_id="L" * 65), "line_id"),
    ("cents beyond the column", _poison(5, declared_value_cents=10**12), "declared_value_cents"),
    ("too deep", _poison(6, declared={"x": json.loads("[" * 40 + "]" * 40)}), "declared"),
    ("waybill over its column", {**notice(asn_id="ASN-POISON-7"), "waybill_no": "W" * 100}, "waybill_no"),
]


def test_poison_notices_are_quarantined_with_their_reason_and_the_others_apply(station, people, tmp_path):
    path = tmp_path / "inbound.json"
    shipments = [notice(), *[p[1] for p in POISON], notice(asn_id="ASN-2", waybill="JD0001112223")]
    path.write_text(json.dumps({"shipments": shipments}), encoding="utf-8")  # NaN, \ud800 as JSON allows
    outcomes = station.notices.import_file(people.clerk, path)
    assert [o.outcome for o in outcomes] == ["created", *["quarantined"] * len(POISON), "created"]
    assert station.intake.find_parcel("JD0001112223") is not None  # the one after the poison applied
    shown = {q.asn_id: q for q in station.notices.quarantined(people.supervisor)}
    assert sorted(shown) == sorted(p[1]["asn_id"] for p in POISON)
    for why, poison, field in POISON:
        q = shown[poison["asn_id"]]
        assert field in q.reason_en and q.reason_zh and field in (q.field or ""), why
        assert q.revision == 1 and poison["asn_id"] in q.raw, why
    with station.db.read() as s:
        assert s.execute(select(Shipment).where(Shipment.asn_id.like("ASN-POISON%"))).first() is None
    with pytest.raises(PermissionDenied):  # shown to a supervisor, not to everyone
        station.notices.quarantined(people.appraiser)


def test_apply_raises_a_clear_quarantine_error_for_the_sync_feed(station, people):
    with pytest.raises(NoticeQuarantined) as err:
        station.notices.apply(people.clerk, _poison(9, title="\ud800"))
    assert "隔离" in err.value.zh and "quarantined" in err.value.en and err.value.asn_id == "ASN-POISON-9"
    assert station.notices.apply(people.clerk, notice()).outcome == "created"
