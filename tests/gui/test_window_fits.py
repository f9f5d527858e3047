"""The main window fits a 1366×768 screen at 100 % and 125 % scaling, in Chinese and English,
on every station: its minimumSizeHint (what Qt will not shrink below) is within the
screen's available area, so no button, column or status text is pushed off-screen.

Each scale runs in its own process: an offscreen screen of 1366×768 device pixels (Qt's
offscreen platform reads the screen from a JSON file) with QT_SCALE_FACTOR set, so the
logical area is 1366×768 at 1.0 and 1093×614 at 1.25, as on a real laptop.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.ui.stations import STATIONS

ROOT = Path(__file__).resolve().parents[2]
SCREEN = {"width": 1366, "height": 768}
SCALES = ("1", "1.25")
LANGS = ("zh_CN", "en")

MEASURE = r"""
import json, sys
from PySide6.QtGui import QGuiApplication
from app.core.roles import Actor, Role
from app.ui import ops
from app.ui.context import AppSignals, UiContext
from app.ui.screenshots import shot_window
from app.ui.shell import MainWindow

def sideways(window):
    # Columns that scroll sideways in the window as it is: what they hold is cut off.
    from PySide6.QtWidgets import QApplication, QScrollArea
    QApplication.processEvents()
    return [
        f"{s.widget().objectName() or type(s.widget()).__name__} +{s.horizontalScrollBar().maximum()}px"
        for s in window.findChildren(QScrollArea)
        if s.isVisible() and s.widget() is not None and s.horizontalScrollBar().maximum() > 0
    ]

out = {}
everyone = Actor(1, "admin", "管理员", frozenset(Role))  # every role: the longest status bar text
for lang in sys.argv[1:]:
    with shot_window(lang) as shot:
        window = shot.window = MainWindow(UiContext(station=shot.station, actor=everyone, config=shot.config,
                                                    signals=AppSignals(), lang=lang))
        screen = QGuiApplication.primaryScreen()
        avail = screen.availableGeometry()
        out["screen"] = [avail.width(), avail.height(), screen.devicePixelRatio()]
        window.show_station("sync")  # a station that fits: this checks the shell's own choice of size
        window.show_for_screen()
        ops.wait_idle(10_000)
        out[lang + ":initial"] = [window.width(), window.height()]
        for key in window.screens:
            window.show_station(key)
            ops.wait_idle(10_000)
            hint = window.minimumSizeHint()
            out[lang + ":" + key] = [hint.width(), hint.height()]
            out[lang + ":" + key + ":sideways"] = sideways(window)
    for tr in getattr(shot.app, "_tw_translators", []):  # the next language starts from the source texts
        shot.app.removeTranslator(tr)
print("MEASURED " + json.dumps(out))
"""


def _start(scale: str, tmp: Path) -> subprocess.Popen:  # type: ignore[type-arg]
    config = tmp / f"screen-{scale}.json"
    config.write_text(
        json.dumps(
            {
                "screens": [
                    {"name": "laptop", "x": 0, "y": 0, **SCREEN, "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}
                ]
            }
        )
    )
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}", "QT_SCALE_FACTOR": scale}
    env.pop("QT_SCREEN_SCALE_FACTORS", None)
    return subprocess.Popen(
        [sys.executable, "-c", MEASURE, *LANGS],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _result(proc: subprocess.Popen) -> dict[str, list[float]]:  # type: ignore[type-arg]
    stdout, stderr = proc.communicate(timeout=240)
    line = next((ln for ln in stdout.splitlines() if ln.startswith("MEASURED ")), None)
    assert line is not None, stdout[-2000:] + stderr[-4000:]
    return json.loads(line[len("MEASURED ") :])


@pytest.fixture(scope="module")
def measured(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, list[float]]]:
    tmp = tmp_path_factory.mktemp("fits")
    running = {scale: _start(scale, tmp) for scale in SCALES}  # both at once: each is mostly start-up
    result = {scale: _result(proc) for scale, proc in running.items()}
    print("\nminimum window sizes (logical px) on 1366x768:")
    for scale, sizes in result.items():
        print(f"  scale {scale}: screen {sizes['screen']}", {k: v for k, v in sizes.items() if k != "screen"})
    return result


def _cases() -> list:  # type: ignore[type-arg]
    cases = []
    for scale in SCALES:
        for lang in LANGS:
            for entry in STATIONS:
                cases.append(pytest.param(scale, lang, entry.key, id=f"{scale}-{lang}-{entry.key}"))
    return cases


@pytest.mark.parametrize(("scale", "lang", "station"), _cases())
def test_station_fits_1366x768(measured, scale: str, lang: str, station: str) -> None:
    sizes = measured[scale]
    avail_w, avail_h, dpr = sizes["screen"]
    assert dpr == pytest.approx(float(scale))
    width, height = sizes[f"{lang}:{station}"]
    assert width <= avail_w and height <= avail_h, (
        f"{station} ({lang}, scale {scale}) needs {width}x{height}, the screen has {avail_w}x{avail_h}"
    )


@pytest.mark.parametrize("lang", LANGS)
def test_no_column_is_cut_off_at_1366x768(measured, lang: str) -> None:
    """Seen under Xvfb at 1366x768 in the appraisal station: its photo and measurement column
    was narrower than what it holds, so the Save buttons were cut off behind a sideways scroll
    bar (the minimum size hint, checked above, cannot see inside a scroll area). At 100 %
    every station's columns hold what they show within their width; at 125 % they may scroll."""
    cut = {
        key.split(":")[1]: found
        for key, found in measured["1"].items()
        if key.startswith(f"{lang}:") and key.endswith(":sideways") and found
    }
    assert not cut, f"{lang}: columns scroll sideways at 1366x768: {cut}"


@pytest.mark.parametrize("scale", SCALES)
def test_the_window_opens_within_the_screen(measured, scale: str) -> None:
    sizes = measured[scale]
    avail_w, avail_h, _ = sizes["screen"]
    for lang in LANGS:
        width, height = sizes[f"{lang}:initial"]
        assert width <= avail_w and height <= avail_h, (lang, width, height, avail_w, avail_h)
