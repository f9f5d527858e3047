"""The supervisor's dashboard over a 30-day range and the exceptions queue, on a database
with a busy warehouse's daily volume (platform: 5,000,000 items and 50,000,000 audit entries
over three years), each beside the bare indexed query in the same run.

    python bench/run.py dossier                       # with the dossier figures
    TW_BENCH_DASHBOARD_ITEMS=200000 python bench/run.py dashboard   # a smaller database
    TW_BENCH_DASHBOARD_PG=0 ...                       # SQLite only

A smaller database keeps the warehouse's *daily* volume (about 4,600 pieces and 46,000 audit
entries a day) and covers fewer days, so a 30-day range reads as many rows as it would at
full size; only the depth of the indexes differs. The fill bypasses the operations on purpose
(a fixture, not user data). PostgreSQL too when it answers (schema ``bench_queue``).
"""

from __future__ import annotations

import json
import os
import random
import sys
import tempfile
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script by bench/run.py

from bench.common import figure, pct, timings  # noqa: E402

ITEMS = int(os.environ.get("TW_BENCH_DASHBOARD_ITEMS", "5000000"))
AUDIT_PER_ITEM = 10
PER_DAY = 5_000_000 / (3 * 365)  # pieces a day in a busy warehouse
PG_URL = os.environ.get("TW_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
TARGET_MS = 500.0
BATCH = 20_000
PDF = "0" * 64


def fill(station: Any, n: int, now: datetime, seed: int = 7) -> None:
    from sqlalchemy import func, insert, select

    from app.store.models import (
        AuditEntry,
        Blob,
        Certificate,
        Dispatch,
        GradingResult,
        Item,
        Rejection,
        Review,
        Shipment,
    )

    rnd = random.Random(seed)
    span = timedelta(days=max(31.0, n / PER_DAY))
    t0 = now - span
    admin = station.users.list_users()[0].id
    waiting = ("received", "in_appraisal", "graded", "in_review", "approved", "certified", "rejected", "on_hold")
    with station.db.transaction() as s:
        s.add(Blob(sha256=PDF, size=1, content_type="application/pdf", created_at=t0))  # one stand-in PDF
        s.flush()
        ships = [{"asn_id": f"DB-{i:08d}", "revision": 1, "status": "closed", "warehouse_id": station.ctx.warehouse_id,
                  "merchant_id": f"M{i % 300:04d}", "merchant_name": f"商家{i % 300:03d}", "waybill_no": f"DB{i:012d}",
                  "created_at": t0, "updated_at": t0} for i in range(n // 4 + 1)]
        for k in range(0, len(ships), BATCH):
            s.execute(insert(Shipment), ships[k:k + BATCH])
        first = s.execute(select(Shipment.id).where(Shipment.asn_id == "DB-00000000")).scalar_one()
        audit_index = int(s.execute(select(func.coalesce(func.max(AuditEntry.chain_index), 0))).scalar_one())
    for k in range(0, n, BATCH):
        items, gradings, reviews, certs, sends, rejects, audits = [], [], [], [], [], [], []
        for i in range(k, min(n, k + BATCH)):
            received = t0 + span * (i / n)
            recent = now - received < timedelta(days=3)
            state = rnd.choice(waiting) if recent and rnd.random() < 0.5 else (
                "dispatched" if rnd.random() < 0.97 else rnd.choice(waiting))
            items.append({"id": i + 1, "tag": f"TWDB{i:011d}", "shipment_id": first + i // 4, "asn_line_id": None,
                          "category": "phone" if i % 3 == 0 else "jewelry", "title": "bench", "state": state,
                          "tag_printed": True, "received_at": received, "received_by": admin,
                          "updated_at": received + timedelta(hours=rnd.random() * 6)})
            graded = received + timedelta(hours=1 + rnd.random() * 4)
            fail = rnd.random() < 0.08
            reason = rnd.choice(("counterfeit", "not_as_declared", "damaged", "undisclosed_treatment")) if fail else None
            result = {"phone": {"cosmetic_grade": rnd.choice(("99", "95", "90", "85"))}} if i % 3 == 0 else {}
            gradings.append({"id": i + 1, "item_id": i + 1, "revision": 1, "result": result,
                             "verdict": "fail" if fail else "pass", "reason_code": reason, "graded_by": admin,
                             "graded_at": graded})
            if fail:
                rejects.append({"item_id": i + 1, "reason_code": reason, "note": "bench", "rejected_by": admin,
                                "rejected_at": graded})
            else:
                reviews.append({"item_id": i + 1, "grading_id": i + 1, "revision": 1, "decision": "approve",
                                "reviewer_id": admin, "decided_at": graded + timedelta(hours=1)})
                certs.append({"certificate_no": f"C{i:011d}", "item_id": i + 1, "grading_id": i + 1, "key_id": "k",
                              "issued_at": graded + timedelta(hours=2), "issued_by": admin, "qr_payload": "q",
                              "pdf_sha256": PDF, "facts": {}, "status": "valid"})
            if state == "dispatched":
                sends.append({"item_id": i + 1, "destination": "buyer", "carrier": "SF", "waybill_no": f"O{i:012d}",
                              "dispatched_by": admin, "dispatched_at": graded + timedelta(hours=5)})
            for j in range(AUDIT_PER_ITEM):
                audit_index += 1
                audits.append({"chain_index": audit_index, "at": received + timedelta(minutes=30 * j),
                               "workstation_id": f"WS-{j % 5:02d}", "actor": "bench", "action": "bench",
                               "entity_type": "item", "entity_id": f"TWDB{i:011d}", "detail": {},
                               "prev_hash": "0" * 64, "hash": "0" * 64})
        with station.db.transaction() as s:
            s.execute(insert(Item), items)
            s.execute(insert(GradingResult), gradings)
            for model, rows in ((Review, reviews), (Rejection, rejects), (Dispatch, sends), (AuditEntry, audits)):
                if rows:
                    s.execute(insert(model), rows)
            if certs:
                s.execute(insert(Certificate), certs)
    with station.db.transaction() as s:
        from sqlalchemy import text

        s.execute(text("ANALYZE"))  # the planner's statistics, as a live database has them


def measure(label: str, station: Any, now: datetime) -> list[dict[str, Any]]:
    from sqlalchemy import func, select

    from app.services.dashboard import DashboardQueries
    from app.store.models import Item

    q = station.dashboard
    start, end = q.day_range(30, now=now)

    def bare() -> None:
        with station.db.read() as s:
            s.execute(select(func.count()).where(Item.received_at >= start, Item.received_at < end)).scalar_one()

    base = timings(bare, 15, warmup=2)
    # The very first open counts every closed day once and keeps it (dashboard_days); a later
    # process (a new DashboardQueries, nothing in memory) reads those rows instead.
    cold_ms = timings(lambda: DashboardQueries(station.ctx, q.time_zone).dashboard(start, end, now=now), 1, warmup=0)[0]
    kept = timings(lambda: DashboardQueries(station.ctx, q.time_zone).dashboard(start, end, now=now), 5, warmup=0)
    full = timings(lambda: q.dashboard(start, end, now=now), 10, warmup=1)
    t_start, t_end = q.day_range(1, now=now)
    today = timings(lambda: q.dashboard(t_start, t_end, now=now), 10, warmup=1)
    queue = timings(lambda: station.supervision.exceptions(now=now), 10, warmup=1)
    n = f"{ITEMS // 1000}k" if ITEMS < 1_000_000 else f"{ITEMS // 1_000_000}M"
    b95 = pct(base, 95)
    return [
        figure(f"dashboard_30d_p95_{label}_{n}", pct(full, 95), "ms", b95, f"< {TARGET_MS:.0f} ms",
               pct(full, 95) < TARGET_MS),
        figure(f"dashboard_30d_first_open_ever_{label}_{n}", cold_ms, "ms", b95,
               "first open of a new database (counts and keeps 30 days); informative", True),
        figure(f"dashboard_30d_first_open_of_a_process_{label}_{n}", pct(kept, 95), "ms", b95,
               f"< {TARGET_MS:.0f} ms (closed days read from dashboard_days)", pct(kept, 95) < TARGET_MS),
        figure(f"dashboard_today_p95_{label}_{n}", pct(today, 95), "ms", b95, f"< {TARGET_MS:.0f} ms",
               pct(today, 95) < TARGET_MS),
        figure(f"dashboard_exceptions_queue_p95_{label}_{n}", pct(queue, 95), "ms", b95, f"< {TARGET_MS:.0f} ms",
               pct(queue, 95) < TARGET_MS),
        figure(f"dashboard_bare_30d_count_p95_{label}_{n}", b95, "ms", None, "baseline", True),
    ]


def _people(station: Any) -> None:
    station.users.create_first_admin("admin", "bench-pass-1", "管理员")


def run() -> Iterator[dict[str, Any]]:
    """Figures as they are measured (SQLite first), so a long PostgreSQL fill loses nothing."""
    from app.services.station import Station

    now = datetime.now(UTC).replace(microsecond=0)
    with tempfile.TemporaryDirectory(prefix="queue-bench-", dir=os.environ.get("TW_BENCH_DIR")) as tmp:
        st = Station.for_url(f"sqlite:///{Path(tmp) / 'bench.sqlite3'}", Path(tmp))
        _people(st)
        fill(st, ITEMS, now)
        yield from measure("sqlite", st, now)
        st.close()
        pg = _pg_station(Path(tmp)) if os.environ.get("TW_BENCH_DASHBOARD_PG", "1") != "0" else None
        if pg is not None:
            try:
                _people(pg)
                fill(pg, ITEMS, now)
                yield from measure("postgres", pg, now)
            finally:
                pg.close()
                _drop_pg()


def _pg_station(tmp: Path) -> Any:
    try:
        import psycopg

        raw = PG_URL.replace("postgresql+psycopg://", "postgresql://")
        with psycopg.connect(raw, autocommit=True, connect_timeout=3) as conn:
            conn.execute('DROP SCHEMA IF EXISTS "bench_queue" CASCADE')
            conn.execute('CREATE SCHEMA "bench_queue"')
    except Exception:  # noqa: BLE001 - no PostgreSQL here: SQLite figures only
        return None
    from app.services.station import Station

    return Station.for_url(f"{PG_URL}?options=-csearch_path%3Dbench_queue", tmp)


def _drop_pg() -> None:
    import psycopg

    with psycopg.connect(PG_URL.replace("postgresql+psycopg://", "postgresql://"), autocommit=True) as conn:
        conn.execute('DROP SCHEMA IF EXISTS "bench_queue" CASCADE')


if __name__ == "__main__":  # bench/run.py runs each module in a process of its own
    for f in run():
        print(json.dumps(f, ensure_ascii=False), flush=True)
