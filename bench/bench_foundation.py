"""Foundation figures at scale: item lookup by tag and one receive-item operation
(rows + audit + outbox) with 1,000,000 items in SQLite, each against the bare
SQLite operation measured in the same run."""

from __future__ import annotations

import json
import os
import random
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import bulk_fill, figure, median, pct, timings  # noqa: E402

N_ITEMS = int(os.environ.get("TW_BENCH_ITEMS", "1000000"))
N_OPS = int(os.environ.get("TW_BENCH_OPS", "300"))


def run() -> list[dict]:
    from argon2 import PasswordHasher

    import app.services.users as users_mod
    from app.services.station import Station
    from tests.helpers import make_people, notice

    users_mod._HASHER = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    out: list[dict] = []
    with tempfile.TemporaryDirectory(prefix="tw-bench-") as tmp:
        db_path = Path(tmp) / "bench.sqlite3"
        station = Station.for_url(f"sqlite:///{db_path}", Path(tmp))
        people = make_people(station)
        t0 = time.perf_counter()
        sample = bulk_fill(station, N_ITEMS)
        fill_s = time.perf_counter() - t0

        # 1. lookup by tag
        raw = sqlite3.connect(db_path)
        rng = random.Random(1)
        bare = timings(
            lambda: raw.execute(
                "SELECT id, tag, state, category, title, shipment_id FROM items WHERE tag = ?", (rng.choice(sample),)
            ).fetchone(),
            2000,
        )
        ours = timings(lambda: station.items.find(rng.choice(sample)), 2000)
        out.append(
            figure(
                f"item_lookup_by_tag_median@{N_ITEMS}",
                median(ours),
                "ms",
                median(bare),
                "median < 1 ms",
                median(ours) < 1.0,
            )
        )

        # 2. receive one item with audit and outbox
        big = notice(asn_id="ASN-BENCH-1", waybill="SF9999000011112", lines=1)
        big["lines"] = [dict(big["lines"][0], line_id=f"L{i}", order_no=f"KS{i:08d}") for i in range(N_OPS + 10)]
        station.notices.apply(people.clerk, big)
        opened = station.intake.receive_parcel(people.clerk, "SF9999000011112")
        tags = [station.intake.allocate_tag(people.clerk) for _ in range(N_OPS + 10)]
        it = iter(range(N_OPS + 10))

        def receive() -> None:
            i = next(it)
            station.intake.receive_item(
                people.clerk, opened.shipment.id, line_id=f"L{i}", tag=tags[i], tag_printed=True
            )

        ours_rx = timings(receive, N_OPS, warmup=5)
        raw.execute("PRAGMA journal_mode=WAL")
        raw.execute("PRAGMA synchronous=FULL")
        raw.execute("CREATE TABLE scratch (id INTEGER PRIMARY KEY, a TEXT, b TEXT)")
        raw.commit()
        payload = json.dumps({"category": "jewelry", "tag_printed": True})

        def bare_tx() -> None:
            with raw:
                raw.executemany("INSERT INTO scratch (a, b) VALUES (?, ?)", [("item", payload)] * 3)

        bare_rx = timings(bare_tx, N_OPS)
        out.append(
            figure(
                f"receive_item_p95@{N_ITEMS}",
                pct(ours_rx, 95),
                "ms",
                pct(bare_rx, 95),
                "p95 < 10 ms",
                pct(ours_rx, 95) < 10.0,
            )
        )
        out.append(
            figure(f"receive_item_median@{N_ITEMS}", median(ours_rx), "ms", median(bare_rx), "(informative)", True)
        )
        out.append(figure(f"bulk_fill_{N_ITEMS}_items", fill_s, "s", None, "(fixture, informative)", True))
        raw.close()
        station.close()
    return out


if __name__ == "__main__":
    import json as _json

    for f in run():
        print(_json.dumps(f, ensure_ascii=False))
