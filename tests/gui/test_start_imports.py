"""Start fast (issue 15): the log-in window is shown before the heavy parts are imported, and
a station opening a current database loads neither Alembic nor pyHanko, aiohttp or OpenCV.
Each check runs the real ``python -m app gui`` start in its own process (``sys.modules`` of a
fresh interpreter), so an import added at module level anywhere on the path fails here."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
HEAVY = (
    "alembic",
    "mako",
    "pyhanko",
    "aiohttp",
    "cv2",
    "numpy",
    "reportlab",
    "httpx",
    "sqlalchemy",
    "app.services.station",
    "app.runtime",
    "app.devices.factory",
    "app.runtime.sync",
    "app.ui.shell",
    "app.ui.intake.screen",
    "app.ui.review.screen",
    "app.ui.appraisal.screen",
    # the log file opens at its first record; translation tools and settings writing wait
    "logging.handlers",
    "xml.etree.ElementTree",
    "subprocess",
    "tomli_w",
)
# Qt classes whose set-up (every enum of the class as a Python enum) costs milliseconds and that
# the log-in window does not need; PySide6 puts a class in its module's namespace once set up.
HEAVY_QT = (
    ("PySide6.QtCore", "Qt"),
    ("PySide6.QtCore", "QEvent"),
    ("PySide6.QtGui", "QIcon"),
    ("PySide6.QtWidgets", "QMessageBox"),
    ("PySide6.QtWidgets", "QStyle"),
)

# The first modal dialog (the log-in window) reports what is loaded once it is on screen.
PROBE = r"""
import json, os, sys
from PySide6.QtWidgets import QApplication, QDialog

def _shown(self, *args):
    # What the window needed: everything imported before the event loop first runs (the
    # database opens from a timer of that loop, so this is deterministic).
    before_loop = sorted(m for m in HEAVY if m in sys.modules)
    before_loop += sorted(f"{mod}.{name}" for mod, name in HEAVY_QT if name in vars(sys.modules[mod]))
    self.show()
    app = QApplication.instance()
    while not (self.windowHandle() is not None and self.windowHandle().isExposed()):
        app.processEvents()
    loaded = {"title": self.windowTitle(), "modules": before_loop}
    if WAIT_FOR_STATION:  # then let the database open behind the window, as a person would wait
        import time
        from app.ui import ops
        deadline = time.monotonic() + 30
        while getattr(self, "station", None) is None and time.monotonic() < deadline:
            ops.wait_idle(30_000)  # it starts once the window is exposed, from the event loop
            app.processEvents()
        loaded["station_open"] = getattr(self, "station", None) is not None
        loaded["icon"] = not app.windowIcon().isNull()  # set once the window is up
        loaded["after_open"] = sorted(m for m in HEAVY if m in sys.modules)
    print("LOADED " + json.dumps(loaded), flush=True)
    os._exit(0)

QDialog.exec = _shown
from app.cli import main
main(["--data-dir", sys.argv[1], "--lang", "en", "gui"])
"""


def _start(data_dir: Path, wait_for_station: bool) -> dict:  # type: ignore[type-arg]
    code = f"HEAVY = {HEAVY!r}\nHEAVY_QT = {HEAVY_QT!r}\nWAIT_FOR_STATION = {wait_for_station!r}\n" + PROBE
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("TW_DATABASE_URL", None)
    out = subprocess.run(
        [sys.executable, "-c", code, str(data_dir)], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    line = next((ln for ln in out.stdout.splitlines() if ln.startswith("LOADED ")), None)
    assert line is not None, f"no log-in window (exit {out.returncode}): {out.stderr[-2000:]}"
    return json.loads(line.removeprefix("LOADED "))  # type: ignore[no-any-return]


@pytest.fixture
def current_database(data_dir: Path) -> Path:
    from app.config import load_config
    from app.services.station import Station

    station = Station.open(load_config(data_dir, env={}))
    station.users.create_first_admin("admin", "correct-horse-1", "Admin")
    station.close()
    return data_dir


def test_login_window_is_shown_before_the_database_and_the_stations_load(current_database: Path) -> None:
    seen = _start(current_database, wait_for_station=False)
    assert "log in" in seen["title"]
    assert seen["modules"] == []


def test_a_current_database_opens_without_alembic_pyhanko_aiohttp_or_opencv(current_database: Path) -> None:
    seen = _start(current_database, wait_for_station=True)
    assert seen["station_open"] is True
    assert seen["icon"] is True
    loaded = set(seen["after_open"])
    assert "app.services.station" in loaded  # the probe did wait for the database
    assert loaded.isdisjoint(
        {
            "alembic",
            "mako",
            "pyhanko",
            "aiohttp",
            "cv2",
            "app.ui.shell",
            "app.ui.intake.screen",
            "app.ui.review.screen",
            "app.ui.appraisal.screen",
        }
    )
