"""Declared vs found for jewellery."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.core.grading import JewelryResult, Stone
from app.core.gravity import compare, specific_gravity
from app.core.jewelry_rules import compare_declaration, parse_declared_stone, tolerance

# the ASN example of platform-api.md §1
DECLARED = {"material": "Au750", "stone": "diamond", "total_mass_g": 2.35, "main_stone_ct": 0.30}


def found(**changes: object) -> JewelryResult:
    base = {
        "piece": "pendant",
        "metal": "Au750",
        "main_stone": Stone("diamond", mass_ct=D("0.30")),
        "total_mass_g": D("2.347"),
    }
    base.update(changes)
    return JewelryResult(**base)  # type: ignore[arg-type]


def codes(evaluation) -> list[str]:  # type: ignore[no-untyped-def]
    return [f.code for f in evaluation.findings]


def test_matching_piece_passes() -> None:
    e = compare_declaration(DECLARED, found())
    assert e.verdict == "pass" and e.reason_code is None and e.findings == ()


def test_default_tolerance_is_larger_of_002g_and_1pct() -> None:
    assert tolerance(D("2.35"), D("0.02"), D("0.01")) == D("0.0235")
    assert tolerance(D("1.00"), D("0.02"), D("0.01")) == D("0.02")
    assert compare_declaration(DECLARED, found(total_mass_g=D("2.327"))).verdict == "pass"  # −0.023
    e = compare_declaration(DECLARED, found(total_mass_g=D("2.326")))  # −0.024
    assert e.verdict == "fail" and e.reason_code == "not_as_declared"


def test_tolerance_is_a_parameter() -> None:
    e = compare_declaration(DECLARED, found(total_mass_g=D("2.30")), mass_tolerance_g=D("0.1"))
    assert e.verdict == "pass"


def test_heavier_than_declared_is_only_a_warning() -> None:
    e = compare_declaration(DECLARED, found(total_mass_g=D("2.50")))
    assert e.verdict == "pass" and codes(e) == ["total_mass_differs"]


def test_mounted_stone_mass_is_estimated_so_only_warns() -> None:
    e = compare_declaration(DECLARED, found(main_stone=Stone("diamond", mass_ct=D("0.25"))))
    assert e.verdict == "pass" and e.findings[0].severity == "warning"
    loose = JewelryResult("loose_stone", main_stone=Stone("diamond", mass_ct=D("0.25")))
    e = compare_declaration({"stone": "钻石", "main_stone_ct": "0.30"}, loose)
    assert e.verdict == "fail"


def test_base_metal_instead_of_gold_is_counterfeit() -> None:
    e = compare_declaration(DECLARED, found(metal="base"))
    assert e.reason_code == "counterfeit"


def test_lower_fineness_and_other_metal() -> None:
    assert compare_declaration(DECLARED, found(metal="Au585")).reason_code == "not_as_declared"
    assert compare_declaration(DECLARED, found(metal="Pt950")).reason_code == "not_as_declared"
    assert compare_declaration({"material": "G18K"}, found()).verdict == "pass"


def test_synthetic_for_natural_is_counterfeit_and_outranks_mass() -> None:
    e = compare_declaration(DECLARED, found(main_stone=Stone("moissanite", "synthetic"), total_mass_g=D("2.0")))
    assert e.reason_code == "counterfeit"
    assert "合成碳硅石" in e.findings[0].zh or any("合成碳硅石" in f.zh for f in e.findings)


def test_undisclosed_treatment() -> None:
    jade = JewelryResult("bangle", main_stone=Stone("jadeite", treatments=("bleaching_filling",)))
    assert compare_declaration({"stone": "翡翠"}, jade).reason_code == "undisclosed_treatment"
    assert compare_declaration({"stone": "翡翠（处理）"}, jade).verdict == "pass"
    heated = JewelryResult("ring", "Au750", Stone("ruby", treatments=("heat",)))
    e = compare_declaration({"stone": "红宝石"}, heated)
    assert e.verdict == "pass" and codes(e) == ["optimisation"]


def test_other_species_is_not_as_declared() -> None:
    e = compare_declaration({"stone": "sapphire"}, found(main_stone=Stone("ruby")))
    assert e.reason_code == "not_as_declared"


def test_declared_synthetic_found_synthetic_passes() -> None:
    e = compare_declaration({"stone": "莫桑石"}, found(main_stone=Stone("moissanite", "synthetic")))
    assert e.verdict == "pass"


def test_unreadable_declaration_warns() -> None:
    e = compare_declaration({"material": "unobtainium", "stone": "???", "total_mass_g": "abc"}, found())
    assert e.verdict == "pass"
    assert {f.severity for f in e.findings} == {"warning"}


def test_sg_inconsistency_is_reported() -> None:
    sg = compare(specific_gravity("8.50", "7.50", temperature_c=20, resolution="0.01"), "Au750")
    e = compare_declaration(DECLARED, found(), sg_checks=[sg])
    assert codes(e) == ["sg_inconsistent"]


@pytest.mark.parametrize(
    ("text", "parsed"),
    [
        ("合成碳硅石", ("synthetic", "moissanite", False)),
        ("翡翠（处理）", ("natural", "jadeite", True)),
        ("仿祖母绿", ("imitation", "emerald", False)),
        ("天然珍珠", ("natural", "natural_pearl", False)),
        ("untreated ruby", ("natural", "ruby", False)),
        ("kryptonite", None),
    ],
)
def test_parse_declared_stone(text: str, parsed: object) -> None:
    assert parse_declared_stone(text) == parsed


_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=10),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=5), children, max_size=3),
    max_leaves=8,
)


@given(st.one_of(_json, st.fixed_dictionaries({}, optional={k: _json for k in DECLARED})))
def test_any_declaration_never_crashes(declared: object) -> None:
    e = compare_declaration(declared, found())
    assert e.verdict in ("pass", "fail")
