"""SyncEngine through the in-memory port against the reference platform."""

from __future__ import annotations

import itertools
import json
import threading
import time

import pytest

from app.core.outbox import OutboxEvent
from app.refplatform import Faults, PlatformServer
from app.sync.client import AuthError, PlatformClient, TransientError
from app.sync.engine import SyncEngine
from app.sync.memory_port import MemoryPort
from app.sync.ratelimit import Unlimited
from bench.fault_proxy import FaultPlan, FaultProxy

from .fake_platform import FakePlatform
from .helpers import TOKEN, WS, EventFactory, jpeg_like, sha


def workload(port: MemoryPort, items: int = 6, start: int = 1) -> list[OutboxEvent]:
    """Interleaved item histories, as several clerks at one station would produce them."""
    f = EventFactory(start)
    events: list[OutboxEvent] = []
    for round_ in range(4):
        for i in range(items):
            tag = f"TW26112100{i:05d}"
            if round_ == 0:
                events.append(f.received(tag))
            elif round_ == 1:
                events.append(f.mass(tag, 2.0 + i))
            elif round_ == 2:
                data = jpeg_like(start * 1000 + i)
                port.add_blob(sha(data), data, "image/jpeg")
                events.append(f.photo(tag, sha(data)))
            else:
                pdf = b"%PDF-1.7 " + tag.encode()
                port.add_blob(sha(pdf), pdf, "application/pdf")
                events.append(f.certificate(tag, f"C-{tag}", sha(pdf)))
    for e in events:
        port.add(e)
    return events


def assert_exactly_once_in_order(server: PlatformServer, events: list[OutboxEvent]) -> None:
    stored = server.store.events(WS)
    assert sorted(e["event_id"] for e in stored) == sorted(e.event_id for e in events)
    by_item: dict[str, list[int]] = {}
    for e in stored:
        by_item.setdefault(e["item_tag"], []).append(e["seq"])
    assert all(seqs == sorted(seqs) for seqs in by_item.values())
    for e in events:
        for digest in e.blobs:
            assert server.store.has_blob(digest)


def make_engine(server: PlatformServer, port: MemoryPort, **kw: object) -> SyncEngine:
    return SyncEngine(port, PlatformClient(server.url, TOKEN, WS, timeout=5, limiter=Unlimited()), **kw)


def test_push_drains_everything_once_in_seq_order(server: PlatformServer) -> None:
    port = MemoryPort()
    events = workload(port)
    report = make_engine(server, port).push()
    assert report.sent == len(events) and report.rejected == 0
    assert report.blobs_uploaded == 12 and port.pending_events(10) == []
    assert_exactly_once_in_order(server, events)
    assert port.stats().pending_events == 0


def test_head_then_put_only_missing_blobs(server: PlatformServer) -> None:
    port = MemoryPort()
    events = workload(port, items=3)
    present = next(e for e in events if e.type == "photo.attached").blobs[0]
    server.store.put_blob(present, "image/jpeg", port.blob(present)[0])
    report = make_engine(server, port).push()
    assert report.blobs_uploaded == 5
    assert server.stats()[WS]["by_status"].get("201") == 5


def _photos(port: MemoryPort, n: int) -> list[OutboxEvent]:
    f = EventFactory()
    events: list[OutboxEvent] = []
    for i in range(n):
        data = jpeg_like(7000 + i)
        port.add_blob(sha(data), data, "image/jpeg")
        events += [f.received(f"TW26112100{i:05d}"), f.photo(f"TW26112100{i:05d}", sha(data))]
    for e in events:
        port.add(e)
    return events


def test_drain_of_photos_puts_each_blob_once_and_never_asks_with_head(server: PlatformServer) -> None:
    port = MemoryPort()
    events = _photos(port, 20)
    there = events[7].blobs[0]  # already on the platform: its PUT is answered 200
    server.store.put_blob(there, "image/jpeg", port.blob(there)[0])
    proxy = FaultProxy(server.url, FaultPlan(p503=0, p_drop=0, p_slow=0, rate_limit=0)).start()
    try:
        engine = SyncEngine(port, PlatformClient(proxy.url, TOKEN, WS, timeout=5, limiter=Unlimited()))
        report = engine.push()
        engine.close()
    finally:
        proxy.stop()
    assert proxy.stats.by_request["HEAD /blobs"] == 0
    assert proxy.stats.by_request["PUT /blobs"] == 20
    assert report.sent == 40 and report.blobs_uploaded == 19  # the one already there is not counted
    assert_exactly_once_in_order(server, events)
    # every blob is confirmed, the one answered 200 as well: a second drain sends no blob again
    assert {d for _, d in port.confirmed_blobs} == {d for e in events for d in e.blobs}


def test_already_present_answer_confirms_the_blob_and_its_event_goes() -> None:
    """A platform that answers every PUT with 200 (already present, platform-api 2)."""
    port = MemoryPort()
    events = _photos(port, 3)
    order: list[str] = []

    def answer(method: str, path: str, body: bytes):  # type: ignore[no-untyped-def]
        order.append(method)
        if method == "PUT" and "/blobs/" in path:
            return 200, {}, b""
        if method == "POST" and path.endswith("/events"):
            sent = [e["event_id"] for e in json.loads(body)["events"]]
            results = [{"event_id": i, "status": "accepted"} for i in sent]
            return 200, {"Content-Type": "application/json"}, json.dumps({"results": results}).encode()
        return 404, {}, b""

    with FakePlatform(answer) as fake:
        engine = SyncEngine(port, PlatformClient(fake.url, TOKEN, WS, timeout=5, limiter=Unlimited()))
        report = engine.push()
        engine.close()
        assert fake.count("HEAD") == 0 and fake.count("PUT", "/blobs/") == 3
    assert report.sent == 6 and report.rejected == 0 and report.blobs_uploaded == 0
    assert order.index("POST") > max(i for i, m in enumerate(order) if m == "PUT")  # blobs before events
    assert port.stats().pending_events == 0
    assert {d for _, d in port.confirmed_blobs} == {d for e in events for d in e.blobs}


def test_batches_respect_200_events_and_4_mib(server: PlatformServer) -> None:
    port = MemoryPort()
    f = EventFactory()
    for i in range(450):
        port.add(f.mass(f"T{i}"))
    engine = make_engine(server, port)
    assert engine.push().requests == 3
    # ~1.2 MB of UTF-8 per event, in strings within the 1.1 limits (256 characters each)
    evidence = ["备注" * 128] * 1600
    for i in range(6):
        port.add(f.make("item.discrepancy", f"D{i}", {"kind": "mismatch", "note": "n", "evidence": evidence}))
    report = engine.push()
    assert report.sent == 6 and report.requests == 2  # three fit under 4 MiB, four would not (413)


def test_deferred_missing_blob_is_uploaded_and_later_events_wait(server: PlatformServer) -> None:
    port = MemoryPort()
    f = EventFactory()
    data = jpeg_like(9)
    port.add_blob(sha(data), data, "image/jpeg")
    received = f.received("TWX")
    photo, after = f.photo("TWX", sha(data)), f.mass("TWX")
    for e in (received, photo, after):
        port.add(e)
    engine = make_engine(server, port, page_size=2)  # `after` is in the next page
    engine._present.add(sha(data))  # a stale cache: the engine believes the platform has it
    report = engine.push()
    assert report.deferred == 1 and report.sent == 3 and report.rejected == 0
    seqs = [e["seq"] for e in server.store.events(WS)]
    assert seqs == sorted(seqs)
    assert port.attempts[photo.event_id] == 2


def test_never_skips_ahead_of_a_deferred_event_across_batches(server: PlatformServer) -> None:
    """A deferred event ends its item's turn in this pass even when later events of the same
    item would land in another request (where the platform could not defer them)."""
    port = MemoryPort()
    f = EventFactory()
    data = jpeg_like(10)
    fillers = [f.mass(f"F{i}") for i in range(199)]
    photo = f.photo("TWY", sha(data))
    later = f.mass("TWY")
    for e in (*fillers, photo, later):
        port.add(e)
    engine = make_engine(server, port)
    engine._present.add(sha(data))  # stale: the PUT was "done" before, the platform lost it
    port.add_blob(sha(data), data, "image/jpeg")
    report = engine.push()
    assert report.rejected == 0 and report.sent == 201
    out_of_order = [r for r in report.rejected_results if r.reason == "out_of_order"]
    assert out_of_order == []


def test_rejected_events_are_kept_and_never_resent(server: PlatformServer) -> None:
    port = MemoryPort()
    f = EventFactory()
    bad = f.make("measurement.recorded", "TWZ", {"kind": "mass", "value": 1.0, "device": {"type": "manual"}})
    unknown = f.make("item.levitated", "TWZ", {})
    good = f.mass("TWZ")
    for e in (bad, unknown, good):
        port.add(e)
    engine = make_engine(server, port)
    report = engine.push()
    assert report.sent == 1 and report.rejected == 2
    assert port.rejected[bad.event_id].reason == "invalid_payload" and port.rejected[bad.event_id].detail == "unit"
    assert port.rejected[unknown.event_id].reason == "unknown_type"
    assert port.stats().rejected == 2
    requests = server.stats()[WS]["requests"]
    assert engine.push().requests == 0 and server.stats()[WS]["requests"] == requests


def test_local_blob_problems_become_local_rejections(server: PlatformServer) -> None:
    port = MemoryPort()
    f = EventFactory()
    lost = f.photo("TWL", sha(b"gone"))
    port.add(lost)
    whole_request_invalid = OutboxEvent(
        "not-a-uuid",
        99,
        "item.received",
        "2026-11-21T08:00:00.000Z",
        "a",
        "TWQ",
        None,
        None,
        {"category": "phone", "tag_printed": True},
    )
    fine = f.received("TWQ2")
    port.add(whole_request_invalid)
    port.add(fine)
    report = make_engine(server, port).push()
    assert port.rejected[lost.event_id].reason == "local_blob_missing"
    assert port.rejected["not-a-uuid"].reason == "local_http_422"
    assert fine.event_id in port.sent and report.sent == 1


def test_pull_applies_every_page_and_stores_the_cursor(server: PlatformServer) -> None:
    port = MemoryPort()
    server.load_demo_asns(5, seed=2)
    engine = make_engine(server, port, inbound_limit=3)
    assert engine.pull() == 8 and len(port.notices) == 8
    first_cursor = port.cursor
    assert engine.pull() == 0 and port.cursor == first_cursor
    asn = next(iter(port.notices))
    server.store.cancel_asn(asn)
    assert engine.pull() == 1 and port.notices[asn]["status"] == "cancelled"


def test_auth_failure_propagates(server: PlatformServer) -> None:
    port = MemoryPort()
    port.add(EventFactory().received("TWA"))
    engine = SyncEngine(port, PlatformClient(server.url, "stolen?", WS, limiter=Unlimited()))
    with pytest.raises(AuthError):
        engine.push()
    assert len(port.pending_events(5)) == 1


@pytest.mark.parametrize(
    ("seed", "items", "page_size"),
    [
        (1, 25, 40),  # pages of one batch
        (2, 25, 40),
        (3, 130, 1000),  # 520 events and 260 blobs in one page: three batches per pass
        (4, 130, 1000),
    ],
)
def test_exactly_once_under_every_fault(server: PlatformServer, seed: int, items: int, page_size: int) -> None:
    port = MemoryPort()
    events = workload(port, items=items)
    server.app.faults = Faults(p503=0.2, p429=0.1, p_drop_after_store=0.2, slow_ms=2, retry_after_s=0, seed=seed)
    server.app._rng.seed(seed)
    engine = make_engine(server, port, page_size=page_size)
    transient = 0
    for _ in itertools.count():
        try:
            engine.push()
        except TransientError:
            transient += 1
            continue
        if not port.pending_events(1):
            break
        assert transient < 500
    assert transient > 0  # the faults really happened
    assert_exactly_once_in_order(server, events)
    assert not port.rejected


class _CountingPort(MemoryPort):
    """Records how confirmations reach the port: with a batch's verdicts, or on their own."""

    def __init__(self) -> None:
        super().__init__()
        self.calls: list[str] = []

    def mark_results(self, results, confirmed=None):  # type: ignore[no-untyped-def]
        self.calls.append("mark_results+blobs" if confirmed else "mark_results")
        super().mark_results(results, confirmed)

    def remember_blobs(self, platform: str, digests: list[str]) -> None:
        self.calls.append("remember_blobs")
        super().remember_blobs(platform, digests)


def test_blob_confirmations_are_saved_with_the_batch_results(server: PlatformServer) -> None:
    """A drain saves the blobs the platform confirmed in the transaction that records the
    batch's verdicts, not in one of their own per group of uploads."""
    port = _CountingPort()
    events = _photos(port, 40)
    report = make_engine(server, port).push()
    assert report.sent == 80 and report.blobs_uploaded == 40
    assert "remember_blobs" not in port.calls and "mark_results+blobs" in port.calls
    assert {d for _, d in port.confirmed_blobs} == {d for e in events for d in e.blobs}


def test_blob_confirmations_are_saved_before_a_failure_is_raised(server: PlatformServer) -> None:
    """Uploads that succeeded before the platform failed stay confirmed (durably) when the
    failure is raised, though no verdict was recorded."""
    port = _CountingPort()
    events = _photos(port, 3)
    engine = make_engine(server, port)
    calls = itertools.count()
    real_put = engine.client.put_blob

    def put_then_fail(*args):  # type: ignore[no-untyped-def]
        if next(calls) >= 2:
            raise TransientError("平台暂时不可用", "platform went away")
        return real_put(*args)

    engine.client.put_blob = put_then_fail  # type: ignore[method-assign]
    engine.upload_workers = 1
    with pytest.raises(TransientError):
        engine.push()
    assert port.calls == ["remember_blobs"]
    assert len(port.confirmed_blobs) == 2 and port.pending_events(100) == events


class _ThreadWatchingPort(MemoryPort):
    """Notes which thread asks the port for a blob and which reads its bytes, and how many
    reads run at once."""

    def __init__(self) -> None:
        super().__init__()
        self.asked_on: set[int] = set()
        self.read_on: set[int] = set()
        self.reading = self.most_at_once = 0
        self._count = threading.Lock()

    def blob_reader(self, sha256: str):  # type: ignore[no-untyped-def]
        self.asked_on.add(threading.get_ident())
        read, content_type = super().blob_reader(sha256)

        def watched() -> bytes:
            with self._count:
                self.reading += 1
                self.most_at_once = max(self.most_at_once, self.reading)
            self.read_on.add(threading.get_ident())
            try:
                time.sleep(0.002)  # a disk read: long enough for the other uploads to overlap it
                return read()
            finally:
                with self._count:
                    self.reading -= 1

        return watched, content_type


def test_blob_bytes_are_read_on_the_upload_threads_and_the_port_is_asked_on_the_engines(
    server: PlatformServer,
) -> None:
    """The port (whose database session may be bound to the engine's thread) is only asked on
    the engine's thread; the bytes are read on the upload threads, never more at once than
    there are of them, so a photo backlog is never held in memory."""
    port = _ThreadWatchingPort()
    events = _photos(port, 40)
    report = make_engine(server, port, upload_workers=3).push()
    assert report.blobs_uploaded == 40 and report.sent == len(events)
    assert port.asked_on == {threading.get_ident()}
    assert port.read_on and threading.get_ident() not in port.read_on
    assert len(port.read_on) <= 3 and port.most_at_once <= 3
    assert_exactly_once_in_order(server, events)
