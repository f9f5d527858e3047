"""SyncWorker: schedule, states, backoff, stop/join."""

from __future__ import annotations

import random

import pytest

from app.refplatform import Faults, PlatformServer
from app.sync.client import PlatformClient
from app.sync.engine import SyncEngine
from app.sync.memory_port import MemoryPort
from app.sync.ratelimit import Unlimited
from app.sync.worker import SyncStatus, SyncWorker, backoff_delay, wait_until

from .helpers import TOKEN, WS, EventFactory


def make_worker(url: str, port: MemoryPort, token: str = TOKEN, **kw: object) -> tuple[SyncWorker, list[SyncStatus]]:
    seen: list[SyncStatus] = []
    engine = SyncEngine(port, PlatformClient(url, token, WS, timeout=2, limiter=Unlimited()))
    worker = SyncWorker(engine, port, on_status=seen.append, rng=random.Random(1), **kw)
    return worker, seen


def test_worker_syncs_on_start_and_on_demand(server: PlatformServer) -> None:
    port = MemoryPort()
    f = EventFactory()
    port.add(f.received("TW1"))
    worker, seen = make_worker(server.url, port, interval_s=60)
    worker.start()
    try:
        assert wait_until(lambda: worker.status.last_success is not None, 5)
        assert worker.status.state == "idle" and worker.status.pending_events == 0
        assert len(port.notices) == 3  # the pull ran too
        port.add(f.mass("TW1"))
        worker.sync_now()
        assert wait_until(lambda: not port.events, 5)
    finally:
        worker.stop()
    assert worker.status.state == "stopped"
    assert {"syncing", "idle"} <= {s.state for s in seen}
    assert len(server.store.events()) == 2


def test_refused_token_stops_syncing_with_bilingual_words(server: PlatformServer) -> None:
    port = MemoryPort()
    port.add(EventFactory().received("TW2"))
    worker, _ = make_worker(server.url, port, token="revoked", interval_s=0.01)
    worker.start()
    try:
        assert wait_until(lambda: worker.status.state == "auth_failed", 5)
        cycles = worker.cycles
        wait_until(lambda: False, 0.3)
        assert worker.cycles == cycles  # no retry loop
        status = worker.status
        assert status.error("zh_CN") == "平台拒绝了本工作站的令牌，请联系主管"
        assert status.error("en") == "The platform refused this workstation's token; tell a supervisor"
        assert status.pending_events == 1
        worker.sync_now()  # e.g. after a supervisor entered a new token
        assert wait_until(lambda: worker.cycles == cycles + 1, 5)
    finally:
        worker.stop()


def test_offline_then_back(server: PlatformServer) -> None:
    port = MemoryPort()
    port.add(EventFactory().received("TW3"))
    dead = PlatformServer(tokens={TOKEN: WS}).start()
    dead_url = dead.url
    dead.stop()
    worker, _ = make_worker(dead_url, port, interval_s=60, backoff_base=0.05, backoff_cap=0.1)
    worker.start()
    try:
        assert wait_until(lambda: worker.status.state == "offline", 5)
        assert worker.status.error_en and "retry" in worker.status.error_en
        assert wait_until(lambda: worker.cycles >= 3, 5)  # it keeps retrying, with backoff
        worker.engine.client.base_url = server.url  # the network comes back (same contract)
        assert wait_until(lambda: worker.status.state == "idle" and not port.events, 5)
        assert worker.status.error_zh is None
    finally:
        worker.stop()


def test_backing_off_honours_retry_after(server: PlatformServer) -> None:
    port = MemoryPort()
    server.app.faults = Faults(p503=1.0, retry_after_s=30)
    worker, _ = make_worker(server.url, port, interval_s=60, backoff_base=0.01, backoff_cap=0.02)
    worker.start()
    try:
        assert wait_until(lambda: worker.status.state == "backing_off", 5)
        assert worker.status.retry_in_s == pytest.approx(30)
        assert worker.cycles == 1
    finally:
        worker.stop(timeout=5)
    assert not worker._thread or not worker._thread.is_alive()


def test_backoff_delay_grows_with_jitter_and_cap() -> None:
    rng = random.Random(3)
    delays = [backoff_delay(n, rng, base=1, cap=8) for n in range(1, 40)]
    assert all(0 <= d <= 8 for d in delays)
    assert max(delays[:2]) <= 2 and max(delays[5:]) > 4
    assert len({round(d, 6) for d in delays}) == len(delays)  # jittered, not lock-step
    assert backoff_delay(1, rng, retry_after=12) >= 12
