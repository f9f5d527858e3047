"""Precious-metal fineness and designation per GB 11887 (首饰 贵金属纯度的规定及命名方法).

Fineness is a minimum in parts per thousand: the standard allows no negative tolerance, so
"Au750" means at least 750‰ gold. The Chinese designation is what a certificate prints
(Au750 → 18K金, Au990 → 足金, Pt950 → 铂950, S925 → 银925).

千足金/千足铂/千足银 (≥999‰) are the names of the 2012 edition; a later revision is reported
to drop them in favour of 足金 — *unconfirmed*, so they stay available as codes here.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from app.core.vocab import Term, vocabulary


@dataclass(frozen=True, kw_only=True)
class MetalTerm(Term):
    element: str  # "Au", "Pt", "Pd", "Ag"; "" for a non-precious mount
    fineness: int  # minimum parts per thousand; 0 for a non-precious mount


_ELEMENT_EN = {"Au": "gold", "Pt": "platinum", "Pd": "palladium", "Ag": "silver"}


def _metal(element: str, fineness: int, zh: str, en: str, *aliases: str) -> MetalTerm:
    symbol = "S" if element == "Ag" else element  # silver is marked S925 in trade
    code = f"{symbol}{fineness}"
    noun = {"Au": "金", "Pt": "铂", "Pd": "钯", "Ag": "银"}[element]
    return MetalTerm(
        code=code,
        zh=zh,
        en=en,
        criteria_zh=f"{noun}含量不低于 {fineness}‰",
        criteria_en=f"at least {fineness}‰ {_ELEMENT_EN[element]}",
        aliases=(f"{element}{fineness}", f"{noun}{fineness}", *aliases),
        element=element,
        fineness=fineness,
    )


METALS = vocabulary(
    "贵金属纯度",
    "precious-metal fineness",
    [
        _metal("Au", 375, "9K金", "9K gold", "9K", "G9K", "G375"),
        _metal("Au", 585, "14K金", "14K gold", "14K", "G14K", "G585"),
        _metal("Au", 750, "18K金", "18K gold", "18K", "G18K", "G750"),
        _metal("Au", 916, "22K金", "22K gold", "22K", "G22K", "G916"),
        _metal("Au", 990, "足金", "Gold 990", "24K", "G990"),
        _metal("Au", 999, "千足金", "Gold 999", "G999"),
        _metal("Pt", 850, "铂850", "Platinum 850", "PT850"),
        _metal("Pt", 900, "铂900", "Platinum 900", "PT900"),
        _metal("Pt", 950, "铂950", "Platinum 950", "PT950"),
        _metal("Pt", 990, "足铂", "Platinum 990"),
        _metal("Pt", 999, "千足铂", "Platinum 999"),
        _metal("Pd", 500, "钯500", "Palladium 500"),
        _metal("Pd", 950, "钯950", "Palladium 950"),
        _metal("Pd", 990, "足钯", "Palladium 990"),
        _metal("Ag", 925, "银925", "Silver 925", "925", "Sterling"),
        _metal("Ag", 990, "足银", "Silver 990"),
        _metal("Ag", 999, "千足银", "Silver 999"),
        MetalTerm(
            code="base",
            zh="非贵金属",
            en="non-precious metal",
            criteria_zh="铜、合金等非贵金属托架；名称中不写金属",
            criteria_en="copper, alloy or other base-metal mount; not named on the certificate",
            element="",
            fineness=0,
        ),
    ],
)

# Densities of the pure metals, g/cm³ at 20 °C (CRC Handbook values), used to estimate the
# specific-gravity window of an alloy of known fineness.
ELEMENT_DENSITY: dict[str, Decimal] = {
    "Au": Decimal("19.32"),
    "Pt": Decimal("21.45"),
    "Pd": Decimal("12.02"),
    "Ag": Decimal("10.49"),
    "Cu": Decimal("8.96"),
    "Ni": Decimal("8.91"),
    "Co": Decimal("8.90"),
    "Ru": Decimal("12.45"),
    "Ir": Decimal("22.56"),
    "Zn": Decimal("7.14"),
}

# The metals that make up the rest of each alloy in jewellery practice (yellow/rose/white
# golds; Pt with Ru/Ir/Co/Pd/Cu; Pd with Ru/Ag/Cu; sterling with Cu).
BALANCE_METALS: dict[str, tuple[str, ...]] = {
    "Au": ("Ag", "Cu", "Ni", "Pd"),
    "Pt": ("Ru", "Ir", "Co", "Pd", "Cu"),
    "Pd": ("Ru", "Ag", "Cu", "Ni"),
    "Ag": ("Cu", "Zn"),
}


def metal_from_mark(mark: object) -> MetalTerm | None:
    """Recognise a hallmark or declaration ("G18K", "Au750", "足金", "PT950", "S925")."""
    return METALS.find(mark)
