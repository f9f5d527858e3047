"""What runs beside the window: devices (real or simulated), the embedded reference
platform and the sync worker. Started in the background after the database opens;
each part reports its state through AppSignals and a failure is a state, not a crash."""

from __future__ import annotations

import logging
import threading
from typing import Any

from app.config import Config
from app.services.station import Station

log = logging.getLogger("tw.runtime")


class Runtime:
    def __init__(self, config: Config, station: Station, signals: Any = None) -> None:
        self.config = config
        self.station = station
        self.signals = signals
        self.devices: Any = None  # app.devices.factory.DeviceSet
        self.platform: Any = None  # embedded reference platform (app.sync)
        self.sync: Any = None  # app.sync worker
        self._threads: list[threading.Thread] = []
        self.states: dict[str, str] = {}  # last known state per device, for windows opened later
        self.ready = threading.Event()

    def _state(self, name: str, state: str) -> None:
        self.states[name] = state
        if self.signals is not None:
            self.signals.device_state_did_change.emit(name, state)

    def start(self) -> None:
        t = threading.Thread(target=self._start_all, name="tw-runtime-start", daemon=True)
        t.start()
        self._threads.append(t)

    def _start_all(self) -> None:
        try:
            self._start_devices()
            self._start_sync()
        finally:
            self.ready.set()

    def _start_devices(self) -> None:
        try:
            from app.devices.factory import build_devices
        except ImportError:
            return
        try:
            self.devices = build_devices(self.config)
        except Exception:  # noqa: BLE001 - the station still works without devices
            log.exception("devices failed to start")
            self._state("devices", "error")
            return
        if self.devices.balance is not None:
            self.devices.balance.add_state_listener(lambda st: self._state("balance", st))
            self._state("balance", self.devices.balance.state)
        if self.devices.box is not None:
            self._state("box", self.devices.box.state)
        if self.devices.camera is not None:
            self._state("camera", "ready")
        self._connect_in_background()

    def _connect_in_background(self) -> None:
        """Open the balance and the box now, so the first weighing does not wait for it."""
        for name, dev in (("balance", self.devices.balance), ("box", self.devices.box)):
            if dev is None:
                continue
            try:
                dev.connect(timeout=5.0)
                self._state(name, dev.state)
            except Exception as exc:  # noqa: BLE001 - shown as the device's state
                log.warning("%s did not connect: %s", name, exc)
                self._state(name, getattr(dev, "state", "error"))

    def _start_sync(self) -> None:
        try:
            from app.sync.runtime import start_sync
        except ImportError:
            return
        try:
            self.platform, self.sync = start_sync(self.config, self.station, self.signals)
        except Exception:  # noqa: BLE001 - offline is a state the station works in
            log.exception("sync failed to start")

    def stop(self) -> None:
        self.ready.wait(timeout=10)
        for part in (self.sync, self.platform, self.devices):
            stop = getattr(part, "stop", None) or getattr(part, "close", None)
            if stop is not None:
                try:
                    stop()
                except Exception:  # noqa: BLE001
                    log.exception("stopping %r failed", part)
