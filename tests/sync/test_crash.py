"""A process running the engine is SIGKILLed mid-batch, several times, and restarted: at the
end the platform holds every event exactly once and every blob, in seq order per item."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app.refplatform import Faults, PlatformServer

from .helpers import EventFactory, jpeg_like, sha
from .sqlite_port import SqlitePort

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")


def fill_outbox(port: SqlitePort, items: int) -> list[str]:
    f = EventFactory()
    ids: list[str] = []
    port.db.execute("BEGIN")
    for i in range(items):  # item by item, like a clerk working through a tray
        tag = f"TW261121{i:07d}"
        data = jpeg_like(i, 4096)
        port.add_blob(sha(data), data, "image/jpeg")
        for e in (f.received(tag), f.mass(tag), f.photo(tag, sha(data)), f.mass(tag, 9.0)):
            port.add(e)
            ids.append(e.event_id)
    port.db.execute("COMMIT")
    return ids


def start_child(db: Path, url: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.sync.crash_child", str(db), url],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def test_sigkill_mid_batch_then_restart_loses_and_duplicates_nothing(tmp_path: Path) -> None:
    db = tmp_path / "outbox.sqlite"
    ids = fill_outbox(SqlitePort(str(db)), items=60)
    faults = Faults(delay_after_store_ms=30)  # the answer is late: kill while the child waits for it
    with PlatformServer(tokens={"tw-test-secret-token-9f3a": "WS-HZ-01-03"}, faults=faults, demo_asns=2) as server:
        kills = 0
        for _ in range(3):
            child = start_child(db, server.url)
            before = len(server.store.events())
            deadline = time.monotonic() + 15
            # Wait until the platform has stored a batch whose answer has not reached the child.
            while len(server.store.events()) == before and time.monotonic() < deadline and child.poll() is None:
                time.sleep(0.005)
            if child.poll() is None:
                os.kill(child.pid, signal.SIGKILL)
                kills += 1
            child.wait(10)
        assert kills == 3
        outbox = SqlitePort(str(db))
        stored_before_restart = len(server.store.events())
        assert 0 < stored_before_restart < len(ids)
        assert outbox.count("sent") < stored_before_restart  # the killed batches were never marked
        server.app.faults = Faults()
        child = start_child(db, server.url)
        _, err = child.communicate(timeout=60)
        assert child.returncode == 0, err.decode()
        stored = server.store.events()
        blobs_present = all(server.store.has_blob(d) for e in stored for d in e["blobs"])
    assert blobs_present
    assert sorted(e["event_id"] for e in stored) == sorted(ids)  # every event, exactly once
    per_item: dict[str, list[int]] = {}
    for e in stored:
        per_item.setdefault(e["item_tag"], []).append(e["seq"])
    assert len(per_item) == 60 and all(seqs == sorted(seqs) for seqs in per_item.values())
    outbox = SqlitePort(str(db))
    assert outbox.count("sent") == len(ids) and outbox.count("pending") == 0 and outbox.count("rejected") == 0
