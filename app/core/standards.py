"""What a jewellery certificate states about how it was made: the national standards the
appraisal followed (one table, chosen by what the result is), the mass with its expanded
uncertainty, the SG with its uncertainty, and the hallmark as found apart from the fineness
determined. Kept out of ``certificate.py`` so that module stays about the certificate's form."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, NamedTuple

from app.core.certificate import FactRow
from app.core.grading import JewelryResult


class Standard(NamedTuple):
    code: str
    title_zh: str
    title_en: str


STANDARDS: dict[str, Standard] = {
    "GB/T 16552": Standard("GB/T 16552", "珠宝玉石 名称", "Gems — Nomenclature"),
    "GB/T 16553": Standard("GB/T 16553", "珠宝玉石 鉴定", "Gems — Testing"),
    "GB/T 16554": Standard("GB/T 16554", "钻石分级", "Diamond grading"),
    "GB 11887": Standard(
        "GB 11887", "首饰 贵金属纯度的规定及命名方法", "Jewellery — Fineness of precious metal alloys and designation"
    ),
    "GB/T 18043": Standard(
        "GB/T 18043",
        "首饰 贵金属含量的测定 X射线荧光光谱法",
        "Jewellery — Determination of precious metal content — XRF",
    ),
    "GB/T 23885": Standard("GB/T 23885", "翡翠分级", "Jadeite grading"),
}

# By what the result holds: a gem (any stone) is named and tested by 16552/16553; a diamond is
# graded by 16554, jadeite by 23885; a precious metal is designated by 11887, and its content
# is determined by 18043 only when it was measured (XRF), not when the mark was merely read.
CATEGORY_STANDARDS: dict[str, tuple[str, ...]] = {
    "gem": ("GB/T 16552", "GB/T 16553"),
    "diamond": ("GB/T 16552", "GB/T 16553", "GB/T 16554"),
    "jadeite": ("GB/T 16552", "GB/T 16553", "GB/T 23885"),
    "precious_metal": ("GB 11887",),
    "metal_content_tested": ("GB/T 18043",),
}


def result_categories(result: JewelryResult, metal_content_tested: bool) -> tuple[str, ...]:
    cats: list[str] = []
    for stone in (result.main_stone, *result.side_stones):
        if stone is None:
            continue
        if stone.diamond is not None or stone.material == "diamond":
            cats.append("diamond")
        elif stone.jadeite is not None or stone.material == "jadeite":
            cats.append("jadeite")
        else:
            cats.append("gem")
    if result.metal and result.metal != "base":
        cats.append("precious_metal")
        if metal_content_tested:
            cats.append("metal_content_tested")
    return tuple(dict.fromkeys(cats))


def standards_for(categories: Iterable[str]) -> tuple[Standard, ...]:
    codes: dict[str, None] = {}
    for cat in categories:
        for code in CATEGORY_STANDARDS[cat]:
            codes[code] = None
    order = list(STANDARDS)
    return tuple(STANDARDS[c] for c in sorted(codes, key=order.index))


def standards_text(standards: Iterable[Standard]) -> str:
    return "；".join(s.code for s in standards)


def quality_rows(m: Mapping[str, Any]) -> tuple[FactRow, ...]:
    """Rows after the measured facts: the hallmark as found (the text stamped on the piece),
    the metal content where it was determined, and the standards followed."""
    rows: list[FactRow] = []
    if m.get("hallmark_found"):
        rows.append(FactRow("印记（所见）", "Hallmark as found", str(m["hallmark_found"])))
    if m.get("metal_content"):
        rows.append(FactRow("贵金属含量（测定）", "Metal content determined", str(m["metal_content"])))
    if m.get("standards"):
        rows.append(FactRow("依据标准", "Standards followed", standards_text(m["standards"])))
    return tuple(rows)
