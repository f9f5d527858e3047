"""Small builders shared by tests (people, a notice, a received item)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from app.core.roles import Actor, Role

PASSWORD = "correct-horse-9"


@dataclass
class People:
    admin: Actor
    clerk: Actor
    appraiser: Actor
    appraiser2: Actor
    supervisor: Actor
    supervisor2: Actor


def make_people(station, check_balance: bool = True) -> People:  # type: ignore[no-untyped-def]
    from argon2 import PasswordHasher

    import app.services.users as users_mod

    # Tests create many accounts: cheap hashing parameters keep them fast.
    users_mod._HASHER = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    admin = station.users.create_first_admin("admin", PASSWORD, "管理员")

    def add(name: str, display: str, *roles: Role) -> Actor:
        v = station.users.add_user(admin, name, PASSWORD, display, frozenset(roles))
        return Actor(v.id, v.username, v.display_name, v.roles)

    people = People(
        admin=admin,
        clerk=add("clerk.wang", "王收货", Role.INTAKE_CLERK),
        appraiser=add("appraiser.li", "李鉴定", Role.APPRAISER),
        appraiser2=add("appraiser.zhao", "赵鉴定", Role.APPRAISER, Role.MANUAL_ENTRY),
        supervisor=add("super.chen", "陈主管", Role.SUPERVISOR),
        supervisor2=add("super.liu", "刘主管", Role.SUPERVISOR, Role.APPRAISER),
    )
    if check_balance:
        # The test laboratory's balance (serial B912345678, as the simulator reports) had its
        # daily check this morning; tests of the quality system pass check_balance=False.
        from app.demo.quality import check_demo_balance

        check_demo_balance(station, people.supervisor)
    return people


def notice(
    asn_id: str = "ASN-20261121-000123",
    revision: int = 1,
    status: str = "open",
    waybill: str = "SF1234567890123",
    warehouse: str = "WH-LOCAL-01",
    lines: int = 2,
) -> dict[str, Any]:
    all_lines = [
        {
            "line_id": "L1",
            "order_no": "KS202611210001",
            "category": "jewelry",
            "title": "18K金钻石吊坠",
            "declared_value_cents": 259900,
            "declared": {"material": "Au750", "stone": "diamond", "total_mass_g": 2.35, "main_stone_ct": 0.30},
        },
        {
            "line_id": "L2",
            "order_no": "KS202611210002",
            "category": "phone",
            "title": "iPhone 13 128GB 午夜色",
            "declared_value_cents": 289900,
            "declared": {
                "brand": "Apple",
                "model": "iPhone 13",
                "storage_gb": 128,
                "color": "午夜色",
                "imei": "356789104567891",
            },
        },
        {
            "line_id": "L3",
            "order_no": "KS202611210003",
            "category": "jewelry",
            "title": "足金手镯",
            "declared_value_cents": 1599900,
            "declared": {"material": "Au999", "total_mass_g": 30.12},
        },
    ]
    return {
        "asn_id": asn_id,
        "revision": revision,
        "status": status,
        "warehouse_id": warehouse,
        "merchant": {"id": "M100234", "name": "翠玉轩珠宝"},
        "carrier": "SF",
        "waybill_no": waybill,
        "announced_at": "2026-11-21T02:00:00.000Z",
        "lines": all_lines[:lines],
    }


def receive_one(
    station, people, line_id: str = "L1", asn: str = "ASN-20261121-000123", waybill: str = "SF1234567890123"
):  # type: ignore[no-untyped-def]
    """Announce, open the parcel and receive one line; returns the ItemView."""
    if station.intake.find_parcel(waybill) is None:
        station.notices.apply(people.clerk, notice(asn_id=asn, waybill=waybill, lines=3))
    opened = station.intake.receive_parcel(people.clerk, waybill)
    tag = station.intake.allocate_tag(people.clerk)
    return station.intake.receive_item(people.clerk, opened.shipment.id, line_id=line_id, tag=tag, tag_printed=True)
