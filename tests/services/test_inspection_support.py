"""Builders for inspection tests: a phone item whose declaration has a Luhn-valid IMEI."""

from __future__ import annotations

import copy
from typing import Any

from app.core.vocab.phone import luhn_ok
from app.devices.sim.phones import PHONES

GOOD_IMEI = "356789104567894"  # the spec's sample with the right check digit
GOOD_IMEI2 = "356789104567902"
assert luhn_ok(GOOD_IMEI) and luhn_ok(GOOD_IMEI2)


def phone_notice(asn_id: str, waybill: str, imei: str = GOOD_IMEI) -> dict[str, Any]:
    return {
        "asn_id": asn_id,
        "revision": 1,
        "status": "open",
        "warehouse_id": "WH-LOCAL-01",
        "merchant": {"id": "M100235", "name": "优品手机店"},
        "carrier": "SF",
        "waybill_no": waybill,
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
                    "imei": imei,
                },
            }
        ],
    }


def start_appraisal(station, people, tag: str) -> None:  # type: ignore[no-untyped-def]
    appraisal = getattr(station, "appraisal", None)
    if appraisal is not None:
        appraisal.start(people.appraiser, tag)
        return
    # Until AppraisalService lands: move the item the way its start() will.
    from app.store.models import Item

    with station.db.transaction() as s:
        item = s.query(Item).filter_by(tag=tag).one()
        item.state = "in_appraisal"


_n = {"value": 0}


def phone_item(station, people, imei: str = GOOD_IMEI, start: bool = True) -> str:  # type: ignore[no-untyped-def]
    _n["value"] += 1
    n = _n["value"]
    asn, waybill = f"ASN-20261121-{900000 + n:06d}", f"SF9{n:012d}"
    station.notices.apply(people.clerk, phone_notice(asn, waybill, imei))
    opened = station.intake.receive_parcel(people.clerk, waybill)
    tag = station.intake.allocate_tag(people.clerk)
    station.intake.receive_item(people.clerk, opened.shipment.id, line_id="P1", tag=tag, tag_printed=True)
    if start:
        start_appraisal(station, people, tag)
    return tag


def good_report(imei: str = GOOD_IMEI) -> dict[str, Any]:
    """An iPhone 13 report that matches ``phone_notice`` with nothing to disclose but the
    simulator's defaults removed."""
    p = copy.deepcopy(PHONES["iphone13"])
    identity = dict(p["identity"], imei=imei, imei2=GOOD_IMEI2)
    parts = [dict(x, status="original") for x in p["parts"]]
    for x in parts:
        x.pop("detail", None)
    functions = [
        {"test": t, "result": "pass"}
        for t in ("touch", "display", "speaker", "microphone", "wifi", "bluetooth", "cellular", "buttons")
    ]
    return {
        "report_version": 2,
        "started_at": "2026-11-21T08:20:11.000Z",
        "finished_at": "2026-11-21T08:22:40.000Z",
        "identity": identity,
        "battery": p["battery"],
        "parts": parts,
        "locks": p["locks"],
        "functions": functions,
        "flags": p["flags"],
        "box_qr": "TWB2:RPT-0000000001",
    }
