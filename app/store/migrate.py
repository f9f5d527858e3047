"""Bring a database to the newest schema by running the Alembic migrations.

Alembic (with Mako) is loaded only when there is something to do: a station opening a
database that is already current reads ``alembic_version`` with one query and compares it
with the head found by reading the migration files' ``revision`` lines, which is most of
every start-up's cost otherwise."""

from __future__ import annotations

import ast
import re
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from app.store.db import Database

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).with_name("migrations")
_ASSIGN = re.compile(r"^(revision|down_revision)\s*(?::[^=]*)?=\s*(.+?)\s*$", re.MULTILINE)


def alembic_config(url: str | None = None) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    if url:
        cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def upgrade(db: Database, revision: str = "head") -> None:
    if revision == "head" and is_current(db):
        return
    from alembic import command

    cfg = alembic_config()
    with db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)


def current_revision(db: Database) -> str | None:
    """The database's revision (None for an empty database), read without Alembic."""
    try:
        with db.engine.connect() as conn:
            rows = [r[0] for r in conn.execute(text("SELECT version_num FROM alembic_version"))]
    except SQLAlchemyError:  # no such table: a database no migration has touched
        return None
    if len(rows) > 1:  # several heads stamped at once: let Alembic sort it out
        raise ValueError(f"database has several schema revisions: {sorted(rows)}")
    return rows[0] if rows else None


def _revisions() -> dict[str, tuple[str, ...]]:
    """revision -> the revisions it follows, from the migration files' own assignments."""
    graph: dict[str, tuple[str, ...]] = {}
    for script in sorted((MIGRATIONS / "versions").glob("*.py")):
        found = dict((k, ast.literal_eval(v)) for k, v in _ASSIGN.findall(script.read_text(encoding="utf-8")))
        if "revision" not in found:
            continue
        down = found.get("down_revision")
        graph[found["revision"]] = tuple(down) if isinstance(down, (tuple, list)) else ((down,) if down else ())
    return graph


def head_revision() -> str | None:
    """The one newest revision; None when the files do not name exactly one (Alembic decides)."""
    graph = _revisions()
    followed = {d for downs in graph.values() for d in downs}
    heads = [r for r in graph if r not in followed]
    return heads[0] if len(heads) == 1 else None


def is_current(db: Database) -> bool:
    head = head_revision()
    try:
        return head is not None and current_revision(db) == head
    except ValueError:
        return False
