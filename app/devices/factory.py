"""Build the station's devices from settings (OpenHTF "plugs"): real drivers for the ports
that are configured, nothing for those that are not, and simulators started in-process on
ptys only in demo mode (``config.demo``). A "simulated" setting outside demo mode is refused
and reported, never quietly honoured: a warehouse must not certify pieces weighed on a simulator.

    devices = build_devices(config, box_handler=my_handler)
    ...
    devices.close()
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from app.core.demo import NOT_CONFIGURED, REFUSED, SIMULATED

from .balance import Balance, SerialBalance
from .box import BoxHandler, InspectionBox
from .camera import Camera
from .printer import FileZplPrinter, LabelPrinter, PdfLabelPrinter, QueueZplPrinter, TcpZplPrinter
from .scanner import SerialScanner
from .sim.pieces import PieceCycle

log = logging.getLogger(__name__)


@dataclass
class DeviceSet:
    balance: Balance | None
    box: InspectionBox | None
    camera: Camera | None
    scanner: SerialScanner | None
    printer: LabelPrinter
    simulators: dict[str, Any] = field(default_factory=dict)
    # Devices that are not there, and why: "not_configured" or "refused" (a simulator outside demo).
    absent: dict[str, str] = field(default_factory=dict)
    demo: bool = False

    def close(self) -> None:
        for dev in (self.balance, self.box, self.scanner):
            if dev is not None:
                try:
                    dev.close()
                except Exception:
                    log.exception("closing %s failed", dev)
        if self.camera is not None:
            self.camera.stop()
        for sim in self.simulators.values():
            sim.stop()


def build_printer(config) -> LabelPrinter:
    kind = config.printer_kind
    labels = config.data_dir / "labels"
    if kind == "tcp":
        return TcpZplPrinter(config.printer_host, int(config.printer_port))
    if kind == "queue":
        return QueueZplPrinter(None)
    if kind == "pdf":
        return PdfLabelPrinter(labels)
    return FileZplPrinter(labels)


def build_devices(
    config,
    *,
    box_handler: BoxHandler | None = None,
    on_scan=None,
    start_camera: bool = False,
    sim_session_s: float = 4.0,
    sim_settle_s: float = 0.8,
    piece_dwell_s: float = 0.0,
) -> DeviceSet:
    """``config`` is app.config.Config. Nothing blocks here: balances and the box connect on
    first use (or call ``balance.connect()`` / ``box.connect()`` on a worker)."""
    sims: dict[str, Any] = {}
    absent: dict[str, str] = {}
    demo = bool(getattr(config, "demo", False))
    balance = box = scanner = camera = None

    def wanted(name: str, value: str) -> str:
        """'' (absent), SIMULATED (demo only) or the configured value."""
        if not value:
            absent[name] = NOT_CONFIGURED
            return ""
        if value == SIMULATED and not demo:
            log.error("%s: a simulator is configured outside demo mode; refused", name)
            absent[name] = REFUSED
            return ""
        return value

    try:
        port = wanted("balance", config.scale_port)
        if port == SIMULATED:
            from .sim.scale import ScaleSimulator

            proto = config.scale_protocol if config.scale_protocol != "auto" else "mt-sics"
            sims["scale"] = sim = ScaleSimulator(proto, settle_s=sim_settle_s)
            sim.scale.put(Decimal("2.3470"))
            sim.start()
            balance = SerialBalance(sim.path, proto, resolver=lambda: sim.path)
            if piece_dwell_s:
                sims["pieces"] = PieceCycle(sim.scale, dwell_s=piece_dwell_s).start()
        elif port:
            proto = config.scale_protocol
            if proto == "auto":
                from .autodetect import detect_protocol

                proto = detect_protocol(port)
            balance = SerialBalance(port, proto)

        port = wanted("box", config.box_port)
        if port == SIMULATED:
            from .sim.box import BoxSimulator
            from .sim.phones import DEMO_ROTATION

            sims["box"] = bsim = BoxSimulator(
                DEMO_ROTATION[0], session_s=sim_session_s, prompt_timeout_s=30, rotation=DEMO_ROTATION
            )
            bsim.start()
            box = InspectionBox(bsim.path, box_handler, host=config.workstation_id, resolver=lambda: bsim.path)
        elif port:
            box = InspectionBox(port, box_handler, host=config.workstation_id)

        scanner_port = wanted("scanner", config.scanner_port)
        if scanner_port and on_scan is not None:
            if scanner_port == SIMULATED:
                from .sim.scanner import ScannerSimulator

                sims["scanner"] = ssim = ScannerSimulator()
                ssim.start()
                scanner = SerialScanner(ssim.path, on_scan, resolver=lambda: ssim.path)
            else:
                scanner = SerialScanner(scanner_port, on_scan)
            scanner.start()

        source = wanted("camera", config.camera_source)
        if source:
            pieces = sims.get("pieces")
            camera = Camera(
                source,
                width=int(config.camera_width),
                height=int(config.camera_height),
                scene=(lambda: pieces.index) if pieces is not None else None,
            )
            if start_camera:
                camera.start()
        return DeviceSet(balance, box, camera, scanner, build_printer(config), sims, absent, demo)
    except Exception:
        DeviceSet(balance, box, camera, scanner, FileZplPrinter(config.data_dir), sims).close()
        raise
