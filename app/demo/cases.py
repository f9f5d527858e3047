"""The reference platform's demo cases (platform-api.md §6): for pieces a warehouse certified
or rejected, it opens a buyer return of the same piece, a buyer return that is a swap, a covered
and an uncovered warranty claim, and a merchant appeal — each only when a fitting piece exists.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from app.core.clock import rfc3339
from app.refplatform.store import PlatformStore


def demo_cases(pieces: Sequence[dict[str, Any]], warehouse_id: str, now: datetime) -> list[dict[str, Any]]:
    """``pieces``: ``{"item_tag", "certificate_no", "category", "rejected"}`` of one warehouse."""
    jewelry = [
        p for p in pieces if not p.get("rejected") and p.get("category") == "jewelry" and p.get("certificate_no")
    ]
    phones = [p for p in pieces if not p.get("rejected") and p.get("category") == "phone" and p.get("certificate_no")]
    rejected = [p for p in pieces if p.get("rejected")]
    plan: list[tuple[dict[str, Any], str, str, dict[str, Any]]] = []
    if jewelry:
        plan.append((jewelry[0], "buyer_return", "收到的货与证书描述不符，重量感觉偏轻", {"issue": "not_as_certified"}))
    if len(jewelry) > 1:
        plan.append((jewelry[1], "buyer_return", "不喜欢，退货", {"issue": "not_as_certified"}))
    if phones:
        plan.append((phones[0], "warranty_claim", "屏幕触控失灵", {"defect": "screen"}))
    if len(phones) > 1:
        plan.append((phones[1], "warranty_claim", "手机进水后无法充电", {"defect": "charging"}))
    if rejected:
        plan.append((rejected[0], "merchant_appeal", "我方认为该商品为正品，申请复检", {"disputes": "rejection"}))
    out = []
    for n, (piece, kind, statement, claimed) in enumerate(plan, start=1):
        appeal = kind == "merchant_appeal"
        out.append(
            {
                "case_id": f"CASE-{now:%Y%m%d}-{n:06d}",
                "revision": 1,
                "status": "open",
                "kind": kind,
                "warehouse_id": warehouse_id,
                "item_tag": piece["item_tag"],
                "certificate_no": None if appeal else piece["certificate_no"],
                "opened_at": rfc3339(now - timedelta(hours=len(plan) - n)),
                "inbound": None if appeal else {"carrier": "SF", "waybill_no": f"SF555{now:%m%d}{n:06d}"},
                "statement": statement,
                "claimed": claimed,
            }
        )
    return out


def open_demo_cases(
    store: PlatformStore, pieces: Sequence[dict[str, Any]], warehouse_id: str, now: datetime
) -> list[dict[str, Any]]:
    """Publish the demo cases that are not on the feed yet."""
    return [store.put_case(c) for c in demo_cases(pieces, warehouse_id, now) if store.case(c["case_id"]) is None]
