"""Demo stage: some received jewellery is appraised through the real operations — weighed
(as from the station's balance), photographed, graded; most pass into review, one fails
and is rejected. Registered in ``app.demo.data.STAGES``."""

from __future__ import annotations

import random
import struct
import zlib
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from app.core.grading import GradingResult, JewelryResult, Stone
from app.core.jewelry_rules import parse_declared_stone
from app.core.vocab import metals
from app.services.appraisal_rules import mass_for_result, required_views

if TYPE_CHECKING:
    from app.services.demo import DemoPeople
    from app.services.station import Station
    from app.services.views import ItemView

DEMO_SCALE = {"type": "scale", "model": "XPR204", "serial": "B912345678"}
PIECE_WORDS = (("吊坠", "pendant"), ("手镯", "bangle"), ("戒", "ring"), ("项链", "necklace"), ("耳", "earrings"))


def demo_png(rgb: tuple[int, int, int], size: int = 32) -> bytes:
    """A plain-colour PNG (no imaging library needed); each colour gives its own hash."""
    row = b"\x00" + bytes(rgb) * size
    body = zlib.compress(row * size)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", body) + chunk(b"IEND", b"")


def _result(title: str, declared: dict[str, Any], mass: Decimal) -> JewelryResult:
    piece = next((code for word, code in PIECE_WORDS if word in title), "pendant")
    metal = metals.metal_from_mark(declared.get("material"))
    parsed = parse_declared_stone(declared.get("stone"))
    stone = None
    if parsed is not None:
        ct = declared.get("main_stone_ct")
        stone = Stone(material=parsed[1], origin=parsed[0], mass_ct=Decimal(str(ct)) if ct else None)
    return JewelryResult(piece=piece, metal=metal.code if metal else None, main_stone=stone, total_mass_g=mass)


def appraise_some(
    station: Station, people: DemoPeople, items: list[ItemView], rng: random.Random, count: int = 4
) -> dict[str, Any]:
    svc, actor = station.appraisal, people.appraiser
    jewelry = [i for i in items if i.category == "jewelry" and i.state == "received" and i.declared.get("total_mass_g")]
    passed = rejected = 0
    if jewelry[:count]:
        from app.demo.quality import check_demo_balance

        check_demo_balance(station, actor)  # the day starts with the balance's daily check
    for n, item in enumerate(jewelry[:count]):
        svc.start(actor, item.tag)
        declared = item.declared
        mass = Decimal(str(declared["total_mass_g"])).quantize(Decimal("0.0001"))
        failing = n == count - 1
        if failing:
            mass = (mass * Decimal("0.9")).quantize(Decimal("0.0001"))  # lighter than declared
        svc.record_measurement(actor, item.tag, "mass", mass, "g", device=DEMO_SCALE)
        result = _result(item.title, declared, mass_for_result(mass))
        for k, view in enumerate(required_views(result)):
            colour = (rng.randint(0, 255), rng.randint(0, 255), (40 * k + n) % 256)
            station.photos.attach(actor, demo_png(colour), view, tag=item.tag, device={"type": "camera"})
        if failing:
            evaluation = svc.evaluate(item.tag, result)
            reason = evaluation.reason_code or "not_as_declared"
            note = "；".join(f.zh for f in evaluation.findings) or "与申报不符"
            svc.record_grading(
                actor, item.tag, GradingResult("jewelry", "fail", jewelry=result, reason_code=reason, note=note)
            )
            svc.reject(actor, item.tag, reason, note)
            rejected += 1
        else:
            svc.record_grading(actor, item.tag, GradingResult("jewelry", "pass", jewelry=result))
            passed += 1
    return {"appraised_in_review": passed, "appraised_rejected": rejected}
