"""What a grading must satisfy before it may pass, its stored name, and the audit diff
between revisions. Used by ``AppraisalService``; reads only inside the caller's session."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core import gravity
from app.core.errors import ValidationError
from app.core.grading import Evaluation, Finding, GradingResult, JewelryResult, red_findings
from app.core.jewelry_rules import compare_declaration
from app.core.naming import certificate_name
from app.core.vocab import metals, phone, pieces
from app.core.vocab.photo_views import (
    JEWELRY_BASE_VIEWS,
    JEWELRY_METAL_VIEWS,
    PHONE_VIEWS,
    view_name,
)
from app.store.models import Item, Measurement, Photo


def required_views(result: JewelryResult | None) -> tuple[str, ...]:
    """Photos a jewellery certificate needs: front, back, detail, and the hallmark when
    the piece has a precious metal (its mark is evidence of the fineness)."""
    if result is not None and result.metal is not None and metals.METALS.get(result.metal).element:
        return JEWELRY_METAL_VIEWS
    return JEWELRY_BASE_VIEWS


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
    """A jewellery pass needs its mass from a recorded measurement and every required photo;
    a phone pass needs a stored box report the rules pass, for the same IMEI, and its photos.
    Checked inside the grading transaction, so nothing can change in between."""
    if result.phone is not None:
        _check_phone_pass(session, item, result)
        return
    if result.jewelry is None:
        return
    mass = (
        session.execute(
            select(Measurement)
            .where(Measurement.item_id == item.id, Measurement.kind == "mass")
            .order_by(Measurement.id.desc())
        )
        .scalars()
        .first()
    )
    if mass is None:
        raise ValidationError(
            "尚未称重：合格结论需要已记录的质量", "Not weighed yet: a pass needs a recorded mass", field="total_mass_g"
        )
    measured = mass_for_result(Decimal(mass.value))
    if result.jewelry.total_mass_g is None or result.jewelry.total_mass_g != measured:
        raise ValidationError(
            f"结果中的总质量必须是最近一次称量值 {measured} g",
            f"The result's total mass must be the latest weighing, {measured} g",
            field="total_mass_g",
        )
    have = set(
        session.execute(select(Photo.view).where(Photo.item_id == item.id, Photo.purpose == "appraisal")).scalars()
    )
    missing = [view for view in required_views(result.jewelry) if view not in have]
    if missing:
        raise ValidationError(
            "缺少照片：" + "、".join(view_name(m)[0] for m in missing),
            "Photos missing: " + ", ".join(view_name(m)[1] for m in missing),
            field="photos",
        )


def _check_phone_pass(session: Session, item: Item, result: GradingResult) -> None:
    from app.services.inspection import inspection_view
    from app.store.models import InspectionReport

    rows = list(
        session.execute(
            select(InspectionReport).where(InspectionReport.item_id == item.id).order_by(InspectionReport.id)
        ).scalars()
    )
    if not rows:
        raise ValidationError(
            "尚无检测盒报告：手机合格结论需要检测报告",
            "No inspection box report: a phone pass needs one",
            field="report",
        )
    view = inspection_view(session, item, rows, rows[-1])
    if view.evaluation.verdict != "pass":
        first = next((f for f in view.evaluation.findings if f.severity == "fail"), None)
        raise ValidationError(
            f"规则判定不合格：{first.zh if first else ''}",
            f"The rules fail this phone: {first.en if first else ''}",
            field="report",
        )
    box_imei = (rows[-1].report.get("identity") or {}).get("imei")
    if result.phone is not None and box_imei and result.phone.imei != box_imei:
        raise ValidationError(
            "结果中的 IMEI 与检测报告不一致", "The result's IMEI differs from the box report", field="imei"
        )
    have = set(
        session.execute(select(Photo.view).where(Photo.item_id == item.id, Photo.purpose == "appraisal")).scalars()
    )
    missing = [v for v in PHONE_VIEWS if v not in have]
    if missing:
        raise ValidationError(
            "缺少照片：" + "、".join(view_name(m)[0] for m in missing),
            "Photos missing: " + ", ".join(view_name(m)[1] for m in missing),
            field="photos",
        )


def red_findings_in(session: Session, item: Item, result: GradingResult, declared: object) -> tuple[Finding, ...]:
    """The red findings of a jewellery result against its declaration and the latest SG,
    computed inside the grading transaction (the GUI's view of them is not trusted)."""
    if result.jewelry is None:
        return ()
    extras = [
        m.extra or {}
        for m in session.execute(
            select(Measurement)
            .where(Measurement.item_id == item.id, Measurement.kind == "specific_gravity")
            .order_by(Measurement.id)
        ).scalars()
    ]
    return red_findings(evaluate(declared, result.jewelry, extras))


def sg_material(result: JewelryResult) -> str | None:
    """The material the SG of this result is compared with: the field it belongs to."""
    stone = result.main_stone
    stone_material = stone.material if stone is not None else None
    mounted = bool(pieces.PIECES.get(result.piece).mounted)
    field_name = gravity.sg_field(mounted, result.metal, stone_material)
    return {"metal": result.metal, "main_stone": stone_material, None: None}[field_name]


def sg_comparisons(
    extras: Sequence[Mapping[str, Any]], result: JewelryResult | None = None
) -> list[gravity.Comparison]:
    """The latest SG compared with the material of the field it belongs to in ``result``
    (recomputed from the stored weighings, so it follows the form); without a result, the
    comparison stored with the measurement."""
    out = []
    for extra in list(extras)[-1:]:
        material = sg_material(result) if result is not None else None
        if material is not None and extra.get("mass_air_g") and extra.get("mass_water_g"):
            sg = gravity.specific_gravity(
                Decimal(extra["mass_air_g"]),
                Decimal(extra["mass_water_g"]),
                temperature_c=Decimal(extra.get("temperature_c") or "20"),
                resolution=Decimal(extra.get("resolution_g") or "0.0001"),
            )
            out.append(gravity.compare(sg, material))
            continue
        c = extra.get("comparison") or {}
        if c.get("outcome") not in ("consistent", "inconsistent", "no_reference"):
            continue
        expected = None
        if c.get("expected_low") and c.get("expected_high"):
            expected = gravity.ExpectedRange(
                str(extra.get("material")),
                Decimal(c["expected_low"]),
                Decimal(c["expected_high"]),
                bool(c.get("approximate")),
            )
        out.append(
            gravity.Comparison(c["outcome"], expected, bool(c.get("imprecise")), c.get("zh", ""), c.get("en", ""))
        )
    return out


def evaluate(declared: object, result: JewelryResult, sg_extras: Sequence[Mapping[str, Any]]) -> Evaluation:
    return compare_declaration(declared, result, sg_checks=sg_comparisons(sg_extras, result))


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
