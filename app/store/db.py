"""Engine and transactions. SQLite by default (WAL, foreign keys, synchronous=FULL,
busy timeout, BEGIN IMMEDIATE for writers); PostgreSQL when stations share a database."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Select, create_engine, event
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.orm import Session, sessionmaker

from app.core.errors import StorageError
from app.store.hot_path import CompiledStatement, Direct, Snapshot

SQLITE_BUSY_MS = 10_000


def _sqlite_setup(engine: Engine, immediate: bool) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, _record: object) -> None:
        # Let SQLAlchemy emit BEGIN itself (below) instead of pysqlite's deferred BEGIN.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=FULL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_MS}")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        # IMMEDIATE takes the write lock up front: two stations (or threads) never
        # both read, then fail to upgrade to a write lock halfway through an operation.
        # Readers use a deferred BEGIN so they never queue behind writers.
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def _require_postgres_driver() -> None:
    # psycopg is the optional extra "postgres": without it SQLAlchemy would fail with a bare
    # ModuleNotFoundError deep inside create_engine.
    try:
        import psycopg  # noqa: F401
    except ImportError:
        raise StorageError(
            "已配置 PostgreSQL 数据库，但本机未安装 PostgreSQL 驱动（psycopg）。"
            "请安装 treasure-warehouse[postgres]，或将数据库地址留空以使用本机 SQLite。",
            "A PostgreSQL database is configured but its driver (psycopg) is not installed. "
            "Install treasure-warehouse[postgres], or leave the database URL empty to use SQLite.",
            code="postgres_driver_missing",
        ) from None


def make_engine(url: str, immediate: bool = True) -> Engine:
    if url.startswith("sqlite"):
        path = url.split("///", 1)[-1]
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_MS / 1000, "check_same_thread": False})
        _sqlite_setup(engine, immediate)
        return engine
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]
    if url.startswith("postgresql"):
        _require_postgres_driver()
    engine = create_engine(url, pool_size=5, max_overflow=5)
    _ping_when_idle(engine)
    return engine


PING_AFTER_IDLE_S = 2.0


def _ping_when_idle(engine: Engine) -> None:
    """``pool_pre_ping``, but only for a connection that sat in the pool longer than
    PING_AFTER_IDLE_S: a server restart or a dropped LAN link is still found before an
    operation uses the connection, while a clerk scanning every second does not pay a
    network round trip per operation for it (a receive is five round trips, not six)."""

    @event.listens_for(engine, "checkin")
    def _on_checkin(_dbapi_conn: object, record: Any) -> None:
        record.info["tw_idle_since"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _on_checkout(dbapi_conn: Any, record: Any, _proxy: object) -> None:
        since = record.info.get("tw_idle_since")
        if since is not None and time.monotonic() - since < PING_AFTER_IDLE_S:
            return
        try:
            alive = engine.dialect.do_ping(dbapi_conn)
        except Exception as exc:  # noqa: BLE001 - any failure means: not this connection
            raise DisconnectionError(str(exc)) from exc
        if not alive:
            raise DisconnectionError("connection failed the ping")


class Database:
    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = make_engine(url)
        # SQLite: a second engine whose transactions do not take the write lock.
        self.read_engine = make_engine(url, immediate=False) if url.startswith("sqlite") else self.engine
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._readers = sessionmaker(self.read_engine, expire_on_commit=False)
        self._prepared: dict[str, PreparedRead] = {}
        # Run before any write transaction opens, operations or not (the GUI refuses one started
        # off its database worker: app.ui.ops.refuse_write_off_db_worker).
        self.before_write: list[Callable[[object], None]] = []

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def describe(self) -> str:
        """A short, password-free description for the status bar."""
        u = self.engine.url
        if u.get_backend_name() == "sqlite":
            return f"SQLite {Path(u.database or '').name}"
        return f"PostgreSQL {u.host}:{u.port or 5432}/{u.database}"

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: commit on success, roll back on any exception."""
        for check in self.before_write:
            check("transaction")
        with self._sessions() as session, session.begin():
            yield session

    @contextmanager
    def direct_write(self) -> Iterator[Direct]:
        """SQLite: a write transaction on a pooled connection without a Session, its statements
        run by ``hot_path.Direct`` (the hot operations, issue 16). Commit on success, roll back
        on any exception."""
        if self.dialect != "sqlite":
            raise RuntimeError("direct_write is SQLite's; PostgreSQL's hot operations are pipelined")
        for check in self.before_write:
            check("transaction")
        with Direct.transaction(self.engine) as hot:
            yield hot

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self._readers() as session:
            yield session

    @contextmanager
    def snapshot(self) -> Iterator[Snapshot]:
        """Reads without a Session that see one state of the database (``hot_path.Snapshot``):
        for the hot reads built once as module constants."""
        with Snapshot.of(self.read_engine) as read:
            yield read

    def prepared(self, key: str, build: Callable[[], Select]) -> PreparedRead:
        """The ``PreparedRead`` for ``key`` on this database, built once."""
        found = self._prepared.get(key)
        if found is None:
            found = self._prepared[key] = PreparedRead(self, build())
        return found

    def dispose(self) -> None:
        self.engine.dispose()
        self.read_engine.dispose()


class PreparedRead:
    """A hot read-only query (a tag looked up on every scan), compiled once for the read
    engine's dialect and run on a pooled DBAPI connection, skipping the Session and the
    statement cache lookup. Values go through the columns' own type processing, so rows
    read here equal rows read through SQLAlchemy. Only for single-statement reads whose
    parameters were validated by the caller (no NUL or lone surrogates)."""

    def __init__(self, db: Database, stmt: Select) -> None:
        self._engine = db.read_engine
        self._stmt = CompiledStatement(stmt, self._engine.dialect)

    def first(self, **params: object) -> Any:  # a named tuple of the selected columns' keys, or None
        args = self._stmt.params(params)
        raw = self._engine.raw_connection()
        try:
            cursor = raw.cursor()
            cursor.execute(self._stmt.sql, args)
            row = cursor.fetchone()
            cursor.close()
        finally:
            raw.close()  # back to the pool (which ends the read transaction, if any)
        return self._stmt.make_row(row)
