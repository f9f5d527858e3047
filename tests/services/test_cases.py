"""After-sale cases at the station: the feed (revisions, cancellation, hostile cases) and the
steps (receive, re-inspect, decide by another person, dispose), each with its event."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select

from app.core.errors import (
    DomainError,
    IllegalTransition,
    NotFound,
    PermissionDenied,
    ValidationError,
)
from app.services.cases import CaseQuarantined, Inspection
from app.store.models import Case, CaseQuarantine, Item, OutboxEvent
from tests.conftest import PG_URL, pg_problem
from tests.services.case_helpers import case, cert_no, sold_piece

OPENED = datetime(2026, 12, 2, 3, 0, tzinfo=UTC)
PNG = b"\x89PNG\r\n\x1a\n" + b"fake-png-bytes"


@pytest.fixture
def pg_url():  # type: ignore[no-untyped-def]
    """This helper's own schema name (``cases``) so parallel runs never clash."""
    problem = pg_problem()
    if problem:
        pytest.skip(problem)
    import psycopg

    schema = f"tw_cases_{uuid.uuid4().hex[:10]}"
    raw = PG_URL.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(raw, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    try:
        yield f"{PG_URL}?options=-csearch_path%3D{schema}"
    finally:
        with psycopg.connect(raw, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA "{schema}" CASCADE')


@dataclass
class FakeFinding:
    field: str
    certified: Any
    found: Any


@dataclass
class FakeComparison:
    same_piece: str
    findings: list[FakeFinding] = field(default_factory=list)
    evidence: dict[str, Any] = field(default_factory=dict)


def events(station, kind: str) -> list[OutboxEvent]:  # type: ignore[no-untyped-def]
    with station.db.read() as s:
        return list(s.execute(select(OutboxEvent).where(OutboxEvent.type == kind).order_by(OutboxEvent.seq)).scalars())


def _phone_case(station, people, **kw):  # type: ignore[no-untyped-def]
    tag = sold_piece(station, people, "L2", issued_at=OPENED - timedelta(days=kw.pop("days", 30)))
    station.cases.apply(people.clerk, case(tag, **kw))
    return tag


def test_warranty_claim_covered_end_to_end(station, people):  # type: ignore[no-untyped-def]
    tag = _phone_case(station, people)
    cid = "CASE-20261202-000045"
    v = station.cases.find_by_scan(" sf5550001112223 ")  # the return parcel's waybill, as a scanner types it
    assert v.case_id == cid and v.in_warranty is True and v.state == "open"
    with pytest.raises(ValidationError, match="SF0000000000"):
        station.cases.receive(people.clerk, cid, waybill="SF0000000000")
    station.cases.receive(people.clerk, cid, waybill="SF5550001112223")
    station.cases.start_inspection(people.supervisor2, cid)
    comparison = FakeComparison(
        "yes",
        [FakeFinding("imei", "356789104567891", "356789104567891")],
        {"photo_similarity": {"front": 0.93}, "mass_difference_g": 0.0},
    )
    station.cases.record_inspection(
        people.supervisor2,
        cid,
        Inspection(
            same_piece="yes",
            comparison=comparison,
            images=[PNG],
            reports=[b'{"report_id": "R1"}'],
            reproduced=True,
            function_certified_working=True,
            damage_after_sale=False,
        ),
    )
    # four-eyes: the inspector cannot decide
    with pytest.raises(DomainError, match="another supervisor"):
        station.cases.decide(people.supervisor2, cid, decision="upheld", reason_code="defect_covered")
    # the facts say covered: a denial as "not covered" is refused with a reason
    with pytest.raises(ValidationError):
        station.cases.decide(people.supervisor, cid, decision="denied", reason_code="defect_not_covered")
    done = station.cases.decide(
        people.supervisor, cid, decision="upheld", reason_code="defect_covered", note="屏幕触控故障复现"
    )
    assert done.warranty_covered is True and done.state == "decided"
    station.cases.dispose(people.clerk, cid, disposition="buyer", waybill="SF7770001112223", carrier="SF")
    received, inspected, decided = (events(station, t) for t in ("case.received", "case.inspected", "case.decided"))
    assert received[0].payload["waybill_no"] == "SF5550001112223" and received[0].item_tag == tag
    assert inspected[0].payload["findings"][0] == {
        "field": "imei",
        "certified": "356789104567891",
        "found": "356789104567891",
    }
    assert len(inspected[0].blobs) == 2 and decided[0].payload["warranty_covered"] is True
    dispatched = [e for e in events(station, "item.dispatched") if e.payload.get("case_id") == cid]
    assert dispatched[0].payload["destination"] == "buyer"
    assert station.cases.view(cid).state == "disposed"


def test_warranty_claim_damage_after_sale_is_not_covered(sqlite_station, sqlite_people):  # type: ignore[no-untyped-def]
    st, p = sqlite_station, sqlite_people
    _phone_case(st, p)
    cid = "CASE-20261202-000045"
    st.cases.receive(p.clerk, cid, waybill="SF5550001112223", package_condition="damaged")
    st.cases.start_inspection(p.appraiser2, cid)
    st.cases.record_inspection(
        p.appraiser2,
        cid,
        Inspection(same_piece="yes", reproduced=True, function_certified_working=True, damage_after_sale=True),
    )
    with pytest.raises(ValidationError):  # the facts say damaged after sale, not "not covered"
        st.cases.decide(p.supervisor, cid, decision="denied", reason_code="defect_not_covered")
    v = st.cases.decide(p.supervisor, cid, decision="denied", reason_code="damaged_after_sale", note="进水")
    assert v.warranty_covered is False
    st.cases.dispose(p.supervisor, cid, disposition="hold", reason="evidence")
    with st.db.read() as s:
        assert s.execute(select(Item.state).where(Item.tag == v.item_tag)).scalar_one() == "on_hold"


def test_outside_warranty_counts_180_days_from_certification(sqlite_station, sqlite_people):  # type: ignore[no-untyped-def]
    st, p = sqlite_station, sqlite_people
    _phone_case(st, p, days=181)
    v = st.cases.view("CASE-20261202-000045")
    assert v.in_warranty is False


def test_swap_buyer_return_overridden_needs_reason(sqlite_station, sqlite_people):  # type: ignore[no-untyped-def]
    st, p = sqlite_station, sqlite_people
    tag = sold_piece(st, p, "L1", issued_at=OPENED - timedelta(days=3))
    cid = "CASE-20261202-000046"
    st.cases.apply(p.clerk, case(tag, case_id=cid, kind="buyer_return", statement="与证书不符"))
    st.cases.find_by_scan(tag.lower())  # the item's tag opens it too
    st.cases.receive(p.clerk, cid, waybill="SF5550001112223")
    st.cases.start_inspection(p.appraiser2, cid)
    comp = FakeComparison("undetermined", [FakeFinding("mass_g", "2.347", "2.101")], {"mass_difference_g": -0.246})
    with pytest.raises(ValidationError, match="reason"):
        st.cases.record_inspection(p.appraiser2, cid, Inspection(same_piece="no", comparison=comp))
    st.cases.record_inspection(
        p.appraiser2,
        cid,
        Inspection(same_piece="no", comparison=comp, override_reason="质量差 0.246 g，远超天平不确定度"),
    )
    with pytest.raises(ValidationError):
        st.cases.decide(p.supervisor, cid, decision="denied", reason_code="as_certified")
    v = st.cases.decide(p.supervisor, cid, decision="upheld", reason_code="not_same_piece", note="调包")
    assert v.warranty_covered is None and v.same_piece == "no" and v.proposed_same_piece == "undetermined"
    ev = events(st, "case.inspected")[0]
    assert ev.payload["evidence"]["proposed_same_piece"] == "undetermined" and ev.payload["override_reason"]


def test_merchant_appeal_is_blind_and_overturned(sqlite_station, sqlite_people):  # type: ignore[no-untyped-def]
    st, p = sqlite_station, sqlite_people
    tag = sold_piece(st, p, "L1", issued_at=OPENED - timedelta(days=3), state="rejected", verdict="fail")
    cid = "CASE-20261202-000047"
    st.cases.apply(p.clerk, case(tag, case_id=cid, kind="merchant_appeal", waybill=None, statement="我们不同意"))
    st.cases.receive(p.clerk, cid, waybill=None)  # the piece never left the warehouse
    assert st.cases.view(cid, p.appraiser2).first_result is None  # blind
    with pytest.raises(DomainError, match="appraiser who did not"):
        st.cases.start_inspection(p.appraiser, cid)  # appraiser.li graded it first
    st.cases.start_inspection(p.appraiser2, cid)
    st.cases.record_inspection(p.appraiser2, cid, Inspection(same_piece="yes", reappraisal_verdict="pass"))
    with pytest.raises(ValidationError):
        st.cases.decide(p.supervisor, cid, decision="denied", reason_code="rejection_confirmed")
    v = st.cases.decide(p.supervisor, cid, decision="upheld", reason_code="rejection_overturned")
    assert v.first_result is not None and v.first_result["verdict"] == "fail"  # seen once decided


def test_permissions_are_enforced_in_the_service(sqlite_station, sqlite_people):  # type: ignore[no-untyped-def]
    st, p = sqlite_station, sqlite_people
    _phone_case(st, p)
    cid = "CASE-20261202-000045"
    with pytest.raises(PermissionDenied):
        st.cases.receive(p.appraiser, cid, waybill="SF5550001112223")
    st.cases.receive(p.clerk, cid, waybill="SF5550001112223")
    with pytest.raises(PermissionDenied):
        st.cases.start_inspection(p.clerk, cid)
    with pytest.raises(IllegalTransition):
        st.cases.decide(p.supervisor, cid, decision="upheld", reason_code="defect_covered")


# -- the feed, hostile ------------------------------------------------------------------------


def test_revisions_lower_is_ignored_and_cancel_stops_work(sqlite_station, sqlite_people):  # type: ignore[no-untyped-def]
    st, p = sqlite_station, sqlite_people
    tag = _phone_case(st, p, revision=3)
    cid = "CASE-20261202-000045"
    assert st.cases.apply(p.clerk, case(tag, revision=2, statement="older")).outcome == "unchanged"
    assert st.cases.view(cid).statement == "屏幕触控失灵"
    assert st.cases.apply(p.clerk, case(tag, revision=3, statement="same")).outcome == "unchanged"
    st.cases.receive(p.clerk, cid, waybill="SF5550001112223")
    assert st.cases.apply(p.clerk, case(tag, revision=4, status="cancelled")).outcome == "cancelled"
    with pytest.raises(IllegalTransition, match="cancelled by the platform") as info:
        st.cases.start_inspection(p.appraiser2, cid)
    assert "已被平台取消" in info.value.zh


@pytest.mark.parametrize(
    "mutate, field",
    [
        (lambda c: c.update(warehouse_id="WH-OTHER-09"), "warehouse_id"),
        (lambda c: c.update(item_tag="TW2612010009999"), "item_tag"),
        (lambda c: c.update(kind="refund"), "kind"),
        (lambda c: c.update(revision="2"), "revision"),
        (lambda c: c.update(revision=True), "revision"),
        (lambda c: c.update(opened_at="yesterday"), "opened_at"),
        (lambda c: c.update(statement="x" * 2001), "statement"),
        (lambda c: c.update(statement="bad\x00nul"), "statement"),
        (lambda c: c.update(case_id="C" * 300), "case_id"),
        (lambda c: c.update(inbound={"carrier": "SF"}), "inbound"),
        (lambda c: c.update(inbound=None), "inbound"),
        (lambda c: c.update(claimed=[1, 2]), "claimed"),
        (lambda c: c.update(claimed={"defect": float("nan")}), "claimed.defect"),
        (lambda c: c.update(status="closed"), "status"),
    ],
)
def test_hostile_cases_are_quarantined_with_a_reason(sqlite_station, sqlite_people, mutate, field):  # type: ignore[no-untyped-def]
    st, p = sqlite_station, sqlite_people
    tag = sold_piece(st, p, "L2", issued_at=OPENED - timedelta(days=3))
    raw = case(tag)
    mutate(raw)
    with pytest.raises(CaseQuarantined) as info:
        st.cases.apply(p.clerk, raw)
    assert info.value.zh and info.value.en
    with st.db.read() as s:
        assert s.execute(select(Case)).first() is None
        q = s.execute(select(CaseQuarantine)).scalar_one()
    assert q.field == field, (q.field, q.reason_en)
    json.loads(q.raw)  # kept, escaped, readable
    assert st.cases.quarantined(p.supervisor)[0].id == q.id


def test_scan_of_unknown_code_says_so(sqlite_station, sqlite_people):  # type: ignore[no-untyped-def]
    with pytest.raises(NotFound) as info:
        sqlite_station.cases.find_by_scan("SF9999999999")
    assert info.value.zh and info.value.en
    with pytest.raises(ValidationError):
        sqlite_station.cases.find_by_scan("SF\u0421123456")  # a Cyrillic look-alike


def test_cert_qr_opens_the_case(sqlite_station, sqlite_people):  # type: ignore[no-untyped-def]
    st, p = sqlite_station, sqlite_people
    tag = _phone_case(st, p)
    import base64

    d = base64.urlsafe_b64encode("\n".join([tag, "phone", "n", "k", "2026-11-01", "2027-04-30"]).encode()).decode()
    qr = f"https://platform.example/tw/api/v1/verify/{cert_no(tag)}?k=K&d={d.rstrip('=')}&s=AAAA"
    v = st.cases.find_by_scan(qr)
    assert v.item_tag == tag
