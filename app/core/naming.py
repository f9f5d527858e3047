"""Certificate names composed from a grading result by the rules of GB/T 16552 (珠宝玉石
名称) and GB 11887 (precious-metal designation) — never typed freehand, so two appraisers
describing the same piece produce the same name.

Order of a jewellery name: metal designation + 镶 + main stone name + piece type
(18K金镶钻石吊坠). A piece without a stone: metal + piece (足金手镯). A piece without a
precious metal: stone + piece (翡翠手镯). A loose stone: the stone's name alone.

Stone names:
- natural: the basic name (红宝石); optimisations (优化, e.g. heated ruby) need no mention;
- treatment (处理): name + （处理） (红宝石（处理）, 翡翠（处理）), methods go to the remarks;
- synthetic: 合成 + name (合成碳硅石); man-made: 人造 + name, except glass and plastic;
- reconstructed: 再造 + name (再造琥珀);
- composite: layers top first + 拼合石 (蓝宝石、合成蓝宝石拼合石), or 拼合 + name when
  every layer is the same material (拼合欧泊);
- imitation: 仿 + imitated gem, with the actual material in brackets when known
  (仿祖母绿（玻璃）).
"""

from __future__ import annotations

from dataclasses import dataclass

from app.core.grading import JewelryResult, Stone
from app.core.vocab import gems, metals, pieces


@dataclass(frozen=True)
class Name:
    """A certificate name in both languages plus the remarks that must be printed with it
    (treatment methods, side stones)."""

    zh: str
    en: str
    remarks_zh: tuple[str, ...] = ()
    remarks_en: tuple[str, ...] = ()


def _material(material: str, origin: str) -> tuple[str, str]:
    gem = gems.gem_term(material)
    if origin == "synthetic":
        return f"合成{gem.zh}", f"synthetic {gem.en}"
    if origin == "reconstructed":
        return f"再造{gem.zh}", f"reconstructed {gem.en}"
    if origin == "man_made" and gem.nature == gems.MAN_MADE:
        return f"人造{gem.zh}", f"artificial {gem.en}"
    return gem.zh, gem.en


def _bare_stone(stone: Stone) -> tuple[str, str]:
    if stone.origin == "composite":
        parts = [_material(c.material or "", c.origin) for c in stone.components]
        if len({(c.material, c.origin) for c in stone.components}) == 1:
            return f"拼合{parts[0][0]}", f"composite {parts[0][1]}"
        return "、".join(p[0] for p in parts) + "拼合石", " / ".join(p[1] for p in parts) + " composite"
    if stone.origin == "imitation":
        target = gems.gem_term(stone.imitates or "")
        zh, en = f"仿{target.zh}", f"imitation {target.en}"
        if stone.material is not None:
            mzh, men = _material(stone.material, stone.material_origin or _origin_of(stone.material))
            zh, en = f"{zh}（{mzh}）", f"{en} ({men})"
        return zh, en
    return _material(stone.material or "", stone.origin)


def _origin_of(material: str) -> str:
    nature = gems.gem_term(material).nature
    return {gems.NATURAL: "natural", gems.SYNTHETIC_ONLY: "synthetic"}.get(nature, "man_made")


def _treatment_remarks(stone: Stone, label_zh: str, label_en: str) -> tuple[list[str], list[str]]:
    if stone.material is None or stone.origin == "imitation" or not stone.treatments:
        return [], []
    declared = stone.declared_treatments
    optimised = [t for t in stone.treatments if t not in declared]
    zh: list[str] = []
    en: list[str] = []
    if declared:
        terms = [gems.TREATMENTS.get(t) for t in declared]
        zh.append(f"{label_zh}处理方法：" + "、".join(t.zh for t in terms))
        en.append(f"{label_en}treatment: " + ", ".join(t.en for t in terms))
    if optimised:
        terms = [gems.TREATMENTS.get(t) for t in optimised]
        zh.append(f"{label_zh}优化方法：" + "、".join(t.zh for t in terms))
        en.append(f"{label_en}enhancement: " + ", ".join(t.en for t in terms))
    return zh, en


def stone_name(stone: Stone) -> Name:
    """The stone's own name, with （处理） when a treatment must be declared."""
    zh, en = _bare_stone(stone)
    if stone.declared_treatments:
        zh, en = f"{zh}（处理）", f"{en} (treated)"
    rzh, ren = _treatment_remarks(stone, "", "")
    return Name(zh, en, tuple(rzh), tuple(ren))


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def certificate_name(result: JewelryResult) -> Name:
    """The name printed on the certificate. ``result`` is already validated, so every
    combination reaching here is nameable."""
    piece = pieces.PIECES.get(result.piece)
    metal = metals.METALS.get(result.metal) if result.metal not in (None, "base") else None
    remarks_zh: list[str] = []
    remarks_en: list[str] = []
    if result.main_stone is not None:
        main = stone_name(result.main_stone)
        remarks_zh += main.remarks_zh
        remarks_en += main.remarks_en
    if result.is_loose:
        assert result.main_stone is not None
        return Name(main.zh, _capitalise(main.en), tuple(remarks_zh), tuple(remarks_en))
    zh = en = ""
    if metal is not None:
        zh, en = metal.zh, metal.en + " "
    if result.main_stone is not None:
        zh += ("镶" if metal is not None else "") + main.zh
        en += main.en + " "
    zh += piece.zh
    en += piece.en
    for side in result.side_stones:
        s = stone_name(side)
        remarks_zh.append(f"配石：{s.zh} {side.count}粒")
        remarks_en.append(f"side stones: {s.en} ×{side.count}")
        rzh, ren = _treatment_remarks(side, "配石", "side stones ")
        remarks_zh += rzh
        remarks_en += ren
    return Name(zh, _capitalise(en), tuple(remarks_zh), tuple(remarks_en))
