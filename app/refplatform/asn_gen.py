"""Realistic advance shipping notices for the demo and the tests: Chinese merchants,
jewellery and phones with declared facts as in platform-api.md §1, IMEIs with valid Luhn
check digits and SF/JD/YTO waybill numbers. Deterministic for a given seed."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from typing import Any

from app.core.clock import rfc3339
from app.core.vocab.phone import luhn_complete

MERCHANTS = [
    ("M100234", "翠玉轩珠宝"),
    ("M100571", "周氏金行"),
    ("M100812", "和田玉缘阁"),
    ("M101045", "铂悦珠宝旗舰店"),
    ("M101377", "潮玩数码优选"),
    ("M101590", "诚信二手手机专营"),
    ("M102003", "金福来黄金"),
    ("M102318", "蓝海通讯"),
]

# title, declared facts, declared value range (cents)
JEWELRY = [
    ("18K金钻石吊坠", {"material": "Au750", "stone": "diamond"}, (150_000, 600_000)),
    ("足金手镯", {"material": "Au999"}, (800_000, 2_500_000)),
    ("翡翠手镯", {"stone": "jadeite"}, (300_000, 5_000_000)),
    ("和田玉吊坠", {"stone": "nephrite"}, (50_000, 800_000)),
    ("铂金钻戒", {"material": "Pt950", "stone": "diamond"}, (300_000, 1_500_000)),
    ("18K金红宝石戒指", {"material": "Au750", "stone": "ruby"}, (200_000, 900_000)),
    ("足金转运珠手链", {"material": "Au999"}, (100_000, 400_000)),
]
PHONES = [
    ("Apple", "iPhone 13", [128, 256], ["午夜色", "星光色", "蓝色"]),
    ("Apple", "iPhone 15 Pro", [256, 512], ["原色钛金属", "黑色钛金属"]),
    ("华为", "Mate 60 Pro", [256, 512], ["雅川青", "雅丹黑", "白沙银"]),
    ("小米", "Xiaomi 14", [256, 512], ["黑色", "白色", "岩石青"]),
    ("OPPO", "Find X7", [256], ["烟云紫", "星空黑"]),
]
CARRIERS = {
    "SF": lambda r: "SF" + "".join(r.choices("0123456789", k=13)),
    "JD": lambda r: "JD" + "".join(r.choices("0123456789", k=13)),
    "YTO": lambda r: "YT" + "".join(r.choices("0123456789", k=13)),
}


def make_imei(rng: random.Random) -> str:
    body = rng.choice(["35", "86", "49"]) + "".join(rng.choices("0123456789", k=12))
    return luhn_complete(body)


def _jewelry_line(rng: random.Random) -> dict[str, Any]:
    title, facts, (lo, hi) = rng.choice(JEWELRY)
    declared: dict[str, Any] = dict(facts)
    declared["total_mass_g"] = round(rng.uniform(1.2, 60.0), 2)
    if facts.get("stone") == "diamond":
        declared["main_stone_ct"] = round(rng.choice([0.1, 0.2, 0.3, 0.5, 0.7, 1.0]) + rng.choice([0, 0.01, 0.02]), 2)
    return {
        "category": "jewelry",
        "title": title,
        "declared_value_cents": rng.randrange(lo, hi, 100),
        "declared": declared,
    }


def _phone_line(rng: random.Random) -> dict[str, Any]:
    brand, model, storages, colours = rng.choice(PHONES)
    storage, colour = rng.choice(storages), rng.choice(colours)
    title = f"{'' if brand == 'Apple' else brand + ' '}{model} {storage}GB {colour}"
    return {
        "category": "phone",
        "title": title,
        "declared_value_cents": rng.randrange(150_000, 900_000, 100),
        "declared": {"brand": brand, "model": model, "storage_gb": storage, "color": colour, "imei": make_imei(rng)},
    }


def generate_notices(
    count: int,
    *,
    seed: int | None = None,
    warehouse_id: str = "WH-HZ-01",
    start: datetime | None = None,
    first_number: int = 1,
) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    when = start or datetime.now(UTC).replace(hour=2, minute=0, second=0, microsecond=0)
    notices = []
    order_counter = rng.randrange(1, 5000)
    for n in range(count):
        merchant_id, merchant_name = rng.choice(MERCHANTS)
        carrier = rng.choice(list(CARRIERS))
        day = when.strftime("%Y%m%d")
        lines = []
        for i in range(rng.randint(1, 4)):
            line = _phone_line(rng) if rng.random() < 0.4 else _jewelry_line(rng)
            order_counter += 1
            lines.append({"line_id": f"L{i + 1}", "order_no": f"KS{day}{order_counter:04d}", **line})
        notices.append(
            {
                "asn_id": f"ASN-{day}-{n + first_number:06d}",
                "revision": 1,
                "status": "open",
                "warehouse_id": warehouse_id,
                "merchant": {"id": merchant_id, "name": merchant_name},
                "carrier": carrier,
                "waybill_no": CARRIERS[carrier](rng),
                "announced_at": rfc3339(when + timedelta(minutes=7 * n)),
                "lines": lines,
            }
        )
    return notices
