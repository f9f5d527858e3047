"""Vocabularies: the mappings the standards define, and lookup behaviour."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.core.errors import ValidationError
from app.core.vocab import Term, Vocabulary, diamond, gems, jadeite, metals, phone, pieces

ALL = [
    metals.METALS,
    diamond.DIAMOND_COLOURS,
    diamond.DIAMOND_CLARITIES,
    diamond.DIAMOND_CUTS,
    diamond.DIAMOND_FLUORESCENCE,
    jadeite.JADEITE_TYPES,
    jadeite.JADEITE_COLOURS,
    jadeite.JADEITE_TRANSPARENCIES,
    jadeite.JADEITE_TEXTURES,
    jadeite.JADEITE_CLARITIES,
    gems.GEMS,
    gems.ORIGINS,
    gems.TREATMENTS,
    gems.TREATMENT_CATEGORIES,
    phone.COSMETIC_GRADES,
    phone.PARTS,
    phone.FUNCTION_TESTS,
    phone.COLOURS,
    phone.BRANDS,
    pieces.PIECES,
    pieces.SHAPES,
]


@pytest.mark.parametrize("vocab", ALL, ids=lambda v: v.name_en)
def test_every_term_is_bilingual(vocab: Vocabulary[Term]) -> None:
    assert len(vocab) > 0
    for term in vocab:
        assert term.code and term.zh and term.en
        assert vocab.get(term.code) is term


@pytest.mark.parametrize(
    ("code", "zh"),
    [
        ("Au375", "9K金"),
        ("Au585", "14K金"),
        ("Au750", "18K金"),
        ("Au916", "22K金"),
        ("Au990", "足金"),
        ("Au999", "千足金"),
        ("Pt850", "铂850"),
        ("Pt900", "铂900"),
        ("Pt950", "铂950"),
        ("Pt990", "足铂"),
        ("Pd500", "钯500"),
        ("Pd950", "钯950"),
        ("Pd990", "足钯"),
        ("S925", "银925"),
        ("S990", "足银"),
    ],
)
def test_gb11887_designations(code: str, zh: str) -> None:
    term = metals.METALS.get(code)
    assert term.zh == zh
    assert str(term.fineness) in term.criteria_zh


@pytest.mark.parametrize(
    ("mark", "code"),
    [
        ("G18K", "Au750"),
        ("18k", "Au750"),
        ("PT950", "Pt950"),
        ("足金", "Au990"),
        ("银925", "S925"),
        ("Au 585", "Au585"),
    ],
)
def test_hallmarks_are_recognised(mark: str, code: str) -> None:
    found = metals.metal_from_mark(mark)
    assert found is not None and found.code == code


def test_unknown_mark_is_not_guessed() -> None:
    assert metals.metal_from_mark("Au800") is None
    assert metals.metal_from_mark("") is None


def test_diamond_colour_scale_d_to_n_is_100_to_90() -> None:
    letters = "DEFGHIJKLMN"
    for offset, letter in enumerate(letters):
        assert diamond.colour_number(letter) == str(100 - offset)
    assert diamond.colour_number("<N") == "<90"
    assert diamond.DIAMOND_COLOURS.find("97").code == "G"


def test_diamond_clarity_order_and_mounted_groups() -> None:
    assert diamond.DIAMOND_CLARITIES.codes == ("LC", "VVS1", "VVS2", "VS1", "VS2", "SI1", "SI2", "P1", "P2", "P3")
    grouped = [c for group in diamond.MOUNTED_CLARITY_GROUPS.values() for c in group]
    assert tuple(grouped) == diamond.DIAMOND_CLARITIES.codes
    assert diamond.mounted_colour_group("G") == "F-G"
    assert diamond.DIAMOND_CLARITIES.find("IF").code == "LC"


def test_cut_grades() -> None:
    assert [t.zh for t in diamond.DIAMOND_CUTS] == ["极好", "很好", "好", "一般", "差"]
    assert [t.en for t in diamond.DIAMOND_CUTS] == ["Excellent", "Very good", "Good", "Fair", "Poor"]


def test_jadeite_type_from_treatments() -> None:
    assert jadeite.jadeite_type(()) == "A"
    assert jadeite.jadeite_type(("waxing",)) == "A"
    assert jadeite.jadeite_type(("bleaching_filling",)) == "B"
    assert jadeite.jadeite_type(("dyeing",)) == "C"
    assert jadeite.jadeite_type(("bleaching_filling", "dyeing")) == "B+C"
    for term in jadeite.JADEITE_TYPES:
        assert jadeite.jadeite_type(term.treatments) == term.code


def test_treatment_categories_follow_gbt16552() -> None:
    assert gems.treatment_category("heat", "ruby") == gems.OPTIMISATION
    assert gems.treatment_category("filling", "ruby") == gems.TREATMENT
    assert gems.treatment_category("dyeing", "jadeite") == gems.TREATMENT
    assert gems.treatment_category("dyeing", "chalcedony") == gems.OPTIMISATION
    assert gems.treatment_category("colourless_oil", "emerald") == gems.OPTIMISATION
    assert gems.must_declare(["heat", "irradiation", "waxing"], "diamond") == ("irradiation",)


def test_gem_windows_are_ordered() -> None:
    for gem in gems.GEMS:
        for window in (gem.sg, gem.ri):
            if window is not None:
                assert window[0] <= window[1]


def test_phone_grades_have_criteria() -> None:
    assert [t.zh for t in phone.COSMETIC_GRADES] == ["99新", "95新", "9成新", "8成新", "7成新及以下"]
    assert all(t.criteria_zh and t.criteria_en for t in phone.COSMETIC_GRADES)


def test_colour_aliases() -> None:
    assert phone.COLOURS.find("午夜色") is phone.COLOURS.find("Midnight")
    assert phone.COLOURS.find("Midnight Green") is not phone.COLOURS.find("Midnight")
    assert phone.BRANDS.find("苹果") is phone.BRANDS.find("apple")


def test_luhn() -> None:
    assert phone.imei_valid("490154203237518")
    assert not phone.imei_valid("490154203237519")
    assert not phone.imei_valid("49015420323751")
    assert not phone.imei_valid("４９０１５４２０３２３７５１８")  # full-width digits are not ASCII


@given(st.one_of(st.none(), st.integers(), st.text(), st.lists(st.text()), st.floats()))
def test_get_raises_only_validation_error(junk: object) -> None:
    for vocab in ALL:
        try:
            vocab.get(junk)
        except ValidationError:
            pass
        vocab.find(junk)  # never raises
