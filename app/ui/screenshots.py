"""Render the workstation offscreen and save a PNG of each station, to look at it.

    python -m app.ui.screenshots --out docs/screenshots [--user supervisor] [--station intake] [--lang en]

``shot_window`` is the setup the station-specific screenshot scripts share
(app/ui/intake/shots.py, app/ui/phone/shot.py): a throwaway data folder, a station
built by the migrations, the application object, and a main window for one person.
"""

from __future__ import annotations

import argparse
import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass
class Shot:
    config: Any  # app.config.Config
    station: Any  # app.services.station.Station
    app: Any  # QApplication
    window: Any = None  # app.ui.shell.MainWindow, once opened

    def open_window(self, username: str, lang: str, devices: Any = None) -> Any:
        from app.demo.data import DEMO_PASSWORD
        from app.ui.context import AppSignals, UiContext
        from app.ui.shell import MainWindow

        actor = self.station.users.authenticate(username, DEMO_PASSWORD)
        self.window = MainWindow(
            UiContext(
                station=self.station, actor=actor, config=self.config, signals=AppSignals(), lang=lang, devices=devices
            )
        )
        self.window.resize(1440, 900)
        self.window.show()
        return self.window


@contextmanager
def shot_window(lang: str, prepare: Callable[[Any], object] | None = None) -> Iterator[Shot]:
    """``prepare(station)`` fills the database before the application starts."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from app.config import load_config
    from app.services.station import Station
    from app.ui.main import make_app

    with tempfile.TemporaryDirectory() as tmp:
        config = load_config(tmp, env={}, demo=True)  # screenshots show the demo's simulated devices
        config.set("language", lang)
        station = Station.open(config)
        try:
            if prepare is not None:
                prepare(station)
            shot = Shot(config, station, make_app(config))
            yield shot
            if shot.window is not None:
                for screen in shot.window.screens.values():
                    screen.shutdown()
                shot.window.close()
        finally:
            station.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", default="docs/screenshots")
    parser.add_argument("--user", default="admin")
    parser.add_argument("--station", action="append")
    parser.add_argument("--lang", default="zh_CN")
    parser.add_argument("--items", type=int, default=12)
    parser.add_argument("--devices", action="store_true", help="start the simulated devices")
    parser.add_argument("--wait-ms", type=int, default=300, help="let live readings arrive before grabbing")
    args = parser.parse_args(argv)
    from app.demo.data import make_demo_data

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with shot_window(args.lang, lambda st: make_demo_data(st, items=args.items)) as shot:
        from PySide6.QtCore import QElapsedTimer
        from PySide6.QtWidgets import QApplication

        from app.ui import ops

        devices = None
        if args.devices:
            from app.devices.factory import build_devices

            devices = build_devices(shot.config, sim_session_s=2.0, sim_settle_s=0.3)
        window = shot.open_window(args.user, args.lang, devices)
        try:
            for key in args.station or list(window.screens):
                window.show_station(key)
                ops.wait_idle(10_000)
                timer = QElapsedTimer()
                timer.start()
                while timer.elapsed() < args.wait_ms:
                    QApplication.processEvents()
                ops.wait_idle(10_000)
                path = out / f"{key}-{args.lang}.png"
                window.grab().save(str(path))
                print(path)
        finally:
            if devices is not None:
                devices.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
