"""Builders for review and certificate tests: items graded into review through the real
appraisal and inspection operations."""

from __future__ import annotations

import io
from decimal import Decimal as D

from app.core.grading import DiamondGrades, GradingResult, JewelryResult, Stone
from tests.helpers import receive_one
from tests.services.test_inspection_support import good_report, phone_item

SCALE = {"type": "scale", "model": "XPR204", "serial": "B912345678"}
BOX = {"model": "TWB-2", "serial": "TWB2-000042", "firmware": "2.4.1"}
PASSPHRASE = "supervisor-secret-1"
_n = {"value": 0}


def photo(seed: int, size: int = 64) -> bytes:
    from PIL import Image, ImageDraw

    img = Image.new("RGB", (size, size), (seed * 37 % 256, seed * 91 % 256, 180))
    ImageDraw.Draw(img).ellipse([8, 8, size - 8, size - 8], outline=(200, 160, 90), width=4)
    out = io.BytesIO()
    img.save(out, "JPEG", quality=85)
    return out.getvalue()


def pendant(mass: str = "2.349") -> JewelryResult:
    return JewelryResult(
        piece="pendant",
        metal="Au750",
        total_mass_g=D(mass),
        main_stone=Stone("diamond", mass_ct=D("0.30"), diamond=DiamondGrades("D-E", "VVS")),
    )


def jewelry_in_review(station, people, grader=None) -> str:  # type: ignore[no-untyped-def]
    """A pendant weighed, photographed and graded as a pass (by ``grader``, default appraiser)."""
    grader = grader or people.appraiser
    _n["value"] += 1
    n = _n["value"]
    item = receive_one(station, people, line_id="L1", asn=f"ASN-20261121-{n:06d}", waybill=f"SF77{n:011d}")
    tag = item.tag
    station.appraisal.start(grader, tag)
    station.appraisal.record_measurement(grader, tag, "mass", D("2.3490"), "g", device=SCALE)
    station.appraisal.record_measurement(
        grader, tag, "refractive_index", D("2.417"), "1", device={"type": "refractometer"}
    )
    station.appraisal.record_measurement(
        grader, tag, "other", {"field": "fluorescence", "text": "无荧光"}, "", device={"type": "uv_lamp"}
    )
    for i, view in enumerate(("front", "back", "hallmark", "detail")):
        station.photos.attach(grader, photo(i + n * 5), view, tag=tag, device={"type": "camera"})
    station.appraisal.record_grading(grader, tag, GradingResult("jewelry", "pass", jewelry=pendant()))
    return tag


def phone_in_review(station, people) -> str:  # type: ignore[no-untyped-def]
    tag = phone_item(station, people)
    report = good_report()
    report["parts"][0]["status"] = "replaced"
    station.inspection.record_inspection(people.appraiser, tag, box=BOX, report_id=f"RPT-{tag[-6:]}", report=report)
    for i, view in enumerate(("front", "back", "screen")):
        station.photos.attach(people.appraiser, photo(100 + i), view, tag=tag, device={"type": "camera"})
    result = station.inspection.phone_result(tag, "95")
    station.appraisal.record_grading(people.appraiser, tag, result)
    return tag


def approved(station, people, kind: str = "jewelry") -> str:  # type: ignore[no-untyped-def]
    tag = jewelry_in_review(station, people) if kind == "jewelry" else phone_in_review(station, people)
    station.review.approve(people.supervisor, tag, station.appraisal.latest_grading(tag).revision)
    return tag
