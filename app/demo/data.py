"""Demo data made through the same operations staff use (never raw SQL): people,
announced parcels, received pieces. Later stages (appraisal, review, certificates)
add themselves to ``STAGES`` so ``demo-data`` grows with the product."""

from __future__ import annotations

import importlib
import random
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from app.config import Config
from app.core.clock import rfc3339
from app.core.roles import Actor, Role
from app.core.vocab.phone import luhn_complete
from app.services.station import Station
from app.services.views import ItemView

DEMO_PASSWORD = "demo-pass-1"
# "module:function" called as fn(station, people, items, rng) -> dict of counts.
STAGES: list[str] = []
STAGES.append("app.demo.phones:inspect_some")  # iPhones inspected and graded into review
STAGES.append("app.demo.appraisal:appraise_some")  # jewellery graded into review
STAGES.append("app.demo.certificates:review_and_certify")  # approved, some certified

MERCHANTS = [
    ("M100234", "翠玉轩珠宝"),
    ("M100871", "金满堂首饰"),
    ("M200019", "优品二手机"),
    ("M200377", "数码回收站"),
    ("M100552", "和田玉缘"),
]
JEWELRY = [
    ("18K金钻石吊坠", {"material": "Au750", "stone": "diamond", "total_mass_g": 2.35, "main_stone_ct": 0.30}),
    ("足金手镯", {"material": "Au990", "total_mass_g": 30.12}),
    ("铂金钻戒", {"material": "Pt950", "stone": "diamond", "total_mass_g": 3.80, "main_stone_ct": 0.50}),
    ("翡翠手镯", {"stone": "jadeite", "total_mass_g": 62.4}),
    ("和田玉吊坠", {"stone": "nephrite", "total_mass_g": 12.7}),
    ("S925银项链", {"material": "S925", "total_mass_g": 8.2}),
]
PHONES = [
    ("iPhone 13 128GB 午夜色", {"brand": "Apple", "model": "iPhone 13", "storage_gb": 128, "color": "午夜色"}),
    ("iPhone 14 Pro 256GB 暗紫色", {"brand": "Apple", "model": "iPhone 14 Pro", "storage_gb": 256, "color": "暗紫色"}),
    (
        "华为 Mate 60 Pro 512GB 雅川青",
        {"brand": "HUAWEI", "model": "Mate 60 Pro", "storage_gb": 512, "color": "雅川青"},
    ),
    ("小米 14 256GB 白色", {"brand": "Xiaomi", "model": "Xiaomi 14", "storage_gb": 256, "color": "白色"}),
]


def demo_notice(rng: random.Random, n: int, warehouse_id: str, when: Any, lines_n: int | None = None) -> dict[str, Any]:
    mid, mname = rng.choice(MERCHANTS)
    lines = []
    digits = len(str(lines_n - 1)) if lines_n else 1  # order numbers stay distinct past ten lines
    for i in range(lines_n or rng.randint(1, 4)):
        if rng.random() < 0.6:
            title, declared = rng.choice(JEWELRY)
            category = "jewelry"
            value = rng.randint(500, 30000) * 100
        else:
            title, declared = rng.choice(PHONES)
            declared = dict(declared, imei=luhn_complete("35" + "".join(str(rng.randint(0, 9)) for _ in range(12))))
            category = "phone"
            value = rng.randint(1500, 9000) * 100
        lines.append(
            {
                "line_id": f"L{i + 1}",
                "order_no": f"KS{when:%Y%m%d}{n:04d}{i:0{digits}d}",
                "category": category,
                "title": title,
                "declared_value_cents": value,
                "declared": dict(declared),
            }
        )
    return {
        "asn_id": f"ASN-{when:%Y%m%d}-{n:06d}",
        "revision": 1,
        "status": "open",
        "warehouse_id": warehouse_id,
        "merchant": {"id": mid, "name": mname},
        "carrier": rng.choice(["SF", "JD", "YTO"]),
        "waybill_no": f"{rng.choice(['SF', 'JD', 'YT'])}{rng.randint(10**12, 10**13 - 1)}",
        "announced_at": rfc3339(when),
        "lines": lines,
    }


@dataclass
class DemoPeople:
    admin: Actor
    clerk: Actor
    appraiser: Actor
    appraiser2: Actor
    supervisor: Actor
    supervisor2: Actor


def ensure_people(station: Station) -> DemoPeople:
    users = {u.username: u for u in station.users.list_users()}
    if "admin" not in users:
        if users:
            raise RuntimeError("demo data needs the demo 'admin' account or an empty database")
        station.users.create_first_admin("admin", DEMO_PASSWORD, "系统管理员")
    admin = station.users.authenticate("admin", DEMO_PASSWORD)
    wanted = [
        ("clerk", "王收货", {Role.INTAKE_CLERK}),
        ("appraiser", "李鉴定", {Role.APPRAISER, Role.MANUAL_ENTRY}),
        ("appraiser2", "赵鉴定", {Role.APPRAISER}),
        ("supervisor", "陈主管", {Role.SUPERVISOR}),
        ("supervisor2", "刘主管", {Role.SUPERVISOR}),
    ]
    actors = {}
    for name, display, roles in wanted:
        if name not in users:
            v = station.users.add_user(
                admin, name, DEMO_PASSWORD, display, frozenset(roles), must_change_password=False
            )
        else:
            v = users[name]
        actors[name] = Actor(v.id, v.username, v.display_name, v.roles)
    return DemoPeople(
        admin, actors["clerk"], actors["appraiser"], actors["appraiser2"], actors["supervisor"], actors["supervisor2"]
    )


def make_demo_data(
    station: Station, items: int = 24, seed: int = 7, announce_extra: int = 3, big_parcel: int = 12
) -> dict[str, Any]:
    rng = random.Random(seed)
    people = ensure_people(station)
    now = station.ctx.clock()
    received: list[ItemView] = []
    n = 0
    while len(received) < items:
        n += 1
        notice = demo_notice(rng, n + seed * 1000, station.ctx.warehouse_id, now - timedelta(hours=rng.randint(1, 48)))
        station.notices.apply(people.clerk, notice)
        opened = station.intake.receive_parcel(people.clerk, notice["waybill_no"])
        for line in notice["lines"]:
            if len(received) >= items:
                break
            tag = station.intake.allocate_tag(people.clerk)
            received.append(
                station.intake.receive_item(
                    people.clerk, opened.shipment.id, line_id=line["line_id"], tag=tag, tag_printed=True
                )
            )
        station.intake.close_parcel(people.clerk, opened.shipment.id, accept_missing=True)
    for k in range(announce_extra):  # parcels still on their way, for the intake screen
        station.notices.apply(people.clerk, demo_notice(rng, 900000 + n + k + seed, station.ctx.warehouse_id, now))
    if big_parcel:  # a wholesale parcel of many lines (its own random stream: the rest stays as it was)
        station.notices.apply(
            people.clerk,
            demo_notice(random.Random(seed + big_parcel), 990000 + seed, station.ctx.warehouse_id, now, big_parcel),
        )
    summary: dict[str, Any] = {
        "parcels": n,
        "items": len(received),
        "announced_waiting": announce_extra + (1 if big_parcel else 0),
        "password": DEMO_PASSWORD,
    }
    for stage in STAGES:
        module, fn = stage.split(":")
        summary.update(getattr(importlib.import_module(module), fn)(station, people, received, rng))
    return summary


def ensure_demo_data(station: Station, config: Config) -> None:
    if station.intake.count_items() == 0:
        make_demo_data(station)
