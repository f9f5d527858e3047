"""Read models and input checks of the appraisal service (kept apart so the service module
stays about the operations).

Measured values are Decimal throughout. Masses are stored in grams, converted exactly from
what the balance showed (g, mg or ct); the reading as shown is kept in ``extra["as_read"]``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation
from typing import Any

from app.core.errors import ValidationError
from app.core.grading import GradingResult
from app.core.gravity import GRAMS_PER

KINDS = ("mass", "mass_in_water", "specific_gravity", "dimensions", "refractive_index", "other")
MASS_KINDS = ("mass", "mass_in_water")
MASS_UNITS = ("g", "mg", "ct")
MAX_MASS_G = Decimal(10000)
# Free observations an appraiser records as structured fields (kind "other").
OBSERVATIONS = (
    "magnification",
    "fluorescence",
    "polariscope",
    "spectroscope",
    "inclusions",
    "hallmark_text",
    "metal_content",
    "condition",
    "note",
)
MAX_OBSERVATION_CHARS = 500
DIMENSION_KEYS = ("length", "width", "depth")


@dataclass(frozen=True)
class MeasurementView:
    id: int
    tag: str
    kind: str
    value: Decimal | dict[str, Any] | str  # Decimal; dict for dimensions; text for observations
    unit: str
    stable: bool
    source: str  # device | manual | computed
    device: dict[str, Any]
    extra: dict[str, Any]
    recorded_by: str
    recorded_at: datetime
    supersedes_id: int | None = None

    @property
    def manual(self) -> bool:
        return self.source == "manual"


@dataclass(frozen=True)
class SGView:
    measurement: MeasurementView
    value: Decimal
    uncertainty: Decimal
    display: str  # "3.52 ± 0.03"
    material: str | None
    outcome: str  # consistent | inconsistent | no_reference | not_compared
    expected_low: Decimal | None
    expected_high: Decimal | None
    message_zh: str
    message_en: str

    @property
    def flagged(self) -> bool:
        return self.outcome == "inconsistent"

    def message(self, lang: str = "zh_CN") -> str:
        return self.message_zh if lang.startswith("zh") else self.message_en


@dataclass(frozen=True)
class GradingView:
    id: int
    tag: str
    revision: int
    result: GradingResult
    verdict: str
    reason_code: str | None
    name: str | None
    warranty_days: int | None
    graded_by: str
    graded_at: datetime
    item_state: str = ""
    payload: dict[str, Any] = field(default_factory=dict)

    @property
    def red_findings(self) -> list[dict[str, str]]:
        """Red findings stored with this revision ({code, severity, zh, en}); the reviewer
        acknowledges each before approving."""
        found = (self.payload.get("result") or {}).get("red_findings")
        return [f for f in found if isinstance(f, dict)] if isinstance(found, list) else []


# ---------------------------------------------------------------- value checks


def bad(zh: str, en: str, **details: Any) -> ValidationError:
    return ValidationError(zh, en, **details)


def exact(value: object, what_zh: str, what_en: str) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, (Decimal, int, str)):
        raise bad(f"{what_zh}必须是精确数值", f"{what_en} must be an exact number")
    try:
        number = Decimal(value)
    except (InvalidOperation, ValueError):
        raise bad(f"{what_zh}不是数值：{value}", f"{what_en} is not a number: {value}") from None
    if not number.is_finite():
        raise bad(f"{what_zh}必须是有限数值", f"{what_en} must be finite")
    return number


def text(number: Decimal) -> str:
    """Decimal text without exponent (what the Measurement row stores)."""
    return format(number, "f")


def json_number(number: Decimal, places: int | None = None) -> float | int:
    """A JSON number for a payload; ``places`` rounds (platform masses: 4 decimals)."""
    if places is not None:
        number = number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_EVEN)
    return int(number) if number == number.to_integral_value() else float(number)


def mass_grams(value: object, unit: str, what_zh: str = "质量", what_en: str = "mass") -> Decimal:
    """A positive mass converted exactly to grams; refuses units other than g/mg/ct."""
    if unit not in MASS_UNITS:
        raise bad(
            f"{what_zh}单位“{unit}”不可用（只接受 g、mg、ct），请把天平设为克或克拉",
            f"{what_en} unit '{unit}' is not accepted (only g, mg, ct); set the balance to grams or carats",
            field="unit",
        )
    number = exact(value, what_zh, what_en)
    if number <= 0:
        raise bad(
            f"{what_zh}必须大于 0（读数 {number} {unit}），请先去皮或检查称盘",
            f"{what_en} must be greater than 0 (read {number} {unit}); tare or check the pan",
            field="value",
        )
    grams = number * GRAMS_PER[unit]
    if grams > MAX_MASS_G:
        raise bad(
            f"{what_zh} {number} {unit} 超出合理范围（最大 {MAX_MASS_G} g）",
            f"{what_en} {number} {unit} is beyond the plausible maximum of {MAX_MASS_G} g",
            field="value",
        )
    return grams


def dimensions(value: object) -> dict[str, str]:
    if not isinstance(value, Mapping) or not value or set(value) - set(DIMENSION_KEYS):
        raise bad("尺寸须写为 长/宽/高（mm）", "dimensions are length/width/depth in mm", field="value")
    out: dict[str, str] = {}
    for key in DIMENSION_KEYS:
        if value.get(key) is None:
            continue
        number = exact(value[key], "尺寸", "dimension")
        if not Decimal(0) < number <= Decimal(1000):
            raise bad(
                f"尺寸 {number} mm 不合理（应在 0–1000 mm）",
                f"dimension {number} mm is implausible (0–1000 mm)",
                field=key,
            )
        out[key] = text(number)
    return out


def refractive_index(value: object) -> Decimal:
    number = exact(value, "折射率", "refractive index")
    if not Decimal("1.30") <= number <= Decimal("3.00"):
        raise bad(
            f"折射率 {number} 超出 1.30–3.00 的可测范围",
            f"refractive index {number} is outside 1.30–3.00",
            field="value",
        )
    return number


def observation(value: object) -> tuple[str, str]:
    """(field, text) of a free observation such as fluorescence or magnification."""
    if not isinstance(value, Mapping) or value.get("field") not in OBSERVATIONS:
        raise bad(
            "观察项须为已定义字段（放大检查、荧光……）",
            "an observation needs a known field (magnification, fluorescence, ...)",
            field="field",
        )
    body = value.get("text")
    if not isinstance(body, str) or not body.strip() or len(body) > MAX_OBSERVATION_CHARS:
        raise bad(
            f"观察内容不能为空且不超过 {MAX_OBSERVATION_CHARS} 字",
            f"the observation must be 1–{MAX_OBSERVATION_CHARS} characters",
            field="text",
        )
    return str(value["field"]), body.strip()


def decode_value(kind: str, stored: str, extra: Mapping[str, Any]) -> Decimal | dict[str, Any] | str:
    if kind == "dimensions":
        return dict(json.loads(stored))
    if kind == "other":
        return str(extra.get("text", ""))
    return Decimal(stored)
