"""The main queries of search and the dossier are answered from indexes, on SQLite and on
PostgreSQL: every statement they send is captured as sent and EXPLAINed; none may scan a
table that grows with the warehouse. (PostgreSQL plans tiny test tables with sequential
scans whatever the indexes, so it is asked with ``enable_seqscan`` off: a scan that remains
has no index to use.)"""

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
            found = [m.group(1) for line in plan for m in [re.match(r"SCAN (\w+)", line)] if m]
            # A SCAN ... USING INDEX still reads it all; anon_N are the per-key subqueries' own
            # results (a few rows each), read back for the UNION ALL.
            return [t for t in found if t not in SMALL and not t.startswith("anon_")]
        cur.execute("SET enable_seqscan = off")
        cur.execute("EXPLAIN " + statement, parameters)
        plan = [str(r[0]) for r in cur.fetchall()]
        cur.execute("RESET enable_seqscan")
        return [m.group(1) for line in plan for m in [re.search(r"Seq Scan on (\w+)", line)]
                if m and m.group(1) not in SMALL]
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
    for text in (life.tag, life.tag[:8], life.waybill_in, life.waybill_out, life.order_no, life.asn_id,
                 life.first_cert, "356789104567894", "F2LXK0ABCDEF", "M100234", "翠玉轩"):
        n = _check(station, lambda t=text: station.search.search(t))
        assert n == 1  # every key in one statement, whatever the size


def test_dossier_queries_use_indexes(station, people) -> None:  # type: ignore[no-untyped-def]
    life = whole_life(station, people)
    n = _check(station, lambda: station.dossiers.dossier(people.supervisor, life.tag))
    assert n <= 20  # a constant number of round trips


def test_the_check_sees_a_full_scan(station) -> None:  # type: ignore[no-untyped-def]
    """The check itself can fail: a query on an unindexed column is reported."""
    ph = "?" if station.db.dialect == "sqlite" else "%(t)s"
    params: Any = ("x",) if station.db.dialect == "sqlite" else {"t": "x"}
    assert scans(station, f"SELECT id FROM items WHERE title = {ph}", params) == ["items"]
    assert scans(station, f"SELECT id FROM items WHERE tag = {ph}", params) == []
