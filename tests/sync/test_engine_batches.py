"""A pass of several batches under failures: what the platform answered is recorded before a
later failure is raised, a failure to record is raised and converges on the next push, and
exactly once in seq order per item holds under faults with several batches per pass (the
engine's fault test in test_engine uses pages of one batch)."""

from __future__ import annotations

import itertools
from typing import Any

import pytest

from app.core.outbox import EventResult, OutboxEvent
from app.refplatform import Faults, PlatformServer
from app.sync.client import PlatformClient, TransientError
from app.sync.engine import MAX_EVENTS_PER_REQUEST, SyncEngine
from app.sync.memory_port import MemoryPort
from app.sync.ratelimit import Unlimited

from .helpers import TOKEN, WS, EventFactory, jpeg_like, sha
from .test_engine import assert_exactly_once_in_order, workload


def _engine(server: PlatformServer, port: MemoryPort) -> SyncEngine:
    return SyncEngine(port, PlatformClient(server.url, TOKEN, WS, timeout=5, limiter=Unlimited()))


def _masses_then_photos(port: MemoryPort, masses: int, photos: int) -> list[OutboxEvent]:
    """``masses`` events without blobs (whole batches), then photos of other items."""
    f = EventFactory()
    events = [f.mass(f"TW2612010{i:06d}") for i in range(masses)]
    for i in range(photos):
        data = jpeg_like(500 + i)
        port.add_blob(sha(data), data, "image/jpeg")
        events.append(f.photo(f"TW2612019{i:06d}", sha(data)))
    for e in events:
        port.add(e)
    return events


def test_a_batchs_answer_is_kept_when_the_next_batchs_uploads_fail(server: PlatformServer) -> None:
    port = MemoryPort()
    events = _masses_then_photos(port, MAX_EVENTS_PER_REQUEST, 3)
    engine = _engine(server, port)
    real_put = engine.client.put_blob

    def refuse(*args: Any) -> bool:
        raise TransientError("平台暂时不可用", "platform unavailable")

    engine.client.put_blob = refuse  # type: ignore[method-assign]
    with pytest.raises(TransientError):
        engine.push()
    assert len(port.sent) == MAX_EVENTS_PER_REQUEST  # the first batch's verdicts were recorded
    assert [e.event_id for e in port.pending_events(10)] == [e.event_id for e in events[-3:]]
    engine.client.put_blob = real_put  # type: ignore[method-assign]
    report = engine.push()
    engine.close()
    assert report.sent == 3 and report.blobs_uploaded == 3
    assert_exactly_once_in_order(server, events)


class _FullDisk(MemoryPort):
    """Refuses to record the first batch's verdicts once, as a full disk would."""

    def __init__(self) -> None:
        super().__init__()
        self.failed = False

    def mark_results(self, results: list[EventResult], confirmed: tuple[str, list[str]] | None = None) -> None:
        if results and not self.failed:
            self.failed = True
            raise OSError("disk full")
        super().mark_results(results, confirmed)


def test_a_failure_to_record_verdicts_is_raised_and_the_next_push_converges(server: PlatformServer) -> None:
    """The platform stored the first batch but the station could not record it: the error
    reaches the caller, nothing is counted as sent, and the next push resends the batch, which
    the platform answers as duplicates, so every event is stored once."""
    port = _FullDisk()
    events = _masses_then_photos(port, 2 * MAX_EVENTS_PER_REQUEST, 0)
    engine = _engine(server, port)
    with pytest.raises(OSError, match="disk full"):
        engine.push()
    assert len(port.pending_events(1000)) == len(events) and not port.sent
    assert len(server.store.events(WS)) >= MAX_EVENTS_PER_REQUEST
    report = engine.push()
    engine.close()
    assert report.sent == len(events) and report.rejected == 0 and port.pending_events(1) == []
    assert_exactly_once_in_order(server, events)


@pytest.mark.parametrize("seed", [3, 4])
def test_exactly_once_under_every_fault_with_several_batches_per_pass(server: PlatformServer, seed: int) -> None:
    port = MemoryPort()
    events = workload(port, items=130)  # 520 events and 260 blobs: three batches per pass
    server.app.faults = Faults(p503=0.15, p429=0.05, p_drop_after_store=0.15, slow_ms=1, retry_after_s=0, seed=seed)
    server.app._rng.seed(seed)
    engine = _engine(server, port)
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
    engine.close()
    assert transient > 0  # the faults really happened
    assert_exactly_once_in_order(server, events)
    assert not port.rejected
