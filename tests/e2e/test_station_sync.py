"""A station and the reference platform over real HTTP on loopback: notices come in,
every committed record goes out once and in order, photos first; the warehouse's
signing key is registered and the platform's key list cached for offline checks."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from app.config import load_config
from app.refplatform import PlatformServer
from app.refplatform.asn_gen import generate_notices
from app.sync.worker import wait_until


@pytest.fixture
def platform():
    server = PlatformServer(port=0, tokens={"tok-1": frozenset({"WS-TEST-01"})}, warehouse_id="WH-LOCAL-01").start()
    yield server
    server.stop()


def _runtime(sqlite_station, data_dir, platform, signals=None):  # type: ignore[no-untyped-def]
    from app.runtime.sync import SyncRuntime

    config = load_config(data_dir, env={})
    config.set("workstation_id", "WS-TEST-01")
    config.set("sync_interval_s", 0.2)
    return SyncRuntime(config, sqlite_station, platform.url, "tok-1", signals).start()


def test_pull_push_in_order_with_photos(sqlite_station, sqlite_people, data_dir, platform):
    from tests.services.test_intake_smoke import _jpeg

    for n in generate_notices(2, seed=3, warehouse_id="WH-LOCAL-01"):
        platform.app.store.put_asn(n)
    rt = _runtime(sqlite_station, data_dir, platform)
    try:
        assert wait_until(lambda: len(sqlite_station.intake.open_parcels()) == 2, 10)
        parcel = sqlite_station.intake.open_parcels()[0]
        opened = sqlite_station.intake.receive_parcel(sqlite_people.clerk, parcel.waybill_no)
        line = opened.shipment.lines[0]
        tag = sqlite_station.intake.allocate_tag(sqlite_people.clerk)
        item = sqlite_station.intake.receive_item(
            sqlite_people.clerk, opened.shipment.id, line_id=line.line_id, tag=tag, tag_printed=True
        )
        photo = sqlite_station.photos.attach(sqlite_people.clerk, _jpeg(), "package", tag=item.tag, purpose="intake")
        assert wait_until(lambda: rt.status().pending_events == 0 and rt.status().state == "idle", 15)
        events = platform.app.store.events("WS-TEST-01")
        assert [e["type"] for e in events] == ["shipment.received", "item.received", "photo.attached"]
        assert [e["seq"] for e in events] == sorted(e["seq"] for e in events)
        assert platform.app.store.has_blob(photo.sha256)
        assert rt.status().last_success is not None
    finally:
        rt.stop()


def test_wrong_token_stops_and_says_so(sqlite_station, sqlite_people, data_dir, platform):
    from app.runtime.sync import SyncRuntime

    config = load_config(data_dir, env={})
    config.set("workstation_id", "WS-TEST-01")
    rt = SyncRuntime(config, sqlite_station, platform.url, "wrong-token").start()
    try:
        assert wait_until(lambda: rt.status().state == "auth_failed", 10)
        assert "主管" in (rt.status().error("zh_CN") or "")
    finally:
        rt.stop()


def test_signing_key_registered_and_trusted_offline(sqlite_station, sqlite_people, data_dir, platform):
    from app.certs.trust import CACHE_FILE, TrustedKeys, load_trusted_keys

    certs = getattr(sqlite_station, "certificates", None)
    if certs is None:
        pytest.skip("certificate service not present")
    certs.generate_key(sqlite_people.supervisor, "a long passphrase 1")
    rt = _runtime(sqlite_station, data_dir, platform)
    try:
        assert wait_until(lambda: len(platform.app.store.keys()) == 1, 10)
        key_id = platform.app.store.keys()[0]["key_id"]
        assert wait_until(lambda: certs.unregistered_keys() == [], 10)
        # the platform's list is cached for offline checks (not only the local key store)
        cache = data_dir / CACHE_FILE
        assert wait_until(lambda: cache.exists() and TrustedKeys.load(cache).get(key_id) is not None, 10)
        assert load_trusted_keys(data_dir).get(key_id) is not None
    finally:
        rt.stop()


def test_sync_screen_shows_state_and_rejections(qtbot, ui_factory, sqlite_station, sqlite_people, data_dir, platform):
    from app.ui.sync.screen import SyncScreen

    ui = ui_factory(sqlite_people.supervisor)
    rt = _runtime(sqlite_station, data_dir, platform, ui.signals)
    ui.runtime = SimpleNamespace(sync=rt)
    try:
        screen = SyncScreen(ui)
        qtbot.addWidget(screen)
        screen.show()
        screen.activated()
        qtbot.waitUntil(lambda: screen.state.property("status") == "ok", timeout=10_000)
        assert platform.url in screen.platform.text()
        screen.sync_now()
        qtbot.waitUntil(lambda: screen.last_success.text() not in ("—", "never", "从未"), timeout=10_000)
    finally:
        rt.stop()


def test_sync_once_cli_drains_and_reports(sqlite_station, sqlite_people, data_dir, platform):
    import json
    import os
    import subprocess
    import sys

    from tests.helpers import notice, receive_one

    platform.app.store.put_asn(notice(lines=3))  # the platform knows the notice the station receives against
    receive_one(sqlite_station, sqlite_people)
    env = {
        **os.environ,
        "TW_DATABASE_URL": sqlite_station.db.url,
        "TW_PLATFORM_URL": platform.url,
        "TW_PLATFORM_TOKEN": "tok-1",
        "TW_WORKSTATION_ID": "WS-TEST-01",
    }
    done = subprocess.run(
        [sys.executable, "-m", "app", "--data-dir", str(data_dir), "sync", "--once", "--json"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout)
    assert summary["events_sent"] == 2 and summary["still_pending"] == 0, json.dumps(summary)
    assert len(platform.app.store.events("WS-TEST-01")) == 2
    bad = subprocess.run(
        [sys.executable, "-m", "app", "--data-dir", str(data_dir), "sync", "--once"],
        capture_output=True,
        text=True,
        env={**env, "TW_PLATFORM_TOKEN": "nope"},
        timeout=120,
    )
    assert bad.returncode != 0 and "Traceback" not in bad.stderr and "令牌" in bad.stderr
