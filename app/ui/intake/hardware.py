"""The intake and dispatch screens' use of devices, run on the "io" pool: print a tag
label, take a still. When the runtime has not started devices (a test, a station
without them) labels go to files in the data folder and the camera says it is absent."""

from __future__ import annotations

from typing import Any

from app.core.errors import DeviceError
from app.ui.context import UiContext

QR_BASE = "https://tw.example/t/"


def printer(ui: UiContext) -> Any:
    devices = ui.devices
    if devices is not None and getattr(devices, "printer", None) is not None:
        return devices.printer
    cached = ui.fallback_printer
    if cached is None:
        from app.devices.printer import FileZplPrinter

        cached = ui.fallback_printer = FileZplPrinter(ui.config.data_dir / "labels")
    return cached


def print_tag_label(ui: UiContext, tag: str, title: str) -> str:
    """Returns where the label went; raises DeviceError (zh/en) when it could not print."""
    from app.devices.labels import TagLabel

    try:
        return str(printer(ui).print_label(TagLabel(tag=tag, qr_text=QR_BASE + tag, description=title)))
    except DeviceError:
        raise
    except Exception as exc:  # noqa: BLE001 - any printer failure becomes a sentence
        raise DeviceError(f"标签打印失败：{exc}", f"Label printing failed: {exc}") from exc


def take_still(ui: UiContext) -> bytes:
    camera = getattr(ui.devices, "camera", None) if ui.devices is not None else None
    if camera is None:
        raise DeviceError(
            "本工作站没有可用的相机，请检查设备设置",
            "No camera at this station; check the device settings",
            code="no_camera",
        )
    if getattr(camera, "state", "running") == "stopped" and hasattr(camera, "start"):
        camera.start()
    still = camera.capture_still(3.0)
    return bytes(getattr(still, "jpeg", still))
