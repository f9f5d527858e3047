"""A pass of several batches under failures: what the platform answered is recorded before a
later failure is raised, and a failure to record is raised and converges on the next push.
(Exactly once under random faults with several batches per pass: test_engine's fault test.)"""

from __future__ import annotations

from typing import Any

import pytest

from app.core.outbox import EventResult, OutboxEvent
from app.refplatform import PlatformServer
from app.sync.client import TransientError
from app.sync.engine import MAX_EVENTS_PER_REQUEST
from app.sync.memory_port import MemoryPort

from .helpers import WS, EventFactory, jpeg_like, sha
from .test_engine import assert_exactly_once_in_order, make_engine


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
    engine = make_engine(server, port)
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
    engine = make_engine(server, port)
    with pytest.raises(OSError, match="disk full"):
        engine.push()
    assert len(port.pending_events(1000)) == len(events) and not port.sent
    assert len(server.store.events(WS)) >= MAX_EVENTS_PER_REQUEST
    report = engine.push()
    engine.close()
    assert report.sent == len(events) and report.rejected == 0 and port.pending_events(1) == []
    assert_exactly_once_in_order(server, events)
