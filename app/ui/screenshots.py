"""Render the workstation offscreen and save a PNG of each station, to look at it.

    python -m app.ui.screenshots --out docs/screenshots [--user supervisor] [--station intake] [--lang en]
"""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path


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
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from app.config import load_config
    from app.services.demo import DEMO_PASSWORD, make_demo_data
    from app.services.station import Station
    from app.ui import ops
    from app.ui.context import AppSignals, UiContext
    from app.ui.main import make_app
    from app.ui.shell import MainWindow

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        config = load_config(tmp, env={})
        config.set("language", args.lang)
        station = Station.open(config)
        make_demo_data(station, items=args.items)
        make_app(config)
        actor = station.users.authenticate(args.user, DEMO_PASSWORD)
        devices = None
        if args.devices:
            from app.devices.factory import build_devices

            devices = build_devices(config, sim_session_s=2.0, sim_settle_s=0.3)
        window = MainWindow(UiContext(station=station, actor=actor, config=config, signals=AppSignals(), lang=args.lang,
                                      devices=devices))
        window.resize(1440, 900)
        window.show()
        for key in args.station or list(window.screens):
            window.show_station(key)
            ops.wait_idle(10_000)
            from PySide6.QtCore import QElapsedTimer

            timer = QElapsedTimer()
            timer.start()
            while timer.elapsed() < args.wait_ms:
                QApplication.processEvents()
            ops.wait_idle(10_000)
            path = out / f"{key}-{args.lang}.png"
            window.grab().save(str(path))
            print(path)
        for s in window.screens.values():
            s.shutdown()
        window.close()
        if devices is not None:
            devices.close()
        station.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
