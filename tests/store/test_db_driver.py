"""A PostgreSQL URL without the optional driver says what to install, not a traceback."""

from __future__ import annotations

import sys

import pytest

from app.core.errors import StorageError
from app.store.db import Database


@pytest.mark.parametrize("url", ["postgresql+psycopg://tw@127.0.0.1:1/tw", "postgresql://tw@127.0.0.1:1/tw"])
def test_postgres_url_without_driver_names_the_extra(monkeypatch, url):
    monkeypatch.setitem(sys.modules, "psycopg", None)  # what an install without [postgres] looks like
    with pytest.raises(StorageError) as info:
        Database(url)
    assert info.value.code == "postgres_driver_missing"
    assert "treasure-warehouse[postgres]" in info.value.en and "treasure-warehouse[postgres]" in info.value.zh


def test_sqlite_needs_no_postgres_driver(monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "psycopg", None)
    db = Database(f"sqlite:///{tmp_path / 'tw.db'}")
    assert db.dialect == "sqlite"
