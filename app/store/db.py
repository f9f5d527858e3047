"""Engine and transactions. SQLite by default (WAL, foreign keys, synchronous=FULL,
busy timeout, BEGIN IMMEDIATE for writers); PostgreSQL when stations share a database."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from app.core.errors import StorageError

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
    def _on_begin(conn: object) -> None:
        # IMMEDIATE takes the write lock up front: two stations (or threads) never
        # both read, then fail to upgrade to a write lock halfway through an operation.
        # Readers use a deferred BEGIN so they never queue behind writers.
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")  # type: ignore[attr-defined]


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
        url = "postgresql+psycopg://" + url[len("postgresql://"):]
    if url.startswith("postgresql"):
        _require_postgres_driver()
    return create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=5)


class Database:
    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = make_engine(url)
        # SQLite: a second engine whose transactions do not take the write lock.
        self.read_engine = make_engine(url, immediate=False) if url.startswith("sqlite") else self.engine
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._readers = sessionmaker(self.read_engine, expire_on_commit=False)

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
        with self._sessions() as session, session.begin():
            yield session

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self._readers() as session:
            yield session

    def dispose(self) -> None:
        self.engine.dispose()
        self.read_engine.dispose()
