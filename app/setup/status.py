"""Each configured device's state, as ``python -m app devices status`` prints it: asks each
device once (a stable reading, the box's hello, a camera frame); a device that is not
configured says so, and a simulator outside demo mode is refused, never reported healthy."""

from __future__ import annotations

from dataclasses import dataclass

from app.config import Config
from app.core.demo import NOT_CONFIGURED, REFUSED, SIMULATED
from app.core.errors import TWError
from app.setup import checks

OK, FAILED = "ok", "failed"
STATE_TEXT = {
    OK: ("正常", "ok"),
    FAILED: ("故障", "failed"),
    NOT_CONFIGURED: ("未配置", "not configured"),
    REFUSED: ("已拒绝（模拟器仅用于演示）", "refused (simulators are for demo mode only)"),
}
NAMES = {
    "balance": ("天平", "balance"),
    "box": ("检测盒", "inspection box"),
    "camera": ("相机", "camera"),
    "scanner": ("串口扫码枪", "serial scanner"),
    "printer": ("标签打印机", "label printer"),
}


@dataclass(frozen=True)
class DeviceStatus:
    name: str
    state: str
    where: str
    detail: str

    def line(self) -> str:
        zh, en = NAMES[self.name]
        szh, sen = STATE_TEXT[self.state]
        where = f" [{self.where}]" if self.where else ""
        detail = f" — {self.detail}" if self.detail else ""
        return f"{zh} {en}{where}: {szh} {sen}{detail}"


def _probe(name: str, where: str, demo: bool, ask) -> DeviceStatus:
    if not where:
        return DeviceStatus(name, NOT_CONFIGURED, "", "")
    if where == SIMULATED and not demo:
        return DeviceStatus(name, REFUSED, where, "")
    try:
        return DeviceStatus(name, OK, where, ask())
    except TWError as exc:
        return DeviceStatus(name, FAILED, where, f"{exc.zh} / {exc.en}")


def device_statuses(config: Config, timeout: float = 5.0) -> list[DeviceStatus]:
    demo = bool(config.demo)
    out = [
        _probe(
            "balance",
            config.scale_port,
            demo,
            lambda: checks.check_balance(config.scale_port, config.scale_protocol, timeout)[1],
        ),
        _probe("box", config.box_port, demo, lambda: checks.check_box(config.box_port, config.workstation_id, timeout)),
        _probe(
            "camera",
            config.camera_source,
            demo,
            lambda: checks.check_camera(
                config.camera_source, int(config.camera_width), int(config.camera_height), timeout
            ),
        ),
        _probe("scanner", config.scanner_port, demo, lambda: "configured"),
    ]
    kind = config.printer_kind
    target = f"tcp {config.printer_host}:{config.printer_port}" if kind == "tcp" else kind
    out.append(DeviceStatus("printer", OK, target, ""))
    return out
