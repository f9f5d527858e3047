"""Sample certificates for tests, the benchmark, the docs' pictures and demo mode."""

from __future__ import annotations

import hashlib
import io
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from app.core import certificate as c
from app.core.demo import DEMO_VERIFY_BASE_URL

ISSUED = datetime(2026, 11, 21, 8, 15, 2, 125000, tzinfo=UTC)
BASE_URL = DEMO_VERIFY_BASE_URL


def sample_photo_jpeg(kind: str = "jewelry", size: int = 480) -> bytes:
    """A drawn stand-in for a front photo (Pillow comes with reportlab)."""
    from PIL import Image, ImageDraw

    img = Image.new("RGB", (size, size), (236, 233, 226))
    d = ImageDraw.Draw(img)
    s = size / 480
    if kind == "jewelry":
        d.line([(240 * s, 20 * s), (240 * s, 150 * s)], fill=(196, 160, 90), width=int(6 * s))
        d.ellipse([150 * s, 140 * s, 330 * s, 400 * s], outline=(196, 160, 90), width=int(14 * s))
        d.polygon(
            [(240 * s, 200 * s), (290 * s, 260 * s), (240 * s, 340 * s), (190 * s, 260 * s)],
            fill=(214, 232, 245),
            outline=(120, 150, 180),
        )
    else:
        d.rounded_rectangle([140 * s, 40 * s, 340 * s, 440 * s], radius=int(30 * s), fill=(30, 32, 40))
        d.rounded_rectangle([152 * s, 52 * s, 328 * s, 428 * s], radius=int(22 * s), fill=(58, 84, 120))
        d.rounded_rectangle([205 * s, 60 * s, 275 * s, 78 * s], radius=int(9 * s), fill=(10, 10, 12))
    out = io.BytesIO()
    img.save(out, "JPEG", quality=85)
    return out.getvalue()


def sample_jewelry_facts(seq: int = 17, warehouse_id: str = "WH-HZ-01") -> c.CertificateFacts:
    measured: dict[str, Any] = {
        "total_mass_g": Decimal("2.347"),
        "main_stone_ct": Decimal("0.30"),
        "shape": "圆形明亮式 Round brilliant",
        "colour": "无色 Colourless",
        "specific_gravity": Decimal("3.52"),
        "refractive_index": Decimal("2.417"),
        "fineness_mark": "Au750（18K）",
        "diamond_colour": "G",
        "diamond_clarity": "VS1",
        "diamond_cut": "很好 Very good",
        "observations": "吊坠扣印记清晰，钻石台面轻微磨损 Hallmark clear; slight table wear",
        "treatments": ["hpht"],
    }
    no = c.make_certificate_no(ISSUED.date(), seq)
    photo = sample_photo_jpeg("jewelry")
    return c.CertificateFacts(
        certificate_no=no,
        item_tag="TW2611210000017",
        category="jewelry",
        name="18K金镶钻石吊坠",
        key_fact=c.mass_key_fact(measured["total_mass_g"]),
        facts=c.jewelry_fact_rows(measured),
        disclosures=c.jewelry_disclosures(measured),
        verdict="天然钻石，经高温高压处理；贵金属含量与印记 Au750 相符。Natural diamond, HPHT treated; gold fineness matches the Au750 mark.",
        appraiser="李明（鉴定师）",
        reviewer="王芳（复核）",
        issued_at=ISSUED,
        warranty_until=None,
        warehouse_id=warehouse_id,
        warehouse_name="珍宝仓 · 杭州一号鉴定仓",
        photo_sha256=hashlib.sha256(photo).hexdigest(),
    )


def sample_phone_facts(seq: int = 18, warehouse_id: str = "WH-HZ-01") -> c.CertificateFacts:
    no = c.make_certificate_no(ISSUED.date(), seq)
    warranty = c.warranty_end(ISSUED.date())
    measured: dict[str, Any] = {
        "model": "Apple iPhone 13 (A2634)",
        "storage_gb": 128,
        "colour": "午夜色 Midnight",
        "imei": "356789104567891",
        "serial": "F2LXK0ABCD12",
        "battery_health_pct": 87,
        "battery_cycles": 412,
        "parts": {
            "screen": "replaced",
            "battery": "original",
            "rear_camera": "original",
            "front_camera": "original",
            "logic_board": "original",
        },
        "failed_functions": [],
        "cosmetic_grade": "B+ 轻微使用痕迹 Light signs of use",
        "warranty_until": warranty,
    }
    photo = sample_photo_jpeg("phone")
    return c.CertificateFacts(
        certificate_no=no,
        item_tag="TW2611210000018",
        category="phone",
        name="iPhone 13 128GB 午夜色",
        key_fact=c.imei_key_fact(measured["imei"], no),
        facts=c.phone_fact_rows(measured),
        disclosures=c.phone_disclosures(measured),
        verdict="功能正常，屏幕为非原厂更换件，其余部件原装。Works fully; the screen is a non-genuine replacement, other parts original.",
        appraiser="张伟（鉴定师）",
        reviewer="王芳（复核）",
        issued_at=ISSUED,
        warranty_until=warranty,
        warehouse_id=warehouse_id,
        warehouse_name="珍宝仓 · 杭州一号鉴定仓",
        photo_sha256=hashlib.sha256(photo).hexdigest(),
    )


def sample_facts(category: str, seq: int | None = None) -> c.CertificateFacts:
    if category == "jewelry":
        return sample_jewelry_facts(seq or 17)
    return sample_phone_facts(seq or 18)


__all__ = [
    "BASE_URL",
    "ISSUED",
    "date",
    "sample_facts",
    "sample_jewelry_facts",
    "sample_phone_facts",
    "sample_photo_jpeg",
]
