"""What a screen is handed: the station's operations, who is logged in, the devices,
the sync worker and the application's "did happen" signals. No globals."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from app.config import Config
from app.core.roles import Action, Actor

if TYPE_CHECKING:  # loaded with the database, after the log-in window is up
    from app.services.station import Station

if TYPE_CHECKING:  # imported for their types only: the window comes up before devices and sync
    from app.devices.factory import DeviceSet
    from app.devices.printer import LabelPrinter
    from app.runtime.station import Runtime


class AppSignals(QObject):
    # Event types committed by any operation of this station (screens refresh themselves).
    records_did_change = Signal(list)
    # A scanner burst recognised anywhere in the application.
    scan_did_arrive = Signal(str)
    # Sync status snapshot (object from app.sync) and device state changes (name, state text).
    sync_status_did_change = Signal(object)
    device_state_did_change = Signal(str, str)
    # The runtime built the device set (app.devices.factory.DeviceSet) after log-in, or
    # rebuilt it with new settings: screens read ``ui.devices`` from then on.
    devices_did_start = Signal(object)

    _NAMES = (
        "records_did_change",
        "scan_did_arrive",
        "sync_status_did_change",
        "device_state_did_change",
        "devices_did_start",
    )
    _source: AppSignals | None = None  # what a relay is fed from

    def relay(self, owner: QObject) -> AppSignals:
        """Signals for one window's lifetime: a child of ``owner`` fed from these ones.

        Screens connect to the relay, so whatever they connect (lambdas included) goes
        when the window goes: Qt drops connections to a destroyed receiver, and
        ``detach`` cuts the feed as soon as the window closes. Without it every scan
        after a re-login reached the old window's deleted widgets."""
        child = AppSignals(owner)
        for name in self._NAMES:
            getattr(self, name).connect(getattr(child, name))
        child._source = self
        return child

    def detach(self) -> None:
        """Stop relaying (for a relay made by ``relay``; the application's own signals stay)."""
        source = self._source
        if source is None:
            return
        self._source = None
        for name in self._NAMES:
            try:
                getattr(source, name).disconnect(getattr(self, name))
            except (RuntimeError, TypeError):
                pass  # already gone with the window


@dataclass
class UiContext:
    station: Station
    actor: Actor
    config: Config
    signals: AppSignals
    lang: str = "zh_CN"
    devices: DeviceSet | None = None  # when started
    runtime: Runtime | None = None  # embedded platform, sync worker
    # Label printer used when the station has none configured (ZPL files in the data folder),
    # made on first use and kept for the session.
    fallback_printer: LabelPrinter | None = None
    box_profile: str = "quick"  # the inspection box's session profile
    phone_wait_s: float = 60.0  # how long the box waits for a phone to be plugged in

    def may(self, action: Action) -> bool:
        return self.actor.may(action)

    @property
    def zh(self) -> bool:
        return self.lang.startswith("zh")
