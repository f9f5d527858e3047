"""What a grading must satisfy before it may pass, its stored name, and the audit diff
between revisions. Used by ``AppraisalService``; reads only inside the caller's session."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core import gravity
from app.core.errors import ValidationError
from app.core.grading import Evaluation, GradingResult, JewelryResult
from app.core.jewelry_rules import compare_declaration
from app.core.naming import certificate_name
from app.core.vocab import metals, phone
from app.store.models import Item, Measurement, Photo

BASE_VIEWS = ("front", "back", "detail")
VIEW_NAMES = {"front": ("正面", "front"), "back": ("背面", "back"), "hallmark": ("印记", "hallmark"),
              "detail": ("细节", "detail"), "side": ("侧面", "side")}


def required_views(result: JewelryResult | None) -> tuple[str, ...]:
    """Photos a jewellery certificate needs: front, back, detail, and the hallmark when
    the piece has a precious metal (its mark is evidence of the fineness)."""
    if result is not None and result.metal is not None and metals.METALS.get(result.metal).element:
        return ("front", "back", "hallmark", "detail")
    return BASE_VIEWS


def grading_name(result: GradingResult) -> str | None:
    """The certificate name, composed by the naming rules (never typed)."""
    if result.jewelry is not None:
        return certificate_name(result.jewelry).zh
    if result.phone is not None:
        p = result.phone
        return f"{phone.BRANDS.get(p.brand).zh} {p.model} {p.storage_gb}GB"
    return None


def mass_for_result(grams: Decimal) -> Decimal:
    """A measured mass as a result carries it: grams with at most 4 decimals."""
    return grams.quantize(Decimal("0.0001"), rounding=ROUND_HALF_EVEN).normalize()


def check_pass_requirements(session: Session, item: Item, result: GradingResult) -> None:
    """A jewellery pass needs its mass from a recorded measurement and every required photo."""
    if result.jewelry is None:
        return
    mass = session.execute(select(Measurement).where(Measurement.item_id == item.id, Measurement.kind == "mass")
                           .order_by(Measurement.id.desc())).scalars().first()
    if mass is None:
        raise ValidationError("尚未称重：合格结论需要已记录的质量", "Not weighed yet: a pass needs a recorded mass",
                              field="total_mass_g")
    measured = mass_for_result(Decimal(mass.value))
    if result.jewelry.total_mass_g is None or result.jewelry.total_mass_g != measured:
        raise ValidationError(f"结果中的总质量必须是最近一次称量值 {measured} g",
                              f"The result's total mass must be the latest weighing, {measured} g",
                              field="total_mass_g")
    have = set(session.execute(select(Photo.view).where(Photo.item_id == item.id,
                                                        Photo.purpose == "appraisal")).scalars())
    missing = [view for view in required_views(result.jewelry) if view not in have]
    if missing:
        raise ValidationError("缺少照片：" + "、".join(VIEW_NAMES[m][0] for m in missing),
                              "Photos missing: " + ", ".join(VIEW_NAMES[m][1] for m in missing), field="photos")


def sg_comparisons(extras: list[Mapping[str, Any]]) -> list[gravity.Comparison]:
    """Stored SG comparisons back as ``gravity.Comparison`` for the declaration rules."""
    out = []
    for extra in extras:
        c = extra.get("comparison") or {}
        if c.get("outcome") not in ("consistent", "inconsistent", "no_reference"):
            continue
        expected = None
        if c.get("expected_low") and c.get("expected_high"):
            expected = gravity.ExpectedRange(str(extra.get("material")), Decimal(c["expected_low"]),
                                             Decimal(c["expected_high"]), bool(c.get("approximate")))
        out.append(gravity.Comparison(c["outcome"], expected, bool(c.get("imprecise")), c.get("zh", ""),
                                      c.get("en", "")))
    return out


def evaluate(declared: object, result: JewelryResult, sg_extras: list[Mapping[str, Any]]) -> Evaluation:
    return compare_declaration(declared, result, sg_checks=sg_comparisons(sg_extras))


def _flatten(value: Any, prefix: str = "") -> dict[str, Any]:
    if isinstance(value, Mapping):
        out: dict[str, Any] = {}
        for key, sub in value.items():
            out.update(_flatten(sub, f"{prefix}.{key}" if prefix else str(key)))
        return out
    if isinstance(value, list):
        out = {}
        for i, sub in enumerate(value):
            out.update(_flatten(sub, f"{prefix}[{i}]"))
        return out or {prefix: []}
    return {prefix: value}


def result_changes(before: Mapping[str, Any] | None, after: Mapping[str, Any]) -> dict[str, list[Any]]:
    """Field → [before, after] for every field a revision changed (the audit shows it)."""
    old, new = _flatten(before or {}), _flatten(after)
    return {key: [old.get(key), new.get(key)] for key in sorted(set(old) | set(new)) if old.get(key) != new.get(key)}
