"""The reference platform's own small store (stdlib sqlite3).

One connection guarded by one lock: the reference server is for tests and the demo, and
serialising writes is what makes "applied exactly once" trivially true even when a client
retries a batch while the first attempt is still being processed.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterable
from typing import Any

from app.core.clock import parse_rfc3339, rfc3339, utcnow

SCHEMA = """
CREATE TABLE IF NOT EXISTS asn_changes (
    change_id INTEGER PRIMARY KEY AUTOINCREMENT, asn_id TEXT NOT NULL, body TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS asns (
    asn_id TEXT PRIMARY KEY, revision INTEGER NOT NULL, status TEXT NOT NULL, body TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS blobs (
    sha256 TEXT PRIMARY KEY, content_type TEXT NOT NULL, size INTEGER NOT NULL,
    data BLOB NOT NULL, stored_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS events (
    ord INTEGER PRIMARY KEY AUTOINCREMENT, event_id TEXT NOT NULL UNIQUE,
    workstation_id TEXT NOT NULL, seq INTEGER NOT NULL, type TEXT NOT NULL,
    item_tag TEXT, asn_id TEXT, line_id TEXT, occurred_at TEXT NOT NULL, actor TEXT NOT NULL,
    payload TEXT NOT NULL, blobs TEXT NOT NULL, received_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS item_seq (
    workstation_id TEXT NOT NULL, item_tag TEXT NOT NULL, max_seq INTEGER NOT NULL,
    PRIMARY KEY (workstation_id, item_tag));
CREATE TABLE IF NOT EXISTS signing_keys (
    key_id TEXT PRIMARY KEY, algorithm TEXT NOT NULL, public_key_pem TEXT NOT NULL,
    certificate_pem TEXT, registered_at TEXT NOT NULL, revoked_at TEXT);
CREATE TABLE IF NOT EXISTS certificates (
    certificate_no TEXT PRIMARY KEY, item_tag TEXT, status TEXT NOT NULL, issued_at TEXT,
    warranty_until TEXT, summary TEXT, blobs TEXT NOT NULL, replaced_by TEXT);
CREATE TABLE IF NOT EXISTS case_changes (
    change_id INTEGER PRIMARY KEY AUTOINCREMENT, case_id TEXT NOT NULL, warehouse_id TEXT NOT NULL,
    body TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS cases (
    case_id TEXT PRIMARY KEY, revision INTEGER NOT NULL, status TEXT NOT NULL, warehouse_id TEXT NOT NULL,
    item_tag TEXT NOT NULL, body TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS certificate_status_changes (
    change_id INTEGER PRIMARY KEY AUTOINCREMENT, certificate_no TEXT NOT NULL, status TEXT NOT NULL,
    changed_at TEXT NOT NULL, replaced_by TEXT);
"""
# Columns added in 1.1; a store file from before gets them on open.
ADDED_COLUMNS = (("signing_keys", "warehouse_id", "TEXT"), ("certificates", "warehouse_id", "TEXT"))


class PlatformStore:
    """Rows of the reference platform. Every public method takes the lock itself."""

    def __init__(self, path: str = ":memory:") -> None:
        self.lock = threading.RLock()
        self.db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        if path != ":memory:":
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.executescript(SCHEMA)
        for table, column, kind in ADDED_COLUMNS:
            names = {row[1] for row in self.db.execute(f"PRAGMA table_info({table})")}
            if column not in names:
                self.db.execute(f"ALTER TABLE {table} ADD COLUMN {column} {kind}")
                self._backfill_warehouses(table)

    def _backfill_warehouses(self, table: str) -> None:
        """A store from before 1.1: each key's and certificate's warehouse is the one its key id
        names (the 1.1 rule), so their issuers can still void them."""
        from app.core.certificate import key_id_warehouse

        if table == "signing_keys":
            for (key_id,) in self.db.execute("SELECT key_id FROM signing_keys").fetchall():
                self.db.execute(
                    "UPDATE signing_keys SET warehouse_id=? WHERE key_id=?", (key_id_warehouse(key_id), key_id)
                )
            return
        for (payload,) in self.db.execute("SELECT payload FROM events WHERE type='certificate.issued'").fetchall():
            p = json.loads(payload)
            self.db.execute(
                "UPDATE certificates SET warehouse_id=? WHERE certificate_no=? AND warehouse_id IS NULL",
                (key_id_warehouse(str(p.get("key_id"))), str(p.get("certificate_no"))),
            )

    def close(self) -> None:
        with self.lock:
            self.db.close()

    # -- advance shipping notices -------------------------------------------------------
    def put_asn(self, shipment: dict[str, Any]) -> dict[str, Any]:
        """Publish a notice (or a new revision of one) to the inbound feed."""
        with self.lock:
            row = self.db.execute("SELECT revision FROM asns WHERE asn_id=?", (shipment["asn_id"],)).fetchone()
            shipment = dict(shipment)
            if row is not None and shipment.get("revision", 0) <= row[0]:
                shipment["revision"] = row[0] + 1  # a re-publish is always a newer revision
            shipment.setdefault("revision", 1)
            shipment.setdefault("status", "open")
            body = json.dumps(shipment, ensure_ascii=False)
            self.db.execute("BEGIN IMMEDIATE")
            self.db.execute(
                "INSERT OR REPLACE INTO asns VALUES (?,?,?,?)",
                (shipment["asn_id"], shipment["revision"], shipment["status"], body),
            )
            self.db.execute("INSERT INTO asn_changes (asn_id, body) VALUES (?,?)", (shipment["asn_id"], body))
            self.db.execute("COMMIT")
            return shipment

    def cancel_asn(self, asn_id: str) -> dict[str, Any]:
        current = self.asn(asn_id)
        if current is None:
            raise KeyError(asn_id)
        return self.put_asn({**current, "status": "cancelled", "revision": current["revision"] + 1})

    def asn_count(self) -> int:
        with self.lock:
            return int(self.db.execute("SELECT count(*) FROM asns").fetchone()[0])

    def asn(self, asn_id: str) -> dict[str, Any] | None:
        with self.lock:
            row = self.db.execute("SELECT body FROM asns WHERE asn_id=?", (asn_id,)).fetchone()
        return json.loads(row[0]) if row else None

    def inbound(self, after: int, limit: int) -> tuple[list[dict[str, Any]], int, bool]:
        """Changes after change id ``after``, oldest first: (shipments, last id, has_more)."""
        with self.lock:
            rows = self.db.execute(
                "SELECT change_id, body FROM asn_changes WHERE change_id > ? ORDER BY change_id LIMIT ?",
                (after, limit + 1),
            ).fetchall()
        has_more = len(rows) > limit
        rows = rows[:limit]
        last = rows[-1][0] if rows else after
        return [json.loads(body) for _, body in rows], last, has_more

    # -- §6 after-sale cases ------------------------------------------------------------
    def put_case(self, case: dict[str, Any]) -> dict[str, Any]:
        """Open a case (or publish a newer revision of it) on the cases feed."""
        with self.lock:
            row = self.db.execute("SELECT revision FROM cases WHERE case_id=?", (case["case_id"],)).fetchone()
            case = dict(case)
            if row is not None and case.get("revision", 0) <= row[0]:
                case["revision"] = row[0] + 1  # a re-publish is always a newer revision
            case.setdefault("revision", 1)
            case.setdefault("status", "open")
            body = json.dumps(case, ensure_ascii=False)
            self.db.execute("BEGIN IMMEDIATE")
            self.db.execute(
                "INSERT OR REPLACE INTO cases VALUES (?,?,?,?,?,?)",
                (case["case_id"], case["revision"], case["status"], case["warehouse_id"], case["item_tag"], body),
            )
            self.db.execute(
                "INSERT INTO case_changes (case_id, warehouse_id, body) VALUES (?,?,?)",
                (case["case_id"], case["warehouse_id"], body),
            )
            self.db.execute("COMMIT")
            return case

    def cancel_case(self, case_id: str) -> dict[str, Any]:
        current = self.case(case_id)
        if current is None:
            raise KeyError(case_id)
        return self.put_case({**current, "status": "cancelled", "revision": current["revision"] + 1})

    def case(self, case_id: str) -> dict[str, Any] | None:
        with self.lock:
            row = self.db.execute("SELECT body FROM cases WHERE case_id=?", (case_id,)).fetchone()
        return json.loads(row[0]) if row else None

    def case_count(self) -> int:
        with self.lock:
            return int(self.db.execute("SELECT count(*) FROM cases").fetchone()[0])

    def cases_feed(self, warehouse_id: str, after: int, limit: int) -> tuple[list[dict[str, Any]], int, bool]:
        """A warehouse's case changes after change id ``after``, oldest first."""
        with self.lock:
            rows = self.db.execute(
                "SELECT change_id, body FROM case_changes WHERE change_id > ? AND warehouse_id = ?"
                " ORDER BY change_id LIMIT ?",
                (after, warehouse_id, limit + 1),
            ).fetchall()
        has_more = len(rows) > limit
        rows = rows[:limit]
        last = rows[-1][0] if rows else after
        return [json.loads(body) for _, body in rows], last, has_more

    # -- blobs --------------------------------------------------------------------------
    def has_blob(self, sha256: str) -> bool:
        with self.lock:
            return self.db.execute("SELECT 1 FROM blobs WHERE sha256=?", (sha256,)).fetchone() is not None

    def put_blob(self, sha256: str, content_type: str, data: bytes) -> bool:
        """Store a blob; False when it was already there (the PUT is idempotent)."""
        with self.lock:
            cur = self.db.execute(
                "INSERT OR IGNORE INTO blobs VALUES (?,?,?,?,?)",
                (sha256, content_type, len(data), data, rfc3339(utcnow())),
            )
            return cur.rowcount == 1

    def blob(self, sha256: str) -> tuple[bytes, str] | None:
        with self.lock:
            row = self.db.execute("SELECT data, content_type FROM blobs WHERE sha256=?", (sha256,)).fetchone()
        return (bytes(row[0]), row[1]) if row else None

    def missing_blobs(self, digests: Iterable[str]) -> list[str]:
        with self.lock:
            return [d for d in digests if not self.has_blob(d)]

    # -- events -------------------------------------------------------------------------
    def event_exists(self, event_id: str) -> bool:
        return self.db.execute("SELECT 1 FROM events WHERE event_id=?", (event_id,)).fetchone() is not None

    def max_seq(self, workstation_id: str, item_tag: str) -> int | None:
        row = self.db.execute(
            "SELECT max_seq FROM item_seq WHERE workstation_id=? AND item_tag=?", (workstation_id, item_tag)
        ).fetchone()
        return row[0] if row else None

    def insert_event(self, workstation_id: str, ev: dict[str, Any], warehouse_id: str | None = None) -> None:
        """Store one accepted event and its effects; the caller holds the lock and a transaction."""
        self.db.execute(
            "INSERT INTO events (event_id, workstation_id, seq, type, item_tag, asn_id, line_id,"
            " occurred_at, actor, payload, blobs, received_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                ev["event_id"],
                workstation_id,
                ev["seq"],
                ev["type"],
                ev.get("item_tag"),
                ev.get("asn_id"),
                ev.get("line_id"),
                ev["occurred_at"],
                ev["actor"],
                json.dumps(ev["payload"], ensure_ascii=False),
                json.dumps(ev.get("blobs") or []),
                rfc3339(utcnow()),
            ),
        )
        if ev.get("item_tag") is not None:
            self.db.execute(
                "INSERT INTO item_seq VALUES (?,?,?) ON CONFLICT (workstation_id, item_tag)"
                " DO UPDATE SET max_seq=max(max_seq, excluded.max_seq)",
                (workstation_id, ev["item_tag"], ev["seq"]),
            )
        payload = ev["payload"]
        changed_at = rfc3339(parse_rfc3339(ev["occurred_at"]))  # when the warehouse made the change
        if ev["type"] == "certificate.issued":
            summary = payload.get("summary")
            number = str(payload["certificate_no"])
            # INSERT, never REPLACE: a number the platform holds is refused before this (conflict).
            self.db.execute(
                "INSERT INTO certificates (certificate_no, item_tag, status, issued_at, warranty_until, summary,"
                " blobs, replaced_by, warehouse_id) VALUES (?,?,?,?,?,?,?,?,?)",
                (
                    number,
                    ev.get("item_tag"),
                    "valid",
                    payload.get("issued_at"),
                    payload.get("warranty_until"),
                    json.dumps(summary, ensure_ascii=False) if isinstance(summary, dict) else None,
                    json.dumps(ev.get("blobs") or []),
                    None,
                    warehouse_id,
                ),
            )
            self.db.execute(
                "INSERT INTO certificate_status_changes (certificate_no, status, changed_at, replaced_by)"
                " VALUES (?,?,?,?)",
                (number, "valid", changed_at, None),
            )
        elif ev["type"] == "certificate.voided":
            number = str(payload["certificate_no"])
            cur = self.db.execute(
                "UPDATE certificates SET status='voided', replaced_by=? WHERE certificate_no=? AND status='valid'",
                (payload.get("replaced_by"), number),
            )
            if cur.rowcount:
                self.db.execute(
                    "INSERT INTO certificate_status_changes (certificate_no, status, changed_at,"
                    " replaced_by) VALUES (?,?,?,?)",
                    (number, "voided", changed_at, payload.get("replaced_by")),
                )

    def events(self, workstation_id: str | None = None) -> list[dict[str, Any]]:
        """Accepted events in arrival order (for tests, admin and the demo)."""
        sql = (
            "SELECT event_id, workstation_id, seq, type, item_tag, asn_id, line_id, occurred_at, actor,"
            " payload, blobs, received_at FROM events"
        )
        args: tuple[Any, ...] = ()
        if workstation_id is not None:
            sql, args = sql + " WHERE workstation_id=?", (workstation_id,)
        with self.lock:
            rows = self.db.execute(sql + " ORDER BY ord", args).fetchall()
        keys = (
            "event_id",
            "workstation_id",
            "seq",
            "type",
            "item_tag",
            "asn_id",
            "line_id",
            "occurred_at",
            "actor",
            "payload",
            "blobs",
            "received_at",
        )
        out = []
        for row in rows:
            ev = dict(zip(keys, row, strict=True))
            ev["payload"], ev["blobs"] = json.loads(ev["payload"]), json.loads(ev["blobs"])
            out.append(ev)
        return out

    # -- certificates and keys -------------------------------------------------------------
    def certificate(self, certificate_no: str) -> dict[str, Any] | None:
        with self.lock:
            row = self.db.execute(
                "SELECT certificate_no, item_tag, status, issued_at, warranty_until, summary,"
                " blobs, replaced_by, warehouse_id FROM certificates WHERE certificate_no=?",
                (certificate_no,),
            ).fetchone()
            if row is None:
                return None
            cert = dict(
                zip(
                    (
                        "certificate_no",
                        "item_tag",
                        "status",
                        "issued_at",
                        "warranty_until",
                        "summary",
                        "blobs",
                        "replaced_by",
                        "warehouse_id",
                    ),
                    row,
                    strict=True,
                )
            )
            cert["summary"] = _summary(cert["summary"])
            cert["category"], cert["title"], cert["photo_sha256"] = self._item_facts(cert["item_tag"])
        return cert

    def certificate_issuer(self, certificate_no: str) -> tuple[bool, str | None]:
        """(the platform holds this number, the warehouse that issued it)."""
        with self.lock:
            row = self.db.execute(
                "SELECT warehouse_id FROM certificates WHERE certificate_no=?", (certificate_no,)
            ).fetchone()
        return (row is not None, row[0] if row else None)

    def status_changes(self, after: int, limit: int) -> tuple[list[dict[str, Any]], int, bool]:
        """§4a: status changes after change id ``after``, oldest first: (changes, last id, has_more)."""
        with self.lock:
            rows = self.db.execute(
                "SELECT change_id, certificate_no, status, changed_at, replaced_by FROM certificate_status_changes"
                " WHERE change_id > ? ORDER BY change_id LIMIT ?",
                (after, limit + 1),
            ).fetchall()
        has_more = len(rows) > limit
        rows = rows[:limit]
        last = rows[-1][0] if rows else after
        changes = [
            {"certificate_no": no, "status": st, "changed_at": at, "replaced_by": rb} for _, no, st, at, rb in rows
        ]
        return changes, last, has_more

    def _item_facts(self, item_tag: str | None) -> tuple[str | None, str | None, str | None]:
        """Category, announced title and a photo of an item, from the events accepted for it."""
        if item_tag is None:
            return None, None, None
        category = title = photo = None
        for etype, payload, blobs, asn_id, line_id in self.db.execute(
            "SELECT type, payload, blobs, asn_id, line_id FROM events WHERE item_tag=? ORDER BY ord", (item_tag,)
        ):
            p, b = json.loads(payload), json.loads(blobs)
            if etype == "item.received":
                category = p.get("category")
                title = self._line_title(asn_id, line_id) or title
            elif etype == "photo.attached" and b and (photo is None or p.get("view") == "front"):
                photo = b[0]
        return category, title, photo

    def _line_title(self, asn_id: str | None, line_id: str | None) -> str | None:
        row = self.db.execute("SELECT body FROM asns WHERE asn_id=?", (asn_id,)).fetchone() if asn_id else None
        for line in json.loads(row[0]).get("lines", []) if row else []:
            if line.get("line_id") == line_id:
                return line.get("title")
        return None

    def signing_key(self, key_id: str) -> dict[str, Any] | None:
        with self.lock:
            row = self.db.execute("SELECT " + _KEY_COLUMNS + " FROM signing_keys WHERE key_id=?", (key_id,)).fetchone()
        return dict(zip(_KEY_FIELDS, row, strict=True)) if row else None

    def register_key(self, key: dict[str, Any], warehouse_id: str) -> tuple[str, dict[str, Any]]:
        """Returns ("created" | "same" | "conflict", stored record). The same key is compared
        as DER, so a PEM with other line breaks is still the same key."""
        from .keys import spki_der

        with self.lock:
            stored = self.signing_key(key["key_id"])
            if stored is not None:
                same = stored["algorithm"] == key["algorithm"] and (
                    spki_der(stored["public_key_pem"]) or stored["public_key_pem"]
                ) == (spki_der(key["public_key_pem"]) or key["public_key_pem"])
                return ("same" if same else "conflict"), stored
            now = rfc3339(utcnow())
            self.db.execute(
                "INSERT INTO signing_keys (key_id, algorithm, public_key_pem, certificate_pem,"
                " registered_at, revoked_at, warehouse_id) VALUES (?,?,?,?,?,?,?)",
                (
                    key["key_id"],
                    key["algorithm"],
                    key["public_key_pem"],
                    key.get("certificate_pem"),
                    now,
                    None,
                    warehouse_id,
                ),
            )
            return "created", {
                "key_id": key["key_id"],
                "warehouse_id": warehouse_id,
                "algorithm": key["algorithm"],
                "public_key_pem": key["public_key_pem"],
                "registered_at": now,
                "revoked_at": None,
            }

    def keys(self) -> list[dict[str, Any]]:
        with self.lock:
            rows = self.db.execute(
                "SELECT " + _KEY_COLUMNS + " FROM signing_keys ORDER BY registered_at, key_id"
            ).fetchall()
        return [dict(zip(_KEY_FIELDS, r, strict=True)) for r in rows]


def _summary(stored: str | None) -> dict[str, Any] | None:
    """The stored summary object; a store from before 1.1 may hold plain text, which is not one."""
    try:
        value = json.loads(stored) if stored else None
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


_KEY_FIELDS = ("key_id", "warehouse_id", "algorithm", "public_key_pem", "registered_at", "revoked_at")
_KEY_COLUMNS = ", ".join(_KEY_FIELDS)
