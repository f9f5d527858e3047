"""PlatformClient against the reference server, with every injected fault."""

from __future__ import annotations

import logging
import time
import traceback

import pytest

from app.refplatform import Faults, PlatformServer
from app.sync.client import (
    AuthError,
    KeyConflict,
    PermanentError,
    PlatformClient,
    TransientError,
    parse_retry_after,
)
from app.sync.ratelimit import TokenBucket, Unlimited

from .helpers import TOKEN, WS, EventFactory, jpeg_like, sha, wire


def test_typed_round_trip(server: PlatformServer, client: PlatformClient) -> None:
    page = client.inbound(limit=2)
    assert len(page["shipments"]) == 2 and page["has_more"] is True
    assert client.inbound(page["next_cursor"])["has_more"] is False
    data = jpeg_like(5)
    assert client.has_blob(sha(data)) is False
    assert client.put_blob(sha(data), data, "image/jpeg") is True
    assert client.put_blob(sha(data), data, "image/jpeg") is False
    assert client.has_blob(sha(data)) is True
    ev = EventFactory().received("TW1")
    assert client.post_events([wire(ev)]) == [{"event_id": ev.event_id, "status": "accepted"}]
    from .test_server_keys import ed25519_body  # 1.1 key binding: the id is computed from the key

    key = ed25519_body("WH-HZ-01")
    assert client.register_key(key["key_id"], "Ed25519", key["public_key_pem"])[0] is True
    assert client.register_key(key["key_id"], "Ed25519", key["public_key_pem"])[0] is False
    with pytest.raises(KeyConflict):
        client.register_key(key["key_id"], "ES256", key["public_key_pem"])
    assert [k["key_id"] for k in client.signing_keys()] == [key["key_id"]]
    assert client.verify("NO-SUCH/CERT")["status"] == "unknown"


@pytest.mark.parametrize(
    "fault, status, retry_after",
    [
        (Faults(p503=1.0, retry_after_s=7), 503, 7.0),
        (Faults(p429=1.0, retry_after_s=3), 429, 3.0),
    ],
)
def test_503_and_429_are_transient_with_retry_after(
    server: PlatformServer, client: PlatformClient, fault: Faults, status: int, retry_after: float
) -> None:
    server.app.faults = fault
    with pytest.raises(TransientError) as info:
        client.inbound()
    assert info.value.status == status and info.value.retry_after == retry_after


def test_dropped_answer_is_transient_and_the_resend_is_a_duplicate(
    server: PlatformServer, client: PlatformClient
) -> None:
    ev = wire(EventFactory().received("TW2"))
    server.app.faults = Faults(p_drop_after_store=1.0)
    with pytest.raises(TransientError) as info:
        client.post_events([ev])
    assert info.value.status is None
    assert [e["event_id"] for e in server.store.events()] == [ev["event_id"]]  # stored, answer lost
    server.app.faults = Faults()
    assert client.post_events([ev])[0]["status"] == "duplicate"


def test_slow_answer_times_out_as_transient(server: PlatformServer) -> None:
    server.app.faults = Faults(slow_ms=400)
    with PlatformClient(server.url, TOKEN, WS, timeout=0.1, limiter=Unlimited()) as slow:
        with pytest.raises(TransientError):
            slow.inbound()
    with PlatformClient(server.url, TOKEN, WS, timeout=2, limiter=Unlimited()) as patient:
        assert "shipments" in patient.inbound()


def test_unreachable_platform_is_transient() -> None:
    srv = PlatformServer(tokens={TOKEN: WS}).start()
    url = srv.url
    srv.stop()
    with PlatformClient(url, TOKEN, WS, timeout=1, limiter=Unlimited()) as c, pytest.raises(TransientError) as info:
        c.inbound()
    assert info.value.status is None


def test_auth_failures(server: PlatformServer) -> None:
    with PlatformClient(server.url, "wrong", WS, limiter=Unlimited()) as c, pytest.raises(AuthError) as info:
        c.inbound()
    assert info.value.status == 401 and "主管" in info.value.zh and "supervisor" in info.value.en
    with PlatformClient(server.url, TOKEN, "WS-NOT-MINE", limiter=Unlimited()) as c, pytest.raises(AuthError) as info:
        c.has_blob("0" * 64)
    assert info.value.status == 403


def test_413_and_422_are_permanent(client: PlatformClient) -> None:
    with pytest.raises(PermanentError) as info:
        client.put_blob(sha(b"a"), b"b", "image/jpeg")
    assert info.value.status == 422 and not isinstance(info.value, TransientError)
    with pytest.raises(PermanentError) as info:
        client.inbound(limit=0)
    assert info.value.status == 422
    big = b"\0" * (20 * 1024 * 1024 + 10)
    with pytest.raises(PermanentError) as info:
        client.put_blob(sha(big), big, "application/pdf")
    assert info.value.status == 413


def test_token_never_shows(server: PlatformServer, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    c = PlatformClient(server.url, TOKEN, WS, limiter=Unlimited())
    c.inbound()
    server.app.faults = Faults(p503=1.0)
    with pytest.raises(TransientError) as info:
        c.inbound()
    server.stop(close_store=False)
    with pytest.raises(TransientError) as offline:
        c.inbound()
    texts = [repr(c), str(c), repr(c.__dict__), repr(c._http.headers), caplog.text]
    for exc in (info.value, offline.value):
        texts += [str(exc), repr(exc), "".join(traceback.format_exception(exc))]
    assert all(TOKEN not in t for t in texts)
    c.close()


def test_token_bucket_paces_in_virtual_time() -> None:
    now = [0.0]
    bucket = TokenBucket(rate=10, clock=lambda: now[0], sleep=lambda s: now.__setitem__(0, now[0] + s))
    stamps = []
    for _ in range(25):
        bucket.acquire()
        stamps.append(now[0])
    assert stamps[-1] == pytest.approx(2.4)
    # any one-second window (half open, rounded against float noise) holds at most 10
    assert max(sum(1 for s in stamps if 0 <= round(s - t, 6) < 1.0) for t in stamps) == 10


def test_client_never_exceeds_ten_requests_per_second(server: PlatformServer) -> None:
    started = time.monotonic()
    with PlatformClient(server.url, TOKEN, WS) as c:  # the default limiter
        for _ in range(13):
            c.has_blob("0" * 64)
    assert time.monotonic() - started >= 1.1
    assert server.stats()[WS]["max_per_second"] <= 10


def test_retry_after_parsing() -> None:
    assert parse_retry_after("5") == 5.0
    assert parse_retry_after(None) is None and parse_retry_after("soon") is None
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:10 GMT", now=lambda: 1445412480.0) == pytest.approx(10.0)
