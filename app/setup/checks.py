"""Try a setting before it is saved: can the database be reached (and migrated), does the
platform accept the token, does a balance or box answer on this port, does the camera
give a frame. Each returns a short description of what answered or raises TWError."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from app.core.errors import TWError, ValidationError

log = logging.getLogger("tw.setup")


@dataclass(frozen=True)
class PortInfo:
    device: str
    description: str
    vid: int | None
    pid: int | None
    serial_number: str | None

    def label(self) -> str:
        usb = f" [USB {self.vid:04X}:{self.pid:04X}]" if self.vid is not None and self.pid is not None else ""
        return f"{self.device} — {self.description}{usb}"


def serial_ports() -> list[PortInfo]:
    """The serial ports actually present, with their USB identity where there is one."""
    import serial.tools.list_ports

    return [
        PortInfo(p.device, p.description or "", p.vid, p.pid, p.serial_number)
        for p in sorted(serial.tools.list_ports.comports(), key=lambda p: p.device)
    ]


def check_database(url: str) -> str:
    """Connect, apply the migrations, and say which database it is."""
    from app.store import migrate
    from app.store.db import Database

    db = None
    try:
        db = Database(url)
        migrate.upgrade(db)
        return db.describe()
    except TWError:
        raise
    except Exception as exc:  # noqa: BLE001 - any driver error becomes a message
        where = url.split("@")[-1]  # never repeat a password
        log.warning("database check failed for %s: %s", where, type(exc).__name__)
        detail = str(getattr(exc, "orig", exc)).strip().splitlines()[0][:200] if str(exc) else type(exc).__name__
        raise ValidationError(
            f"无法连接数据库 {where}：{detail}", f"Cannot use the database {where}: {detail}"
        ) from None
    finally:
        if db is not None:
            db.dispose()


def check_platform(url: str, token: str, workstation_id: str, timeout: float = 10.0) -> str:
    """One authenticated call (GET /inbound?limit=1): the address, the token and this
    workstation's id are all accepted."""
    from app.sync.client import PlatformClient

    if not url.startswith(("https://", "http://")):
        raise ValidationError("平台地址须以 https:// 开头", "The platform address must start with https://")
    if not token:
        raise ValidationError("缺少平台令牌", "The platform token is missing")
    with PlatformClient(url, token, workstation_id, timeout=timeout) as client:
        client.inbound(limit=1)
    return url


def check_balance(port: str, protocol: str = "auto", timeout: float = 10.0) -> tuple[str, str]:
    """(protocol, description of a stable reading)."""
    from app.devices.autodetect import detect_protocol
    from app.devices.balance import SerialBalance

    proto = detect_protocol(port) if protocol == "auto" else protocol
    balance = SerialBalance(port, proto, usb=None)
    try:
        ident = balance.connect(timeout)
        reading = balance.read_stable(timeout)
        return proto, f"{ident.model} {ident.serial}: {reading.value} {reading.unit} ({proto})".strip()
    finally:
        balance.close()


def check_box(port: str, host: str, timeout: float = 5.0) -> str:
    from app.devices.box import InspectionBox

    box = InspectionBox(port, None, usb=None, host=host)
    try:
        ident = box.connect(timeout)
        return f"{ident.model} {ident.serial} firmware {ident.firmware}".strip()
    finally:
        box.close()


def check_camera(source: str, width: int = 1280, height: int = 720, timeout: float = 5.0) -> str:
    from app.devices.camera import Camera

    camera = Camera(source, width=width, height=height)
    camera.start()
    try:
        still = camera.capture_still(timeout=timeout)
        return f"{still.width}×{still.height}"
    finally:
        camera.stop()
