"""Gem materials, origins and treatments for naming per GB/T 16552 (珠宝玉石 名称).

Each material carries its expected specific gravity and refractive index window (typical
gemmological reference values, rounded) so the gravity check and the appraiser's screen can
show them. ``None`` means the property varies too much to check (glass, plastic).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from app.core.vocab import Term, vocabulary

# What a material is, which decides the prefixes GB/T 16552 allows for it.
NATURAL = "natural"  # a natural gem, jade or organic gem: may be natural, synthetic(if made), ...
SYNTHETIC_ONLY = "synthetic_only"  # only known as a lab product with a natural counterpart mineral
MAN_MADE = "man_made"  # artificial material with no natural counterpart: prefix 人造
PLAIN_MAN_MADE = "plain_man_made"  # glass and plastic: named as they are, without 人造


@dataclass(frozen=True, kw_only=True)
class GemTerm(Term):
    group: str  # gem, jade, organic, artificial
    nature: str  # NATURAL, SYNTHETIC_ONLY, MAN_MADE, PLAIN_MAN_MADE
    sg: tuple[Decimal, Decimal] | None
    ri: tuple[Decimal, Decimal] | None
    synthetic_exists: bool = False
    reconstructable: bool = False  # 再造 (pressed fragments): amber, turquoise


def _gem(
    code: str,
    zh: str,
    en: str,
    group: str,
    sg: str | None,
    ri: str | None,
    *,
    nature: str = NATURAL,
    synthetic: bool = False,
    reconstructable: bool = False,
    aliases: tuple[str, ...] = (),
) -> GemTerm:
    def window(text: str | None) -> tuple[Decimal, Decimal] | None:
        if text is None:
            return None
        lo, _, hi = text.partition("-")
        return Decimal(lo), Decimal(hi or lo)

    sgw, riw = window(sg), window(ri)
    crit_zh = (
        "；".join(x for x in (sg and f"相对密度 {sg}", ri and f"折射率 {ri}") if x) or "相对密度、折射率随成分变化"
    )
    crit_en = "; ".join(x for x in (sg and f"SG {sg}", ri and f"RI {ri}") if x) or "SG and RI vary with composition"
    return GemTerm(
        code=code,
        zh=zh,
        en=en,
        criteria_zh=crit_zh,
        criteria_en=crit_en,
        aliases=aliases,
        group=group,
        nature=nature,
        sg=sgw,
        ri=riw,
        synthetic_exists=synthetic,
        reconstructable=reconstructable,
    )


GEMS = vocabulary(
    "珠宝玉石名称",
    "gem material",
    [
        _gem("diamond", "钻石", "diamond", "gem", "3.51-3.53", "2.417", synthetic=True),
        _gem("ruby", "红宝石", "ruby", "gem", "3.97-4.03", "1.762-1.770", synthetic=True),
        _gem("sapphire", "蓝宝石", "sapphire", "gem", "3.97-4.03", "1.762-1.770", synthetic=True),
        _gem("emerald", "祖母绿", "emerald", "gem", "2.67-2.90", "1.577-1.583", synthetic=True),
        _gem("aquamarine", "海蓝宝石", "aquamarine", "gem", "2.67-2.90", "1.577-1.583"),
        _gem("tourmaline", "碧玺", "tourmaline", "gem", "3.00-3.26", "1.624-1.644", aliases=("电气石",)),
        _gem(
            "quartz",
            "水晶",
            "rock crystal (quartz)",
            "gem",
            "2.63-2.68",
            "1.544-1.553",
            synthetic=True,
            aliases=("石英", "quartz", "紫晶", "黄晶"),
        ),
        _gem("spinel", "尖晶石", "spinel", "gem", "3.57-3.70", "1.712-1.736", synthetic=True),
        _gem("topaz", "托帕石", "topaz", "gem", "3.49-3.57", "1.609-1.643", aliases=("黄玉",)),
        _gem("peridot", "橄榄石", "peridot", "gem", "3.27-3.48", "1.654-1.690"),
        _gem("garnet", "石榴石", "garnet", "gem", "3.50-4.30", "1.710-1.890"),
        _gem("zircon", "锆石", "zircon", "gem", "3.90-4.73", "1.810-2.024"),
        _gem("tanzanite", "坦桑石", "tanzanite", "gem", "3.10-3.45", "1.691-1.700", aliases=("黝帘石",)),
        _gem("opal", "欧泊", "opal", "gem", "1.99-2.25", "1.37-1.47", synthetic=True),
        _gem("chalcedony", "玉髓", "chalcedony", "jade", "2.55-2.71", "1.535-1.539", aliases=("玛瑙", "agate")),
        _gem(
            "turquoise", "绿松石", "turquoise", "jade", "2.40-2.90", "1.61-1.65", synthetic=True, reconstructable=True
        ),
        _gem("jadeite", "翡翠", "jadeite jade", "jade", "3.25-3.40", "1.666-1.680", aliases=("jadeite", "翡翠A货")),
        _gem(
            "nephrite",
            "和田玉",
            "nephrite (Hetian jade)",
            "jade",
            "2.90-3.10",
            "1.606-1.632",
            aliases=("软玉", "nephrite"),
        ),
        _gem("serpentine", "蛇纹石玉", "serpentine jade", "jade", "2.44-2.82", "1.560-1.570", aliases=("岫玉",)),
        _gem("natural_pearl", "天然珍珠", "natural pearl", "organic", "2.61-2.85", "1.530-1.685"),
        _gem("pearl", "珍珠", "cultured pearl", "organic", "2.60-2.85", "1.530-1.685", aliases=("养殖珍珠",)),
        _gem("amber", "琥珀", "amber", "organic", "1.00-1.10", "1.539-1.545", reconstructable=True, aliases=("蜜蜡",)),
        _gem("coral", "珊瑚", "coral", "organic", "2.60-2.70", "1.486-1.658"),
        # Lab products named with 合成 although no natural gem is traded under the name.
        _gem(
            "moissanite",
            "碳硅石",
            "moissanite",
            "artificial",
            "3.20-3.24",
            "2.648-2.691",
            nature=SYNTHETIC_ONLY,
            synthetic=True,
            aliases=("莫桑石",),
        ),
        _gem(
            "cubic_zirconia",
            "立方氧化锆",
            "cubic zirconia",
            "artificial",
            "5.50-6.00",
            "2.15-2.18",
            nature=SYNTHETIC_ONLY,
            synthetic=True,
            aliases=("CZ",),
        ),
        _gem(
            "yag",
            "钇铝榴石",
            "yttrium aluminium garnet",
            "artificial",
            "4.50-4.60",
            "1.833",
            nature=MAN_MADE,
            aliases=("YAG",),
        ),
        _gem(
            "ggg",
            "钆镓榴石",
            "gadolinium gallium garnet",
            "artificial",
            "7.00-7.09",
            "1.970",
            nature=MAN_MADE,
            aliases=("GGG",),
        ),
        _gem("strontium_titanate", "钛酸锶", "strontium titanate", "artificial", "5.10-5.16", "2.409", nature=MAN_MADE),
        _gem("glass", "玻璃", "glass", "artificial", None, None, nature=PLAIN_MAN_MADE),
        _gem("plastic", "塑料", "plastic", "artificial", None, None, nature=PLAIN_MAN_MADE, aliases=("树脂",)),
    ],
)

ORIGINS = vocabulary(
    "珠宝玉石来源",
    "gem origin",
    [
        Term("natural", "天然", "natural", "天然产出，直接用基本名称", "natural; named by its basic name"),
        Term(
            "synthetic",
            "合成",
            "synthetic",
            "人工制造且有对应天然物，名称前加“合成”",
            "made in a lab with a natural counterpart; prefix 合成 (synthetic)",
        ),
        Term(
            "man_made",
            "人造",
            "artificial",
            "人工制造且无对应天然物，名称前加“人造”（玻璃、塑料除外）",
            "made with no natural counterpart; prefix 人造 (except glass, plastic)",
        ),
        Term(
            "composite",
            "拼合",
            "composite",
            "两块或以上材料拼合而成，写“拼合石”或“拼合”",
            "two or more parts joined; named ...拼合石 or 拼合...",
        ),
        Term(
            "reconstructed",
            "再造",
            "reconstructed",
            "碎块压制或粘结成整体，名称前加“再造”",
            "fragments pressed or bonded; prefix 再造",
        ),
        Term(
            "imitation",
            "仿",
            "imitation",
            "模仿另一种宝石，名称前加“仿”，并尽量写出实际材料",
            "imitates another gem; prefix 仿 and name the actual material if known",
        ),
    ],
)

OPTIMISATION = "optimisation"  # 优化: accepted practice, need not be declared in the name
TREATMENT = "treatment"  # 处理: must be declared: name + （处理）

TREATMENT_CATEGORIES = vocabulary(
    "优化处理类别",
    "enhancement category",
    [
        Term(
            OPTIMISATION,
            "优化",
            "enhancement",
            "传统、被广泛接受的方法，可直接用基本名称",
            "traditional, widely accepted; basic name may be used",
        ),
        Term(
            TREATMENT,
            "处理",
            "treatment",
            "非传统、尚不被接受的方法，必须在名称中注明（处理）",
            "not accepted as traditional; must be declared as (treated) in the name",
        ),
    ],
)


@dataclass(frozen=True, kw_only=True)
class TreatmentTerm(Term):
    category: str  # OPTIMISATION or TREATMENT, unless overridden for a material
    overrides: tuple[tuple[str, str], ...] = ()  # (gem code, category)

    def category_for(self, gem_code: str) -> str:
        return dict(self.overrides).get(gem_code, self.category)


TREATMENTS = vocabulary(
    "优化处理方法",
    "enhancement method",
    [
        TreatmentTerm(code="heat", zh="加热", en="heating", category=OPTIMISATION, aliases=("热处理",)),
        TreatmentTerm(code="bleaching", zh="漂白", en="bleaching", category=OPTIMISATION),
        TreatmentTerm(code="waxing", zh="浸蜡", en="waxing", category=OPTIMISATION),
        TreatmentTerm(code="colourless_oil", zh="浸无色油", en="colourless oil", category=OPTIMISATION),
        # Dyeing chalcedony (agate) is centuries old and counted an optimisation.
        TreatmentTerm(
            code="dyeing", zh="染色", en="dyeing", category=TREATMENT, overrides=(("chalcedony", OPTIMISATION),)
        ),
        TreatmentTerm(code="coloured_oil", zh="浸有色油", en="coloured oil", category=TREATMENT),
        TreatmentTerm(
            code="filling", zh="充填", en="filling", category=TREATMENT, aliases=("玻璃充填", "树脂充填", "注胶")
        ),
        TreatmentTerm(code="bleaching_filling", zh="漂白、充填", en="bleaching and filling", category=TREATMENT),
        TreatmentTerm(code="irradiation", zh="辐照", en="irradiation", category=TREATMENT),
        TreatmentTerm(code="diffusion", zh="扩散", en="diffusion", category=TREATMENT),
        TreatmentTerm(code="coating", zh="覆膜", en="coating", category=TREATMENT, aliases=("镀膜",)),
        TreatmentTerm(code="laser_drilling", zh="激光钻孔", en="laser drilling", category=TREATMENT),
        TreatmentTerm(code="hpht", zh="高温高压", en="HPHT", category=TREATMENT),
    ],
)


def treatment_category(treatment: str, gem: str) -> str:
    """优化 or 处理 for this method on this material (raises ValidationError on unknown codes)."""
    GEMS.get(gem)
    term = TREATMENTS.get(treatment)
    assert isinstance(term, TreatmentTerm)
    return term.category_for(gem)


def must_declare(treatments: tuple[str, ...] | list[str], gem: str) -> tuple[str, ...]:
    """The methods among ``treatments`` that are 处理 for ``gem`` and so must be named."""
    return tuple(t for t in treatments if treatment_category(t, gem) == TREATMENT)


def gem_term(code: str) -> GemTerm:
    term = GEMS.get(code)
    assert isinstance(term, GemTerm)
    return term
