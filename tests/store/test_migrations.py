from __future__ import annotations

from sqlalchemy import inspect

from app.store import migrate
from app.store.db import Database
from app.store.models import Base


def test_migrations_build_the_whole_schema(db_url):
    db = Database(db_url)
    migrate.upgrade(db)
    assert migrate.is_current(db)
    tables = set(inspect(db.engine).get_table_names())
    assert set(Base.metadata.tables) <= tables
    migrate.upgrade(db)  # running again is harmless
    db.dispose()


def test_sqlite_pragmas(sqlite_station):
    with sqlite_station.db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000
