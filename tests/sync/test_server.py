"""The reference platform answers every status code platform-api.md names (raw HTTP)."""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Iterator

import httpx
import pytest

from app.refplatform import PlatformServer

from .helpers import TOKEN, WS, EventFactory, jpeg_like, sha, wire

AUTH = {"Authorization": f"Bearer {TOKEN}", "X-Workstation-Id": WS}


@pytest.fixture
def http(server: PlatformServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url, headers=AUTH, timeout=5) as c:
        yield c


def post_events(http: httpx.Client, events: list) -> list[dict]:
    r = http.post(
        "/events", json={"workstation_id": WS, "events": [wire(e) if not isinstance(e, dict) else e for e in events]}
    )
    assert r.status_code == 200, r.text
    return r.json()["results"]


def test_auth_401_and_403_are_problem_json(server: PlatformServer) -> None:
    for headers, status in (
        ({}, 401),
        ({"Authorization": "Bearer nope", "X-Workstation-Id": WS}, 401),
        ({"Authorization": "Bearer other-token", "X-Workstation-Id": WS}, 403),
        ({"Authorization": f"Bearer {TOKEN}"}, 403),
    ):
        r = httpx.get(server.url + "/inbound", headers=headers)
        assert r.status_code == status
        assert r.headers["content-type"] == "application/problem+json"
        assert r.json()["status"] == status and r.json()["title"]


def test_inbound_pages_with_cursor_and_limits(server: PlatformServer, http: httpx.Client) -> None:
    server.load_demo_asns(4, seed=3)
    seen, cursor = [], None
    while True:
        r = http.get("/inbound", params={"limit": 2, **({"cursor": cursor} if cursor else {})})
        assert r.status_code == 200
        body = r.json()
        seen += body["shipments"]
        cursor = body["next_cursor"]
        if not body["has_more"]:
            break
    assert len(seen) == 7 and len({s["asn_id"] for s in seen}) == 7
    again = http.get("/inbound", params={"cursor": cursor}).json()
    assert again["shipments"] == [] and again["next_cursor"] == cursor and again["has_more"] is False
    for bad in ({"limit": 0}, {"limit": 501}, {"limit": "x"}, {"cursor": "not-ours"}):
        r = http.get("/inbound", params=bad)
        assert r.status_code == 422 and r.headers["content-type"] == "application/problem+json"


def test_inbound_carries_revisions_and_cancellations(server: PlatformServer, http: httpx.Client) -> None:
    cursor = http.get("/inbound", params={"limit": 500}).json()["next_cursor"]
    asn = http.get("/inbound").json()["shipments"][0]
    server.load_asns([{**asn, "lines": asn["lines"][:1]}])
    server.store.cancel_asn(asn["asn_id"])
    changes = http.get("/inbound", params={"cursor": cursor}).json()["shipments"]
    assert [(c["asn_id"], c["revision"], c["status"]) for c in changes] == [
        (asn["asn_id"], 2, "open"),
        (asn["asn_id"], 3, "cancelled"),
    ]


def test_blob_head_put_statuses(http: httpx.Client) -> None:
    data = jpeg_like(1)
    digest = sha(data)
    assert http.head(f"/blobs/{digest}").status_code == 404
    assert http.put(f"/blobs/{digest}", content=data, headers={"Content-Type": "image/jpeg"}).status_code == 201
    assert http.put(f"/blobs/{digest}", content=data, headers={"Content-Type": "image/jpeg"}).status_code == 200
    assert http.head(f"/blobs/{digest}").status_code == 200
    wrong = http.put(f"/blobs/{sha(b'other')}", content=data, headers={"Content-Type": "image/jpeg"})
    assert wrong.status_code == 422 and wrong.json()["type"].endswith("digest-mismatch")
    bad_type = http.put(f"/blobs/{digest}", content=data, headers={"Content-Type": "text/plain"})
    assert bad_type.status_code == 422


def test_blob_above_20_mib_is_413(http: httpx.Client) -> None:
    data = b"\0" * (20 * 1024 * 1024 + 1)
    r = http.put(
        f"/blobs/{hashlib.sha256(data).hexdigest()}", content=data, headers={"Content-Type": "application/pdf"}
    )
    assert r.status_code == 413


def test_events_accepted_then_duplicate(http: httpx.Client) -> None:
    f = EventFactory()
    a, b = f.received("TW1"), f.mass("TW1")
    assert [r["status"] for r in post_events(http, [a, b])] == ["accepted", "accepted"]
    assert [r["status"] for r in post_events(http, [a, b, a])] == ["duplicate"] * 3


def test_events_deferred_missing_blob_and_waiting_for_earlier(http: httpx.Client) -> None:
    f = EventFactory()
    data = jpeg_like(2)
    photo, later, other = f.photo("TW2", sha(data)), f.mass("TW2"), f.received("TW3")
    results = post_events(http, [photo, later, other])
    assert results[0] == {
        "event_id": photo.event_id,
        "status": "deferred",
        "reason": "missing_blob",
        "missing_blobs": [sha(data)],
    }
    assert results[1] == {"event_id": later.event_id, "status": "deferred", "reason": "waiting_for_earlier"}
    assert results[2]["status"] == "accepted"
    http.put(f"/blobs/{sha(data)}", content=data, headers={"Content-Type": "image/jpeg"})
    assert [r["status"] for r in post_events(http, [photo, later])] == ["accepted", "accepted"]


def test_events_rejections(server: PlatformServer, http: httpx.Client) -> None:
    f = EventFactory(start=100)
    unknown = {**wire(f.received("TW4")), "type": "item.teleported"}
    no_unit = f.make("measurement.recorded", "TW4", {"kind": "mass", "value": 1, "device": {"type": "manual"}})
    bad_asn = f.received("TW5", asn_id="ASN-20261121-999999")
    results = post_events(http, [unknown, no_unit, bad_asn])
    assert [(r["status"], r["reason"]) for r in results] == [
        ("rejected", "unknown_type"),
        ("rejected", "invalid_payload"),
        ("rejected", "unknown_asn"),
    ]
    assert results[1]["detail"] == "unit"
    assert "ASN-20261121-999999" in results[2]["detail"]
    late, early = f.mass("TW6"), f.mass("TW6")  # early gets the higher seq... swap them
    early, late = late, early
    assert post_events(http, [late])[0]["status"] == "accepted"
    out = post_events(http, [early])[0]
    assert out["status"] == "rejected" and out["reason"] == "out_of_order"
    known = json.loads(json.dumps(server.store.inbound(0, 1)[0][0]))
    ok = f.received("TW7", asn_id=known["asn_id"])
    assert post_events(http, [ok])[0]["status"] == "accepted"


def test_seq_order_is_per_workstation_and_per_item(server: PlatformServer) -> None:
    server.app.tokens["multi"] = frozenset({"WS-A", "WS-B"})
    f = EventFactory(start=50)
    for ws, seq in (("WS-A", 10), ("WS-B", 5), ("WS-A", 11)):
        ev = {**wire(f.mass("TW8")), "seq": seq}
        r = httpx.post(
            server.url + "/events",
            json={"workstation_id": ws, "events": [ev]},
            headers={"Authorization": "Bearer multi", "X-Workstation-Id": ws},
        )
        assert r.json()["results"][0]["status"] == "accepted"


def test_events_request_limits(http: httpx.Client) -> None:
    f = EventFactory()
    assert http.post("/events", json={"workstation_id": WS, "events": []}).status_code == 422
    too_many = [wire(f.mass(f"T{i}")) for i in range(201)]
    assert http.post("/events", json={"workstation_id": WS, "events": too_many}).status_code == 422
    assert http.post("/events", json={"workstation_id": "WS-ELSE", "events": too_many[:1]}).status_code == 422
    assert http.post("/events", content=b"{not json", headers={"Content-Type": "application/json"}).status_code == 422
    bad_id = {**too_many[0], "event_id": "123"}
    assert http.post("/events", json={"workstation_id": WS, "events": [bad_id]}).status_code == 422
    big = {**too_many[0], "payload": {**too_many[0]["payload"], "note": "x" * (4 * 1024 * 1024)}}
    assert http.post("/events", json={"workstation_id": WS, "events": [big]}).status_code == 413


def test_signing_keys_201_200_409_and_list(http: httpx.Client) -> None:
    from .test_server_keys import ed25519_body

    key = ed25519_body("WH-HZ-01")
    assert http.post("/signing-keys", json=key).status_code == 201
    assert http.post("/signing-keys", json=key).status_code == 200
    assert http.post("/signing-keys", json={**key, "algorithm": "ES256"}).status_code == 409
    assert http.post("/signing-keys", json={**key, "algorithm": "RSA"}).status_code == 422
    keys = http.get("/signing-keys").json()["keys"]
    assert [(k["key_id"], k["warehouse_id"], k["revoked_at"]) for k in keys] == [(key["key_id"], "WH-HZ-01", None)]
    assert set(keys[0]) == {"key_id", "warehouse_id", "algorithm", "public_key_pem", "registered_at", "revoked_at"}


def test_verify_json_and_html_follow_certificate_events(server: PlatformServer, http: httpx.Client) -> None:
    f = EventFactory()
    photo, pdf = jpeg_like(3), b"%PDF-1.7 certificate"
    for data, ctype in ((photo, "image/jpeg"), (pdf, "application/pdf")):
        http.put(f"/blobs/{sha(data)}", content=data, headers={"Content-Type": ctype})
    number = "TW-2611-000017-K"
    summary = {
        "name": "18K金镶钻石吊坠",
        "category": "jewelry",
        "facts": [{"label_zh": "主石质量", "label_en": "Main stone", "value": "0.30 ct"}],
        "disclosures": [],
        "photo_sha256": None,
    }
    post_events(
        http, [f.received("TW9"), f.photo("TW9", sha(photo)), f.certificate("TW9", number, sha(pdf), summary=summary)]
    )
    public = httpx.Client(base_url=server.url)  # no credentials
    j = public.get(f"/verify/{number}", headers={"Accept": "application/json"}).json()
    assert j == {
        "certificate_no": number,
        "status": "valid",
        "item_tag": "TW9",
        "category": "jewelry",
        "summary": summary,
        "issued_at": "2026-11-21T09:00:00.000Z",
        "warranty_until": None,
        "photo_sha256": sha(photo),
    }
    page = public.get(f"/verify/{number}", headers={"Accept": "text/html"})
    assert page.headers["content-type"].startswith("text/html")
    assert "证书有效" in page.text and "viewport" in page.text and "TW9" in page.text
    post_events(http, [f.void("TW9", number)])
    assert public.get(f"/verify/{number}", headers={"Accept": "application/json"}).json()["status"] == "voided"
    assert "证书已作废" in public.get(f"/verify/{number}").text
    unknown = public.get("/verify/<script>", headers={"Accept": "application/json"}).json()
    assert unknown["status"] == "unknown" and unknown["item_tag"] is None
    assert "<script>" not in public.get("/verify/<script>").text  # escaped


def test_problem_json_for_unknown_paths_and_methods(http: httpx.Client) -> None:
    r = http.get("/nowhere")
    assert r.status_code == 404 and r.headers["content-type"] == "application/problem+json"
    r = http.delete("/events")
    assert r.status_code == 405 and r.headers["allow"] == "POST"


def test_openapi_document_is_served(server: PlatformServer) -> None:
    doc = httpx.get(server.url + "/openapi.json").json()
    assert doc["openapi"].startswith("3.")
    assert {"/inbound", "/blobs/{sha256}", "/events", "/signing-keys", "/verify/{certificate_no}"} <= set(doc["paths"])


def test_admin_loads_notices_and_reports_accounting(server: PlatformServer, http: httpx.Client) -> None:
    admin = {"Authorization": "Bearer admin-secret"}
    assert httpx.post(server.url + "/admin/asns", json={"generate": 2, "seed": 1}).status_code == 401
    r = httpx.post(server.url + "/admin/asns", json={"generate": 2, "seed": 1}, headers=admin)
    assert r.status_code == 201 and r.json()["loaded"] == 2
    http.get("/inbound")
    stats = httpx.get(server.url + "/admin/stats", headers=admin).json()
    assert stats[WS]["requests"] >= 1 and stats[WS]["by_status"]["200"] >= 1


def test_base_path_is_configurable() -> None:
    with PlatformServer(tokens={TOKEN: WS}, base_path="/platform/v9") as srv:
        assert srv.url.endswith("/platform/v9")
        assert httpx.get(srv.url + "/inbound", headers=AUTH).status_code == 200
        assert httpx.get(srv.url.replace("/platform/v9", "/tw/api/v1") + "/inbound", headers=AUTH).status_code == 404


def test_events_are_stored_once_even_with_concurrent_identical_posts(server: PlatformServer) -> None:
    import threading

    f = EventFactory()
    batch = [wire(f.mass(f"TC{i % 5}")) for i in range(50)]
    body = {"workstation_id": WS, "events": batch}
    threads = [
        threading.Thread(target=httpx.post, args=(server.url + "/events",), kwargs={"json": body, "headers": AUTH})
        for _ in range(4)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    ids = [e["event_id"] for e in server.store.events()]
    assert sorted(ids) == sorted(e["event_id"] for e in batch)
    assert uuid.UUID(ids[0])
