"""What a merchant declared, in words staff read: codes become names from the
vocabularies (Au750 → 18K金, diamond → 钻石), numbers get their units. Unknown keys are
shown as they came, never dropped: a declaration is evidence."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from app.core.vocab import gems, metals

# key -> (zh label, en label, unit)
FIELDS: dict[str, tuple[str, str, str]] = {
    "material": ("材质", "Material", ""),
    "stone": ("宝石", "Stone", ""),
    "total_mass_g": ("总质量", "Total mass", "g"),
    "main_stone_ct": ("主石", "Main stone", "ct"),
    "brand": ("品牌", "Brand", ""),
    "model": ("型号", "Model", ""),
    "storage_gb": ("存储", "Storage", "GB"),
    "color": ("颜色", "Colour", ""),
    "imei": ("IMEI", "IMEI", ""),
}


def _value(key: str, raw: Any, zh: bool) -> str:
    if key == "material":
        metal = metals.METALS.find(raw)
        if metal is not None:
            return f"{metal.zh if zh else metal.en} ({metal.code})"
    if key == "stone":
        gem = gems.GEMS.find(raw)
        if gem is not None:
            return gem.zh if zh else gem.en
    unit = FIELDS.get(key, ("", "", ""))[2]
    return f"{raw} {unit}".strip()


def describe(declared: Mapping[str, Any] | None, lang: str = "zh_CN") -> list[tuple[str, str]]:
    """(label, value) rows in a stable order: known fields first, then anything else."""
    if not isinstance(declared, Mapping):
        return []
    zh = lang.startswith("zh")
    rows = []
    for key, (label_zh, label_en, _unit) in FIELDS.items():
        if key in declared and declared[key] not in (None, ""):
            rows.append((label_zh if zh else label_en, _value(key, declared[key], zh)))
    for key, raw in declared.items():
        if key not in FIELDS and raw not in (None, ""):
            rows.append((key, str(raw)))
    return rows


def one_line(declared: Mapping[str, Any] | None, lang: str = "zh_CN") -> str:
    return "  ".join(f"{label} {value}" for label, value in describe(declared, lang))
