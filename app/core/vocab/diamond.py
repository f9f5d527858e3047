"""Diamond grading per GB/T 16554 (钻石分级): colour, clarity, cut and fluorescence.

Colour letters and the standard's numeric scale go together (D = 100 ... N = 90, below N =
<90); a certificate may print either, so both are kept. Mounted stones can only be graded in
the coarser groups, because the metal tints the stone and hides the pavilion.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.core.vocab import Term, vocabulary

# Letter, numeric grade, descriptive group (zh, en). The groups are the words the standard
# puts beside the letters.
_COLOURS = (
    ("D", "100", "极白", "exceptional white"),
    ("E", "99", "极白", "exceptional white"),
    ("F", "98", "优白", "rare white"),
    ("G", "97", "优白", "rare white"),
    ("H", "96", "白", "white"),
    ("I", "95", "微黄白", "slightly tinted white"),
    ("J", "94", "微黄白", "slightly tinted white"),
    ("K", "93", "浅黄白", "tinted white"),
    ("L", "92", "浅黄白", "tinted white"),
    ("M", "91", "浅黄", "tinted colour"),
    ("N", "90", "浅黄", "tinted colour"),
    ("<N", "<90", "黄", "tinted colour (below N)"),
)


@dataclass(frozen=True, kw_only=True)
class ColourTerm(Term):
    numeric: str  # the GB/T 16554 number, "100" ... "90", "<90"


DIAMOND_COLOURS = vocabulary(
    "钻石颜色级别",
    "diamond colour grade",
    [
        ColourTerm(
            code=letter,
            zh=f"{letter}（{number}）{group_zh}",
            en=f"{letter} ({number}) {group_en}",
            criteria_zh=f"比色级别 {letter}，对应数字 {number}",
            criteria_en=f"master-stone colour {letter}, numeric grade {number}",
            aliases=(number,),
            numeric=number,
        )
        for letter, number, group_zh, group_en in _COLOURS
    ],
)

# Colour groups usable for a mounted stone, mapped to the letters each one covers.
MOUNTED_COLOUR_GROUPS: dict[str, tuple[str, ...]] = {
    "D-E": ("D", "E"),
    "F-G": ("F", "G"),
    "H": ("H",),
    "I-J": ("I", "J"),
    "K-L": ("K", "L"),
    "M-N": ("M", "N"),
    "<N": ("<N",),
}

DIAMOND_CLARITIES = vocabulary(
    "钻石净度级别",
    "diamond clarity grade",
    [
        Term(
            "LC",
            "LC 镜下无瑕",
            "LC loupe clean",
            "10倍放大镜下未见内、外部特征（可细分为 FL 无瑕、IF 内无瑕）",
            "no inclusions or blemishes visible under 10× (subdivided FL / IF)",
            ("FL", "IF"),
        ),
        Term(
            "VVS1",
            "VVS1 极微瑕",
            "VVS1 very very slightly included",
            "10倍放大镜下极难观察到极微小的内、外部特征",
            "minute features extremely difficult to see under 10×",
        ),
        Term(
            "VVS2",
            "VVS2 极微瑕",
            "VVS2 very very slightly included",
            "10倍放大镜下很难观察到极微小的内、外部特征",
            "minute features very difficult to see under 10×",
        ),
        Term(
            "VS1",
            "VS1 微瑕",
            "VS1 very slightly included",
            "10倍放大镜下难以观察到细小的内、外部特征",
            "minor features difficult to see under 10×",
        ),
        Term(
            "VS2",
            "VS2 微瑕",
            "VS2 very slightly included",
            "10倍放大镜下比较容易观察到细小的内、外部特征",
            "minor features somewhat easy to see under 10×",
        ),
        Term(
            "SI1",
            "SI1 瑕疵",
            "SI1 slightly included",
            "10倍放大镜下容易观察到明显的内、外部特征",
            "noticeable features easy to see under 10×",
        ),
        Term(
            "SI2",
            "SI2 瑕疵",
            "SI2 slightly included",
            "10倍放大镜下很容易观察到明显的内、外部特征",
            "noticeable features very easy to see under 10×",
        ),
        Term(
            "P1",
            "P1 重瑕疵",
            "P1 included",
            "肉眼自冠部可见内、外部特征",
            "features visible to the unaided eye through the crown",
        ),
        Term(
            "P2", "P2 重瑕疵", "P2 included", "肉眼自冠部易见内、外部特征", "features easily visible to the unaided eye"
        ),
        Term(
            "P3",
            "P3 重瑕疵",
            "P3 included",
            "肉眼自冠部极易见内、外部特征，并可能影响耐久性",
            "features very easily visible; may affect durability",
        ),
    ],
)

# Clarity groups usable for a mounted stone.
MOUNTED_CLARITY_GROUPS: dict[str, tuple[str, ...]] = {
    "LC": ("LC",),
    "VVS": ("VVS1", "VVS2"),
    "VS": ("VS1", "VS2"),
    "SI": ("SI1", "SI2"),
    "P": ("P1", "P2", "P3"),
}

DIAMOND_CUTS = vocabulary(
    "钻石切工级别",
    "diamond cut grade",
    [
        Term("EX", "极好", "Excellent", "比例与修饰均为极好", "proportions and finish excellent", ("极好",)),
        Term("VG", "很好", "Very good", "比例与修饰很好", "proportions and finish very good"),
        Term("G", "好", "Good", "比例与修饰好", "proportions and finish good"),
        Term("F", "一般", "Fair", "比例或修饰一般", "proportions or finish fair"),
        Term("P", "差", "Poor", "比例或修饰差", "proportions or finish poor"),
    ],
)

DIAMOND_FLUORESCENCE = vocabulary(
    "钻石荧光强度",
    "diamond fluorescence",
    [
        Term("none", "无", "None", "长波紫外灯下无荧光", "no reaction under long-wave UV"),
        Term("faint", "弱", "Faint", "与荧光比色石比较为弱", "faint against the master stones"),
        Term("medium", "中", "Medium", "与荧光比色石比较为中", "medium against the master stones"),
        Term("strong", "强", "Strong", "与荧光比色石比较为强", "strong against the master stones"),
    ],
)


def colour_number(letter: str) -> str:
    """D → "100", N → "90", <N → "<90"."""
    term = DIAMOND_COLOURS.get(letter)
    assert isinstance(term, ColourTerm)
    return term.numeric


def mounted_colour_group(letter: str) -> str:
    """The group a mounted stone of this (loose-equivalent) colour is reported in."""
    DIAMOND_COLOURS.get(letter)
    return next(g for g, letters in MOUNTED_COLOUR_GROUPS.items() if letter in letters)
