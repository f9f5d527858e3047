"""Declared vs found for a jewellery item: the merchant's ASN ``declared`` object against
the appraiser's structured result. Produces findings with a severity and the platform
reason code a fail would carry; the appraiser makes the decision.

The merchant's declaration is free text with no guarantees (platform-api.md §1), so nothing
in it can make these rules crash: an unreadable field becomes a warning.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from app.core.errors import ValidationError
from app.core.grading import Evaluation, Finding, JewelryResult, Stone
from app.core.gravity import Comparison
from app.core.naming import stone_name
from app.core.vocab import gems, metals

# Trade tolerances: a balance reading differs by a digit or two, and a merchant rounds to
# 0.01 g; a percentage covers larger pieces.
MASS_TOLERANCE_G = Decimal("0.02")
MASS_TOLERANCE_REL = Decimal("0.01")
STONE_TOLERANCE_CT = Decimal("0.01")
STONE_TOLERANCE_REL = Decimal("0.01")

_TREATED_MARKS = ("（处理）", "(处理)", "(treated)", "treated")
_PREFIXES = (
    ("合成", "synthetic"),
    ("synthetic", "synthetic"),
    ("人造", "man_made"),
    ("artificial", "man_made"),
    ("仿", "imitation"),
    ("imitation", "imitation"),
    ("天然", "natural"),
    ("natural", "natural"),
)


def tolerance(declared: Decimal, absolute: Decimal, relative: Decimal) -> Decimal:
    """The allowed difference: the larger of an absolute and a relative tolerance."""
    return max(absolute, abs(declared) * relative)


def _number(value: object) -> Decimal | None:
    if isinstance(value, bool) or not isinstance(value, (int, float, str, Decimal)):
        return None
    try:
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    except (InvalidOperation, ValueError):
        return None
    return number if number.is_finite() and number > 0 else None


def parse_declared_stone(text: object) -> tuple[str, str, bool] | None:
    """(origin, gem code, declared treated) from a merchant's words, e.g. "合成碳硅石",
    "翡翠（处理）", "diamond". For an imitation the gem code is the gem imitated."""
    if not isinstance(text, str) or not text.strip():
        return None
    rest = text.strip()
    treated = False
    for mark in ("untreated", "未经处理", "未处理"):  # must go before "treated" / "处理"
        rest = rest.casefold().replace(mark, "").strip()
    for mark in _TREATED_MARKS:
        if mark in rest.casefold():
            treated = True
            rest = rest.casefold().replace(mark, "").strip()
    whole = gems.GEMS.find(rest)  # 天然珍珠 is a name of its own, not 天然 + 珍珠
    origin = None
    if whole is None:
        for prefix, candidate in _PREFIXES:
            if rest.casefold().startswith(prefix):
                origin, rest = candidate, rest[len(prefix) :].strip()
                break
    gem = whole or gems.GEMS.find(rest)
    if not isinstance(gem, gems.GemTerm):
        return None
    if origin is None:
        origin = {gems.SYNTHETIC_ONLY: "synthetic", gems.MAN_MADE: "man_made", gems.PLAIN_MAN_MADE: "man_made"}.get(
            gem.nature, "natural"
        )
    return origin, gem.code, treated


def _f(code: str, zh: str, en: str, severity: str, reason: str | None = None) -> Finding:
    return Finding(code=code, zh=zh, en=en, severity=severity, reason_code=reason)


def _metal_findings(declared: object, found: str | None) -> list[Finding]:
    if declared is None:
        return []
    want = metals.metal_from_mark(declared)
    if want is None:
        return [
            _f(
                "declared_metal_unknown",
                f"申报材质“{declared}”无法识别，未比对",
                f"declared metal {declared!r} not recognised; not compared",
                "warning",
            )
        ]
    have = metals.METALS.get(found) if found is not None else None
    if have is None or not have.element:
        if not want.element:
            return []
        return [
            _f(
                "metal_not_precious",
                f"申报 {want.zh}，实测非贵金属",
                f"declared {want.en}, found no precious metal",
                "fail",
                "counterfeit",
            )
        ]
    if have.code == want.code:
        return []
    if have.element != want.element:
        return [
            _f(
                "metal_differs",
                f"申报 {want.zh}，实测 {have.zh}",
                f"declared {want.en}, found {have.en}",
                "fail",
                "not_as_declared",
            )
        ]
    if have.fineness < want.fineness:
        return [
            _f(
                "fineness_lower",
                f"申报 {want.zh}，实测纯度较低：{have.zh}",
                f"declared {want.en}, found lower fineness {have.en}",
                "fail",
                "not_as_declared",
            )
        ]
    return [
        _f(
            "fineness_higher",
            f"申报 {want.zh}，实测 {have.zh}（纯度更高）",
            f"declared {want.en}, found higher fineness {have.en}",
            "warning",
        )
    ]


def _stone_findings(declared: object, stone: Stone | None) -> list[Finding]:
    findings: list[Finding] = []
    parsed = parse_declared_stone(declared) if declared is not None else None
    if declared is not None and parsed is None:
        findings.append(
            _f(
                "declared_stone_unknown",
                f"申报宝石“{declared}”无法识别，未比对",
                f"declared stone {declared!r} not recognised; not compared",
                "warning",
            )
        )
    if stone is None:
        if parsed is not None:
            findings.append(
                _f(
                    "stone_missing",
                    "申报有宝石，实物未见",
                    "a stone was declared but none was found",
                    "fail",
                    "not_as_declared",
                )
            )
        return findings
    declared_treated = parsed[2] if parsed else False
    if stone.declared_treatments and not declared_treated:
        names = "、".join(gems.TREATMENTS.get(t).zh for t in stone.declared_treatments)
        names_en = ", ".join(gems.TREATMENTS.get(t).en for t in stone.declared_treatments)
        findings.append(
            _f(
                "undisclosed_treatment",
                f"发现未申报的处理：{names}",
                f"undeclared treatment found: {names_en}",
                "fail",
                "undisclosed_treatment",
            )
        )
    optimised = [t for t in stone.treatments if t not in stone.declared_treatments]
    if optimised and stone.origin != "imitation":
        findings.append(
            _f(
                "optimisation",
                "经优化：" + "、".join(gems.TREATMENTS.get(t).zh for t in optimised),
                "enhanced: " + ", ".join(gems.TREATMENTS.get(t).en for t in optimised),
                "info",
            )
        )
    if parsed is None:
        return findings
    want_origin, want_gem, _ = parsed
    have_gem = stone.imitates if stone.origin == "imitation" else stone.material
    want_name, have_name = gems.gem_term(want_gem), gems.gem_term(have_gem or "")
    if want_origin == "natural" and stone.origin != "natural":
        actual = stone_name(stone)
        findings.append(
            _f(
                "not_natural",
                f"申报天然{want_name.zh}，实为{actual.zh}",
                f"declared natural {want_name.en}, found {actual.en}",
                "fail",
                "counterfeit",
            )
        )
    elif want_origin != stone.origin or want_gem != have_gem:
        findings.append(
            _f(
                "stone_differs",
                f"申报{gems.ORIGINS.get(want_origin).zh}{want_name.zh}，实测为"
                f"{gems.ORIGINS.get(stone.origin).zh}{have_name.zh}",
                f"declared {want_origin} {want_name.en}, found {stone.origin} {have_name.en}",
                "fail",
                "not_as_declared",
            )
        )
    return findings


def _mass_finding(
    code: str,
    label: tuple[str, str],
    declared: object,
    found: Decimal | None,
    unit: str,
    absolute: Decimal,
    relative: Decimal,
    estimated: bool = False,
) -> list[Finding]:
    if declared is None:
        return []
    want = _number(declared)
    if want is None:
        return [
            _f(
                f"{code}_unreadable",
                f"申报{label[0]}无法读取：{declared!r}",
                f"declared {label[1]} unreadable: {declared!r}",
                "warning",
            )
        ]
    if found is None:
        return [
            _f(
                f"{code}_not_measured",
                f"申报{label[0]} {want} {unit}，尚未称量",
                f"declared {label[1]} {want} {unit} not measured yet",
                "warning",
            )
        ]
    allowed = tolerance(want, absolute, relative)
    diff = found - want
    if abs(diff) <= allowed:
        return []
    text_zh = f"{label[0]}：申报 {want} {unit}，实测 {found} {unit}，差 {diff:+} {unit}（允差 ±{allowed} {unit}）"
    text_en = f"{label[1]}: declared {want} {unit}, found {found} {unit}, off by {diff:+} {unit} (tolerance ±{allowed})"
    # A mounted stone cannot be weighed, only estimated from its size: a difference is a
    # question for the appraiser, not grounds to reject. Extra mass never hurts the buyer.
    severity = "warning" if estimated or diff > 0 else "fail"
    return [_f(f"{code}_differs", text_zh, text_en, severity, "not_as_declared" if severity == "fail" else None)]


def compare_declaration(
    declared: object,
    found: JewelryResult,
    *,
    sg_checks: Iterable[Comparison] = (),
    mass_tolerance_g: Decimal = MASS_TOLERANCE_G,
    mass_tolerance_rel: Decimal = MASS_TOLERANCE_REL,
    stone_tolerance_ct: Decimal = STONE_TOLERANCE_CT,
    stone_tolerance_rel: Decimal = STONE_TOLERANCE_REL,
) -> Evaluation:
    """Findings for ``found`` against the ASN ``declared`` object (any JSON value)."""
    if not isinstance(found, JewelryResult):
        raise ValidationError("缺少首饰检测结果", "a jewellery result is required")
    data: Mapping[str, Any] = declared if isinstance(declared, Mapping) else {}
    findings: list[Finding] = []
    if declared is not None and not isinstance(declared, Mapping):
        findings.append(
            _f(
                "declaration_unreadable",
                "申报内容格式错误，未比对",
                "the declaration is malformed; not compared",
                "warning",
            )
        )
    findings += _metal_findings(data.get("material"), found.metal)
    findings += _stone_findings(data.get("stone"), found.main_stone)
    findings += _mass_finding(
        "total_mass",
        ("总质量", "total mass"),
        data.get("total_mass_g"),
        found.total_mass_g,
        "g",
        mass_tolerance_g,
        mass_tolerance_rel,
    )
    main = found.main_stone
    findings += _mass_finding(
        "main_stone_mass",
        ("主石质量", "main stone mass"),
        data.get("main_stone_ct"),
        main.mass_ct if main else None,
        "ct",
        stone_tolerance_ct,
        stone_tolerance_rel,
        estimated=not found.is_loose,
    )
    for check in sg_checks:
        if check.outcome == "inconsistent":
            findings.append(
                _f("sg_inconsistent", check.zh + "，请复核鉴定", check.en + "; re-check the identification", "warning")
            )
    return Evaluation(findings=tuple(findings))
