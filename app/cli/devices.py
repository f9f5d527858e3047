"""Sub-commands: ``simulate scale|box|scanner`` and ``devices scale|box|status``.

Heavy imports happen inside the handlers. Every failure becomes app.cli.CliError.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from decimal import Decimal


def register(sub: argparse._SubParsersAction) -> None:
    sim = sub.add_parser("simulate", help="run a device simulator on a pseudo-terminal (prints its path)")
    ssub = sim.add_subparsers(dest="device", metavar="DEVICE", required=True)
    sc = ssub.add_parser("scale", help="a precision balance")
    sc.add_argument("--protocol", choices=["mt-sics", "and", "sbi"], default="mt-sics")
    sc.add_argument("--weight", default="2.3470", help="load on the pan, grams")
    sc.add_argument("--unit", choices=["g", "mg", "ct"], default="g")
    sc.add_argument("--settle", type=float, default=0.8, help="seconds to settle after a load change")
    sc.add_argument("--wander", type=float, default=0.0, help="put a new random load every N seconds")
    _faults(sc)
    sc.set_defaults(func=_simulate_scale)
    bx = ssub.add_parser("box", help="the inspection box (protocol v2)")
    bx.add_argument("--phone", default="iphone13", help="iphone13, pixel7, locked_iphone or none")
    bx.add_argument("--session-s", type=float, default=12.0, help="seconds a session takes")
    bx.add_argument("--prompt-timeout", type=float, default=20.0)
    _faults(bx)
    bx.add_argument("--bad-crc", type=float, default=0.0, help="probability of a corrupted CRC")
    bx.set_defaults(func=_simulate_box)
    sn = ssub.add_parser("scanner", help="a serial barcode scanner")
    sn.add_argument("--codes", default="TW2611210000017,SF1234567890123", help="comma-separated codes")
    sn.add_argument("--interval", type=float, default=2.0)
    sn.add_argument("--suffix", choices=["cr", "lf", "crlf"], default="cr")
    sn.set_defaults(func=_simulate_scanner)

    dev = sub.add_parser("devices", help="talk to a real (or simulated) device once")
    dsub = dev.add_subparsers(dest="device", metavar="DEVICE", required=True)
    ds = dsub.add_parser("scale", help="print one stable reading as JSON")
    ds.add_argument("--port", required=True, help="device path or pyserial URL (socket://, rfc2217://)")
    ds.add_argument("--protocol", default="auto", choices=["auto", "mt-sics", "and", "sbi"])
    ds.add_argument("--timeout", type=float, default=10.0)
    ds.add_argument("--unit", choices=["g", "mg", "ct"])
    ds.set_defaults(func=_devices_scale)
    db = dsub.add_parser("box", help="run one inspection session and print the report JSON")
    db.add_argument("--port", required=True)
    db.add_argument("--profile", choices=["quick", "full"], default="quick")
    db.add_argument("--answer", choices=["pass", "fail", "skip"], default="pass")
    db.add_argument("--timeout", type=float, default=300.0)
    db.add_argument("--phone-wait", type=float, default=30.0, help="seconds to wait for a phone")
    db.set_defaults(func=_devices_box)
    st = dsub.add_parser("status", help="each configured device's state (asks each device once)")
    st.add_argument("--timeout", type=float, default=5.0)
    st.add_argument("--json", action="store_true")
    st.set_defaults(func=_devices_status)


def _faults(p: argparse.ArgumentParser) -> None:
    p.add_argument("--garbage", type=float, default=0.0, help="probability of noise bytes per message")
    p.add_argument("--drop", type=float, default=0.0, help="probability of dropping a message")
    p.add_argument("--disconnect-every", type=float, default=0.0, help="unplug/replug every N seconds")
    p.add_argument("--seed", type=int)


def _serve(sim, args) -> int:
    sim.start()
    print(sim.path, flush=True)
    try:
        last = time.monotonic()
        while True:
            time.sleep(0.1)
            if args.disconnect_every and time.monotonic() - last > args.disconnect_every:
                last = time.monotonic()
                sim.unplug()
                time.sleep(0.5)
                print(sim.replug(), flush=True)
            if getattr(args, "wander", 0) and time.monotonic() - last > args.wander:
                import random

                last = time.monotonic()
                sim.scale.put(Decimal(random.randint(1000, 900000)).scaleb(-4))
    except KeyboardInterrupt:
        return 0
    finally:
        sim.stop()


def _simulate_scale(args) -> int:
    from app.devices.sim.scale import ScaleSimulator

    sim = ScaleSimulator(args.protocol, unit=args.unit, settle_s=args.settle, seed=args.seed)
    sim.garbage, sim.drop = args.garbage, args.drop
    sim.scale.put(args.weight)
    return _serve(sim, args)


def _simulate_box(args) -> int:
    from app.devices.sim.box import BoxSimulator

    sim = BoxSimulator(
        None if args.phone == "none" else args.phone,
        session_s=args.session_s,
        prompt_timeout_s=args.prompt_timeout,
        seed=args.seed,
    )
    sim.garbage, sim.drop, sim.bad_crc = args.garbage, args.drop, args.bad_crc
    return _serve(sim, args)


def _simulate_scanner(args) -> int:
    from app.devices.sim.scanner import ScannerSimulator

    suffix = {"cr": b"\r", "lf": b"\n", "crlf": b"\r\n"}[args.suffix]
    sim = ScannerSimulator(args.codes.split(","), interval=args.interval, suffix=suffix)
    args.garbage = args.drop = 0.0
    args.disconnect_every = getattr(args, "disconnect_every", 0.0)
    return _serve(sim, args)


def dumps(obj) -> str:
    """JSON with Decimal values written as exact numbers."""
    marks: dict[str, str] = {}

    def enc(o):
        if isinstance(o, Decimal):
            key = f"@@dec{len(marks)}@@"
            marks[key] = str(o)
            return key
        raise TypeError(type(o))

    text = json.dumps(obj, default=enc, ensure_ascii=False)
    for key, val in marks.items():
        text = text.replace(f'"{key}"', val)
    return text


def _devices_scale(args) -> int:
    from app.cli import CliError
    from app.core.errors import TWError
    from app.devices.autodetect import detect_protocol
    from app.devices.balance import SerialBalance

    balance = None
    try:
        protocol = detect_protocol(args.port) if args.protocol == "auto" else args.protocol
        balance = SerialBalance(args.port, protocol, usb=None)
        r = balance.read_stable(args.timeout, unit=args.unit)
        print(
            dumps(
                {
                    "value": r.value,
                    "unit": r.unit,
                    "stable": r.stable,
                    "device": r.device_payload(),
                    "protocol": protocol,
                    "timestamp": r.timestamp.isoformat(),
                }
            )
        )
        return 0
    except TWError as exc:
        raise CliError(str(exc)) from None
    finally:
        if balance is not None:
            balance.close()


def _devices_status(args) -> int:
    from dataclasses import asdict

    from app.config import config_from_args
    from app.setup.status import FAILED, REFUSED, device_statuses

    statuses = device_statuses(config_from_args(args), timeout=args.timeout)
    if args.json:
        print(json.dumps([asdict(s) for s in statuses], ensure_ascii=False))
    else:
        for s in statuses:
            print(s.line())
    return 1 if any(s.state in (FAILED, REFUSED) for s in statuses) else 0


def _devices_box(args) -> int:
    from app.cli import CliError
    from app.core.errors import TWError
    from app.devices.box import BoxHandler, InspectionBox

    class Answer(BoxHandler):
        def on_progress(self, sid, step, percent):
            print(f"{percent:3d}% {step}", file=sys.stderr, flush=True)

        def on_prompt(self, prompt, answer):
            print(f"提示 prompt [{prompt.step}] {prompt.message} -> {args.answer}", file=sys.stderr, flush=True)
            answer(args.answer)

    box = InspectionBox(args.port, Answer(), usb=None, host="treasure-warehouse-cli")
    try:
        box.connect(3.0)
        if not box.wait_for_phone(args.phone_wait):
            raise CliError("检测盒上没有手机 / no phone attached to the box")
        result = box.start_session(args.profile).wait(args.timeout)
        print(json.dumps({"session_id": result.session_id, **result.event_payload()}, ensure_ascii=False))
        return 0
    except TWError as exc:
        raise CliError(str(exc)) from None
    finally:
        box.close()
