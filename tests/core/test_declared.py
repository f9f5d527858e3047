from __future__ import annotations

from app.core.declared import describe, one_line


def test_codes_become_names_and_units_are_added():
    rows = describe({"material": "Au750", "stone": "diamond", "total_mass_g": 2.35, "main_stone_ct": 0.3})
    assert rows == [("材质", "18K金 (Au750)"), ("宝石", "钻石"), ("总质量", "2.35 g"), ("主石", "0.3 ct")]
    assert describe({"material": "Au750"}, "en") == [("Material", "18K gold (Au750)")]


def test_unknown_codes_and_keys_are_kept_not_dropped():
    rows = describe({"material": "unobtainium", "engraving": "LOVE", "stone": None})
    assert rows == [("材质", "unobtainium"), ("engraving", "LOVE")]
    assert one_line({"brand": "Apple", "storage_gb": 128}) == "品牌 Apple  存储 128 GB"
    assert describe(None) == [] and describe("junk") == []  # type: ignore[arg-type]
