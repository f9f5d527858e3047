"""The main queries of search, the dossier, the dashboard and the exceptions queue are answered from indexes, on SQLite and on
PostgreSQL: every statement they send is captured as sent and EXPLAINed; none may scan a
table that grows with the warehouse. (PostgreSQL plans tiny test tables with sequential
scans, hash and merge joins whatever the indexes, so it is asked with those off: a scan that
remains has no index to use. A whole index read in order, with no condition on it, counts as
a scan on both backends unless the index is partial.)"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event

from tests.services.test_dossier_support import whole_life
from tests.services.test_review_support import phone_in_review

# Tables that stay small (accounts, one row per workstation, counters...).
SMALL = {"users", "audit_head", "counters", "sync_state", "alembic_version"}


@contextmanager
def captured(station) -> Iterator[list[tuple[str, Any]]]:  # type: ignore[no-untyped-def]
    seen: list[tuple[str, Any]] = []

    def listen(_conn, _cursor, statement, parameters, _context, _many):  # type: ignore[no-untyped-def]
        if statement.lstrip().upper().startswith("SELECT"):
            seen.append((statement, parameters))

    engines = {station.db.engine, station.db.read_engine}
    for e in engines:
        event.listen(e, "before_cursor_execute", listen)
    try:
        yield seen
    finally:
        for e in engines:
            event.remove(e, "before_cursor_execute", listen)


def scans(station, statement: str, parameters: Any) -> list[str]:  # type: ignore[no-untyped-def]
    """Tables the plan reads whole."""
    raw = station.db.engine.raw_connection()
    try:
        cur = raw.cursor()
        if station.db.dialect == "sqlite":
            cur.execute("EXPLAIN QUERY PLAN " + statement, parameters)
            plan = [str(r[-1]) for r in cur.fetchall()]
            partial = {
                r[0]
                for r in cur.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'index' AND sql LIKE '% WHERE %'"
                ).fetchall()
            }
            found = [
                m.group(1)
                for line in plan
                for m in [re.match(r"SCAN (\w+)(?: USING (?:COVERING )?INDEX (\w+))?", line)]
                if m and m.group(2) not in partial
            ]
            # A SCAN ... USING INDEX still reads it all, unless the index is partial (it holds only
            # the few rows its WHERE keeps); anon_N are the per-key subqueries' own results (a few
            # rows each), read back for the UNION ALL, and so is a subquery SQLite materialises
            # (its own plan is in the same listing, checked as any other).
            made = {m.group(1) for line in plan for m in [re.match(r"MATERIALIZE (\w+)", line)] if m}
            return [t for t in found if t not in SMALL and t not in made and not t.startswith("anon_")]
        # Tiny tables: with hash and merge joins allowed the planner happily reads a whole (tiny)
        # primary key in order; a nested loop has to look each row up, by an index if one exists.
        for knob in ("enable_seqscan", "enable_hashjoin", "enable_mergejoin"):
            cur.execute(f"SET {knob} = off")
        cur.execute("EXPLAIN (FORMAT JSON) " + statement, parameters)
        plan = cur.fetchone()[0]
        cur.execute("RESET ALL")
        cur.execute(
            "SELECT c.relname, t.relname, i.indpred IS NOT NULL FROM pg_index i "
            "JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid"
        )
        index_of = {name: (table, partial) for name, table, partial in cur.fetchall()}
        found = []

        def walk(node: dict[str, Any]) -> None:
            kind = node["Node Type"]
            if kind == "Seq Scan":
                found.append(node["Relation Name"])
            elif kind in ("Index Scan", "Index Only Scan", "Bitmap Index Scan") and "Index Cond" not in node:
                # The whole index in order (a full scan all the same), unless it is partial.
                table, partial = index_of[node["Index Name"]]
                if not partial:
                    found.append(table)
            for child in node.get("Plans", ()):
                walk(child)

        walk((plan[0] if isinstance(plan, list) else plan)["Plan"])
        return [t for t in found if t not in SMALL]
    finally:
        raw.rollback()
        raw.close()


def _check(station, run: Callable[[], Any]) -> int:  # type: ignore[no-untyped-def]
    with captured(station) as seen:
        run()
    assert seen
    bad = {s: scans(station, s, p) for s, p in seen}
    bad = {s: t for s, t in bad.items() if t}
    assert not bad, "full scans:\n" + "\n\n".join(f"{t}: {s}" for s, t in bad.items())
    return len(seen)


def test_search_by_every_key_uses_indexes(station, people) -> None:  # type: ignore[no-untyped-def]
    life = whole_life(station, people)
    phone_in_review(station, people)
    for text in (
        life.tag,
        life.tag[:8],
        life.waybill_in,
        life.waybill_out,
        life.order_no,
        life.asn_id,
        life.first_cert,
        "356789104567894",
        "F2LXK0ABCDEF",
        "M100234",
        "翠玉轩",
    ):
        n = _check(station, lambda t=text: station.search.search(t))
        assert n == 1  # every key in one statement, whatever the size


def test_search_keeps_its_plan_and_its_answers(station, people) -> None:  # type: ignore[no-untyped-def]
    """Searched again and again (PostgreSQL then runs the statement prepared, with one generic
    plan), every key still finds its item, and the statement really is kept prepared."""
    from sqlalchemy import text

    life = whole_life(station, people)
    keys = (life.tag, life.tag[:8], life.waybill_in, life.waybill_out, life.order_no, life.asn_id, life.first_cert)
    for _ in range(3):
        for key in keys:
            assert life.tag in [h.tag for h in station.search.search(key)], key
    assert station.search.search("TW0000000000")[:1] == []
    if station.db.dialect == "postgresql":
        with station.db.read() as s:
            kept = (
                s.execute(text("SELECT generic_plans FROM pg_prepared_statements WHERE statement LIKE '%%UNION ALL%%'"))
                .scalars()
                .all()
            )
        assert kept and max(kept) >= 5


def test_dossier_queries_use_indexes(station, people) -> None:  # type: ignore[no-untyped-def]
    life = whole_life(station, people)
    n = _check(station, lambda: station.dossiers.dossier(people.supervisor, life.tag))
    assert n <= 20  # a constant number of round trips


def test_dashboard_and_exceptions_queries_use_indexes(station, people) -> None:  # type: ignore[no-untyped-def]
    """The supervisor's 30 days (today's live figures, closed days counted and kept, kept days
    read back) and the exceptions queue: every statement they send."""
    from datetime import timedelta

    whole_life(station, people)
    phone_in_review(station, people)
    now = station.ctx.clock()
    start, end = station.dashboard.day_range(30, now=now)
    later = now + timedelta(days=2)  # today and yesterday are closed days by then
    _check(station, lambda: station.dashboard.dashboard(start, end, now=now))
    _check(station, lambda: station.dashboard.dashboard(start, end + timedelta(days=2), now=later))
    _check(station, lambda: type(station.dashboard)(station.ctx).dashboard(start, end + timedelta(days=2), now=later))
    _check(station, lambda: station.supervision.exceptions(now=now))


def test_the_check_sees_a_full_scan(station) -> None:  # type: ignore[no-untyped-def]
    """The check itself can fail: a query on an unindexed column is reported."""
    ph = "?" if station.db.dialect == "sqlite" else "%(t)s"
    params: Any = ("x",) if station.db.dialect == "sqlite" else {"t": "x"}
    assert scans(station, f"SELECT id FROM items WHERE title = {ph}", params) == ["items"]
    assert scans(station, f"SELECT id FROM items WHERE tag = {ph}", params) == []
    # A partial index is read only where its WHERE holds; a whole index is a scan all the same.
    assert scans(station, "SELECT count(*) FROM shipments WHERE pending_notice IS NOT NULL", ()) == []
    assert scans(station, "SELECT id FROM items ORDER BY tag LIMIT 5", ()) == ["items"]


def test_the_reads_after_every_scan_use_indexes(station, people) -> None:  # type: ignore[no-untyped-def]
    """The parcel's view and the intake board run on a raw connection (``db.snapshot``), which
    the capture above does not see: their statements are EXPLAINed here, as compiled."""
    from app.services import parcel_records as pr
    from app.store.hot_path import compiled_for

    whole_life(station, people)
    sid = {"sid": 1}
    for stmt, values in ((pr._BOARD, {"limit": 100}), (pr._HEAD, sid), (pr._LINES, sid), (pr._PIECES, sid)):
        compiled = compiled_for(stmt, station.db.engine.dialect)
        assert scans(station, compiled.sql, compiled.params(values)) == [], compiled.sql


def test_the_sync_page_read_uses_its_index(station, people) -> None:  # type: ignore[no-untyped-def]
    """The drain's page of pending events is read on a raw connection too (``db.snapshot``)."""
    from app.services import sync_port
    from app.store.hot_path import compiled_for

    whole_life(station, people)
    compiled = compiled_for(sync_port._PENDING_PAGE, station.db.engine.dialect)
    values = {"ws": station.ctx.workstation_id, "limit": 1000}
    assert scans(station, compiled.sql, compiled.params(values)) == [], compiled.sql
