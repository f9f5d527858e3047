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


def test_head_read_from_the_files_is_alembics_head() -> None:
    from alembic.script import ScriptDirectory

    assert migrate.head_revision() == ScriptDirectory.from_config(migrate.alembic_config()).get_current_head()


def test_a_current_database_opens_without_alembic(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Start-up cost: Alembic and Mako are loaded only when a migration has to run."""
    import subprocess
    import sys

    url = f"sqlite:///{tmp_path / 'w.sqlite3'}"
    migrate.upgrade(Database(url))
    probe = (
        "import sys; from app.store import migrate; from app.store.db import Database; "
        f"db = Database({url!r}); assert migrate.is_current(db); migrate.upgrade(db); "
        "print(sorted(m for m in ('alembic', 'mako') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_an_old_or_foreign_schema_is_not_taken_for_current(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import text

    db = Database(f"sqlite:///{tmp_path / 'old.sqlite3'}")
    assert migrate.current_revision(db) is None and not migrate.is_current(db)
    migrate.upgrade(db, "0002_sync")
    assert migrate.current_revision(db) == "0002_sync" and not migrate.is_current(db)
    migrate.upgrade(db)
    assert migrate.is_current(db)
    with db.engine.begin() as conn:  # two heads stamped (a half-merged branch): never "current"
        conn.execute(text("INSERT INTO alembic_version (version_num) VALUES ('zz_other')"))
    assert not migrate.is_current(db)


def test_parallel_heads_in_the_files_leave_the_decision_to_alembic(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    versions = tmp_path / "versions"
    versions.mkdir()
    (versions / "a.py").write_text('revision = "a"\ndown_revision = None\n')
    (versions / "b.py").write_text("revision = 'b'\ndown_revision = 'a'\n")
    (versions / "c.py").write_text('revision: str = "c"\ndown_revision: str | None = "a"\n')
    monkeypatch.setattr(migrate, "MIGRATIONS", tmp_path)
    assert migrate.head_revision() is None
    (versions / "m.py").write_text('revision = "m"\ndown_revision = ("b", "c")\n')
    assert migrate.head_revision() == "m"
