"""``python -m app sync --once`` on a real station database: it retries through a faulty
platform until done, remembers blobs the platform confirmed across processes, and keeps
a notice it cannot apply for a supervisor while the others apply."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from app.refplatform import PlatformServer
from app.runtime.platform import teach_local_notices
from app.services.sync_port import StationSyncPort
from app.store.models import OutboxEvent as OutboxRow
from app.sync.client import PlatformClient, TransientError
from app.sync.engine import SyncEngine
from app.sync.ratelimit import Unlimited
from bench.fault_proxy import FaultPlan, FaultProxy
from tests.helpers import notice, receive_one

TOKEN = "tw-once-token-7c1e"
ROOT = Path(__file__).resolve().parents[2]


def _photo(seed: int) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (48, 48), (seed * 37 % 256, seed * 91 % 256, 120)).save(out, "JPEG", quality=80)
    return out.getvalue()


def _station_with_photos(station, people, n: int = 3) -> str:  # type: ignore[no-untyped-def]
    item = receive_one(station, people)
    for i in range(n):
        station.photos.attach(
            people.clerk, _photo(i + 1), ("front", "back", "side")[i % 3], tag=item.tag, purpose="intake"
        )
    return item.tag


def _outbox_ids(station) -> list[str]:  # type: ignore[no-untyped-def]
    with station.db.read() as s:
        return list(s.execute(select(OutboxRow.event_id)).scalars())


@pytest.fixture
def platform(sqlite_station):  # type: ignore[no-untyped-def]
    srv = PlatformServer(tokens={TOKEN: sqlite_station.ctx.workstation_id}, warehouse_id="WH-LOCAL-01").start()
    yield srv
    srv.stop()


def test_sync_once_finishes_through_503s_and_dropped_answers(sqlite_station, sqlite_people, platform, data_dir) -> None:
    _station_with_photos(sqlite_station, sqlite_people)
    teach_local_notices(platform, sqlite_station)
    ids = _outbox_ids(sqlite_station)
    proxy = FaultProxy(
        platform.url, FaultPlan(p503=0.3, p_drop=0.2, p_slow=0.1, slow_s=(0.05, 0.2), retry_after_s=1, seed=4)
    ).start()
    env = {
        **os.environ,
        "TW_DATABASE_URL": sqlite_station.db.url,
        "TW_PLATFORM_URL": proxy.url,
        "TW_PLATFORM_TOKEN": TOKEN,
        "TW_WORKSTATION_ID": sqlite_station.ctx.workstation_id,
    }
    try:
        done = subprocess.run(
            [sys.executable, "-m", "app", "--data-dir", str(data_dir), "sync", "--once", "--json", "--max-time", "90"],
            capture_output=True,
            text=True,
            env=env,
            cwd=ROOT,
            timeout=150,
        )
    finally:
        proxy.stop()
    assert done.returncode == 0, done.stdout + done.stderr
    summary = json.loads(done.stdout.strip().splitlines()[-1])
    assert summary["completed"] and summary["still_pending"] == 0 and summary["retries"] >= 1
    assert proxy.stats.answered_503 + proxy.stats.dropped >= 1 and not proxy.stats.violations
    assert "retry in" in done.stderr  # progress was reported while waiting
    stored = [e["event_id"] for e in platform.store.events(sqlite_station.ctx.workstation_id)]
    assert sorted(stored) == sorted(ids)
    assert summary["audit_anchor"]["chain_index"] > 0  # the chain head was signed on the way


def test_blobs_confirmed_by_the_platform_are_not_asked_about_again(sqlite_station, sqlite_people, platform) -> None:
    _station_with_photos(sqlite_station, sqlite_people, n=3)
    teach_local_notices(platform, sqlite_station)
    # First process: every blob goes up, then the platform refuses every POST /events.
    proxy = FaultProxy(platform.url, FaultPlan(p503=0, p_drop=0, p_slow=0, rate_limit=0)).start()
    proxy.plan.fail_paths = ("/events",)
    try:
        first = SyncEngine(
            StationSyncPort(sqlite_station.ctx),
            PlatformClient(proxy.url, TOKEN, sqlite_station.ctx.workstation_id, limiter=Unlimited()),
        )
        with pytest.raises(TransientError):
            first.push()
        first.close()
        assert proxy.stats.by_request["PUT /blobs"] == 3
        # A second process (new port, new engine, new client) knows from the database.
        proxy.plan.fail_paths = ()
        proxy.stats.by_request.clear()
        port = StationSyncPort(sqlite_station.ctx)
        second = SyncEngine(
            port, PlatformClient(proxy.url, TOKEN, sqlite_station.ctx.workstation_id, limiter=Unlimited())
        )
        report = second.push()
        second.close()
    finally:
        proxy.stop()
    assert proxy.stats.by_request["HEAD /blobs"] == 0 and proxy.stats.by_request["PUT /blobs"] == 0
    assert report.sent == len(_outbox_ids(sqlite_station)) and port.stats().pending_events == 0


def test_a_missing_blob_answer_forgets_the_confirmation(sqlite_station, sqlite_people, platform) -> None:
    _station_with_photos(sqlite_station, sqlite_people, n=1)
    teach_local_notices(platform, sqlite_station)
    port = StationSyncPort(sqlite_station.ctx)
    with sqlite_station.db.read() as s:
        digest = s.execute(select(OutboxRow.blobs).where(OutboxRow.type == "photo.attached")).scalar_one()[0]
    port.remember_blobs(platform.url, [digest])  # a stale belief: the platform never got it
    engine = SyncEngine(
        port, PlatformClient(platform.url, TOKEN, sqlite_station.ctx.workstation_id, limiter=Unlimited())
    )
    engine.push()
    engine.close()
    assert platform.store.has_blob(digest) and port.stats().pending_events == 0


def test_a_notice_the_station_cannot_apply_is_kept_and_the_rest_apply(sqlite_station, sqlite_people, platform) -> None:
    bad = notice("ASN-BAD-1", waybill="SF9990001")
    bad["lines"] = "not a list"
    platform.store.put_asn(notice("ASN-GOOD-1", waybill="SF9990002"))
    platform.store.put_asn(bad)
    platform.store.put_asn(notice("ASN-GOOD-2", waybill="SF9990003"))
    port = StationSyncPort(sqlite_station.ctx)
    engine = SyncEngine(
        port, PlatformClient(platform.url, TOKEN, sqlite_station.ctx.workstation_id, limiter=Unlimited())
    )
    assert engine.pull() >= 3
    known = {n["asn_id"] for n in sqlite_station.notices.known_notices()}
    assert {"ASN-GOOD-1", "ASN-GOOD-2"} <= known and "ASN-BAD-1" not in known
    errors = port.notice_errors()
    assert "ASN-BAD-1" in errors and errors["ASN-BAD-1"]["en"] and "not a list" in errors["ASN-BAD-1"]["notice"]


def test_blob_confirmations_on_both_databases(station) -> None:  # type: ignore[no-untyped-def]
    a, b = "a" * 64, "b" * 64
    first, second = StationSyncPort(station.ctx), StationSyncPort(station.ctx)
    first.remember_blobs("http://p1/api", [a, b])
    first.remember_blobs("http://p1/api", [a])  # again (another station sharing the database): no error
    assert second.known_blobs("http://p1/api", [a, b, "c" * 64]) == {a, b}
    assert second.known_blobs("http://p2/api", [a]) == set()  # another platform knows nothing of it
    second.forget_blobs("http://p1/api", [a])
    assert first.known_blobs("http://p1/api", [a, b]) == {b}


def test_after_each_successful_cycle_the_hooks_run_and_a_failing_one_does_not_stop_sync(
    sqlite_station, sqlite_people, platform, data_dir
) -> None:
    from app.config import load_config
    from app.runtime.sync import record_anchor
    from app.store.audit_anchor import AnchorBook
    from app.sync.worker import SyncWorker

    receive_one(sqlite_station, sqlite_people)
    teach_local_notices(platform, sqlite_station)
    port = StationSyncPort(sqlite_station.ctx)
    worker = SyncWorker(
        SyncEngine(port, PlatformClient(platform.url, TOKEN, sqlite_station.ctx.workstation_id, limiter=Unlimited())),
        port,
    )

    config = load_config(data_dir, env={})
    worker.after_cycle += [lambda: 1 / 0, lambda: record_anchor(sqlite_station, config)]  # type: ignore[arg-type]
    worker.run_cycle()
    worker.engine.close()
    assert worker.status.state == "idle" and port.stats().pending_events == 0
    anchor, bad = AnchorBook(data_dir, sqlite_station.ctx.workstation_id).newest()
    assert anchor is not None and anchor.chain_index > 0 and not bad


def test_a_photo_file_gone_or_damaged_on_disk_is_rejected_locally_and_the_rest_go(
    sqlite_station, sqlite_people, platform
) -> None:
    """A photo whose file was deleted or altered on the station's disk can never be sent as
    recorded. Its event is rejected locally, with the reason, for a supervisor. Every other
    event still reaches the platform. Before this, the store's error left push: every cycle
    stopped at the same photo and nothing after it was ever sent."""
    tag = _station_with_photos(sqlite_station, sqlite_people, n=3)
    teach_local_notices(platform, sqlite_station)
    with sqlite_station.db.read() as s:
        photo_rows = s.execute(
            select(OutboxRow.event_id, OutboxRow.blobs)
            .where(OutboxRow.type == "photo.attached")
            .order_by(OutboxRow.seq)
        ).all()
    (gone_id, gone), (damaged_id, damaged), (_, intact) = [(r.event_id, r.blobs[0]) for r in photo_rows]
    sqlite_station.ctx.blobs.path(gone).unlink()
    sqlite_station.ctx.blobs.path(damaged).write_bytes(b"\xff\xd8 not the photo that was recorded")
    port = StationSyncPort(sqlite_station.ctx)
    engine = SyncEngine(
        port, PlatformClient(platform.url, TOKEN, sqlite_station.ctx.workstation_id, limiter=Unlimited())
    )
    report = engine.push()
    engine.close()
    rejected = {r.event_id: r for r in port.rejected_events()}
    assert set(rejected) == {gone_id, damaged_id}
    assert rejected[gone_id].reason == "local_blob_unreadable" and "missing" in (rejected[gone_id].detail or "")
    assert rejected[damaged_id].reason == "local_blob_unreadable" and "damaged" in (rejected[damaged_id].detail or "")
    stored = {e["event_id"] for e in platform.store.events(sqlite_station.ctx.workstation_id)}
    assert stored == set(_outbox_ids(sqlite_station)) - {gone_id, damaged_id}
    assert platform.store.has_blob(intact) and not platform.store.has_blob(damaged)
    assert report.rejected == 2 and port.stats().pending_events == 0 and tag
