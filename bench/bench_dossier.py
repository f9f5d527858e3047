"""Search and dossier at three years of a busy warehouse, on SQLite and PostgreSQL.

    python bench/run.py dossier                                   # 5,000,000 items, 50,000,000 audit entries
    TW_BENCH_DOSSIER_ITEMS=200000 python bench/run.py dossier     # a development scale (audit: 10 per item)
    TW_BENCH_DOSSIER_BACKENDS=sqlite python bench/run.py dossier  # one backend
    TW_BENCH_PG_URL=postgresql+psycopg://postgres@127.0.0.1:5432/test   # default; schema bench_dossier

Figures: ``search_<key>_p95`` for each search key (exact, and a partial tag) and
``dossier_open_p95`` (the role-aware dossier with thumbnails made from the blob store), each
beside the bare indexed query for the same thing measured in the same run.

The database is built by the migrations, then filled in bulk (``executemany`` on SQLite,
``COPY`` on PostgreSQL) — a fixture, not user data. Per item: its announced line, one
photo and one measurement row, a grading and a certificate for every second item, a
dispatch for every sixth, an inspection report for the phones (every fourth), two outbox
events and ``TW_BENCH_DOSSIER_AUDIT_PER_ITEM`` (default 10) audit entries. A sample of items
gets four real JPEG photos in the blob store. An existing filled database of the same scale
is reused (``TW_BENCH_DOSSIER_DIR``, default /tmp/tw-bench-dossier) so a re-run measures only.
"""

from __future__ import annotations

import io
import json
import os
import random
import sqlite3
import sys
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import figure, pct, timings  # noqa: E402

N_ITEMS = int(os.environ.get("TW_BENCH_DOSSIER_ITEMS", "5000000"))
AUDIT_PER_ITEM = int(os.environ.get("TW_BENCH_DOSSIER_AUDIT_PER_ITEM", "10"))
BACKENDS = [b.strip() for b in os.environ.get("TW_BENCH_DOSSIER_BACKENDS", "sqlite,postgres").split(",") if b.strip()]
PG_URL = os.environ.get("TW_BENCH_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
WORK = Path(os.environ.get("TW_BENCH_DOSSIER_DIR", "/tmp/tw-bench-dossier"))
SCHEMA = "bench_dossier"
N_QUERIES = int(os.environ.get("TW_BENCH_DOSSIER_QUERIES", "300"))
N_SAMPLE = 40  # items with real photos, opened as dossiers
BATCH = 50_000
MERCHANTS = 2000
BASE = datetime(2024, 1, 1, tzinfo=UTC)
AUDIT_ACTIONS = ("receive_item", "start_appraisal", "record_measurement", "attach_photo", "record_grading",
                 "submit_for_review", "approve", "issue_certificate", "print_certificate", "hold")


def _tag(i: int) -> str:
    from app.core.tags import make_tag

    return make_tag((BASE + timedelta(days=i // 999_999)).date(), i % 999_999 + 1)


def _imei(i: int) -> str:
    return f"35{i:013d}"


def _when(i: int, step: int = 0) -> datetime:
    # Three years of receipts, an item's steps minutes apart.
    return BASE + timedelta(seconds=i * (3 * 365 * 86400 // max(1, N_ITEMS)) + step * 60)


# ------------------------------------------------------------------ rows

def _tables(admin: int, blob: str) -> dict[str, tuple[tuple[str, ...], Callable[[int], Iterator[tuple[Any, ...]]]]]:
    """Per table: columns, and a generator of that table's rows for item ``i``."""
    J = json.dumps  # noqa: N806

    def shipments(i: int) -> Iterator[tuple[Any, ...]]:
        if i % 4 == 0:
            s = i // 4
            m = s % MERCHANTS
            yield (s + 1, f"ASN-B{s:09d}", 1, "closed", "WH-LOCAL-01", f"M{m:06d}", f"商家{m:04d}珠宝", "SF",
                   f"SF{s:013d}", _when(i), _when(i), admin, "intact", _when(i), _when(i))

    def lines(i: int) -> Iterator[tuple[Any, ...]]:
        declared = {"imei": _imei(i), "serial": f"F{i:011d}"} if i % 4 == 1 else {"material": "Au750"}
        yield (i + 1, i // 4 + 1, f"L{i % 4 + 1}", f"KS{i:012d}", "phone" if i % 4 == 1 else "jewelry", "物品",
               100000, J(declared), False)

    def items(i: int) -> Iterator[tuple[Any, ...]]:
        state = "dispatched" if i % 6 == 0 else ("certified" if i % 2 == 0 else "received")
        yield (i + 1, _tag(i), i // 4 + 1, i + 1, "phone" if i % 4 == 1 else "jewelry", "批量物品", state, True,
               _when(i), admin, _when(i, 9))

    def photos(i: int) -> Iterator[tuple[Any, ...]]:
        yield (i + 1, "front", "appraisal", blob, 1600, 1200, J({"type": "camera"}), admin, _when(i, 2))

    def measurements(i: int) -> Iterator[tuple[Any, ...]]:
        yield (i + 1, "mass", "2.3490", "g", True, "device", J({"type": "scale", "model": "XPR204", "serial": "B1"}),
               J({}), admin, _when(i, 1))

    def gradings(i: int) -> Iterator[tuple[Any, ...]]:
        if i % 2 == 0:
            yield (i // 2 + 1, i + 1, 1, J({"kind": "jewelry", "verdict": "pass"}), "pass", "18K金钻石吊坠", admin,
                   _when(i, 3))

    def certificates(i: int) -> Iterator[tuple[Any, ...]]:
        if i % 2 == 0:
            yield (f"TWC{i:014d}", i + 1, i // 2 + 1, "WH-LOCAL-01-0000000000000000", _when(i, 5), admin, "TW1.x",
                   blob, J({"name": "18K金钻石吊坠"}), "valid")

    def dispatches(i: int) -> Iterator[tuple[Any, ...]]:
        if i % 6 == 0:
            yield (i + 1, "buyer", "YTO", f"YT{i:013d}", admin, _when(i, 8))

    def inspections(i: int) -> Iterator[tuple[Any, ...]]:
        if i % 4 == 1:
            yield (i + 1, f"RPT-{i:010d}", J({"model": "TWB-2", "serial": "TWB2-1", "firmware": "2"}),
                   J({"identity": {"imei": _imei(i), "serial": f"F{i:011d}"}}), admin, _when(i, 2))

    def outbox(i: int) -> Iterator[tuple[Any, ...]]:
        tag = _tag(i)
        for k, kind in enumerate(("item.received", "grading.recorded")):
            yield ("WS-BENCH", 2 * i + k + 1, f"{i:08x}-0000-4000-8000-{k:012x}", kind, _when(i, k * 3), "bench", tag,
                   J({}), J([]), "accepted", 1)

    def audit(i: int) -> Iterator[tuple[Any, ...]]:
        tag = _tag(i)
        for k in range(AUDIT_PER_ITEM):
            n = 1000 + i * AUDIT_PER_ITEM + k  # after the accounts' own entries
            yield (n, _when(i, k), "WS-BENCH", "bench", AUDIT_ACTIONS[k % len(AUDIT_ACTIONS)], "item", tag,
                   J({"n": k}), "0" * 64, "0" * 64)

    return {
        "shipments": (("id", "asn_id", "revision", "status", "warehouse_id", "merchant_id", "merchant_name", "carrier",
                       "waybill_no", "announced_at", "received_at", "received_by", "package_condition", "created_at",
                       "updated_at"), shipments),
        "asn_lines": (("id", "shipment_id", "line_id", "order_no", "category", "title", "declared_value_cents",
                       "declared", "withdrawn"), lines),
        "items": (("id", "tag", "shipment_id", "asn_line_id", "category", "title", "state", "tag_printed",
                   "received_at", "received_by", "updated_at"), items),
        "photos": (("item_id", "view", "purpose", "sha256", "width", "height", "device", "taken_by", "taken_at"),
                   photos),
        "measurements": (("item_id", "kind", "value", "unit", "stable", "source", "device", "extra", "recorded_by",
                          "recorded_at"), measurements),
        "grading_results": (("id", "item_id", "revision", "result", "verdict", "name", "graded_by", "graded_at"),
                            gradings),
        "certificates": (("certificate_no", "item_id", "grading_id", "key_id", "issued_at", "issued_by",
                          "qr_payload", "pdf_sha256", "facts", "status"), certificates),
        "dispatches": (("item_id", "destination", "carrier", "waybill_no", "dispatched_by", "dispatched_at"),
                       dispatches),
        "inspection_reports": (("item_id", "report_id", "box", "report", "recorded_by", "recorded_at"), inspections),
        "outbox": (("workstation_id", "seq", "event_id", "type", "occurred_at", "actor", "item_tag", "payload",
                    "blobs", "status", "attempts"), outbox),
        "audit_log": (("chain_index", "at", "workstation_id", "actor", "action", "entity_type", "entity_id",
                       "detail", "prev_hash", "hash"), audit),
    }


def _sqlite_value(v: Any) -> Any:
    if isinstance(v, datetime):
        return v.astimezone(UTC).replace(tzinfo=None).isoformat(sep=" ")
    return v


def _fill(station: Any, admin: int, blob: str) -> None:
    """Bulk rows straight into the tables (executemany / COPY), one table at a time."""
    tables = _tables(admin, blob)
    if station.db.dialect == "sqlite":
        raw = sqlite3.connect(station.db.engine.url.database)
        raw.execute("PRAGMA synchronous=OFF")
        raw.execute("PRAGMA foreign_keys=OFF")  # the fixture is consistent by construction
        for name, (cols, gen) in tables.items():
            sql = f"INSERT INTO {name} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"
            for start in range(0, N_ITEMS, BATCH):
                rows = [tuple(_sqlite_value(v) for v in r) for i in range(start, min(N_ITEMS, start + BATCH))
                        for r in gen(i)]
                raw.executemany(sql, rows)
                raw.commit()
        raw.execute("ANALYZE")
        raw.commit()
        raw.close()
        return
    import psycopg

    url = station.db.url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(url, autocommit=True) as conn:
        for name, (cols, gen) in tables.items():
            with conn.cursor() as cur, cur.copy(f"COPY {name} ({', '.join(cols)}) FROM STDIN") as copy:
                for i in range(N_ITEMS):
                    for r in gen(i):
                        copy.write_row(r)
        for name in ("shipments", "asn_lines", "items", "grading_results"):
            conn.execute(f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), (SELECT max(id) FROM {name}))")
        conn.execute("ANALYZE")


def _jpeg(seed: int) -> bytes:
    import numpy as np
    from PIL import Image

    rng = np.random.default_rng(seed)
    small = rng.integers(0, 255, (120, 160, 3), dtype=np.uint8)
    img = Image.fromarray(small).resize((1600, 1200), Image.Resampling.BILINEAR)
    out = io.BytesIO()
    img.save(out, "JPEG", quality=85)
    return out.getvalue()


def _sample_photos(station: Any, admin: int, sample: list[int]) -> None:
    """Four real photos for each sampled item, in the blob store and as rows."""
    from sqlalchemy import insert

    from app.store.models import Blob, Photo

    now = datetime.now(UTC)
    with station.db.transaction() as s:
        for n, i in enumerate(sample):
            for k, view in enumerate(("front", "back", "hallmark", "detail")):
                data = _jpeg(n * 4 + k)
                digest = station.ctx.blobs.put(data)
                if s.get(Blob, digest) is None:
                    s.execute(insert(Blob), [{"sha256": digest, "size": len(data), "content_type": "image/jpeg",
                                              "created_at": now}])
                s.execute(insert(Photo), [{"item_id": i + 1, "view": view, "purpose": "appraisal", "sha256": digest,
                                           "width": 1600, "height": 1200, "device": {"type": "camera"},
                                           "taken_by": admin, "taken_at": _when(i, 2 + k)}])


# ------------------------------------------------------------------ station

def _open(backend: str) -> tuple[Any, Any, bool]:
    """The station, its supervisor, and whether the data had to be generated."""
    from argon2 import PasswordHasher

    import app.services.users as users_mod
    from app.services.station import Station

    users_mod._HASHER = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    folder = WORK / f"{backend}-{N_ITEMS}-{AUDIT_PER_ITEM}"
    folder.mkdir(parents=True, exist_ok=True)
    done = folder / "filled"
    if backend == "sqlite":
        url = f"sqlite:///{folder / 'bench.sqlite3'}"
        if not done.exists():
            (folder / "bench.sqlite3").unlink(missing_ok=True)
    else:
        import psycopg

        raw = PG_URL.replace("postgresql+psycopg://", "postgresql://")
        schema = f"{SCHEMA}_{N_ITEMS}_{AUDIT_PER_ITEM}"
        with psycopg.connect(raw, autocommit=True) as conn:
            if not done.exists():
                conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
            conn.execute(f'CREATE SCHEMA IF NOT EXISTS "{schema}"')
        url = f"{PG_URL}?options=-csearch_path%3D{schema}"
    station = Station.for_url(url, folder)
    if done.exists():
        supervisor = station.users.authenticate("bench.super", "bench-password-1")
        return station, supervisor, False
    from app.core.roles import Role

    admin = station.users.create_first_admin("bench.admin", "bench-password-1", "管理员")
    station.users.add_user(admin, "bench.super", "bench-password-1", "陈主管", frozenset({Role.SUPERVISOR}))
    from app.store.models import Blob

    placeholder = _jpeg(999_999)
    blob = station.ctx.blobs.put(placeholder)
    with station.db.transaction() as s:
        s.add(Blob(sha256=blob, size=len(placeholder), content_type="image/jpeg", created_at=datetime.now(UTC)))
    t0 = time.perf_counter()
    _fill(station, admin.user_id, blob)
    _sample_photos(station, admin.user_id, _sample())
    done.write_text(f"filled in {time.perf_counter() - t0:.0f} s\n")
    supervisor = station.users.authenticate("bench.super", "bench-password-1")
    return station, supervisor, True


def _sample() -> list[int]:
    rng = random.Random(7)
    return sorted(rng.sample(range(N_ITEMS), min(N_SAMPLE, N_ITEMS)))


# ------------------------------------------------------------------ measuring

def _bare(station: Any) -> Callable[[str, Any], Any]:
    """One indexed statement on the raw driver connection (the floor for our figure)."""
    if station.db.dialect == "sqlite":
        raw = sqlite3.connect(station.db.engine.url.database, check_same_thread=False)
        return lambda sql, params: raw.execute(sql.replace("%s", "?"), params).fetchall()
    import psycopg

    conn = psycopg.connect(station.db.url.replace("postgresql+psycopg://", "postgresql://").replace(
        "?options=-csearch_path%3D", "?options=-csearch_path%3D"), autocommit=True)
    return lambda sql, params: conn.execute(sql, params).fetchall()


def _keys(rng: random.Random, dialect: str) -> dict[str, tuple[Callable[[], str], str]]:
    """Search key -> (a random value, the bare indexed query for it)."""
    imei, serial = (("json_extract(declared, '$.imei')", "json_extract(declared, '$.serial')") if dialect == "sqlite"
                    else ("(declared ->> 'imei')", "(declared ->> 'serial')"))
    def item() -> int:
        return rng.randrange(N_ITEMS)

    def phone() -> int:
        return (rng.randrange(max(1, N_ITEMS // 4 - 1))) * 4 + 1

    def even() -> int:
        return rng.randrange(max(1, N_ITEMS // 2)) * 2

    def sixth() -> int:
        return rng.randrange(max(1, N_ITEMS // 6)) * 6

    return {
        "tag": (lambda: _tag(item()), "SELECT id FROM items WHERE tag = %s"),
        "tag_partial": (lambda: _tag(item())[:13], "SELECT id FROM items WHERE tag >= %s ORDER BY tag LIMIT 51"),
        "imei": (lambda: _imei(phone()), f"SELECT id FROM asn_lines WHERE {imei} = %s"),
        "serial": (lambda: f"F{phone():011d}", f"SELECT id FROM asn_lines WHERE {serial} = %s"),
        "inbound_waybill": (lambda: f"SF{item() // 4:013d}", "SELECT id FROM shipments WHERE waybill_no = %s"),
        "outbound_waybill": (lambda: f"YT{sixth():013d}", "SELECT id FROM dispatches WHERE waybill_no = %s"),
        "order_no": (lambda: f"KS{item():012d}", "SELECT id FROM asn_lines WHERE order_no = %s"),
        "asn_id": (lambda: f"ASN-B{item() // 4:09d}", "SELECT id FROM shipments WHERE asn_id = %s"),
        "certificate_no": (lambda: f"TWC{even():014d}", "SELECT id FROM certificates WHERE certificate_no = %s"),
        "merchant_id": (lambda: f"M{rng.randrange(MERCHANTS):06d}", "SELECT id FROM shipments WHERE merchant_id = %s "
                        "LIMIT 51"),
        "merchant_name": (lambda: f"商家{rng.randrange(MERCHANTS):04d}珠宝", "SELECT id FROM shipments WHERE "
                          "merchant_name = %s LIMIT 51"),
    }


def _measure(backend: str) -> list[dict[str, Any]]:
    station, supervisor, generated = _open(backend)
    out: list[dict[str, Any]] = []
    scale = f"{N_ITEMS}items_{N_ITEMS * AUDIT_PER_ITEM}audit"
    try:
        bare = _bare(station)
        rng = random.Random(11)
        for key, (value, sql) in _keys(rng, station.db.dialect).items():
            ours = timings(lambda v=value: station.search.search(v()), N_QUERIES)
            floor = timings(lambda v=value, q=sql: bare(q, (v(),)), N_QUERIES)
            p95 = pct(ours, 95)
            out.append(figure(f"search_{key}_p95_{backend}@{scale}", p95, "ms", pct(floor, 95), "p95 < 50 ms",
                              p95 < 50))
        sample = _sample()
        tags = [_tag(i) for i in sample]
        dossiers = station.dossiers

        def open_one() -> None:
            d = dossiers.dossier(supervisor, rng.choice(tags))
            assert len(d.photos) >= 4
            dossiers.thumbnails(d)

        import shutil

        shutil.rmtree(Path(station.ctx.blobs.root).parent / "thumbs", ignore_errors=True)
        cold = []
        for tag in tags:  # each item's first open: its thumbnails are made from the full photos
            t0 = time.perf_counter()
            dossiers.thumbnails(dossiers.dossier(supervisor, tag))
            cold.append((time.perf_counter() - t0) * 1000)
        out.append(figure(f"dossier_open_first_p95_{backend}@{scale}", pct(cold, 95), "ms", None,
                          "information (thumbnails made once, then read)", True))
        ours = timings(open_one, min(N_QUERIES, 200), warmup=3)
        audit_sql = "SELECT * FROM audit_log WHERE entity_id = %s"
        floor = timings(lambda: bare(audit_sql, (rng.choice(tags),)), min(N_QUERIES, 200))
        p95 = pct(ours, 95)
        out.append(figure(f"dossier_open_p95_{backend}@{scale}", p95, "ms", pct(floor, 95),
                          "p95 < 200 ms incl. thumbnails", p95 < 200))
        if generated:
            out.append(figure(f"dossier_fill_{backend}@{scale}", float((WORK / f"{backend}-{N_ITEMS}-{AUDIT_PER_ITEM}"
                                                                        / "filled").read_text().split()[2]),
                              "s", None, "information", True))
    finally:
        station.close()
    return out


def run() -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for backend in BACKENDS:
        if backend == "postgres":
            try:
                import psycopg

                with psycopg.connect(PG_URL.replace("postgresql+psycopg://", "postgresql://"), connect_timeout=3):
                    pass
            except Exception as exc:  # noqa: BLE001 - reported as a figure, the SQLite ones still count
                out.append({"name": "dossier_postgres", "error": f"PostgreSQL not reachable: {exc}"})
                continue
        out += _measure(backend)
    return out


if __name__ == "__main__":
    for f in run():
        print(json.dumps(f, ensure_ascii=False))
