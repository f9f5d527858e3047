"""Build the station's devices from settings (OpenHTF "plugs"): real drivers, or simulators
started in-process on ptys when a port setting is "simulated" (demo mode).

    devices = build_devices(config, box_handler=my_handler)
    ...
    devices.close()
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from .balance import Balance, SerialBalance
from .box import BoxHandler, InspectionBox
from .camera import Camera
from .printer import FileZplPrinter, LabelPrinter, PdfLabelPrinter, QueueZplPrinter, TcpZplPrinter
from .scanner import SerialScanner

log = logging.getLogger(__name__)


@dataclass
class DeviceSet:
    balance: Balance | None
    box: InspectionBox | None
    camera: Camera | None
    scanner: SerialScanner | None
    printer: LabelPrinter
    simulators: dict[str, Any] = field(default_factory=dict)

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


def build_devices(config, *, box_handler: BoxHandler | None = None, on_scan=None, start_camera: bool = False,
                  sim_session_s: float = 4.0, sim_settle_s: float = 0.8) -> DeviceSet:
    """``config`` is app.config.Config. Nothing blocks here: balances and the box connect on
    first use (or call ``balance.connect()`` / ``box.connect()`` on a worker)."""
    sims: dict[str, Any] = {}
    balance = box = scanner = camera = None
    try:
        port = config.scale_port
        if port == "simulated":
            from .sim.scale import ScaleSimulator

            proto = config.scale_protocol if config.scale_protocol != "auto" else "mt-sics"
            sims["scale"] = sim = ScaleSimulator(proto, settle_s=sim_settle_s)
            sim.scale.put(Decimal("2.3470"))
            sim.start()
            balance = SerialBalance(sim.path, proto, resolver=lambda s=sim: s.path)
        elif port:
            proto = config.scale_protocol
            if proto == "auto":
                from .autodetect import detect_protocol

                proto = detect_protocol(port)
            balance = SerialBalance(port, proto)

        port = config.box_port
        if port == "simulated":
            from .sim.box import BoxSimulator

            sims["box"] = bsim = BoxSimulator("iphone13", session_s=sim_session_s, prompt_timeout_s=30)
            bsim.start()
            box = InspectionBox(bsim.path, box_handler, host=config.workstation_id, resolver=lambda s=bsim: s.path)
        elif port:
            box = InspectionBox(port, box_handler, host=config.workstation_id)

        if config.scanner_port and on_scan is not None:
            if config.scanner_port == "simulated":
                from .sim.scanner import ScannerSimulator

                sims["scanner"] = ssim = ScannerSimulator()
                ssim.start()
                scanner = SerialScanner(ssim.path, on_scan, resolver=lambda s=ssim: s.path)
            else:
                scanner = SerialScanner(config.scanner_port, on_scan)
            scanner.start()

        if config.camera_source:
            camera = Camera(config.camera_source, width=int(config.camera_width), height=int(config.camera_height))
            if start_camera:
                camera.start()
        return DeviceSet(balance, box, camera, scanner, build_printer(config), sims)
    except Exception:
        DeviceSet(balance, box, camera, scanner, FileZplPrinter(config.data_dir), sims).close()
        raise
