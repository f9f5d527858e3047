"""``stations``: 20 intake stations (separate processes, each its own workstation id) on one
PostgreSQL, each receiving pieces at scanner speed for a minute, against one station alone
doing the same in the same run (issue 16).

Every operation a clerk's scan causes (reserve a tag, receive the line) is timed; any
exception is an error that would reach a person. Afterwards the database is asked for
duplicate tags. The machine's CPU load is printed beside the figures: with 2 cores and 20
processes the p95 says as much about the scheduler as about the database.

    TW_BENCH_STATIONS=20 TW_BENCH_STATIONS_SECONDS=60 python bench/bench_stations.py
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.common import pct  # noqa: E402

PG_URL = os.environ.get("TW_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
STATIONS = int(os.environ.get("TW_BENCH_STATIONS", "20"))
SECONDS = float(os.environ.get("TW_BENCH_STATIONS_SECONDS", "60"))
SCAN_INTERVAL_S = float(os.environ.get("TW_BENCH_SCAN_INTERVAL_S", "0.5"))  # a clerk with a scanner
LINES = 400
BENCH_DIR = os.environ.get("TW_BENCH_DIR") or None  # where the stations' data folders go


def cpu_times() -> tuple[float, float]:
    with open("/proc/stat") as f:
        parts = [float(x) for x in f.readline().split()[1:]]
    idle = parts[3] + parts[4]
    return sum(parts) - idle, sum(parts)


def station_process(url: str, ws: str, waybill: str, clerk_id: int, seconds: float, start_at: float) -> None:
    """One station: open its parcel, then reserve a tag and receive a line per scan."""
    from app.core.roles import Actor
    from app.services.station import Station

    folder = Path(tempfile.mkdtemp(prefix="tw-perf-st-", dir=BENCH_DIR))
    st = Station.for_url(url, folder, workstation_id=ws, upgrade=False)
    clerk = Actor(clerk_id, "clerk.wang", "", frozenset())
    times: list[float] = []
    errors: list[str] = []
    tags: list[str] = []
    while time.time() < start_at:
        time.sleep(0.01)
    end = time.time() + seconds
    try:
        sid = st.intake.receive_parcel(clerk, waybill).shipment.id
    except Exception as exc:  # noqa: BLE001 - counted, then reported
        errors.append(f"receive_parcel: {exc!r}"[:200])
        sid = None
    i = 0
    next_scan = time.monotonic()
    while sid is not None and time.time() < end and i < LINES:
        next_scan += SCAN_INTERVAL_S
        t0 = time.perf_counter()
        try:
            tag = st.intake.allocate_tag(clerk)
            times.append((time.perf_counter() - t0) * 1000)
            t0 = time.perf_counter()
            st.intake.receive_item(clerk, sid, line_id=f"L{i}", tag=tag, tag_printed=True)
            times.append((time.perf_counter() - t0) * 1000)
            tags.append(tag)
        except Exception as exc:  # noqa: BLE001 - every failure here would reach a clerk
            errors.append(repr(exc)[:200])
        i += 1
        time.sleep(max(0.0, next_scan - time.monotonic()))
    st.close()
    shutil.rmtree(folder, ignore_errors=True)
    print(json.dumps({"ws": ws, "times": times, "errors": errors, "tags": tags}), flush=True)


def _run(url: str, clerk_id: int, n: int, tag: str) -> dict[str, Any]:
    start_at = time.time() + 3 + n * 0.3  # every process imported and connected before the first scan
    procs = []
    for k in range(n):
        args = [
            sys.executable,
            __file__,
            "--station",
            url,
            f"WS-PERF-{tag}-{k:02d}",
            f"SF88{tag}{k:08d}",
            str(clerk_id),
            str(SECONDS),
            str(start_at),
        ]
        procs.append(subprocess.Popen(args, stdout=subprocess.PIPE, text=True, cwd=ROOT))
    while time.time() < start_at:
        time.sleep(0.05)
    busy0, total0 = cpu_times()
    load_samples = []
    while any(p.poll() is None for p in procs):
        time.sleep(1)
        load_samples.append(os.getloadavg()[0])
    busy1, total1 = cpu_times()
    out = [json.loads(p.stdout.read().strip().splitlines()[-1]) for p in procs if p.stdout]
    return {
        "times": [t for o in out for t in o["times"]],
        "errors": [e for o in out for e in o["errors"]],
        "tags": [t for o in out for t in o["tags"]],
        "stations": len(out),
        "cpu_busy": (busy1 - busy0) / max(1e-9, total1 - total0),
        "load": max(load_samples) if load_samples else os.getloadavg()[0],
    }


def run() -> list[dict[str, Any]]:
    import psycopg
    from argon2 import PasswordHasher

    import app.services.users as users_mod
    from app.services.station import Station
    from tests.helpers import make_people, notice

    raw = PG_URL.replace("postgresql+psycopg://", "postgresql://")
    schema = f"perf_stations_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(raw, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    url = f"{PG_URL}?options=-csearch_path%3D{schema}"
    try:
        users_mod._HASHER = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
        folder = Path(tempfile.mkdtemp(prefix="tw-perf-st-", dir=BENCH_DIR))
        st = Station.for_url(url, folder)
        people = make_people(st)
        for tag, n in (("S", 1), ("M", STATIONS)):
            for k in range(n):
                nt = notice(asn_id=f"ASN-PERF-{tag}-{k:02d}", waybill=f"SF88{tag}{k:08d}", lines=1)
                nt["lines"] = [
                    dict(nt["lines"][0], line_id=f"L{i}", order_no=f"KSP{tag}{k:02d}{i:04d}") for i in range(LINES)
                ]
                st.notices.apply(people.clerk, nt)
        single = _run(url, people.clerk.user_id, 1, "S")
        many = _run(url, people.clerk.user_id, STATIONS, "M")
        with st.ctx.db.read() as s:
            from sqlalchemy import func, select

            from app.store.models import Item

            dup = s.execute(select(Item.tag).group_by(Item.tag).having(func.count() > 1)).all()
            recorded = s.execute(select(func.count(Item.id))).scalar_one()
        st.close()
    finally:
        with psycopg.connect(raw, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA "{schema}" CASCADE')
        shutil.rmtree(folder, ignore_errors=True)
    dup_tags = len(dup) + (len(many["tags"]) + len(single["tags"]) - len(set(many["tags"] + single["tags"])))
    p95_one, p95_many = pct(single["times"], 95), pct(many["times"], 95)
    ctx = {
        "cpu_busy_share": round(many["cpu_busy"], 3),
        "load_avg_1min_max": round(many["load"], 2),
        "cpu_count": os.cpu_count(),
        "ops": len(many["times"]),
        "items_recorded": recorded,
        "seconds": SECONDS,
        "scan_interval_s": SCAN_INTERVAL_S,
    }
    return [
        {
            "name": f"stations (p95 per operation, {many['stations']} stations on one PostgreSQL)",
            "value": round(p95_many, 2),
            "unit": "ms",
            "baseline": round(p95_one, 2),
            "ratio": round(p95_many / p95_one, 2),
            "target": "printed against one station, with the CPU load",
            "ok": True,
            **ctx,
        },
        {
            "name": "stations (duplicate tags)",
            "value": dup_tags,
            "unit": "tags",
            "baseline": None,
            "ratio": None,
            "target": 0,
            "ok": dup_tags == 0,
        },
        {
            "name": "stations (errors reaching a person)",
            "value": len(many["errors"]) + len(single["errors"]),
            "unit": "errors",
            "baseline": None,
            "ratio": None,
            "target": 0,
            "ok": not many["errors"] and not single["errors"],
            "examples": (many["errors"] + single["errors"])[:3],
        },
    ]


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--station":
        u, w, wb, cid, secs, at = sys.argv[2:8]
        station_process(u, w, wb, int(cid), float(secs), float(at))
    else:
        for figure in run():
            print(json.dumps(figure, ensure_ascii=False), flush=True)
