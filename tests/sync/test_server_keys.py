"""Reference platform, version 1.1 rules written from platform-api.md §4/§4a/§5 as an attacker
would probe them: key binding, certificate numbers issued once, voids only by the issuer, the
certificate status feed, and a public page showing what was certified."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from datetime import date

import httpx
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519

from app.core.certificate import make_certificate_no
from app.refplatform import PlatformServer

from .helpers import TOKEN, WS, EventFactory, jpeg_like, sha, wire

OTHER_WS, OTHER_WH = "WS-OTHER", "WH-SH-02"


def _spki_pem(public) -> tuple[bytes, str]:
    der = public.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    pem = public.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    return der, pem.decode()


def ed25519_body(warehouse: str) -> dict:
    """A registration exactly as §4 (1.1) wants it, computed here from the spec's words."""
    der, pem = _spki_pem(ed25519.Ed25519PrivateKey.generate().public_key())
    return {
        "key_id": f"{warehouse}-{hashlib.sha256(der).hexdigest()[:16]}",
        "algorithm": "Ed25519",
        "public_key_pem": pem,
        "certificate_pem": None,
    }


def es256_body(warehouse: str) -> dict:
    der, pem = _spki_pem(ec.generate_private_key(ec.SECP256R1()).public_key())
    return {
        "key_id": f"{warehouse}-{hashlib.sha256(der).hexdigest()[:16]}",
        "algorithm": "ES256",
        "public_key_pem": pem,
        "certificate_pem": None,
    }


@pytest.fixture
def home(server: PlatformServer) -> Iterator[httpx.Client]:
    server.app.workstation_warehouses[OTHER_WS] = OTHER_WH
    with httpx.Client(
        base_url=server.url, timeout=5, headers={"Authorization": f"Bearer {TOKEN}", "X-Workstation-Id": WS}
    ) as c:
        yield c


@pytest.fixture
def other(server: PlatformServer) -> Iterator[httpx.Client]:
    with httpx.Client(
        base_url=server.url, timeout=5, headers={"Authorization": "Bearer other-token", "X-Workstation-Id": OTHER_WS}
    ) as c:
        yield c


def _listed(client: httpx.Client) -> dict[str, str]:
    return {k["key_id"]: k["warehouse_id"] for k in client.get("/signing-keys").json()["keys"]}


def test_a_well_bound_key_registers_under_its_own_warehouse(home, other):
    mine, theirs = es256_body("WH-HZ-01"), ed25519_body(OTHER_WH)
    assert home.post("/signing-keys", json=mine).status_code == 201
    assert other.post("/signing-keys", json=theirs).status_code == 201
    assert _listed(home) == {mine["key_id"]: "WH-HZ-01", theirs["key_id"]: OTHER_WH}


def test_forged_registration_for_another_warehouse_is_refused(home, other):
    forged = es256_body("WH-HZ-01")  # a valid id for WH-HZ-01, sent by a WH-SH-02 workstation
    r = other.post("/signing-keys", json=forged)
    assert r.status_code == 422 and r.headers["content-type"] == "application/problem+json"
    assert "WH-HZ-01" in r.json()["detail"]
    assert _listed(home) == {}


@pytest.mark.parametrize(
    "breakage", ["garbage_pem", "id_of_another_key", "wrong_algorithm", "bad_shape", "uppercase_hex"]
)
def test_keys_that_do_not_bind_are_refused(home, breakage):
    body = es256_body("WH-HZ-01")
    if breakage == "garbage_pem":
        body["public_key_pem"] = "-----BEGIN PUBLIC KEY-----\nAAAAgarbage\n-----END PUBLIC KEY-----\n"
    elif breakage == "id_of_another_key":
        body["public_key_pem"] = es256_body("WH-HZ-01")["public_key_pem"]
    elif breakage == "wrong_algorithm":
        body = {**ed25519_body("WH-HZ-01"), "algorithm": "ES256"}
    elif breakage == "bad_shape":
        body["key_id"] = "WH-HZ-01-2026"
    else:
        body["key_id"] = body["key_id"][:-16] + body["key_id"][-16:].upper()
    assert home.post("/signing-keys", json=body).status_code == 422
    assert _listed(home) == {}


def test_a_pem_with_other_line_breaks_is_the_same_key(home):
    body = es256_body("WH-HZ-01")
    assert home.post("/signing-keys", json=body).status_code == 201
    reflowed = body["public_key_pem"].replace("\n", "\r\n")
    assert home.post("/signing-keys", json={**body, "public_key_pem": reflowed}).status_code == 200


def _post(client: httpx.Client, ws: str, events: list) -> list[dict]:
    r = client.post("/events", json={"workstation_id": ws, "events": [wire(e) for e in events]})
    assert r.status_code == 200, r.text
    return r.json()["results"]


def _pdf(client: httpx.Client, n: int) -> str:
    data = b"%PDF-1.7 certificate " + str(n).encode()
    client.put(f"/blobs/{sha(data)}", content=data, headers={"Content-Type": "application/pdf"})
    return sha(data)


NUMBER = make_certificate_no(date(2026, 11, 21), 17)


def _status(server: PlatformServer, number: str = NUMBER) -> str:
    return httpx.get(f"{server.url}/verify/{number}", headers={"Accept": "application/json"}).json()["status"]


def test_a_voided_number_cannot_be_issued_again(server, home):
    f = EventFactory()
    assert _post(home, WS, [f.received("TW1"), f.certificate("TW1", NUMBER, _pdf(home, 1))])[1]["status"] == "accepted"
    assert _post(home, WS, [f.void("TW1", NUMBER)])[0]["status"] == "accepted"
    again = _post(home, WS, [f.certificate("TW1", NUMBER, _pdf(home, 2))])[0]
    assert again["status"] == "rejected" and again["reason"] == "conflict"
    assert _status(server) == "voided"  # not resurrected


def test_a_valid_number_cannot_be_issued_twice_even_in_one_request(home):
    f = EventFactory()
    results = _post(
        home,
        WS,
        [f.received("TW1"), f.certificate("TW1", NUMBER, _pdf(home, 1)), f.certificate("TW1", NUMBER, _pdf(home, 2))],
    )
    assert [r["status"] for r in results] == ["accepted", "accepted", "rejected"]
    assert results[2]["reason"] == "conflict"


def test_only_the_issuing_warehouse_may_void(server, home, other):
    f, g = EventFactory(), EventFactory()
    _post(home, WS, [f.received("TW1"), f.certificate("TW1", NUMBER, _pdf(home, 1))])
    foreign = _post(other, OTHER_WS, [g.void("TW1", NUMBER)])[0]
    assert foreign["status"] == "rejected" and foreign["reason"] == "not_issuer"
    assert _status(server) == "valid"
    assert _post(home, WS, [f.void("TW1", NUMBER)])[0]["status"] == "accepted"
    assert _status(server) == "voided"


@pytest.mark.parametrize(
    "summary",
    [
        "18K金钻石吊坠",
        {"category": "jewelry"},
        {"name": "x", "category": "car"},
        {"name": "x", "category": "phone", "facts": [{"label_zh": "a"}]},
        {"name": "x" * 257, "category": "phone"},
        {"name": "x", "category": "phone", "photo_sha256": "../../etc/passwd"},
    ],
)
def test_a_malformed_summary_is_invalid_payload(home, summary):
    f = EventFactory()
    result = _post(home, WS, [f.received("TW1"), f.certificate("TW1", NUMBER, _pdf(home, 1), summary=summary)])[1]
    assert result["status"] == "rejected" and result["reason"] == "invalid_payload"
    assert result["detail"].startswith("summary")


def _feed(client: httpx.Client, limit: int) -> tuple[list[dict], str]:
    changes, cursor = [], None
    while True:
        r = client.get("/certificate-status", params={"limit": limit, **({"cursor": cursor} if cursor else {})})
        assert r.status_code == 200, r.text
        body = r.json()
        changes += body["changes"]
        cursor = body["next_cursor"]
        if not body["has_more"]:
            return changes, cursor


def test_certificate_status_feed_pages_every_warehouse_oldest_first(server, home, other):
    f, g = EventFactory(), EventFactory()
    second = make_certificate_no(date(2026, 11, 21), 18)
    _post(home, WS, [f.received("TW1"), f.certificate("TW1", NUMBER, _pdf(home, 1))])
    _post(other, OTHER_WS, [g.received("TX1"), g.certificate("TX1", second, _pdf(other, 2))])
    _post(home, WS, [f.void("TW1", NUMBER)])
    changes, cursor = _feed(other, limit=1)  # any authenticated workstation sees every warehouse
    assert [(c["certificate_no"], c["status"]) for c in changes] == [
        (NUMBER, "valid"),
        (second, "valid"),
        (NUMBER, "voided"),
    ]
    assert set(changes[0]) == {"certificate_no", "status", "changed_at", "replaced_by"}
    assert changes[2]["changed_at"].endswith("Z")
    after = other.get("/certificate-status", params={"cursor": cursor}).json()
    assert after == {"changes": [], "next_cursor": cursor, "has_more": False}
    for bad in ({"limit": 0}, {"limit": 1001}, {"limit": "x"}, {"cursor": "c_00000000001"}, {"cursor": "nope"}):
        r = home.get("/certificate-status", params=bad)
        assert r.status_code == 422 and r.headers["content-type"] == "application/problem+json"
    assert httpx.get(server.url + "/certificate-status").status_code == 401


def _phone_summary(photo: str) -> dict:
    rows = [
        ("型号", "Model", "Apple iPhone 13 (A2634)"),
        ("存储容量", "Storage", "128 GB"),
        ("颜色", "Colour", "午夜色 Midnight"),
        ("IMEI", "IMEI", "3567******67891"),
        ("电池健康", "Battery health", "87% · 412 次循环 cycles"),
        ("屏幕", "Screen", "已更换（序列号与原机不符）"),
        ("功能异常", "Failed functions", "无 None"),
        ("成色等级", "Cosmetic grade", "B+"),
        ("保修截止", "Warranty until", "2027-05-20"),
    ]
    return {
        "name": "iPhone 13 128GB 午夜色",
        "category": "phone",
        "facts": [{"label_zh": a, "label_en": b, "value": c} for a, b, c in rows],
        "disclosures": ["屏幕：已更换（序列号与原机不符） / Screen: Replaced"],
        "photo_sha256": photo,
    }


def test_public_page_shows_what_was_certified_not_the_listing_title(server, home):
    server.load_asns(
        [
            {
                "asn_id": "ASN-1",
                "warehouse_id": "WH-HZ-01",
                "merchant": {"id": "M1", "name": "m"},
                "carrier": "SF",
                "waybill_no": "SF1",
                "announced_at": "2026-11-21T02:00:00.000Z",
                "lines": [{"line_id": "L1", "category": "phone", "title": "全新未拆封 iPhone 15 Pro 顶配"}],
            }
        ]
    )
    photo = jpeg_like(9)
    home.put(f"/blobs/{sha(photo)}", content=photo, headers={"Content-Type": "image/jpeg"})
    f = EventFactory()
    summary = _phone_summary(sha(photo))
    _post(
        home,
        WS,
        [
            f.received("TW1", asn_id="ASN-1"),
            f.certificate("TW1", NUMBER, _pdf(home, 1), summary=summary, warranty_until="2027-05-20"),
        ],
    )
    public = httpx.Client(base_url=server.url)
    j = public.get(f"/verify/{NUMBER}", headers={"Accept": "application/json"}).json()
    assert j["summary"] == summary and j["photo_sha256"] == sha(photo) and j["category"] == "phone"
    page = public.get(f"/verify/{NUMBER}", headers={"Accept": "text/html"}).text
    assert "全新未拆封" not in page  # the merchant's claim is not what the warehouse certified
    for shown in (
        "iPhone 13 128GB 午夜色",
        "3567******67891",
        "87% · 412",
        "已更换",
        "无 None",
        "B+",
        "2027-05-20",
        "Screen: Replaced",
        "width=device-width",
    ):
        assert shown in page, shown
    assert "356789104567891" not in page
    img = public.get(f"/verify/{NUMBER}/photo")
    assert img.status_code == 200 and img.content == photo and img.headers["content-type"] == "image/jpeg"
    assert public.get("/verify/TWC0000000000000/photo").status_code == 404
    _post(home, WS, [f.void("TW1", NUMBER)])
    voided = public.get(f"/verify/{NUMBER}").text
    assert "证书已作废" in voided and "#b3261e" in voided and 'class="card voided"' in voided


def test_a_summary_is_escaped(server, home):
    f = EventFactory()
    summary = {
        "name": "<script>alert(1)</script>",
        "category": "jewelry",
        "facts": [],
        "disclosures": ["<b>x</b>"],
        "photo_sha256": None,
    }
    _post(home, WS, [f.received("TW1"), f.certificate("TW1", NUMBER, _pdf(home, 1), summary=summary)])
    page = httpx.get(f"{server.url}/verify/{NUMBER}").text
    assert "<script>" not in page and "<b>x</b>" not in page and "&lt;script&gt;" in page


def test_a_store_from_before_1_1_is_upgraded_on_open(tmp_path):
    """Old embedded platform files: new columns are added, issuers derived from key ids."""
    import json
    import sqlite3

    from app.refplatform.store import PlatformStore

    path = tmp_path / "old.sqlite3"
    old = sqlite3.connect(path)
    old.executescript("""
        CREATE TABLE signing_keys (key_id TEXT PRIMARY KEY, algorithm TEXT NOT NULL, public_key_pem TEXT NOT NULL,
            certificate_pem TEXT, registered_at TEXT NOT NULL, revoked_at TEXT);
        CREATE TABLE certificates (certificate_no TEXT PRIMARY KEY, item_tag TEXT, status TEXT NOT NULL,
            issued_at TEXT, warranty_until TEXT, summary TEXT, blobs TEXT NOT NULL, replaced_by TEXT);
        CREATE TABLE events (ord INTEGER PRIMARY KEY AUTOINCREMENT, event_id TEXT NOT NULL UNIQUE,
            workstation_id TEXT NOT NULL, seq INTEGER NOT NULL, type TEXT NOT NULL, item_tag TEXT, asn_id TEXT,
            line_id TEXT, occurred_at TEXT NOT NULL, actor TEXT NOT NULL, payload TEXT NOT NULL, blobs TEXT NOT NULL,
            received_at TEXT NOT NULL);""")
    old.execute(
        "INSERT INTO certificates VALUES (?,?,?,?,?,?,?,?)",
        (NUMBER, "TW1", "valid", None, None, "18K金 plain text", "[]", None),
    )
    old.execute(
        "INSERT INTO events (event_id, workstation_id, seq, type, occurred_at, actor, payload, blobs,"
        " received_at) VALUES ('e', 'WS', 1, 'certificate.issued', 't', 'a', ?, '[]', 't')",
        (json.dumps({"certificate_no": NUMBER, "key_id": "WH-HZ-01-0123456789abcdef"}),),
    )
    old.commit()
    old.close()
    store = PlatformStore(str(path))
    assert store.certificate_issuer(NUMBER) == (True, "WH-HZ-01")
    assert store.certificate(NUMBER)["summary"] is None  # old text is not a 1.1 summary
    store.close()
