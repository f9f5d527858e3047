"""The standards a certificate states, chosen by what the result is (one table)."""

from __future__ import annotations

from decimal import Decimal as D

from app.core.certificate import jewelry_fact_rows, mass_text, sg_text
from app.core.grading import DiamondGrades, JewelryResult, Stone
from app.core.standards import quality_rows, result_categories, standards_for, standards_text


def codes(result: JewelryResult, tested: bool = False) -> str:
    return standards_text(standards_for(result_categories(result, tested)))


def test_standards_by_category() -> None:
    diamond_ring = JewelryResult(
        piece="ring", metal="Pt950", main_stone=Stone("diamond", mass_ct=D("0.30"), diamond=DiamondGrades("D-E", "VVS"))
    )
    assert codes(diamond_ring) == "GB/T 16552；GB/T 16553；GB/T 16554；GB 11887"
    assert codes(diamond_ring, tested=True) == "GB/T 16552；GB/T 16553；GB/T 16554；GB 11887；GB/T 18043"
    gold_bangle = JewelryResult(piece="bangle", metal="Au999")
    assert codes(gold_bangle) == "GB 11887" and codes(gold_bangle, tested=True) == "GB 11887；GB/T 18043"
    jadeite = JewelryResult(piece="loose_stone", main_stone=Stone("jadeite"))
    assert codes(jadeite) == "GB/T 16552；GB/T 16553；GB/T 23885"
    ruby = JewelryResult(piece="loose_stone", main_stone=Stone("ruby"))
    assert codes(ruby) == "GB/T 16552；GB/T 16553"


def test_mass_and_sg_with_their_uncertainty() -> None:
    assert mass_text(D("2.349"), D("0.0002")) == "2.3490 g ± 0.0002 g (k=2) (11.745 ct)"
    assert mass_text(D("2.349"), None) == "2.349 g (11.745 ct)"  # a typed mass: no uncertainty claimed
    assert sg_text(D("3.52"), D("0.02")) == "3.52 ± 0.02" and sg_text(D("3.520"), None) == "3.52"


def test_hallmark_as_found_is_apart_from_the_fineness_determined() -> None:
    m = {
        "total_mass_g": D("5.1"),
        "fineness_mark": "Au750（18K金）",
        "hallmark_found": "S925",
        "standards": standards_for(["precious_metal"]),
    }
    labels = {r.label_en: r.value for r in jewelry_fact_rows(m) + quality_rows(m)}
    assert labels["Fineness determined"] == "Au750（18K金）" and labels["Hallmark as found"] == "S925"
    assert labels["Standards followed"] == "GB 11887"
