"""The runtime's devices reach the screens: a serial scanner configured in the settings is
built and its codes arrive as scans; a device set that starts after log-in is announced by a
signal (the window's screens read it from then on instead of keeping None)."""

from __future__ import annotations

import os
import tty
from pathlib import Path

import pytest

from app.config import load_config
from app.runtime.station import Runtime
from app.services.station import Station
from app.ui.context import AppSignals


@pytest.fixture
def pty_pair():  # type: ignore[no-untyped-def]
    master, slave = os.openpty()
    tty.setraw(slave)
    path = os.ttyname(slave)
    yield master, path
    os.close(master)
    os.close(slave)


def _runtime(data_dir: Path, port: str, signals: AppSignals) -> Runtime:
    config = load_config(data_dir, env={})
    config.overrides.update(scanner_port=port, platform_url="")
    station = Station.open(config)
    return Runtime(config, station, signals)


def test_the_serial_scanner_setting_builds_a_scanner_whose_codes_are_scans(qtbot, data_dir, pty_pair) -> None:  # type: ignore[no-untyped-def]
    master, path = pty_pair
    signals = AppSignals()
    runtime = _runtime(data_dir, path, signals)
    try:
        with qtbot.waitSignal(signals.devices_did_start, timeout=10_000) as started:
            runtime.start()
        assert started.args[0] is runtime.devices
        assert runtime.devices.scanner is not None
        assert "scanner" not in runtime.devices.absent
        with qtbot.waitSignal(signals.scan_did_arrive, timeout=5_000) as scanned:
            os.write(master, b"\x00\x1b[garbled\r\nTW2612020000013\r\n")  # a garbled line is dropped, not sent
        assert scanned.args == ["TW2612020000013"]
        codes: list[str] = []
        signals.scan_did_arrive.connect(codes.append)
        os.write(master, b"TW2612020000021\r\nTW2612020000037\n")  # two codes in one write
        qtbot.waitUntil(lambda: len(codes) >= 2, timeout=5_000)
        assert codes == ["TW2612020000021", "TW2612020000037"]
    finally:
        runtime.stop()
        runtime.station.close()


def test_a_missing_serial_scanner_is_a_state_not_a_crash(qtbot, data_dir, tmp_path) -> None:  # type: ignore[no-untyped-def]
    signals = AppSignals()
    states: list[tuple[str, str]] = []
    signals.device_state_did_change.connect(lambda name, state: states.append((name, state)))
    runtime = _runtime(data_dir, str(tmp_path / "no-such-tty"), signals)
    try:
        with qtbot.waitSignal(signals.devices_did_start, timeout=10_000):
            runtime.start()
        qtbot.waitUntil(lambda: any(name == "scanner" for name, _ in states), timeout=5_000)
        assert runtime.devices.scanner is not None
    finally:
        runtime.stop()
        runtime.station.close()


def test_devices_started_after_log_in_reach_the_open_window(qtbot, ui_factory, sqlite_people) -> None:  # type: ignore[no-untyped-def]
    from app.ui.shell import MainWindow

    ui = ui_factory(sqlite_people.appraiser)
    ui.devices = None  # the session began before the devices were up
    window = MainWindow(ui)
    qtbot.addWidget(window)
    assert window.ui.devices is None
    marker = object()
    ui.signals.devices_did_start.emit(marker)  # the application's signal, as the runtime emits it
    assert window.ui.devices is marker
    screen = next(iter(window.screens.values()))
    assert screen.ui is window.ui  # every screen reads the same context
