"""Demo (and test) laboratory: its balance's daily check with the two certified E2 weights of the
``reference_weights`` setting's demo value, read close to their nominal mass."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from app.config import setting
from app.core.balance_checks import ReferenceWeight, parse_weight_set
from app.services.balance_checks import CheckView, Reading

DEMO_SERIAL, DEMO_MODEL = "B912345678", "XPR204"  # what the balance simulator reports (app/devices/sim/scale.py)
DEMO_READABILITY_G = Decimal(str(setting("balance_readability_g").default))


def demo_weights() -> tuple[ReferenceWeight, ...]:
    """The demo laboratory's weights: the ``reference_weights`` setting's demo value."""
    return parse_weight_set(str(setting("reference_weights").demo))


def check_demo_balance(
    station: Any,
    actor: Any,
    serial: str = DEMO_SERIAL,
    offsets_g: tuple[Decimal, Decimal] = (Decimal("0.0001"), Decimal("0")),
) -> CheckView:
    """A daily check as the appraiser runs it at the start of the day (readings off by
    ``offsets_g``: within tolerance unless a test says otherwise)."""
    readings = [Reading(w, w.nominal_g + off) for w, off in zip(demo_weights(), offsets_g, strict=True)]
    return station.balance_checks.record_daily_check(actor, serial, DEMO_MODEL, DEMO_READABILITY_G, readings)
