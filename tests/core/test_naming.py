"""Certificate names by GB/T 16552 / GB 11887 rules."""

from __future__ import annotations

import pytest

from app.core.errors import ValidationError
from app.core.grading import JewelryResult, Stone
from app.core.naming import certificate_name, stone_name


@pytest.mark.parametrize(
    ("result", "zh", "en"),
    [
        (JewelryResult("pendant", "Au750", Stone("diamond")), "18K金镶钻石吊坠", "18K gold diamond pendant"),
        (JewelryResult("ring", "Pt950", Stone("diamond")), "铂950镶钻石戒指", "Platinum 950 diamond ring"),
        (JewelryResult("bangle", None, Stone("jadeite")), "翡翠手镯", "Jadeite jade bangle"),
        (
            JewelryResult("bangle", None, Stone("jadeite", treatments=("bleaching_filling",))),
            "翡翠（处理）手镯",
            "Jadeite jade (treated) bangle",
        ),
        (JewelryResult("bangle", None, Stone("jadeite", treatments=("waxing",))), "翡翠手镯", "Jadeite jade bangle"),
        (JewelryResult("bangle", "Au990"), "足金手镯", "Gold 990 bangle"),
        (JewelryResult("loose_stone", None, Stone("moissanite", "synthetic")), "合成碳硅石", "Synthetic moissanite"),
        (
            JewelryResult("ring", "S925", Stone("cubic_zirconia", "synthetic")),
            "银925镶合成立方氧化锆戒指",
            "Silver 925 synthetic cubic zirconia ring",
        ),
        (JewelryResult("necklace", "base", Stone("pearl")), "珍珠项链", "Cultured pearl necklace"),
        (
            JewelryResult("loose_stone", None, Stone("yag", "man_made")),
            "人造钇铝榴石",
            "Artificial yttrium aluminium garnet",
        ),
        (
            JewelryResult("pendant", None, Stone("amber", "reconstructed")),
            "再造琥珀吊坠",
            "Reconstructed amber pendant",
        ),
    ],
)
def test_names(result: JewelryResult, zh: str, en: str) -> None:
    name = certificate_name(result)
    assert (name.zh, name.en) == (zh, en)


def test_heated_ruby_is_optimisation_filled_ruby_is_treatment() -> None:
    heated = stone_name(Stone("ruby", treatments=("heat",)))
    assert heated.zh == "红宝石"
    assert heated.remarks_zh == ("优化方法：加热",)
    filled = stone_name(Stone("ruby", treatments=("heat", "filling")))
    assert filled.zh == "红宝石（处理）"
    assert "处理方法：充填" in filled.remarks_zh


def test_imitation_names() -> None:
    assert stone_name(Stone(None, "imitation", imitates="emerald")).zh == "仿祖母绿"
    assert stone_name(Stone("glass", "imitation", imitates="emerald")).zh == "仿祖母绿（玻璃）"
    cz = Stone("cubic_zirconia", "imitation", imitates="diamond")
    assert stone_name(cz).zh == "仿钻石（合成立方氧化锆）"


def test_composite_names() -> None:
    layered = Stone(None, "composite", components=(Stone("sapphire"), Stone("sapphire", "synthetic")))
    assert stone_name(layered).zh == "蓝宝石、合成蓝宝石拼合石"
    assert layered.material == "sapphire"  # top layer
    same = Stone(None, "composite", components=(Stone("opal"), Stone("opal")))
    assert stone_name(same).zh == "拼合欧泊"


def test_side_stones_go_to_remarks() -> None:
    name = certificate_name(
        JewelryResult("ring", "Au750", Stone("ruby"), side_stones=(Stone("diamond", count=12, treatments=("hpht",)),))
    )
    assert name.zh == "18K金镶红宝石戒指"
    assert "配石：钻石（处理） 12粒" in name.remarks_zh
    assert "配石处理方法：高温高压" in name.remarks_zh


@pytest.mark.parametrize(
    "build",
    [
        lambda: Stone("amber", "synthetic"),  # no synthetic amber
        lambda: Stone("nephrite", "synthetic"),
        lambda: Stone("ruby", "man_made"),  # a lab ruby is 合成, not 人造
        lambda: Stone("cubic_zirconia", "natural"),
        lambda: Stone("diamond", "reconstructed"),
        lambda: Stone(None, "imitation"),  # must say what it imitates
        lambda: Stone("diamond", "imitation", imitates="diamond"),
        lambda: Stone(None, "composite", components=(Stone("opal"),)),
        lambda: Stone("ruby", imitates="diamond"),
        lambda: Stone("ruby", treatments=("heat", "heat")),
        lambda: Stone("ruby", treatments=("gamma_magic",)),
        lambda: JewelryResult("loose_stone", "Au750", Stone("diamond")),
        lambda: JewelryResult("loose_stone"),
        lambda: JewelryResult("pendant"),
        lambda: JewelryResult("pendant", "base"),
        lambda: JewelryResult("tiara", "Au750"),
        lambda: JewelryResult("ring", "Au800", Stone("diamond")),
    ],
)
def test_impossible_combinations_are_rejected(build) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as caught:
        build()
    assert caught.value.zh and caught.value.en
