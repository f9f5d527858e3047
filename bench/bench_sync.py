"""Sync benchmark: drain a backlog of events and photos through the engine on loopback.

Compares the engine (HEAD + PUT per missing photo, events in batches, results marked through
the port) with a bare HTTP client sending the same bytes (PUT every photo, POST the same
batches) against a fresh reference platform each, in the same run. The platform runs in its
own process so its work does not compete with the measured process for the GIL. The 10 req/s
limiter is switched off: on loopback it would measure the limiter, not the engine.

Sizes: TW_BENCH_SYNC_EVENTS (default 10000), TW_BENCH_SYNC_PHOTOS (default 3000).
``python bench/bench_sync.py`` prints one JSON object per line.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import resource
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from app.sync.client import PlatformClient, encode_events  # noqa: E402
from app.sync.engine import SyncEngine  # noqa: E402
from app.sync.memory_port import MemoryPort  # noqa: E402
from app.sync.port import OutboxEvent  # noqa: E402
from app.sync.ratelimit import Unlimited  # noqa: E402

TOKEN, WS = "bench-token", "WS-BENCH-01"
THROUGHPUT_TARGET = 0.60
RSS_TARGET_MB = 250.0


def photo_bytes(i: int) -> bytes:
    """A deterministic 30-60 KB JPEG-sized blob, regenerated on demand (never all in memory)."""
    rng = random.Random(i)
    return b"\xff\xd8\xff\xe0" + rng.randbytes(rng.randrange(30_000, 60_000))


def build_backlog(n_events: int, n_photos: int) -> tuple[list[OutboxEvent], dict[str, int]]:
    digests = {hashlib.sha256(photo_bytes(i)).hexdigest(): i for i in range(n_photos)}
    photo_list = list(digests)
    events: list[OutboxEvent] = []
    per_item = max(1, n_events // max(1, n_photos // 3 or 1))  # about three photos per item
    for seq in range(1, n_events + 1):
        item = f"TW2611{(seq - 1) // per_item:09d}"
        k = seq - 1
        if k < n_photos:  # photos spread through the backlog, in their items' order
            p = photo_list[k]
            etype, payload, blobs = "photo.attached", {"view": "front"}, (p,)
        else:
            etype, payload, blobs = "measurement.recorded", {"kind": "mass", "value": 2.347, "unit": "g",
                                                             "device": {"type": "scale", "model": "XPR204"}}, ()
        events.append(OutboxEvent(str(uuid.UUID(int=seq)), seq, etype, "2026-11-21T08:15:02.125Z",
                                  "appraiser.li", item, None, None, payload, blobs))
    events.sort(key=lambda e: e.seq)
    return events, digests


class PlatformProcess:
    def __init__(self) -> None:
        self.proc = subprocess.Popen([sys.executable, "-m", "app.sync.server", "--port", "0",
                                      "--token", f"{TOKEN}={WS}"], cwd=ROOT, stdout=subprocess.PIPE, text=True)
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        if "listening on" not in line:
            self.proc.kill()
            raise RuntimeError(f"platform did not start: {line!r}")
        self.url = line.rsplit(" ", 1)[1].strip()

    def close(self) -> None:
        self.proc.terminate()
        self.proc.wait(10)


def bare_client(url: str, events: list[OutboxEvent], digests: dict[str, int]) -> tuple[float, int]:
    import socket

    import httpx

    headers = {"Authorization": f"Bearer {TOKEN}", "X-Workstation-Id": WS}
    sent = 0
    started = time.perf_counter()
    # Same socket options as PlatformClient, so the ratio measures the engine, not socket tuning.
    transport = httpx.HTTPTransport(socket_options=[(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)])
    with httpx.Client(headers=headers, timeout=60, transport=transport) as http:
        for digest, i in digests.items():
            data = photo_bytes(i)
            http.put(f"{url}/blobs/{digest}", content=data, headers={"Content-Type": "image/jpeg"}).raise_for_status()
            sent += len(data)
        for start in range(0, len(events), 200):
            body = encode_events(WS, [e.to_wire() for e in events[start:start + 200]])
            http.post(f"{url}/events", content=body, headers={"Content-Type": "application/json"}).raise_for_status()
            sent += len(body)
    return time.perf_counter() - started, sent


def engine_drain(url: str, events: list[OutboxEvent], digests: dict[str, int]) -> tuple[float, int]:
    port = MemoryPort(blob_source=lambda d: (photo_bytes(digests[d]), "image/jpeg"))
    for e in events:
        port.add(e)
    client = PlatformClient(url, TOKEN, WS, timeout=60, limiter=Unlimited())
    engine = SyncEngine(port, client)
    started = time.perf_counter()
    report = engine.push()
    elapsed = time.perf_counter() - started
    client.close()
    if port.pending_events(1) or port.rejected or report.sent != len(events):
        raise RuntimeError(f"backlog not drained: {report}")
    payload = sum(len(photo_bytes(i)) for i in digests.values()) + sum(
        len(json.dumps(e.to_wire(), ensure_ascii=False, separators=(",", ":"))) for e in events)
    return elapsed, payload


def run() -> list[dict[str, Any]]:
    n_events = int(os.environ.get("TW_BENCH_SYNC_EVENTS", "10000"))
    n_photos = min(n_events, int(os.environ.get("TW_BENCH_SYNC_PHOTOS", "3000")))
    events, digests = build_backlog(n_events, n_photos)
    timings = {}
    for name, fn in (("bare", bare_client), ("engine", engine_drain)):
        platform = PlatformProcess()
        try:
            timings[name] = fn(platform.url, events, digests)
        finally:
            platform.close()
    (bare_s, bare_bytes), (engine_s, engine_bytes) = timings["bare"], timings["engine"]
    bare_mbps, engine_mbps = bare_bytes / bare_s / 1e6, engine_bytes / engine_s / 1e6
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB
    ratio = engine_mbps / bare_mbps
    label = f"{n_events} events + {n_photos} photos"
    return [
        {"name": f"sync_drain_throughput ({label})", "value": round(engine_mbps, 2), "unit": "MB/s",
         "baseline": round(bare_mbps, 2), "ratio": round(ratio, 3), "target": THROUGHPUT_TARGET,
         "ok": ratio >= THROUGHPUT_TARGET},
        {"name": f"sync_drain_events_per_s ({label})", "value": round(n_events / engine_s, 1), "unit": "events/s",
         "baseline": round(n_events / bare_s, 1), "ratio": round(bare_s / engine_s, 3), "target": THROUGHPUT_TARGET,
         "ok": bare_s / engine_s >= THROUGHPUT_TARGET},
        {"name": f"sync_drain_peak_rss ({label})", "value": round(rss_mb, 1), "unit": "MB", "baseline": None,
         "ratio": round(rss_mb / RSS_TARGET_MB, 3), "target": RSS_TARGET_MB, "ok": rss_mb < RSS_TARGET_MB},
    ]


if __name__ == "__main__":
    for figure in run():
        print(json.dumps(figure, ensure_ascii=False))
