"""A platform that lies, stalls or refuses: the engine believes nothing that does not match
what it sent, carries on past bad notices, pushes even when the pull fails, honours
Retry-After within its deadline and stops at once on a refused token."""

from __future__ import annotations

import json
import random

import pytest

from app.sync.client import PlatformClient, ProtocolViolation
from app.sync.engine import SyncEngine
from app.sync.memory_port import MemoryPort
from app.sync.ratelimit import Unlimited
from app.sync.worker import SyncWorker, run_until_done
from tests.helpers import notice

from .fake_platform import FakePlatform
from .helpers import TOKEN, WS, EventFactory

JSON = {"Content-Type": "application/json"}


def _json(data: object, status: int = 200, **headers: str) -> tuple[int, dict[str, str], bytes]:
    return status, {**JSON, **headers}, json.dumps(data).encode()


def _engine(url: str, port: MemoryPort) -> SyncEngine:
    return SyncEngine(port, PlatformClient(url, TOKEN, WS, timeout=5, limiter=Unlimited()), upload_workers=1)


def _port_with(n: int) -> tuple[MemoryPort, list[str]]:
    port, f = MemoryPort(), EventFactory()
    events = [f.mass(f"TW2611210000{i:03d}") for i in range(n)]
    for e in events:
        port.add(e)
    return port, [e.event_id for e in events]


def _empty_feed(method: str, path: str) -> tuple[int, dict[str, str], bytes] | None:
    if path.startswith("/tw/api/v1/inbound"):
        return _json({"shipments": [], "next_cursor": None, "has_more": False})
    return None


@pytest.mark.parametrize("lie", ["unknown_id", "too_few", "too_many", "repeated", "not_a_list", "no_ids"])
def test_a_lying_answer_marks_nothing_as_sent(lie: str) -> None:
    port, ids = _port_with(3)
    outsider = EventFactory(100).mass("TW2611219999999")
    port.add(outsider)  # pending here, but not in the request the platform answers

    def answer(method: str, path: str, body: bytes):  # type: ignore[no-untyped-def]
        sent = [e["event_id"] for e in json.loads(body)["events"]]
        ok = [{"event_id": i, "status": "accepted"} for i in sent]
        results = {
            "unknown_id": ok + [{"event_id": outsider.event_id, "status": "accepted"}],
            "too_few": ok[:-1],
            "too_many": ok + [{"event_id": "0b9f6f9e-6a0e-4b5e-9a7e-0c1d2e3f4a5b", "status": "accepted"}],
            "repeated": ok[:-1] + [ok[0]],
            "not_a_list": {"event_id": sent[0], "status": "accepted"},
            "no_ids": [{"status": "accepted"} for _ in sent],
        }[lie]
        return _json({"results": results})

    with FakePlatform(answer) as fake:
        engine = _engine(fake.url, port)
        engine.page_size = 3  # the outsider is not in the first request
        with pytest.raises(ProtocolViolation) as caught:
            engine.push()
    assert not port.sent  # nothing believed
    assert sorted(e.event_id for e in port.pending_events(10)) == sorted(ids + [outsider.event_id])
    assert "平台" in caught.value.zh and "platform" in caught.value.en


def test_answers_in_another_order_are_fine() -> None:
    port, ids = _port_with(4)

    def answer(method: str, path: str, body: bytes):  # type: ignore[no-untyped-def]
        sent = [e["event_id"] for e in json.loads(body)["events"]]
        return _json({"results": [{"event_id": i, "status": "accepted"} for i in reversed(sent)]})

    with FakePlatform(answer) as fake:
        _engine(fake.url, port).push()
    assert sorted(port.sent) == sorted(ids)


def test_poison_notices_are_handed_back_and_the_feed_goes_on() -> None:
    good1, good2 = notice("ASN-1", waybill="SF1"), notice("ASN-2", waybill="SF2")
    pages = {
        None: {"shipments": [good1, 42, {"revision": 1}], "next_cursor": "c1", "has_more": True},
        "c1": {"shipments": [["not", "a", "notice"], good2], "next_cursor": "c2", "has_more": False},
    }

    def answer(method: str, path: str, body: bytes):  # type: ignore[no-untyped-def]
        cursor = path.split("cursor=")[1].split("&")[0] if "cursor=" in path else None
        return _json(pages[cursor])

    port = MemoryPort()
    with FakePlatform(answer) as fake:
        assert _engine(fake.url, port).pull() == 5
    assert set(port.notices) == {"ASN-1", "ASN-2"}
    assert [n for n, _ in port.refused_notices] == [42, {"revision": 1}, ["not", "a", "notice"]]
    assert port.cursor == "c2"


def test_a_page_without_its_list_is_a_protocol_violation() -> None:
    with FakePlatform(lambda m, p, b: _json({"next_cursor": "x", "has_more": False})) as fake:
        port = MemoryPort()
        with pytest.raises(ProtocolViolation):
            _engine(fake.url, port).pull()
    assert port.cursor is None


def test_push_runs_even_when_the_pull_fails() -> None:
    port, ids = _port_with(3)

    def answer(method: str, path: str, body: bytes):  # type: ignore[no-untyped-def]
        if path.startswith("/tw/api/v1/inbound"):
            return _json({"title": "down"}, 503, **{"Retry-After": "2"})
        sent = [e["event_id"] for e in json.loads(body)["events"]]
        return _json({"results": [{"event_id": i, "status": "accepted"} for i in sent]})

    with FakePlatform(answer) as fake:
        worker = SyncWorker(_engine(fake.url, port), port, rng=random.Random(1))
        delay = worker.run_cycle()
    assert sorted(port.sent) == sorted(ids)
    assert worker.status.state == "backing_off" and delay >= 2


def test_retry_after_is_honoured_within_the_deadline() -> None:
    port, ids = _port_with(2)
    calls = {"events": 0}

    def answer(method: str, path: str, body: bytes):  # type: ignore[no-untyped-def]
        if path.startswith("/tw/api/v1/inbound"):
            return _empty_feed(method, path)
        calls["events"] += 1
        if calls["events"] <= 2:
            return _json({"title": "busy"}, 503, **{"Retry-After": "7"})
        sent = [e["event_id"] for e in json.loads(body)["events"]]
        return _json({"results": [{"event_id": i, "status": "accepted"} for i in sent]})

    now = [0.0]
    slept: list[float] = []

    def sleep(s: float) -> None:
        slept.append(s)
        now[0] += s

    progress = []
    with FakePlatform(answer) as fake:
        report = run_until_done(
            _engine(fake.url, port),
            port,
            max_time=60,
            clock=lambda: now[0],
            sleep=sleep,
            rng=random.Random(3),
            on_progress=progress.append,
        )
    assert report.completed and report.retries == 2
    assert slept and all(s >= 7 for s in slept)
    assert sorted(port.sent) == sorted(ids)
    assert [p.pending for p in progress] == [2, 2] and "503" in (progress[0].error_en or "")


def test_the_deadline_stops_retrying_and_says_what_is_left() -> None:
    port, _ = _port_with(2)

    def answer(method: str, path: str, body: bytes):  # type: ignore[no-untyped-def]
        return _empty_feed(method, path) or _json({"title": "busy"}, 503, **{"Retry-After": "30"})

    now = [0.0]
    with FakePlatform(answer) as fake:
        report = run_until_done(
            _engine(fake.url, port),
            port,
            max_time=20,
            clock=lambda: now[0],
            sleep=lambda s: pytest.fail("must not wait past the deadline"),
        )
    assert not report.completed and report.stopped == "deadline" and report.pending == 2


@pytest.mark.parametrize("status", [401, 403])
def test_a_refused_token_stops_at_once(status: int) -> None:
    port, _ = _port_with(2)
    with FakePlatform(lambda m, p, b: _json({"title": "no"}, status)) as fake:
        report = run_until_done(
            _engine(fake.url, port),
            port,
            max_time=60,
            sleep=lambda s: pytest.fail("a refused token is never retried in a loop"),
        )
        assert len(fake.requests) == 1
    assert report.stopped == "auth_failed" and report.pending == 2 and "主管" in report.last_error.zh  # type: ignore[union-attr]


def test_dropped_and_slow_answers_are_retried_until_everything_is_through() -> None:
    port, ids = _port_with(5)
    calls = {"n": 0}

    def answer(method: str, path: str, body: bytes):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        if path.startswith("/tw/api/v1/inbound"):
            return None if calls["n"] == 1 else _empty_feed(method, path)  # dropped, then fine
        sent = [e["event_id"] for e in json.loads(body)["events"]]
        if calls["n"] <= 3:
            return None  # the connection closes before any answer
        return _json({"results": [{"event_id": i, "status": "accepted"} for i in sent]})

    with FakePlatform(answer) as fake:
        report = run_until_done(_engine(fake.url, port), port, max_time=60, sleep=lambda s: None, rng=random.Random(1))
    assert report.completed and sorted(port.sent) == sorted(ids) and report.notices_pulled == 0


def test_an_answer_slower_than_the_timeout_is_retried() -> None:
    import threading

    port, ids = _port_with(2)
    first = threading.Event()
    release = threading.Event()

    def answer(method: str, path: str, body: bytes):  # type: ignore[no-untyped-def]
        if path.startswith("/tw/api/v1/inbound"):
            return _empty_feed(method, path)
        if not first.is_set():
            first.set()
            release.wait(10)  # far longer than the client waits; the test ends it
            return None
        sent = [e["event_id"] for e in json.loads(body)["events"]]
        return _json({"results": [{"event_id": i, "status": "accepted"} for i in sent]})

    with FakePlatform(answer) as fake:
        engine = SyncEngine(port, PlatformClient(fake.url, TOKEN, WS, timeout=0.3, limiter=Unlimited()))
        report = run_until_done(engine, port, max_time=60, sleep=lambda s: None, rng=random.Random(2))
        release.set()
    assert report.completed and report.retries >= 1 and sorted(port.sent) == sorted(ids)
    assert report.last_error is not None and "reach the platform" in report.last_error.en


def test_a_feed_refused_for_good_is_not_retried_and_not_called_complete() -> None:
    port, ids = _port_with(2)

    def answer(method: str, path: str, body: bytes):  # type: ignore[no-untyped-def]
        if path.startswith("/tw/api/v1/inbound"):
            return _json({"title": "bad cursor", "status": 422}, 422)
        sent = [e["event_id"] for e in json.loads(body)["events"]]
        return _json({"results": [{"event_id": i, "status": "accepted"} for i in sent]})

    with FakePlatform(answer) as fake:
        report = run_until_done(
            _engine(fake.url, port), port, max_time=60, sleep=lambda s: pytest.fail("nothing left worth retrying")
        )
        assert fake.count("GET", "/inbound") == 1
    assert not report.completed and report.stopped == "done" and report.pull_error is not None
    assert sorted(port.sent) == sorted(ids)
