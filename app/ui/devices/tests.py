"""The Devices screen's test actions: plain functions that block on a device and are
run off the GUI thread by the screen. Each returns text for the operator."""

from __future__ import annotations

from app.core.errors import DeviceError
from app.ui.context import UiContext


def _missing(zh: str, en: str) -> DeviceError:
    return DeviceError(zh, en, code="device_missing")


class DeviceChecks:
    def __init__(self, ui: UiContext) -> None:
        self.ui = ui

    def _devices(self):
        if self.ui.devices is None:
            raise _missing("设备尚未启动", "Devices are not started")
        return self.ui.devices

    def _balance(self):
        balance = self._devices().balance
        if balance is None:
            raise _missing("未配置天平", "No balance is configured")
        return balance

    def list_ports(self) -> list[str]:
        from serial.tools import list_ports

        return [p.device for p in list_ports.comports()]

    def balance_identity(self) -> str:
        ident = self._balance().connect(timeout=5.0)
        return f"{ident.model or '?'} / {ident.serial or '?'}"

    def read_stable(self):
        return self._balance().read_stable(timeout=10.0)

    def zero(self) -> None:
        self._balance().zero()

    def tare(self) -> None:
        self._balance().tare()

    def box_status(self) -> str:
        box = self._devices().box
        if box is None:
            raise _missing("未配置检测盒", "No inspection box is configured")
        ident = box.connect(timeout=5.0)
        status = box.status()
        return f"{ident.model} / {ident.serial} / {ident.firmware} — {status.get('state')}"

    def test_photo(self) -> str:
        camera = self._devices().camera
        if camera is None:
            raise _missing("未配置相机", "No camera is configured")
        still = camera.capture_still(timeout=5.0)
        return f"{still.width}×{still.height} JPEG, {len(still.jpeg) // 1024} KB, SHA-256 {still.sha256[:12]}…"

    def test_label(self) -> str:
        from app.devices.labels import TagLabel

        label = TagLabel(tag="TW0000000000000", qr_text="TEST", description="测试标签 Test label")
        return str(self._devices().printer.print_label(label))

    def save_setting(self, key: str, value: str) -> None:
        self.ui.config.set(key, value)
        self.ui.config.save()
