"""Jewellery piece types and stone cutting shapes.

The piece type is the last word of a certificate name (…吊坠, …戒指); a loose stone adds no
word, so its name is the stone's name alone.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.core.vocab import Term, vocabulary


@dataclass(frozen=True, kw_only=True)
class PieceTerm(Term):
    mounted: bool  # False only for a loose stone: no metal, name is the stone alone


def _piece(code: str, zh: str, en: str, *aliases: str, mounted: bool = True) -> PieceTerm:
    return PieceTerm(code=code, zh=zh, en=en, aliases=aliases, mounted=mounted)


PIECES = vocabulary(
    "首饰类别",
    "piece type",
    [
        _piece("pendant", "吊坠", "pendant", "挂坠", "项坠", "挂件"),
        _piece("ring", "戒指", "ring", "指环"),
        _piece("bangle", "手镯", "bangle", "镯子"),
        _piece("bracelet", "手链", "bracelet"),
        _piece("bead_bracelet", "手串", "bead bracelet"),
        _piece("necklace", "项链", "necklace"),
        _piece("earrings", "耳饰", "earrings", "耳环", "耳钉", "耳坠"),
        _piece("brooch", "胸针", "brooch"),
        _piece("anklet", "脚链", "anklet"),
        _piece("loose_stone", "裸石", "loose stone", "loose", mounted=False),
    ],
)

SHAPES = vocabulary(
    "琢型",
    "cutting shape",
    [
        Term("round_brilliant", "圆形明亮式", "round brilliant", aliases=("圆钻",)),
        Term("oval", "椭圆形", "oval"),
        Term("pear", "梨形", "pear", aliases=("水滴形",)),
        Term("marquise", "马眼形", "marquise", aliases=("橄榄形",)),
        Term("princess", "公主方形", "princess"),
        Term("emerald_cut", "祖母绿形", "emerald cut", aliases=("阶梯形",)),
        Term("cushion", "垫形", "cushion"),
        Term("heart", "心形", "heart"),
        Term("radiant", "雷迪恩形", "radiant"),
        Term("cabochon", "弧面形", "cabochon", aliases=("素面", "蛋面")),
        Term("bead", "珠形", "bead"),
        Term("carved", "雕件", "carving", aliases=("雕刻",)),
        Term("other", "其他", "other"),
    ],
)
