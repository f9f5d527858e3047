"""Search and dossier at three years of a busy warehouse, on SQLite and PostgreSQL.

    python bench/run.py dossier                                   # 5,000,000 items, 50,000,000 audit entries
    TW_BENCH_DOSSIER_ITEMS=200000 python bench/run.py dossier     # a development scale (audit: 10 per item)
    TW_BENCH_DOSSIER_BACKENDS=sqlite python bench/run.py dossier  # one backend
    TW_BENCH_PG_URL=postgresql+psycopg://postgres@127.0.0.1:5432/test   # default; schema bench_dossier_<scale>

Figures: ``search_<key>_p95`` for each search key (exact, and a partial tag) and
``dossier_open_p95`` (the role-aware dossier with thumbnails made from the blob store), each
beside the bare indexed query for the same thing measured in the same run. The dashboard
bench (bench_dashboard) measures on the same database.

The database is built by the migrations, then filled set-based — a fixture, not user data:
the tags (their check digit is computed in Python) are staged once, then every table is one
``INSERT ... SELECT`` over a counter (a recursive CTE on SQLite, ``generate_series`` on
PostgreSQL) or over the items, with the secondary indexes dropped during the fill and built
once after it. A piece arrives every 18 s whatever the scale (a busy warehouse's daily
volume), so a smaller database covers fewer days. Per item: its announced line, one photo and
one measurement row, a grading (a fail for one in 13, with a reason; the phones with a
cosmetic grade), a review or a rejection, a certificate and a dispatch unless it failed or is
among the last three days' pieces (those wait in the stages), an inspection report for the
phones (every fourth), two outbox events and ``TW_BENCH_DOSSIER_AUDIT_PER_ITEM`` (default 10)
audit entries. A sample of items gets four real JPEG photos in the blob store. A filled
database of the same scale is reused (``TW_BENCH_DOSSIER_DIR``, default /tmp/scale/dossier,
and the PostgreSQL schema) so a re-run measures only.
"""

from __future__ import annotations

import io
import json
import os
import random
import sqlite3
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import figure, pct, timings  # noqa: E402

N_ITEMS = int(os.environ.get("TW_BENCH_DOSSIER_ITEMS", "5000000"))
AUDIT_PER_ITEM = int(os.environ.get("TW_BENCH_DOSSIER_AUDIT_PER_ITEM", "10"))
BACKENDS = [b.strip() for b in os.environ.get("TW_BENCH_DOSSIER_BACKENDS", "sqlite,postgres").split(",") if b.strip()]
PG_URL = os.environ.get("TW_BENCH_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
WORK = Path(os.environ.get("TW_BENCH_DOSSIER_DIR", "/tmp/scale/dossier"))
FIXTURE = "v2"  # the fill's version: a cached database of an older fill is not reused
SCHEMA = "bench_dossier"
N_QUERIES = int(os.environ.get("TW_BENCH_DOSSIER_QUERIES", "300"))
N_SAMPLE = 40  # items with real photos, opened as dossiers
BATCH = 50_000
MERCHANTS = 2000
BASE = datetime(2024, 1, 1, tzinfo=UTC)
AUDIT_ACTIONS = (
    "receive_item",
    "start_appraisal",
    "record_measurement",
    "attach_photo",
    "record_grading",
    "submit_for_review",
    "approve",
    "issue_certificate",
    "print_certificate",
    "hold",
)


def _tag(i: int) -> str:
    from app.core.tags import make_tag

    return make_tag((BASE + timedelta(days=i // 999_999)).date(), i % 999_999 + 1)


def _imei(i: int) -> str:
    return f"35{i:013d}"


def _when(i: int, step: int = 0) -> datetime:
    # Three years of receipts, an item's steps minutes apart.
    return BASE + timedelta(seconds=i * STEP_S + step * 60)


# ------------------------------------------------------------------ rows
#
# Set-based: the tags (their check digit is Python's) go into a staging table once; every
# table is then one INSERT ... SELECT over a counter (a recursive CTE on SQLite,
# generate_series on PostgreSQL) or over the items, with the secondary indexes dropped
# during the fill and built once afterwards.

STEP_S = 3 * 365 * 86400 // 5_000_000  # a busy warehouse: a piece every 18 s, at any scale
RECENT = 3 * 86400 // STEP_S  # the last three days' pieces are still in the stages
WAITING = ("received", "in_appraisal", "graded", "in_review", "approved", "certified", "rejected", "on_hold")
REASONS = ("counterfeit", "not_as_declared", "damaged", "undisclosed_treatment")
GRADES = ("99", "95", "90", "85")
BIG = (
    "shipments",
    "asn_lines",
    "items",
    "photos",
    "measurements",
    "grading_results",
    "reviews",
    "rejections",
    "certificates",
    "dispatches",
    "inspection_reports",
    "outbox",
    "audit_log",
)


def _recent(i: int) -> bool:
    return i >= N_ITEMS - RECENT


def _fails(i: int) -> bool:
    return i % 8 == 6 if _recent(i) else i % 13 == 7


def _certified(i: int) -> bool:
    """Mirrors the certificates' INSERT below (the search bench picks numbers that exist)."""
    return not _fails(i) and (not _recent(i) or i % 8 == 5)


def _dispatched(i: int) -> bool:
    return not _recent(i)


def end_of_data() -> datetime:
    """The last piece's receipt: the dashboard bench's "now"."""
    return _when(N_ITEMS)


def _s(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


class _Sql:
    """The few expressions whose spelling differs between SQLite and PostgreSQL."""

    def __init__(self, dialect: str) -> None:
        self.lite = dialect == "sqlite"

    def counter(self, n: int) -> str:
        """A row per i in [0, n)."""
        if self.lite:
            return (
                f"(WITH RECURSIVE c(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM c WHERE i < {n - 1}) SELECT i FROM c) n"
            )
        return f"generate_series(0, {n - 1}) n(i)"

    def pad(self, expr: str, width: int) -> str:
        return f"printf('%0{width}d', {expr})" if self.lite else f"lpad(({expr})::text, {width}, '0')"

    def hexpad(self, expr: str, width: int) -> str:
        return f"printf('%0{width}x', {expr})" if self.lite else f"lpad(to_hex({expr}), {width}, '0')"

    def when(self, i: str, minutes: int | str = 0) -> str:
        """_when(i, minutes), stored as each backend stores an aware datetime."""
        seconds = f"{i} * {STEP_S} + ({minutes}) * 60"
        if self.lite:
            return f"(datetime('{BASE:%Y-%m-%d %H:%M:%S}', '+' || ({seconds}) || ' seconds') || '.000000')"
        return f"(timestamptz '{BASE.isoformat()}' + ({seconds}) * interval '1 second')"

    def obj(self, **fields: str) -> str:
        """A JSON object of SQL expressions."""
        args = ", ".join(f"{_s(k)}, {v}" for k, v in fields.items())
        return f"{'json_object' if self.lite else 'json_build_object'}({args})"

    def pick(self, expr: str, values: tuple[str, ...]) -> str:
        return f"(CASE {expr} " + " ".join(f"WHEN {k} THEN {_s(v)}" for k, v in enumerate(values)) + " END)"


def _statements(q: _Sql, admin: int, blob: str) -> list[tuple[str, str]]:
    """(table, INSERT ... SELECT), in the order the foreign keys need."""
    n = N_ITEMS
    recent = f"(i >= {n - RECENT})"
    fails = f"(CASE WHEN {recent} THEN i % 8 = 6 ELSE i % 13 = 7 END)"
    graded = f"(NOT {recent} OR i % 8 >= 2)"
    state = f"(CASE WHEN {recent} THEN {q.pick('i % 8', WAITING)} ELSE 'dispatched' END)"
    phone = "(i % 4 = 1)"
    category = f"CASE WHEN {phone} THEN 'phone' ELSE 'jewelry' END"
    identity = q.obj(imei=f"'35' || {q.pad('i', 13)}", serial=f"'F' || {q.pad('i', 11)}")
    items = f"(SELECT id - 1 AS i, tag FROM items WHERE id <= {n}) it"
    every = q.counter(n)
    m = f"s % {MERCHANTS}"
    ship_at = q.when("s * 4")
    return [
        (
            "shipments",
            "INSERT INTO shipments (id, asn_id, revision, status, warehouse_id, merchant_id, merchant_name, "
            "carrier, waybill_no, announced_at, received_at, received_by, package_condition, created_at, updated_at) "
            f"SELECT s + 1, 'ASN-B' || {q.pad('s', 9)}, 1, 'closed', 'WH-LOCAL-01', 'M' || {q.pad(m, 6)}, "
            f"'商家' || {q.pad(m, 4)} || '珠宝', 'SF', 'SF' || {q.pad('s', 13)}, {ship_at}, {ship_at}, {admin}, "
            f"'intact', {ship_at}, {ship_at} FROM (SELECT i AS s FROM {q.counter((n + 3) // 4)}) sh",
        ),
        (
            "asn_lines",
            "INSERT INTO asn_lines (id, shipment_id, line_id, order_no, category, title, "
            "declared_value_cents, declared, withdrawn) "
            f"SELECT i + 1, i / 4 + 1, 'L' || (i % 4 + 1), 'KS' || {q.pad('i', 12)}, {category}, '物品', 100000, "
            f"CASE WHEN {phone} THEN {identity} ELSE {q.obj(material=_s('Au750'))} END, FALSE FROM {every}",
        ),
        (
            "items",
            "INSERT INTO items (id, tag, shipment_id, asn_line_id, category, title, state, held_from, "
            "tag_printed, received_at, received_by, updated_at) "
            f"SELECT i + 1, tag, i / 4 + 1, i + 1, {category}, '批量物品', {state}, "
            f"CASE WHEN {recent} AND i % 8 = 7 THEN 'received' END, TRUE, {q.when('i')}, {admin}, {q.when('i', 9)} "
            "FROM bench_tags",
        ),
        (
            "photos",
            "INSERT INTO photos (item_id, view, purpose, sha256, width, height, device, taken_by, taken_at) "
            f"SELECT i + 1, 'front', 'appraisal', {_s(blob)}, 1600, 1200, {q.obj(type=_s('camera'))}, {admin}, "
            f"{q.when('i', 2)} FROM {every}",
        ),
        (
            "measurements",
            "INSERT INTO measurements (item_id, kind, value, unit, stable, source, device, extra, "
            "recorded_by, recorded_at) "
            f"SELECT i + 1, 'mass', '2.3490', 'g', TRUE, 'device', "
            f"{q.obj(type=_s('scale'), model=_s('XPR204'), serial=_s('B1'))}, {q.obj()}, {admin}, {q.when('i', 1)} "
            f"FROM {every}",
        ),
        (
            "grading_results",
            "INSERT INTO grading_results (id, item_id, revision, result, verdict, reason_code, name, "
            "graded_by, graded_at) "
            f"SELECT i + 1, i + 1, 1, CASE WHEN {phone} THEN "
            f"{q.obj(kind=_s('phone'), phone=q.obj(cosmetic_grade=q.pick('(i / 4) % 4', GRADES)))} "
            f"ELSE {q.obj(kind=_s('jewelry'), verdict=_s('pass'))} END, "
            f"CASE WHEN {fails} THEN 'fail' ELSE 'pass' END, CASE WHEN {fails} THEN {q.pick('(i / 13) % 4', REASONS)} END, "
            f"'18K金钻石吊坠', {admin}, {q.when('i', 60)} FROM {every} WHERE {graded}",
        ),
        (
            "reviews",
            "INSERT INTO reviews (item_id, grading_id, revision, decision, reviewer_id, decided_at) "
            f"SELECT i + 1, i + 1, 1, 'approve', {admin}, {q.when('i', 120)} FROM {every} "
            f"WHERE NOT {fails} AND (NOT {recent} OR i % 8 IN (4, 5))",
        ),
        (
            "rejections",
            "INSERT INTO rejections (item_id, reason_code, note, rejected_by, rejected_at) "
            f"SELECT i + 1, {q.pick('(i / 13) % 4', REASONS)}, 'bench', {admin}, {q.when('i', 60)} FROM {every} "
            f"WHERE {fails}",
        ),
        (
            "certificates",
            "INSERT INTO certificates (certificate_no, item_id, grading_id, key_id, issued_at, issued_by, "
            "qr_payload, pdf_sha256, facts, status) "
            f"SELECT 'TWC' || {q.pad('i', 14)}, i + 1, i + 1, 'WH-LOCAL-01-0000000000000000', {q.when('i', 180)}, "
            f"{admin}, 'TW1.x', {_s(blob)}, {q.obj(name=_s('18K金钻石吊坠'))}, 'valid' "
            f"FROM {every} WHERE NOT {fails} AND (NOT {recent} OR i % 8 = 5)",
        ),
        (
            "dispatches",
            "INSERT INTO dispatches (item_id, destination, carrier, waybill_no, dispatched_by, "
            f"dispatched_at) SELECT i + 1, CASE WHEN {fails} THEN 'merchant' ELSE 'buyer' END, 'YTO', "
            f"'YT' || {q.pad('i', 13)}, {admin}, {q.when('i', 300)} FROM {every} WHERE NOT {recent}",
        ),
        (
            "inspection_reports",
            "INSERT INTO inspection_reports (item_id, report_id, box, report, recorded_by, "
            f"recorded_at) SELECT i + 1, 'RPT-' || {q.pad('i', 10)}, "
            f"{q.obj(model=_s('TWB-2'), serial=_s('TWB2-1'), firmware=_s('2'))}, {q.obj(identity=identity)}, "
            f"{admin}, {q.when('i', 30)} FROM {every} WHERE {phone}",
        ),
        (
            "outbox",
            "INSERT INTO outbox (workstation_id, seq, event_id, type, occurred_at, actor, item_tag, payload, "
            "blobs, status, attempts) "
            f"SELECT 'WS-BENCH', 2 * i + k + 1, {q.hexpad('i', 8)} || '-0000-4000-8000-' || {q.hexpad('k', 12)}, "
            f"ev.type, {q.when('i', 'k * 60')}, 'bench', tag, {q.obj()}, "
            f"{'json_array()' if q.lite else 'json_build_array()'}, 'accepted', 1 "
            f"FROM {items} CROSS JOIN (SELECT 0 AS k, 'item.received' AS type UNION ALL "
            "SELECT 1, 'grading.recorded') ev",
        ),
        (
            "audit_log",
            "INSERT INTO audit_log (chain_index, at, workstation_id, actor, action, entity_type, entity_id, "
            "detail, prev_hash, hash) "
            f"SELECT 1000 + i * {AUDIT_PER_ITEM} + k, {q.when('i', 'k * 30')}, 'WS-0' || (k % 5), 'bench', ac.action, "
            f"'item', tag, {q.obj(n='k')}, {_s('0' * 64)}, {_s('0' * 64)} "
            f"FROM {items} CROSS JOIN ("
            + " UNION ALL ".join(
                f"SELECT {k} AS k, {_s(AUDIT_ACTIONS[k % len(AUDIT_ACTIONS)])} AS action" for k in range(AUDIT_PER_ITEM)
            )
            + ") ac",
        ),
    ]


def _tags_rows(start: int, stop: int) -> list[tuple[int, str]]:
    return [(i, _tag(i)) for i in range(start, stop)]


def _fill(station: Any, admin: int, blob: str) -> dict[str, float]:
    """Every table in bulk, straight into the tables (a fixture: it bypasses the operations on
    purpose); the seconds each step took."""
    took: dict[str, float] = {}
    q = _Sql(station.db.dialect)
    statements = _statements(q, admin, blob)
    if station.db.dialect == "sqlite":
        path = station.db.engine.url.database
        station.close()
        raw = sqlite3.connect(path, isolation_level=None)
        raw.execute("PRAGMA journal_mode=OFF")  # a fixture: rebuilt from nothing if the fill dies
        raw.execute("PRAGMA synchronous=OFF")
        raw.execute("PRAGMA foreign_keys=OFF")  # consistent by construction
        raw.execute("PRAGMA cache_size=-262144")
        raw.execute("PRAGMA temp_store=FILE")
        t0 = time.perf_counter()
        raw.execute("CREATE TEMP TABLE bench_tags (i INTEGER PRIMARY KEY, tag TEXT NOT NULL)")
        for start in range(0, N_ITEMS, 200_000):
            raw.executemany("INSERT INTO bench_tags VALUES (?, ?)", _tags_rows(start, min(N_ITEMS, start + 200_000)))
        took["tags"] = time.perf_counter() - t0
        marks = ",".join("?" * len(BIG))
        indexes = raw.execute(
            f"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ({marks})",
            BIG,
        ).fetchall()
        for name, _sql in indexes:
            raw.execute(f'DROP INDEX "{name}"')
        for table, sql in statements:
            t0 = time.perf_counter()
            raw.execute("BEGIN")
            raw.execute(sql)
            raw.execute("COMMIT")
            took[table] = time.perf_counter() - t0
            print(f"# {table}: {took[table]:.0f} s", file=sys.stderr, flush=True)
        t0 = time.perf_counter()
        for _name, sql in indexes:
            raw.execute(sql)
        took["indexes"] = time.perf_counter() - t0
        raw.execute("PRAGMA analysis_limit=2000")
        raw.execute("ANALYZE")
        raw.execute("PRAGMA journal_mode=WAL")
        raw.close()
        return took
    import psycopg

    url = station.db.url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("SET synchronous_commit = off")
        conn.execute("SET maintenance_work_mem = '512MB'")
        t0 = time.perf_counter()
        conn.execute("CREATE TEMP TABLE bench_tags (i integer PRIMARY KEY, tag text NOT NULL)")
        with conn.cursor() as cur, cur.copy("COPY bench_tags (i, tag) FROM STDIN") as copy:
            for i in range(N_ITEMS):
                copy.write_row((i, _tag(i)))
        took["tags"] = time.perf_counter() - t0
        indexes = conn.execute(
            "SELECT indexname, indexdef FROM pg_indexes i WHERE schemaname = current_schema() "
            "AND tablename = ANY(%s) AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = "
            "(quote_ident(i.schemaname) || '.' || quote_ident(i.indexname))::regclass)",
            (list(BIG),),
        ).fetchall()
        for name, _sql in indexes:
            conn.execute(f'DROP INDEX "{name}"')
        for table, sql in statements:
            t0 = time.perf_counter()
            conn.execute(sql)
            took[table] = time.perf_counter() - t0
            print(f"# {table}: {took[table]:.0f} s", file=sys.stderr, flush=True)
        t0 = time.perf_counter()
        for _name, sql in indexes:
            conn.execute(sql)
        took["indexes"] = time.perf_counter() - t0
        for name in ("shipments", "asn_lines", "items", "grading_results"):
            conn.execute(f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), (SELECT max(id) FROM {name}))")
        conn.execute("VACUUM (ANALYZE)")  # the visibility map too: index-only scans as a live database has them
    return took


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
                    s.execute(
                        insert(Blob),
                        [{"sha256": digest, "size": len(data), "content_type": "image/jpeg", "created_at": now}],
                    )
                s.execute(
                    insert(Photo),
                    [
                        {
                            "item_id": i + 1,
                            "view": view,
                            "purpose": "appraisal",
                            "sha256": digest,
                            "width": 1600,
                            "height": 1200,
                            "device": {"type": "camera"},
                            "taken_by": admin,
                            "taken_at": _when(i, 2 + k),
                        }
                    ],
                )


# ------------------------------------------------------------------ station


def _open(backend: str) -> tuple[Any, Any, bool]:
    """The station, its supervisor, and whether the data had to be generated."""
    from argon2 import PasswordHasher

    import app.services.users as users_mod
    from app.services.station import Station

    users_mod._HASHER = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    folder = WORK / f"{backend}-{N_ITEMS}-{AUDIT_PER_ITEM}-{FIXTURE}"
    folder.mkdir(parents=True, exist_ok=True)
    done = folder / "filled"
    if backend == "sqlite":
        url = f"sqlite:///{folder / 'bench.sqlite3'}"
        if not done.exists():
            (folder / "bench.sqlite3").unlink(missing_ok=True)
    else:
        import psycopg

        raw = PG_URL.replace("postgresql+psycopg://", "postgresql://")
        schema = f"{SCHEMA}_{N_ITEMS}_{AUDIT_PER_ITEM}_{FIXTURE}"
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
    took = _fill(station, admin.user_id, blob)
    station.close()
    station = Station.for_url(url, folder)
    _sample_photos(station, admin.user_id, _sample())
    steps = " ".join(f"{k}={v:.0f}" for k, v in took.items())
    done.write_text(f"filled in {time.perf_counter() - t0:.0f} s ({steps})\n")
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

    conn = psycopg.connect(
        station.db.url.replace("postgresql+psycopg://", "postgresql://").replace(
            "?options=-csearch_path%3D", "?options=-csearch_path%3D"
        ),
        autocommit=True,
    )
    return lambda sql, params: conn.execute(sql, params).fetchall()


def _keys(rng: random.Random, dialect: str) -> dict[str, tuple[Callable[[], str], str]]:
    """Search key -> (a random value, the bare indexed query for it)."""
    imei, serial = (
        ("json_extract(declared, '$.imei')", "json_extract(declared, '$.serial')")
        if dialect == "sqlite"
        else ("(declared ->> 'imei')", "(declared ->> 'serial')")
    )

    def item() -> int:
        return rng.randrange(N_ITEMS)

    def phone() -> int:
        return (rng.randrange(max(1, N_ITEMS // 4 - 1))) * 4 + 1

    def having(test: Callable[[int], bool]) -> int:
        while True:
            i = item()
            if test(i):
                return i

    return {
        "tag": (lambda: _tag(item()), "SELECT id FROM items WHERE tag = %s"),
        "tag_partial": (lambda: _tag(item())[:13], "SELECT id FROM items WHERE tag >= %s ORDER BY tag LIMIT 51"),
        "imei": (lambda: _imei(phone()), f"SELECT id FROM asn_lines WHERE {imei} = %s"),
        "serial": (lambda: f"F{phone():011d}", f"SELECT id FROM asn_lines WHERE {serial} = %s"),
        "inbound_waybill": (lambda: f"SF{item() // 4:013d}", "SELECT id FROM shipments WHERE waybill_no = %s"),
        "outbound_waybill": (
            lambda: f"YT{having(_dispatched):013d}",
            "SELECT id FROM dispatches WHERE waybill_no = %s",
        ),
        "order_no": (lambda: f"KS{item():012d}", "SELECT id FROM asn_lines WHERE order_no = %s"),
        "asn_id": (lambda: f"ASN-B{item() // 4:09d}", "SELECT id FROM shipments WHERE asn_id = %s"),
        "certificate_no": (
            lambda: f"TWC{having(_certified):014d}",
            "SELECT id FROM certificates WHERE certificate_no = %s",
        ),
        "merchant_id": (
            lambda: f"M{rng.randrange(MERCHANTS):06d}",
            "SELECT id FROM shipments WHERE merchant_id = %s LIMIT 51",
        ),
        "merchant_name": (
            lambda: f"商家{rng.randrange(MERCHANTS):04d}珠宝",
            "SELECT id FROM shipments WHERE merchant_name = %s LIMIT 51",
        ),
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
            out.append(
                figure(f"search_{key}_p95_{backend}@{scale}", p95, "ms", pct(floor, 95), "p95 < 50 ms", p95 < 50)
            )
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
        out.append(
            figure(
                f"dossier_open_first_p95_{backend}@{scale}",
                pct(cold, 95),
                "ms",
                None,
                "information (thumbnails made once, then read)",
                True,
            )
        )
        ours = timings(open_one, min(N_QUERIES, 200), warmup=3)
        audit_sql = "SELECT * FROM audit_log WHERE entity_id = %s"
        floor = timings(lambda: bare(audit_sql, (rng.choice(tags),)), min(N_QUERIES, 200))
        p95 = pct(ours, 95)
        out.append(
            figure(
                f"dossier_open_p95_{backend}@{scale}",
                p95,
                "ms",
                pct(floor, 95),
                "p95 < 200 ms incl. thumbnails",
                p95 < 200,
            )
        )
        if generated:
            filled = (WORK / f"{backend}-{N_ITEMS}-{AUDIT_PER_ITEM}-{FIXTURE}" / "filled").read_text()
            out.append(
                figure(
                    f"dossier_fill_{backend}@{scale}",
                    float(filled.split()[2]),
                    "s",
                    None,
                    "information: " + filled.strip(),
                    True,
                )
            )
    finally:
        station.close()
    return out


def pg_reachable() -> bool:
    try:
        import psycopg

        with psycopg.connect(PG_URL.replace("postgresql+psycopg://", "postgresql://"), connect_timeout=3):
            return True
    except Exception:  # noqa: BLE001 - reported as a figure, the SQLite ones still count
        return False


def run() -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for backend in BACKENDS:
        if backend == "postgres" and not pg_reachable():
            out.append({"name": "dossier_postgres", "error": f"PostgreSQL not reachable at {PG_URL}"})
            continue
        out += _measure(backend)
    return out


if __name__ == "__main__":
    for f in run():
        print(json.dumps(f, ensure_ascii=False))
