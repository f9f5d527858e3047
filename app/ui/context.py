"""What a screen is handed: the station's operations, who is logged in, the devices,
the sync worker and the application's "did happen" signals. No globals."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, Signal

from app.config import Config
from app.core.roles import Action, Actor
from app.services.station import Station


class AppSignals(QObject):
    # Event types committed by any operation of this station (screens refresh themselves).
    records_did_change = Signal(list)
    # A scanner burst recognised anywhere in the application.
    scan_did_arrive = Signal(str)
    # Sync status snapshot (object from app.sync) and device state changes (name, state text).
    sync_status_did_change = Signal(object)
    device_state_did_change = Signal(str, str)


@dataclass
class UiContext:
    station: Station
    actor: Actor
    config: Config
    signals: AppSignals
    lang: str = "zh_CN"
    devices: Any = None  # app.devices.factory.DeviceSet when started
    runtime: Any = None  # app.runtime.Runtime (embedded platform, sync worker)
    extras: dict[str, Any] = field(default_factory=dict)

    def may(self, action: Action) -> bool:
        return self.actor.may(action)

    @property
    def zh(self) -> bool:
        return self.lang.startswith("zh")
