"""Jadeite (翡翠) per GB/T 23885 (翡翠分级) and the trade's A/B/C types.

Natural jadeite ("A货", possibly waxed, which is an optimisation) is named 翡翠. Bleached and
polymer-filled ("B货"), dyed ("C货") and both ("B+C货") are treatments and must be named
翡翠（处理）; the type letters are trade words and never appear in the certificate name.
Grades are only given for natural jadeite, because treatment changes colour, transparency
and clarity — grading a B货 would describe the resin, not the stone.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.core.vocab import Term, vocabulary


@dataclass(frozen=True, kw_only=True)
class JadeiteTypeTerm(Term):
    treatments: tuple[str, ...]  # codes of app.core.vocab.gems.TREATMENTS implied by the type


JADEITE_TYPES = vocabulary(
    "翡翠类型",
    "jadeite type",
    [
        JadeiteTypeTerm(
            code="A",
            zh="天然翡翠（A货）",
            en="natural jadeite (type A)",
            criteria_zh="未经处理，可有浸蜡等优化",
            criteria_en="untreated; waxing allowed",
            aliases=("A货",),
            treatments=(),
        ),
        JadeiteTypeTerm(
            code="B",
            zh="翡翠（处理）B货",
            en="treated jadeite (type B)",
            criteria_zh="经酸洗漂白并充填树脂",
            criteria_en="acid-bleached and polymer-filled",
            aliases=("B货",),
            treatments=("bleaching_filling",),
        ),
        JadeiteTypeTerm(
            code="C",
            zh="翡翠（处理）C货",
            en="treated jadeite (type C)",
            criteria_zh="经染色",
            criteria_en="dyed",
            aliases=("C货",),
            treatments=("dyeing",),
        ),
        JadeiteTypeTerm(
            code="B+C",
            zh="翡翠（处理）B+C货",
            en="treated jadeite (type B+C)",
            criteria_zh="经漂白充填并染色",
            criteria_en="bleached, filled and dyed",
            aliases=("B+C货", "BC"),
            treatments=("bleaching_filling", "dyeing"),
        ),
    ],
)


def jadeite_type(treatments: tuple[str, ...] | frozenset[str]) -> str:
    """Trade type from the treatments found; optimisations such as waxing keep it "A"."""
    found = set(treatments)
    b = "bleaching_filling" in found or "filling" in found
    c = "dyeing" in found
    return "B+C" if b and c else "B" if b else "C" if c else "A"


JADEITE_COLOURS = vocabulary(
    "翡翠颜色级别",
    "jadeite colour grade",
    [
        Term("excellent", "极好", "Excellent", "颜色浓艳纯正、明亮、均匀", "vivid, pure, bright and even colour"),
        Term(
            "very_good",
            "很好",
            "Very good",
            "颜色浓、较纯正、明亮、较均匀",
            "intense, fairly pure, bright, fairly even",
        ),
        Term("good", "好", "Good", "颜色较浓、较明亮", "moderately intense and bright"),
        Term("fair", "较好", "Fair", "颜色较淡或略暗", "light or slightly dark"),
        Term("poor", "一般", "Poor", "颜色淡、暗或不均", "faint, dark or uneven"),
    ],
)

# Chroma and lightness of the hue, which the colour grade summarises.
JADEITE_CHROMA = vocabulary(
    "翡翠彩度",
    "jadeite chroma",
    [
        Term("Ch1", "极浓", "Vivid"),
        Term("Ch2", "浓", "Intense"),
        Term("Ch3", "较浓", "Moderately intense"),
        Term("Ch4", "较淡", "Light"),
        Term("Ch5", "淡", "Faint"),
    ],
)

JADEITE_LIGHTNESS = vocabulary(
    "翡翠明度",
    "jadeite lightness",
    [
        Term("V1", "明亮", "Bright"),
        Term("V2", "较明亮", "Fairly bright"),
        Term("V3", "较暗", "Fairly dark"),
        Term("V4", "暗", "Dark"),
    ],
)

JADEITE_TRANSPARENCIES = vocabulary(
    "翡翠透明度级别",
    "jadeite transparency grade",
    [
        Term("T1", "透明", "Transparent", "透过样品可清晰看到其后的字迹", "print behind the piece is clearly readable"),
        Term("T2", "亚透明", "Subtransparent", "透过样品可较清晰地看到其后物体", "objects behind are fairly clear"),
        Term("T3", "半透明", "Semitransparent", "透过样品可模糊看到其后物体", "objects behind are blurred"),
        Term("T4", "微透明", "Slightly transparent", "仅边缘透光", "light passes only at the edges"),
        Term("T5", "不透明", "Opaque", "不透光", "no light passes"),
    ],
)

# 质地 in the standard, 种质/种 in the trade: how fine the interlocking crystals are.
JADEITE_TEXTURES = vocabulary(
    "翡翠质地（种质）级别",
    "jadeite texture grade",
    [
        Term("Te1", "极细", "Extremely fine", "10倍放大镜下难见矿物颗粒", "grains hard to see under 10×"),
        Term("Te2", "细", "Fine", "10倍放大镜下可见、肉眼难见矿物颗粒", "grains seen under 10×, not by eye"),
        Term("Te3", "较细", "Fairly fine", "肉眼可见矿物颗粒", "grains visible to the eye"),
        Term("Te4", "较粗", "Coarse", "肉眼易见矿物颗粒", "grains easily visible to the eye"),
    ],
)

JADEITE_CLARITIES = vocabulary(
    "翡翠净度级别",
    "jadeite clarity grade",
    [
        Term("C1", "极纯净", "Extremely clean", "肉眼未见瑕疵", "no features visible to the eye"),
        Term("C2", "纯净", "Clean", "肉眼难见细小瑕疵", "tiny features hard to see by eye"),
        Term("C3", "较纯净", "Fairly clean", "肉眼可见细小瑕疵", "small features visible by eye"),
        Term("C4", "尚纯净", "Slightly included", "肉眼易见瑕疵", "features easily visible"),
        Term("C5", "不纯净", "Included", "肉眼明显可见瑕疵", "prominent features"),
    ],
)
