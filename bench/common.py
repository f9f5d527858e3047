"""Helpers shared by the benchmarks: timing, percentiles, the figure record, and a
fast bulk fill of a station database (a fixture, not user data: it bypasses the
operations on purpose so a million rows take seconds, not hours)."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any


def timings(fn: Callable[[], Any], n: int, warmup: int = 5) -> list[float]:
    for _ in range(warmup):
        fn()
    out = []
    for _ in range(n):
        t0 = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t0) * 1000)
    return out


def pct(values: list[float], p: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, int(round(p / 100 * (len(s) - 1))))]


def figure(name: str, value: float, unit: str, baseline: float | None, target: str, ok: bool) -> dict[str, Any]:
    return {
        "name": name,
        "value": round(value, 4),
        "unit": unit,
        "baseline": None if baseline is None else round(baseline, 4),
        "ratio": None if not baseline else round(value / baseline, 3),
        "target": target,
        "ok": bool(ok),
    }


def median(values: list[float]) -> float:
    return statistics.median(values)


def bulk_fill(station: Any, n_items: int, batch: int = 20_000) -> list[str]:
    """Insert one shipment per 4 items and n_items items in received state; returns some tags."""
    from sqlalchemy import insert

    from app.core.tags import make_tag
    from app.store.models import Item, Shipment

    now = datetime.now(UTC)
    admin_id = station.users.list_users()[0].id
    sample: list[str] = []
    with station.db.transaction() as s:
        ships = [
            {
                "asn_id": f"BULK-{i:07d}",
                "revision": 1,
                "status": "closed",
                "warehouse_id": station.ctx.warehouse_id,
                "waybill_no": f"BK{i:012d}",
                "created_at": now,
                "updated_at": now,
            }
            for i in range(n_items // 4 + 1)
        ]
        for k in range(0, len(ships), batch):
            s.execute(insert(Shipment), ships[k : k + batch])
        first_ship = s.execute(Shipment.__table__.select().where(Shipment.asn_id == "BULK-0000000")).first().id
    day = datetime(2020, 1, 1, tzinfo=UTC)
    for k in range(0, n_items, batch):
        rows = []
        for i in range(k, min(n_items, k + batch)):
            d = day.date().fromordinal(day.date().toordinal() + i // 999_999)
            tag = make_tag(d, i % 999_999 + 1)
            rows.append(
                {
                    "tag": tag,
                    "shipment_id": first_ship + i // 4,
                    "asn_line_id": None,
                    "category": "jewelry",
                    "title": "批量测试物品",
                    "state": "received",
                    "tag_printed": True,
                    "received_at": now,
                    "received_by": admin_id,
                    "updated_at": now,
                }
            )
            if i % max(1, n_items // 200) == 0:
                sample.append(tag)
        with station.db.transaction() as s:
            s.execute(insert(Item), rows)
    return sample
