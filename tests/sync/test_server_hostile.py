"""The reference platform against hostile requests, over raw sockets: deep nesting is a 400
problem document, an oversize body is answered 413 that the client actually reads, and an
event breaking the 1.1 limits is rejected alone (platform-api.md §3)."""

from __future__ import annotations

import hashlib
import json
import socket
from collections.abc import Iterator

import httpx
import pytest

from app.refplatform import PlatformServer

from .helpers import TOKEN, WS, EventFactory, wire


@pytest.fixture
def platform() -> Iterator[PlatformServer]:
    srv = PlatformServer(tokens={TOKEN: WS})
    srv.start()
    yield srv
    srv.stop()


def request_head(method: str, path: str, length: int, ctype: str = "application/json", extra: str = "") -> bytes:
    return (
        f"{method} /tw/api/v1{path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {TOKEN}\r\n"
        f"X-Workstation-Id: {WS}\r\nContent-Type: {ctype}\r\nContent-Length: {length}\r\n{extra}\r\n"
    ).encode()


def read_response(sock: socket.socket) -> tuple[int, dict[str, str], bytes]:
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            break
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {k.strip().lower(): v.strip() for k, v in (ln.split(":", 1) for ln in lines[1:] if ":" in ln)}
    want = int(headers.get("content-length", "0"))
    while len(body) < want:
        chunk = sock.recv(65536)
        if not chunk:
            break
        body += chunk
    return status, headers, body


def send_whole_request(platform: PlatformServer, head: bytes, body: bytes) -> tuple[int, dict[str, str], bytes]:
    """Send everything, as a simple client does, and only then read the answer."""
    with socket.create_connection(("127.0.0.1", platform.port), timeout=20) as sock:
        sock.sendall(head)
        sock.sendall(body)  # before: BrokenPipeError / ConnectionResetError here
        return read_response(sock)


def test_deeply_nested_json_is_a_400_problem_not_a_500(platform):
    body = b"[" * 200_000 + b"]" * 200_000
    status, headers, raw = send_whole_request(platform, request_head("POST", "/events", len(body)), body)
    assert status == 400
    assert headers["content-type"].startswith("application/problem+json")
    doc = json.loads(raw)
    assert doc["status"] == 400 and "nested" in doc["detail"] and "Traceback" not in raw.decode()


def test_nested_object_in_signing_key_body_too(platform):
    body = b'{"a":' * 100_000 + b"1" + b"}" * 100_000
    status, _, raw = send_whole_request(platform, request_head("POST", "/signing-keys", len(body)), body)
    assert status == 400 and json.loads(raw)["type"].endswith("too-deeply-nested")


def test_oversize_events_body_is_answered_413_after_it_was_read(platform):
    body = b" " * (8 * 1024 * 1024)  # twice the 4 MiB limit: more than the socket buffers hold
    status, headers, raw = send_whole_request(platform, request_head("POST", "/events", len(body)), body)
    assert status == 413 and json.loads(raw)["status"] == 413
    assert headers["content-type"].startswith("application/problem+json")


def test_oversize_blob_is_answered_413_after_it_was_read(platform):
    body = b"\0" * (21 * 1024 * 1024)
    digest = hashlib.sha256(body).hexdigest()
    status, _, _ = send_whole_request(
        platform, request_head("PUT", f"/blobs/{digest}", len(body), "application/pdf"), body
    )
    assert status == 413


def test_expect_continue_gets_413_before_sending_the_body(platform):
    with socket.create_connection(("127.0.0.1", platform.port), timeout=10) as sock:
        sock.sendall(request_head("POST", "/events", 10 * 1024**3, extra="Expect: 100-continue\r\n"))
        status, _, raw = read_response(sock)  # no "100 Continue" first: the body is not wanted
    assert status == 413 and json.loads(raw)["status"] == 413


def test_expect_continue_for_a_wanted_body_gets_100_then_the_answer(platform):
    f = EventFactory()
    body = json.dumps({"workstation_id": WS, "events": [wire(f.received("TW1"))]}).encode()
    with socket.create_connection(("127.0.0.1", platform.port), timeout=10) as sock:
        sock.sendall(request_head("POST", "/events", len(body), extra="Expect: 100-continue\r\n"))
        assert sock.recv(25).startswith(b"HTTP/1.1 100 Continue")
        sock.sendall(body)
        rest = b""
        while b"\r\n\r\n" not in rest:
            rest += sock.recv(65536)
        assert rest.lstrip(b"\r\n").startswith(b"HTTP/1.1 200")


@pytest.mark.parametrize(
    "payload_patch, field",
    [
        ({"note": "x" * 2001}, "note"),
        ({"title": "t" * 257}, "title"),
        ({"title": "a\u0000b"}, "title"),
        ({"title": "\ud800"}, "title"),
        ({"weight": float("nan")}, "weight"),
        ({"weight": float("inf")}, "weight"),
        ({"deep": json.loads("[" * 40 + "1" + "]" * 40)}, "deep"),
    ],
)
def test_event_breaking_a_limit_is_rejected_and_the_others_accepted(platform, payload_patch, field):
    f = EventFactory()
    good1, bad, good2 = wire(f.received("TW1")), wire(f.received("TW2")), wire(f.received("TW3"))
    bad["payload"].update(payload_patch)
    text = json.dumps({"workstation_id": WS, "events": [good1, bad, good2]})  # NaN/Infinity as JSON allows
    r = httpx.post(
        platform.url + "/events",
        content=text.encode("utf-8", "surrogatepass") if "\ud800" in text else text.encode(),
        headers={"Authorization": f"Bearer {TOKEN}", "X-Workstation-Id": WS, "Content-Type": "application/json"},
    )
    results = r.json()["results"]
    assert [x["status"] for x in results] == ["accepted", "rejected", "accepted"]
    assert results[1]["reason"] == "invalid_payload" and results[1]["detail"].split(".")[0].split("[")[0] == field


def test_envelope_strings_are_limited_too(platform):
    f = EventFactory()
    ev = {**wire(f.received("TW1")), "actor": "a" * 257}
    r = httpx.post(
        platform.url + "/events",
        json={"workstation_id": WS, "events": [ev]},
        headers={"Authorization": f"Bearer {TOKEN}", "X-Workstation-Id": WS},
    )
    assert r.json()["results"][0] == {
        "event_id": ev["event_id"],
        "status": "rejected",
        "reason": "invalid_payload",
        "detail": "actor",
    }


def test_a_certificates_qr_payload_is_a_256_character_string(platform):
    """platform-api.md §3 (1.1): qr_payload has no exception; 257 characters are rejected."""
    pdf = b"%PDF-1.7 certificate"
    digest = hashlib.sha256(pdf).hexdigest()
    auth = {"Authorization": f"Bearer {TOKEN}", "X-Workstation-Id": WS}
    assert httpx.put(
        platform.url + f"/blobs/{digest}", content=pdf, headers={**auth, "Content-Type": "application/pdf"}
    ).status_code in (200, 201)
    f = EventFactory()
    fits = f.certificate("TW1", "TWC26120200001734", digest)
    over = f.certificate("TW2", "TWC26120200002704", digest)
    fits.payload["qr_payload"] = "https://platform.example/tw/api/v1/verify/" + "q" * (256 - 42)
    over.payload["qr_payload"] = "https://platform.example/tw/api/v1/verify/" + "q" * (257 - 42)
    r = httpx.post(
        platform.url + "/events", json={"workstation_id": WS, "events": [wire(fits), wire(over)]}, headers=auth
    )
    results = r.json()["results"]
    assert [x["status"] for x in results] == ["accepted", "rejected"], results
    assert results[1]["reason"] == "invalid_payload" and results[1]["detail"] == "qr_payload"


@pytest.mark.parametrize(
    ("method", "path"),
    [("GET", "/inbound?limit=5&debug=1"), ("GET", "/cases?verbose="), ("POST", "/events?dry_run=true")],
)
def test_a_query_parameter_the_operation_does_not_take_is_refused_with_its_name(platform, method, path):
    """The platform's OpenAPI document lists each operation's query parameters; anything else
    is refused (422, named), never silently ignored — an empty value is still a parameter."""
    headers = {"Authorization": f"Bearer {TOKEN}", "X-Workstation-Id": WS}
    body = {"workstation_id": WS, "events": []} if method == "POST" else None
    answer = httpx.request(method, platform.url + path, headers=headers, json=body, timeout=5)
    assert answer.status_code == 422, answer.text
    name = path.split("?")[1].split("&")[-1].split("=")[0]
    assert repr(name) in answer.json()["detail"]


def test_the_query_parameters_an_operation_takes_are_still_accepted(platform):
    headers = {"Authorization": f"Bearer {TOKEN}", "X-Workstation-Id": WS}
    for path in ("/inbound?limit=5&cursor=", "/cases?limit=5", "/certificate-status?limit=5"):
        answer = httpx.get(platform.url + path, headers=headers, timeout=5)
        assert answer.status_code == 200, (path, answer.text)
