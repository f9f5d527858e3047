"""§6 after-sale cases over real HTTP: the reference platform's ``GET /cases`` and case events,
and the station pulling cases from it — including a platform that lies."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from app.demo.cases import demo_cases
from app.refplatform import PlatformServer
from app.services.sync_port import StationSyncPort
from app.store.models import Case, CaseQuarantine
from app.sync.client import PlatformClient
from app.sync.engine import SyncEngine
from app.sync.ratelimit import Unlimited
from tests.services.case_helpers import case, sold_piece

from .helpers import TOKEN, WS

WH = "WH-LOCAL-01"
OPENED = datetime(2026, 12, 2, 3, 0, tzinfo=UTC)


@pytest.fixture
def platform() -> Iterator[PlatformServer]:
    srv = PlatformServer(tokens={TOKEN: WS, "other-token": "WS-OTHER"}, admin_token="admin-secret", warehouse_id=WH)
    srv.start()
    yield srv
    srv.stop()


def _get(srv: PlatformServer, path: str, token: str = TOKEN, ws: str = WS) -> httpx.Response:
    return httpx.get(srv.url + path, headers={"Authorization": f"Bearer {token}", "X-Workstation-Id": ws}, timeout=5)


def _lie(srv: PlatformServer, body: Any, warehouse: str = WH) -> None:
    """Put a case on the feed exactly as given (a lying platform), bypassing the store's rules."""
    with srv.store.lock:
        srv.store.db.execute(
            "INSERT INTO case_changes (case_id, warehouse_id, body) VALUES (?,?,?)",
            (str(body.get("case_id")) if isinstance(body, dict) else "?", warehouse, json.dumps(body)),
        )


# -- the reference platform ---------------------------------------------------------------------


def test_cases_feed_pages_like_inbound_and_keeps_warehouses_apart(platform):  # type: ignore[no-untyped-def]
    for n in range(3):
        platform.store.put_case(case(f"TW26120100000{n}", case_id=f"CASE-20261202-00000{n}", warehouse=WH))
    platform.store.put_case(case("TW2612010000099", case_id="CASE-OTHER-1", warehouse="WH-SH-02"))
    platform.store.cancel_case("CASE-20261202-000000")
    first = _get(platform, "/cases?limit=2").json()
    assert [c["case_id"] for c in first["cases"]] == ["CASE-20261202-000000", "CASE-20261202-000001"]
    assert first["has_more"] is True and first["next_cursor"].startswith("k_")
    rest = _get(platform, f"/cases?limit=2&cursor={first['next_cursor']}").json()
    assert [(c["case_id"], c["revision"], c["status"]) for c in rest["cases"]] == [
        ("CASE-20261202-000002", 1, "open"),
        ("CASE-20261202-000000", 2, "cancelled"),
    ]
    assert rest["has_more"] is False
    assert _get(platform, "/cases?limit=0").status_code == 422
    assert _get(platform, "/cases?limit=501").status_code == 422
    assert _get(platform, "/cases?cursor=c_1").status_code == 422  # an inbound cursor is not a cases cursor
    assert _get(platform, "/cases", token="nope").status_code == 401


def _event(type_: str, tag: str, payload: dict[str, Any], seq: int = 1) -> dict[str, Any]:
    return {
        "event_id": str(uuid.uuid4()),
        "seq": seq,
        "type": type_,
        "occurred_at": "2026-12-02T04:00:00.000Z",
        "actor": "clerk.wang",
        "item_tag": tag,
        "asn_id": None,
        "line_id": None,
        "payload": payload,
        "blobs": [],
    }


def test_case_events_need_a_known_case_and_their_fields(platform, client_for):  # type: ignore[no-untyped-def]
    platform.store.put_case(case("TW2612010000017", case_id="CASE-1", warehouse=WH))
    received = {
        "case_id": "CASE-1",
        "waybill_no": "SF5550001112223",
        "received_at": "2026-12-02T04:00:00.000Z",
        "package_condition": "intact",
    }
    results = client_for(platform).post_events(
        [
            _event("case.received", "TW2612010000017", received, 1),
            _event("case.received", "TW2612010000017", {**received, "case_id": "CASE-NOPE"}, 2),
            _event(
                "case.inspected",
                "TW2612010000017",
                {"case_id": "CASE-1", "same_piece": "maybe", "findings": [], "evidence": {}},
                3,
            ),
            _event(
                "case.decided",
                "TW2612010000017",
                {"case_id": "CASE-1", "decision": "upheld", "reason_code": "defect_covered", "note": ""},
                4,
            ),
            _event(
                "case.decided",
                "TW2612010000017",
                {
                    "case_id": "CASE-1",
                    "decision": "upheld",
                    "reason_code": "defect_covered",
                    "note": "",
                    "warranty_covered": "yes",
                },
                5,
            ),
            _event("case.received", "TW2612010000099", received, 6),  # another piece than the case's
            _event(
                "case.inspected",
                "TW2612010000017",
                {"case_id": "CASE-1", "same_piece": "yes", "findings": [{"field": "imei"}], "evidence": {}},
                7,
            ),
        ]
    )
    got = [(r["status"], r.get("reason"), r.get("detail")) for r in results]
    assert got == [
        ("accepted", None, None),
        ("rejected", "unknown_case", "CASE-NOPE is not known"),
        ("rejected", "invalid_payload", "same_piece"),
        ("rejected", "invalid_payload", "warranty_covered"),
        ("rejected", "invalid_payload", "warranty_covered"),
        ("rejected", "invalid_payload", "item_tag"),
        ("rejected", "invalid_payload", "findings"),
    ]


@pytest.fixture
def client_for() -> Iterator[Any]:
    made: list[PlatformClient] = []

    def make(srv: PlatformServer) -> PlatformClient:
        made.append(PlatformClient(srv.url, TOKEN, WS, timeout=5, limiter=Unlimited()))
        return made[-1]

    yield make
    for c in made:
        c.close()


def test_demo_opens_the_five_kinds_it_can():  # type: ignore[no-untyped-def]
    pieces = [
        {"item_tag": "TW1", "certificate_no": "C1", "category": "jewelry"},
        {"item_tag": "TW2", "certificate_no": "C2", "category": "jewelry"},
        {"item_tag": "TW3", "certificate_no": "C3", "category": "phone"},
        {"item_tag": "TW4", "certificate_no": "C4", "category": "phone"},
        {"item_tag": "TW5", "certificate_no": None, "category": "jewelry", "rejected": True},
    ]
    made = demo_cases(pieces, WH, OPENED)
    assert [c["kind"] for c in made] == [
        "buyer_return",
        "buyer_return",
        "warranty_claim",
        "warranty_claim",
        "merchant_appeal",
    ]
    assert made[-1]["inbound"] is None and made[-1]["certificate_no"] is None
    from app.core.cases import parse_case

    for c in made:
        parse_case(c)  # every demo case follows the contract
    assert [c["kind"] for c in demo_cases(pieces[2:3], WH, OPENED)] == ["warranty_claim"]


# -- the station pulling -------------------------------------------------------------------------


def _pull(station, platform, client_for) -> None:  # type: ignore[no-untyped-def]
    SyncEngine(StationSyncPort(station.ctx), client_for(platform)).pull()


def test_station_pulls_cases_and_a_cancellation(sqlite_station, sqlite_people, platform, client_for):  # type: ignore[no-untyped-def]
    st, p = sqlite_station, sqlite_people
    tag = sold_piece(st, p, "L2", issued_at=OPENED - timedelta(days=10))
    platform.store.put_case(case(tag, case_id="CASE-A"))
    _pull(st, platform, client_for)
    assert st.cases.view("CASE-A").state == "open"
    st.cases.receive(p.clerk, "CASE-A", waybill="SF5550001112223")
    platform.store.cancel_case("CASE-A")
    _pull(st, platform, client_for)
    v = st.cases.view("CASE-A")
    assert (v.state, v.platform_status, v.revision) == ("cancelled", "cancelled", 2)
    _pull(st, platform, client_for)  # the cursor holds: nothing is applied twice
    with st.db.read() as s:
        assert s.execute(select(Case.revision)).scalar_one() == 2


def test_a_lying_platform_is_refused_case_by_case(sqlite_station, sqlite_people, platform, client_for):  # type: ignore[no-untyped-def]
    st, p = sqlite_station, sqlite_people
    tag = sold_piece(st, p, "L2", issued_at=OPENED - timedelta(days=10))
    platform.store.put_case(case(tag, case_id="CASE-A", revision=5, statement="rev5"))
    _lie(platform, case(tag, case_id="CASE-A", revision=3, statement="older, sent later"))
    _lie(platform, case(tag, case_id="CASE-B", warehouse="WH-SH-02"))  # another warehouse's, on our feed
    _lie(platform, case("TW2612019999990", case_id="CASE-C"))  # a tag this station never had
    _lie(platform, {**case(tag, case_id="CASE-D"), "statement": "x" * 5000})
    _lie(platform, {**case(tag, case_id="CASE-E"), "revision": -1})
    _lie(platform, ["not", "a", "case"])  # type: ignore[arg-type]
    platform.store.put_case(case(tag, case_id="CASE-F", kind="buyer_return"))  # a good one after the bad
    _pull(st, platform, client_for)
    assert st.cases.view("CASE-A").statement == "rev5" and st.cases.view("CASE-A").revision == 5
    assert st.cases.view("CASE-F").kind == "buyer_return"
    with st.db.read() as s:
        assert set(s.execute(select(Case.case_id)).scalars()) == {"CASE-A", "CASE-F"}
        quarantined = {(q.case_id, q.field) for q in s.execute(select(CaseQuarantine)).scalars()}
    assert quarantined == {
        ("CASE-B", "warehouse_id"),
        ("CASE-C", "item_tag"),
        ("CASE-D", "statement"),
        ("CASE-E", "revision"),
        (None, "case"),
    }
