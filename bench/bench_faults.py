"""Fault matrix: does ``python -m app sync --once`` finish against a platform that misbehaves?

A station database is filled with demo records through the operations (events, photos,
certificate PDFs), then for each row of the matrix a copy of it is synced by the real
command (a subprocess) through ``bench/fault_proxy.py`` in front of a fresh reference
platform. Every row runs with the contract's 10 requests/s limit enforced by the proxy.

For each row it prints whether sync --once completed, how long it took, whether every
event arrived exactly once (each outbox event stored once, nothing else stored), and the
spec violations seen: the proxy's (rate, batch size, changed resends, order within a
request) plus the platform's ``out_of_order`` / ``invalid_payload`` answers.

Sizes: TW_BENCH_FAULT_ITEMS (default 12 demo pieces), TW_BENCH_FAULT_MAX_TIME (default 240 s
per row). ``python bench/bench_faults.py`` prints a table, then one JSON object per row.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.fault_proxy import FaultPlan, FaultProxy  # noqa: E402

TOKEN, WS, WH = "bench-fault-token", "WS-FAULT-01", "WH-HZ-01"

MATRIX: list[tuple[str, FaultPlan]] = [
    ("no faults", FaultPlan(p503=0, p_drop=0, p_slow=0)),
    ("20% 503 + Retry-After", FaultPlan(p503=0.2, p_drop=0, p_slow=0)),
    ("30% dropped connections", FaultPlan(p503=0, p_drop=0.3, p_slow=0)),
    ("30% slow answers", FaultPlan(p503=0, p_drop=0, p_slow=0.3)),
    ("all of them at once", FaultPlan(p503=0.2, p_drop=0.3, p_slow=0.3)),
]


def _env(data_dir: Path, url: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TW_")}
    env.update(
        TW_DATA_DIR=str(data_dir),
        TW_PLATFORM_URL=url,
        TW_PLATFORM_TOKEN=TOKEN,
        TW_WORKSTATION_ID=WS,
        TW_WAREHOUSE_ID=WH,
        PYTHONPATH=str(ROOT),
    )
    return env


def make_station(folder: Path, items: int) -> list[str]:
    """Demo records through the operations; returns the outbox's event ids."""
    from sqlalchemy import select

    from app.config import load_config
    from app.demo.data import make_demo_data
    from app.services.station import Station
    from app.store.models import OutboxEvent

    config = load_config(folder, env=_env(folder, "off"))
    station = Station.open(config)
    try:
        make_demo_data(station, items=items, seed=3)
        with station.db.read() as s:
            return list(s.execute(select(OutboxEvent.event_id).where(OutboxEvent.workstation_id == WS)).scalars())
    finally:
        station.close()


def known_notices(folder: Path) -> list[dict[str, Any]]:
    from app.config import load_config
    from app.services.station import Station

    station = Station.open(load_config(folder, env=_env(folder, "off")))
    try:
        return list(station.notices.known_notices())
    finally:
        station.close()


def run_row(
    template: Path, name: str, plan: FaultPlan, event_ids: list[str], notices: list[dict[str, Any]], max_time: float
) -> dict[str, Any]:
    from app.refplatform import PlatformServer

    with tempfile.TemporaryDirectory(prefix="tw-faults-") as tmp:
        data = Path(tmp) / "data"
        shutil.copytree(template, data)
        server = PlatformServer(tokens={TOKEN: WS}, warehouse_id=WH).start()
        for notice in notices:
            server.store.put_asn(notice)
        proxy = FaultProxy(server.url, plan).start()
        try:
            t0 = time.monotonic()
            done = subprocess.run(
                [sys.executable, "-m", "app", "sync", "--once", "--json", "--max-time", str(max_time)],
                env=_env(data, proxy.url),
                cwd=ROOT,
                capture_output=True,
                text=True,
                timeout=max_time + 120,
            )
            elapsed = time.monotonic() - t0
            stored = [e["event_id"] for e in server.store.events(WS)]
        finally:
            proxy.stop()
            server.stop()
    try:
        summary = json.loads(done.stdout.strip().splitlines()[-1])
    except (ValueError, IndexError):
        summary = {"error": (done.stderr or done.stdout)[-500:]}
    exactly_once = sorted(stored) == sorted(event_ids) and len(set(stored)) == len(stored)
    violations = proxy.stats.violations
    return {
        "row": name,
        "completed": done.returncode == 0 and bool(summary.get("completed")),
        "seconds": round(elapsed, 1),
        "events": len(event_ids),
        "stored": len(stored),
        "exactly_once": exactly_once,
        "spec_violations": len(violations),
        "violation_examples": violations[:3],
        "requests": proxy.stats.requests,
        "answered_503": proxy.stats.answered_503,
        "dropped": proxy.stats.dropped,
        "slowed": proxy.stats.slowed,
        "retries": summary.get("retries"),
        "rejected": summary.get("rejected_total"),
        "platform_answers": dict(proxy.stats.results),
        "returncode": done.returncode,
        "error": summary.get("error") or summary.get("errors"),
    }


def matrix(items: int, max_time: float, rows: list[tuple[str, FaultPlan]] = MATRIX) -> list[dict[str, Any]]:
    with tempfile.TemporaryDirectory(prefix="tw-faults-template-") as tmp:
        template = Path(tmp) / "data"
        template.mkdir()
        event_ids = make_station(template, items)
        notices = known_notices(template)
        return [run_row(template, name, plan, event_ids, notices, max_time) for name, plan in rows]


def print_table(results: list[dict[str, Any]]) -> None:
    print(
        f"{'fault (all with 10/s limit)':28} {'completed':>9} {'seconds':>8} {'events':>7} {'exactly once':>12} "
        f"{'violations':>10} {'requests':>8}",
        file=sys.stderr,
    )
    for r in results:
        print(
            f"{r['row']:28} {str(r['completed']):>9} {r['seconds']:>8} {r['events']:>7} {str(r['exactly_once']):>12} "
            f"{r['spec_violations']:>10} {r['requests']:>8}",
            file=sys.stderr,
        )


def run() -> list[dict[str, Any]]:
    from bench.common import figure

    items = int(os.environ.get("TW_BENCH_FAULT_ITEMS", "12"))
    max_time = float(os.environ.get("TW_BENCH_FAULT_MAX_TIME", "240"))
    results = matrix(items, max_time)
    print_table(results)
    return [
        figure(
            f"sync --once under {r['row']}: seconds to complete",
            r["seconds"],
            "s",
            None,
            f"completes within {max_time:.0f} s, exactly once, 0 spec violations",
            r["completed"] and r["exactly_once"] and r["spec_violations"] == 0,
        )
        | {"detail": r}
        for r in results
    ]


if __name__ == "__main__":
    for fig in run():
        print(json.dumps(fig, ensure_ascii=False), flush=True)
