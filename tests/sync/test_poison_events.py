"""One bad event never blocks the others: each poison is held as a local rejection with its
reason, and every other event still reaches the (reference) platform."""

from __future__ import annotations

import pytest

from app.refplatform import PlatformServer
from app.sync.engine import MAX_BODY_BYTES
from app.sync.memory_port import MemoryPort

from .helpers import WS, EventFactory
from .test_engine import make_engine

POISONS = {
    "nan": ({"kind": "mass", "value": float("nan"), "unit": "g", "device": {"type": "manual"}}, "local_unserialisable"),
    "infinity": (
        {"kind": "mass", "value": float("inf"), "unit": "g", "device": {"type": "manual"}},
        "local_unserialisable",
    ),
    "lone_surrogate": (
        {"kind": "mass", "value": 1, "unit": "g\udc80", "device": {"type": "manual"}},
        "local_unserialisable",
    ),
    "not_json": ({"kind": "mass", "value": {1, 2}, "unit": "g", "device": {"type": "manual"}}, "local_unserialisable"),
    "oversize": (
        {"kind": "mass", "value": 1, "unit": "g", "device": {"type": "manual"}, "note": "x" * (MAX_BODY_BYTES + 10)},
        "local_too_large",
    ),
}


@pytest.mark.parametrize("poison", sorted(POISONS))
def test_each_poison_is_held_and_every_other_event_arrives(server: PlatformServer, poison: str) -> None:
    payload, reason = POISONS[poison]
    port, f = MemoryPort(), EventFactory()
    good = [f.received("TW2611210000001"), f.mass("TW2611210000001")]
    bad = f.make("measurement.recorded", "TW2611210000001", payload)
    good += [f.mass("TW2611210000001", 3.1), f.received("TW2611210000002"), f.mass("TW2611210000002")]
    for e in [*good, bad]:
        port.add(e)
    report = make_engine(server, port).push()
    stored = [e["event_id"] for e in server.store.events(WS)]
    assert sorted(stored) == sorted(e.event_id for e in good)
    assert list(port.rejected) == [bad.event_id]
    held = port.rejected[bad.event_id]
    assert held.reason == reason and held.detail
    assert report.rejected == 1 and report.sent == len(good)
    assert not port.pending_events(10)


def test_all_poisons_together_in_one_backlog(server: PlatformServer) -> None:
    port, f = MemoryPort(), EventFactory()
    good, bad = [], []
    for i, (payload, _) in enumerate(POISONS.values()):
        tag = f"TW26112100001{i:02d}"
        good.append(f.received(tag))
        bad.append(f.make("measurement.recorded", tag, payload))
        good.append(f.mass(tag))
    for e in sorted(good + bad, key=lambda e: e.seq):
        port.add(e)
    make_engine(server, port).push()
    assert sorted(e["event_id"] for e in server.store.events(WS)) == sorted(e.event_id for e in good)
    assert sorted(port.rejected) == sorted(e.event_id for e in bad)
