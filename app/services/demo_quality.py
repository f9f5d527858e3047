"""Demo (and test) laboratory: its balance's daily check with two certified E2 weights, read
at their conventional mass, and last year's outside calibration."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

from app.core.balance_checks import ReferenceWeight
from app.services.balance_checks import CheckView, Reading

DEMO_BALANCE = {"serial": "B912345678", "model": "XPR204", "readability_g": Decimal("0.0001")}


def demo_weights(today: Any) -> tuple[ReferenceWeight, ...]:
    cert = today - timedelta(days=200)
    return (ReferenceWeight("E2-10G-0417", "E2", Decimal("10"), cert),
            ReferenceWeight("E2-1G-0233", "E2", Decimal("1"), cert))


def check_demo_balance(station: Any, actor: Any, serial: str = DEMO_BALANCE["serial"],
                       offsets_g: tuple[Decimal, Decimal] = (Decimal("0.0001"), Decimal("0"))) -> CheckView:
    """A daily check as the appraiser runs it at the start of the day (readings off by
    ``offsets_g``: within tolerance unless a test says otherwise)."""
    today = station.ctx.clock().date()
    readings = [Reading(w, w.nominal_g + off) for w, off in zip(demo_weights(today), offsets_g, strict=True)]
    return station.balance_checks.record_daily_check(actor, serial, str(DEMO_BALANCE["model"]),
                                                     Decimal(DEMO_BALANCE["readability_g"]), readings)
