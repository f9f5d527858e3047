"""The station, and what runs beside the window: the configured devices, the sync worker
and — in demo mode only — the simulators and the embedded reference platform. Started in the background after
the database opens; each part reports its state through AppSignals and a failure is a
state, not a crash. A part that is not configured says so; nothing is simulated unless the
station runs as a demo (``config.demo``)."""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from typing import Any

from app.config import Config
from app.core.demo import EMBEDDED, NOT_CONFIGURED, REFUSED
from app.devices.factory import build_devices
from app.runtime.sync import start_sync
from app.services.station import Station

log = logging.getLogger("tw.runtime")
DEMO_PIECE_DWELL_S = 40.0  # demo: seconds a piece stays on the simulated balance


@dataclass(frozen=True)
class SyncAbsent:
    """Stands in for a sync status when there is no sync worker (shown in the status bar)."""

    state: str  # NOT_CONFIGURED, REFUSED or "error"
    pending_events: int = 0
    rejected: int = 0
    last_success: Any = None


def open_station(config: Config, demo: bool = False) -> Station:
    """The station (database and services) the window and the runtime work on; in demo mode
    an empty database gets its own accounts (admin, clerk, appraiser, supervisor) and data."""
    station = Station.open(config)
    if demo and not station.users.has_users():
        from app.demo.data import ensure_demo_data

        ensure_demo_data(station, config)
    return station


class Runtime:
    def __init__(self, config: Config, station: Station, signals: Any = None) -> None:
        self.config = config
        self.station = station
        self.signals = signals
        self.devices: Any = None  # app.devices.factory.DeviceSet
        self.platform: Any = None  # embedded reference platform (demo only)
        self.sync: Any = None  # app.sync worker
        self.sync_absent: SyncAbsent | None = None
        self._threads: list[threading.Thread] = []
        self.states: dict[str, str] = {}  # last known state per device, for windows opened later
        self.ready = threading.Event()

    @property
    def demo(self) -> bool:
        return bool(self.config.demo)

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
            self.devices = build_devices(
                self.config, piece_dwell_s=DEMO_PIECE_DWELL_S if self.demo else 0.0, on_scan=self._serial_scan
            )
        except Exception:  # noqa: BLE001 - the station still works without devices
            log.exception("devices failed to start")
            self._state("devices", "error")
            return
        for name, why in self.devices.absent.items():
            if name != "scanner" or why == REFUSED:  # the keyboard-wedge scanner needs no setting
                self._state(name, why)
        if self.devices.balance is not None:
            self.devices.balance.add_state_listener(lambda st: self._state("balance", st))
            self._state("balance", self.devices.balance.state)
        if self.devices.box is not None:
            self._state("box", self.devices.box.state)
        if self.devices.camera is not None:
            self._state("camera", "ready")
        if self.devices.scanner is not None:
            self._state("scanner", self.devices.scanner.state)
        if self.signals is not None:
            self.signals.devices_did_start.emit(self.devices)
        self._connect_in_background()

    def _serial_scan(self, code: str) -> None:
        """A serial scanner's code goes where a keyboard-wedge burst goes (device thread:
        the signal is queued to the GUI thread)."""
        if self.signals is not None:
            self.signals.scan_did_arrive.emit(code)

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

    def restart_devices(self) -> None:
        """New device settings (Admin station): close the old devices, open the new ones.
        Runs on a worker; the window is rebuilt afterwards so no screen keeps an old device."""
        self.ready.wait(timeout=10)
        old, self.devices = self.devices, None
        if old is not None:
            old.close()
        for name in ("balance", "box", "camera", "scanner", "devices"):
            self.states.pop(name, None)
        self._start_devices()

    def _sync_absent(self, state: str) -> None:
        self.sync_absent = SyncAbsent(state)
        if self.signals is not None:
            self.signals.sync_status_did_change.emit(self.sync_absent)

    def _start_sync(self) -> None:
        url = str(self.config.platform_url).strip()
        if not url or url in ("off", "none"):
            self._sync_absent(NOT_CONFIGURED)
            return
        if url == EMBEDDED and not self.demo:
            log.error("the embedded reference platform is for demo mode only; sync refused")
            self._sync_absent(REFUSED)
            return
        try:
            self.platform, self.sync = start_sync(self.config, self.station, self.signals)
        except Exception:  # noqa: BLE001 - offline is a state the station works in
            log.exception("sync failed to start")
            self._sync_absent("error")

    def sync_status(self) -> Any:
        """The last sync status, or why there is none."""
        return self.sync.status() if self.sync is not None else self.sync_absent

    def stop(self) -> None:
        self.ready.wait(timeout=10)
        for part in (self.sync, self.platform, self.devices):
            stop = getattr(part, "stop", None) or getattr(part, "close", None)
            if stop is not None:
                try:
                    stop()
                except Exception:  # noqa: BLE001
                    log.exception("stopping %r failed", part)
