"""A durable fake ``SyncPort`` on a small sqlite file, for the crash test (and a model of
what the real outbox binding must guarantee: verdicts are written in one transaction)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from typing import Any

from app.core.outbox import EventResult, OutboxEvent, PortStats

SCHEMA = """
CREATE TABLE IF NOT EXISTS outbox (event_id TEXT PRIMARY KEY, seq INTEGER UNIQUE NOT NULL, type TEXT,
  occurred_at TEXT, actor TEXT, item_tag TEXT, asn_id TEXT, line_id TEXT, payload TEXT, blobs TEXT,
  state TEXT NOT NULL DEFAULT 'pending', reason TEXT, detail TEXT, attempts INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS blobs (sha256 TEXT PRIMARY KEY, data BLOB, content_type TEXT);
CREATE TABLE IF NOT EXISTS kv (k TEXT PRIMARY KEY, v TEXT);
CREATE TABLE IF NOT EXISTS notices (asn_id TEXT PRIMARY KEY, revision INTEGER, body TEXT);
CREATE TABLE IF NOT EXISTS confirmed_blobs (platform TEXT, sha256 TEXT, PRIMARY KEY (platform, sha256));
CREATE TABLE IF NOT EXISTS refused_notices (body TEXT, reason TEXT);
"""


class SqlitePort:
    def __init__(self, path: str) -> None:
        self.db = sqlite3.connect(path, isolation_level=None)
        self.db.execute("PRAGMA synchronous=FULL")
        self.db.executescript(SCHEMA)

    def add(self, e: OutboxEvent) -> None:
        self.db.execute(
            "INSERT INTO outbox (event_id, seq, type, occurred_at, actor, item_tag, asn_id, line_id,"
            " payload, blobs) VALUES (?,?,?,?,?,?,?,?,?,?)",
            (
                e.event_id,
                e.seq,
                e.type,
                e.occurred_at,
                e.actor,
                e.item_tag,
                e.asn_id,
                e.line_id,
                json.dumps(e.payload),
                json.dumps(list(e.blobs)),
            ),
        )

    def add_blob(self, sha256: str, data: bytes, content_type: str) -> None:
        self.db.execute("INSERT OR IGNORE INTO blobs VALUES (?,?,?)", (sha256, data, content_type))

    def pending_events(self, limit: int) -> list[OutboxEvent]:
        rows = self.db.execute(
            "SELECT event_id, seq, type, occurred_at, actor, item_tag, asn_id, line_id, payload,"
            " blobs FROM outbox WHERE state='pending' ORDER BY seq LIMIT ?",
            (limit,),
        )
        return [OutboxEvent(*r[:8], json.loads(r[8]), tuple(json.loads(r[9]))) for r in rows]

    def blob_reader(self, sha256: str) -> tuple[Callable[[], bytes], str]:
        # Read here, on the engine's thread: this connection is bound to it.
        row = self.db.execute("SELECT data, content_type FROM blobs WHERE sha256=?", (sha256,)).fetchone()
        if row is None:
            raise KeyError(sha256)
        data = bytes(row[0])
        return (lambda: data), row[1]

    def mark_results(self, results: list[EventResult], confirmed: tuple[str, list[str]] | None = None) -> None:
        self.db.execute("BEGIN IMMEDIATE")
        if confirmed is not None:
            self.db.executemany(
                "INSERT OR IGNORE INTO confirmed_blobs VALUES (?,?)", [(confirmed[0], d) for d in confirmed[1]]
            )
        for r in results:
            state = "sent" if r.done else ("rejected" if r.status == "rejected" else "pending")
            self.db.execute(
                "UPDATE outbox SET state=?, reason=?, detail=?, attempts=attempts+1 WHERE event_id=?",
                (state, r.reason, r.detail, r.event_id),
            )
        self.db.execute("COMMIT")

    def get_cursor(self) -> str | None:
        row = self.db.execute("SELECT v FROM kv WHERE k='cursor'").fetchone()
        return row[0] if row else None

    def set_cursor(self, cursor: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO kv VALUES ('cursor', ?)", (cursor,))

    def apply_notice(self, shipment: dict[str, Any]) -> None:
        self.db.execute(
            "INSERT INTO notices VALUES (?,?,?) ON CONFLICT (asn_id) DO UPDATE SET"
            " revision=excluded.revision, body=excluded.body WHERE excluded.revision >= revision",
            (shipment["asn_id"], shipment.get("revision", 1), json.dumps(shipment)),
        )

    def notice_refused(self, shipment: Any, zh: str, en: str) -> None:
        self.db.execute("INSERT INTO refused_notices VALUES (?,?)", (json.dumps(shipment, default=repr), en))

    def known_blobs(self, platform: str, digests: list[str]) -> set[str]:
        marks = ",".join("?" * len(digests))
        rows = self.db.execute(
            f"SELECT sha256 FROM confirmed_blobs WHERE platform=? AND sha256 IN ({marks})", (platform, *digests)
        )
        return {r[0] for r in rows}

    def remember_blobs(self, platform: str, digests: list[str]) -> None:
        self.db.executemany("INSERT OR IGNORE INTO confirmed_blobs VALUES (?,?)", [(platform, d) for d in digests])

    def forget_blobs(self, platform: str, digests: list[str]) -> None:
        self.db.executemany(
            "DELETE FROM confirmed_blobs WHERE platform=? AND sha256=?", [(platform, d) for d in digests]
        )

    def stats(self) -> PortStats:
        pending, rejected = self.db.execute("SELECT sum(state='pending'), sum(state='rejected') FROM outbox").fetchone()
        return PortStats(pending or 0, 0, rejected or 0)

    def count(self, state: str) -> int:
        return int(self.db.execute("SELECT count(*) FROM outbox WHERE state=?", (state,)).fetchone()[0])
