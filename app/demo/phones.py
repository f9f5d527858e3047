"""Demo stage: used iPhones go through the inspection box's report, photos and grading into
the review queue, through the real operations (the certificate stage then certifies
some). The report is the simulator's iPhone 13 with the declared IMEI: its replaced rear
camera and silent bottom microphone end up disclosed on the certificate."""

from __future__ import annotations

import copy
import random
from typing import TYPE_CHECKING, Any

from app.core.vocab.phone import luhn_complete
from app.demo.appraisal import demo_png
from app.devices.sim.phones import PHONES

if TYPE_CHECKING:
    from app.services.demo import DemoPeople
    from app.services.station import Station
    from app.services.views import ItemView

TESTS = ("touch", "display", "speaker", "microphone", "wifi", "bluetooth", "cellular", "buttons")
BOX = {"model": "TWB-2", "serial": "TWB2-DEMO-0001", "firmware": "2.4.1"}


def _report(imei: str, n: int) -> dict[str, Any]:
    phone = copy.deepcopy(PHONES["iphone13"])
    identity = dict(phone["identity"], imei=imei, imei2=luhn_complete(imei[:8] + f"{n:06d}"))
    functions = [
        {"test": t, "result": "fail", "detail": phone["failing"][t]}
        if t in phone["failing"]
        else {"test": t, "result": "pass"}
        for t in TESTS
    ]
    return {
        "report_version": 2,
        "started_at": "2026-11-21T08:20:11.000Z",
        "finished_at": "2026-11-21T08:22:40.000Z",
        "identity": identity,
        "battery": phone["battery"],
        "parts": phone["parts"],
        "locks": phone["locks"],
        "functions": functions,
        "flags": phone["flags"],
        "box_qr": f"TWB2:RPT-DEMO{n:06d}",
    }


def inspect_some(
    station: Station, people: DemoPeople, items: list[ItemView], rng: random.Random, limit: int = 2
) -> dict[str, Any]:
    done = 0
    for item in items:
        d = item.declared
        if done >= limit or item.category != "phone" or d.get("model") != "iPhone 13" or not d.get("imei"):
            continue
        actor = people.appraiser2
        station.appraisal.start(actor, item.tag)
        done += 1
        station.inspection.record_inspection(
            actor, item.tag, box=BOX, report_id=f"RPT-DEMO{done:06d}", report=_report(d["imei"], done)
        )
        for view, colour in (("front", (40, 40, 48)), ("back", (60, 60, 70)), ("screen", (200, 210, 230))):
            station.photos.attach(actor, demo_png(colour), view, tag=item.tag, device={"type": "camera"})
        station.appraisal.record_grading(actor, item.tag, station.inspection.phone_result(item.tag, "95"))
    return {"phones_inspected": done}
