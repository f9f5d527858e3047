"""Screenshot of the phone station with a real report on screen: a fresh demo database, one
announced iPhone, the box simulator on a pty answering like the real box, prompts answered.

    python -m app.ui.phone.shot --out docs/screenshots [--lang en]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

IMEI, IMEI2 = "356789104567894", "356789104567902"  # Luhn-valid


def _notice() -> dict:
    return {
        "asn_id": "ASN-20261121-000901",
        "revision": 1,
        "status": "open",
        "warehouse_id": "WH-LOCAL-01",
        "merchant": {"id": "M100235", "name": "优品手机店"},
        "carrier": "SF",
        "waybill_no": "SF9000000000901",
        "announced_at": "2026-11-21T02:00:00.000Z",
        "lines": [
            {
                "line_id": "P1",
                "order_no": "KS202611219001",
                "category": "phone",
                "title": "iPhone 13 128GB 午夜色",
                "declared_value_cents": 289900,
                "declared": {
                    "brand": "Apple",
                    "model": "iPhone 13",
                    "storage_gb": 128,
                    "color": "午夜色",
                    "imei": IMEI,
                },
            }
        ],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", default="docs/screenshots")
    parser.add_argument("--lang", default="zh_CN")
    args = parser.parse_args(argv)
    from app.demo.data import ensure_people
    from app.devices.box import InspectionBox
    from app.devices.factory import DeviceSet, build_printer
    from app.devices.sim.box import BoxSimulator
    from app.ui import ops
    from app.ui.screenshots import shot_window

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    received: dict[str, str] = {}

    def prepare(station) -> None:
        people = ensure_people(station)
        station.notices.apply(people.clerk, _notice())
        opened = station.intake.receive_parcel(people.clerk, "SF9000000000901")
        tag = station.intake.allocate_tag(people.clerk)
        station.intake.receive_item(people.clerk, opened.shipment.id, line_id="P1", tag=tag, tag_printed=True)
        received["tag"] = tag

    with shot_window(args.lang, prepare) as shot:
        app = shot.app
        sim = BoxSimulator("iphone13", session_s=1.0, prompt_timeout_s=20)
        assert sim.phone is not None  # built with a phone
        sim.phone["identity"].update(imei=IMEI, imei2=IMEI2)
        sim.start()
        box = InspectionBox(sim.path, resolver=lambda: sim.path)
        try:
            window = shot.open_window(
                "appraiser", args.lang, DeviceSet(None, box, None, None, build_printer(shot.config))
            )
            screen = window.show_station("phone")
            screen.handle_scan(received["tag"])
            prompt_shot = False
            end = time.monotonic() + 30
            while screen.inspection is None and time.monotonic() < end:
                app.processEvents()
                dialog = screen.prompt_dialog
                if dialog is not None and dialog.isVisible():
                    app.processEvents()
                    if not prompt_shot:
                        dialog.grab().save(str(out / f"phone-prompt-{args.lang}.png"))
                        prompt_shot = True
                    dialog.choose("pass")
                time.sleep(0.02)
            ops.wait_idle(10_000)
            screen.grading.choose_grade(2)
            app.processEvents()
            path = out / f"phone-{args.lang}.png"
            window.grab().save(str(path))
            print(path)
        finally:
            box.close()
            sim.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
