"""Shared fixtures: every test gets a fresh data folder and a database built by the
migrations (SQLite by default; PostgreSQL in its own schema for ``pg``-parametrised tests)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

PG_URL = os.environ.get("TW_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


def _pg_available() -> str | None:
    try:
        import psycopg

        with psycopg.connect(PG_URL.replace("postgresql+psycopg://", "postgresql://"), connect_timeout=3):
            return None
    except Exception as exc:  # noqa: BLE001 - any failure means: skip with the reason
        return f"PostgreSQL at {PG_URL} does not answer: {exc.__class__.__name__}: {exc}"


_PG_PROBLEM: str | None | bool = False


def pg_problem() -> str | None:
    global _PG_PROBLEM
    if _PG_PROBLEM is False:
        _PG_PROBLEM = _pg_available()
    return _PG_PROBLEM  # type: ignore[return-value]


@pytest.fixture(autouse=True)
def _collect_on_main_thread(request: pytest.FixtureRequest) -> Iterator[None]:
    """GUI tests: as in the application, cycles are collected on the GUI thread only, so
    a worker thread never destroys a widget left over from an earlier test."""
    if "qapp" not in request.fixturenames and "qtbot" not in request.fixturenames:
        yield
        return
    import gc

    from app.ui import gc as gui_gc

    gui_gc.install(request.getfixturevalue("qapp"))
    yield
    from app.ui import ops

    ops.wait_idle(10_000)
    gc.collect()


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    d = tmp_path / "data"
    d.mkdir()
    return d


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A PostgreSQL URL whose search_path is a fresh schema, dropped afterwards."""
    problem = pg_problem()
    if problem:
        pytest.skip(problem)
    import psycopg

    schema = f"tw_{uuid.uuid4().hex[:12]}"
    raw = PG_URL.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(raw, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    try:
        yield f"{PG_URL}?options=-csearch_path%3D{schema}"
    finally:
        with psycopg.connect(raw, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA "{schema}" CASCADE')


@pytest.fixture(params=["sqlite", "postgres"])
def db_url(request: pytest.FixtureRequest, data_dir: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{data_dir / 'test.sqlite3'}"
    return request.getfixturevalue("pg_url")


@pytest.fixture
def station(db_url: str, data_dir: Path):  # type: ignore[no-untyped-def]
    from app.services.station import Station

    st = Station.for_url(db_url, data_dir)
    yield st
    st.close()


@pytest.fixture
def sqlite_station(data_dir: Path):  # type: ignore[no-untyped-def]
    from app.services.station import Station

    st = Station.for_url(f"sqlite:///{data_dir / 'test.sqlite3'}", data_dir)
    yield st
    st.close()


@pytest.fixture
def people(station):  # type: ignore[no-untyped-def]
    from tests.helpers import make_people

    return make_people(station)


@pytest.fixture
def sqlite_people(sqlite_station):  # type: ignore[no-untyped-def]
    from tests.helpers import make_people

    return make_people(sqlite_station)


@pytest.fixture
def ui_factory(qtbot, sqlite_station, sqlite_people, data_dir):  # type: ignore[no-untyped-def]
    """Build a UiContext for one of the test people on the SQLite station."""
    from app.config import load_config
    from app.ui.context import AppSignals, UiContext

    config = load_config(data_dir, env={})
    signals = AppSignals()

    def make(actor, lang: str = "zh_CN") -> UiContext:  # type: ignore[no-untyped-def]
        from app.ui import ops

        ops.LANG["value"] = lang
        return UiContext(station=sqlite_station, actor=actor, config=config, signals=signals, lang=lang)

    yield make
    from app.ui import ops

    ops.wait_idle(10_000)
