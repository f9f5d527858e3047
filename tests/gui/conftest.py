from __future__ import annotations

import pytest


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
