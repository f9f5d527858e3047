"""Grading result model: validation against vocabularies and payload round-trips."""

from __future__ import annotations

import json
from decimal import Decimal as D
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.core.errors import ValidationError
from app.core.events import payload_problem
from app.core.grading import (
    DiamondGrades,
    Disclosure,
    Evaluation,
    Finding,
    GradingResult,
    JadeiteGrades,
    JewelryResult,
    PhoneResult,
    Stone,
)
from app.core.vocab import diamond, gems, jadeite, metals, phone, pieces

GOOD_IMEI = "356789104567894"


def phone_result(**changes: Any) -> PhoneResult:
    base: dict[str, Any] = {
        "brand": "apple",
        "model": "iPhone 13",
        "storage_gb": 128,
        "imei": GOOD_IMEI,
        "cosmetic_grade": "95",
        "colour": "midnight",
        "disclosures": (Disclosure("part_replaced", "rear_camera", "后置摄像头已更换", "rear camera replaced"),),
        "skipped_tests": ("buttons",),
    }
    base.update(changes)
    return PhoneResult(**base)


def test_jewelry_payload_is_json_and_round_trips() -> None:
    result = GradingResult(
        "jewelry",
        "pass",
        jewelry=JewelryResult(
            "pendant",
            "Au750",
            Stone(
                "diamond", mass_ct=D("0.30"), shape="round_brilliant", diamond=DiamondGrades("F-G", "VS", "EX", "none")
            ),
            side_stones=(Stone("diamond", count=8, mass_ct=D("0.0800")),),
            total_mass_g=D("2.347"),
        ),
    )
    payload = result.event_payload(revision=1)
    assert payload_problem("grading.recorded", payload) is None
    body = json.loads(json.dumps(payload))
    assert body["result"]["name"] == {"zh": "18K金镶钻石吊坠", "en": "18K gold diamond pendant"}
    assert body["result"]["jewelry"]["total_mass_g"] == 2.347
    assert GradingResult.from_payload(body["result"]) == result


def test_phone_payload_round_trips() -> None:
    result = GradingResult("phone", "pass", phone=phone_result())
    assert GradingResult.from_payload(json.loads(json.dumps(result.to_payload()))) == result


def test_fail_needs_platform_reason() -> None:
    jewel = JewelryResult("bangle", "Au990")
    with pytest.raises(ValidationError):
        GradingResult("jewelry", "fail", jewelry=jewel)
    with pytest.raises(ValidationError):
        GradingResult("jewelry", "fail", jewelry=jewel, reason_code="ugly")
    with pytest.raises(ValidationError):
        GradingResult("jewelry", "pass", jewelry=jewel, reason_code="counterfeit")
    assert GradingResult("jewelry", "fail", jewelry=jewel, reason_code="counterfeit").verdict == "fail"


def test_phone_with_bad_imei_can_fail_but_not_pass() -> None:
    liar = phone_result(imei="356789104567891")
    assert GradingResult("phone", "fail", phone=liar, reason_code="not_as_declared")
    with pytest.raises(ValidationError):
        GradingResult("phone", "pass", phone=liar)
    with pytest.raises(ValidationError):
        GradingResult("phone", "pass", phone=phone_result(imei=None))


def test_category_must_match_content() -> None:
    with pytest.raises(ValidationError):
        GradingResult("phone", "pass", jewelry=JewelryResult("bangle", "Au990"))
    with pytest.raises(ValidationError):
        GradingResult("jewelry", "pass")


@pytest.mark.parametrize(
    "build",
    [
        lambda: phone_result(brand="nokia3310"),
        lambda: phone_result(cosmetic_grade="100"),
        lambda: phone_result(colour="rainbow"),
        lambda: phone_result(imei="12345"),
        lambda: phone_result(storage_gb=True),
        lambda: phone_result(battery_health_pct=101),
        lambda: Disclosure("secret", "x", "x", "x"),
        lambda: Stone("ruby", mass_ct=D("0.12345")),  # more than 4 decimals
        lambda: Stone("ruby", mass_ct=D("-1")),
        lambda: Stone("ruby", count=0),
        lambda: Stone("ruby", diamond=DiamondGrades("D", "IF")),
        lambda: Stone("jadeite", treatments=("dyeing",), jadeite=JadeiteGrades("good", "T2", "Te2", "C2")),
        lambda: JadeiteGrades("good", "T9", "Te2", "C2"),
        lambda: JewelryResult("ring", "Au750", Stone("diamond", diamond=DiamondGrades("F", "VS1"))),  # mounted: groups
        lambda: JewelryResult("loose_stone", main_stone=Stone("diamond", diamond=DiamondGrades("F-G", "VS"))),
        lambda: JewelryResult("loose_stone", main_stone=Stone("diamond", diamond=DiamondGrades("F", "VS1", "XX"))),
    ],
)
def test_unknown_codes_are_rejected(build) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError):
        build()


def test_loose_diamond_takes_single_grades() -> None:
    stone = Stone("diamond", mass_ct=D("0.5012"), diamond=DiamondGrades("F", "VS1", "VG", "faint"))
    assert JewelryResult("loose_stone", main_stone=stone).main_stone == stone


def test_evaluation_reason_priority() -> None:
    e = Evaluation(
        (
            Finding("a", "", "", "fail", "not_as_declared"),
            Finding("b", "", "", "warning"),
            Finding("c", "", "", "fail", "counterfeit"),
        )
    )
    assert e.verdict == "fail" and e.reason_code == "counterfeit"
    assert Evaluation((Finding("x", "", "", "fail", "nonsense"),)).reason_code == "other"
    assert Evaluation(()).verdict == "pass"


# ---------------------------------------------------------------- property tests


def codes(vocab: Any) -> st.SearchStrategy[str]:
    return st.sampled_from(vocab.codes)


masses = st.decimals(min_value=D("0.0001"), max_value=D("9999.9999"), places=4)
natural_gems = st.sampled_from([g.code for g in gems.GEMS if g.nature == gems.NATURAL])
treatment_sets = st.lists(codes(gems.TREATMENTS), unique=True, max_size=3).map(tuple)


@st.composite
def stones(draw: st.DrawFn) -> Stone:
    kind = draw(st.sampled_from(["natural", "synthetic", "imitation", "composite", "diamond", "jadeite"]))
    extra = {
        "mass_ct": draw(st.none() | masses),
        "count": draw(st.integers(1, 50)),
        "shape": draw(st.none() | codes(pieces.SHAPES)),
    }
    if kind == "natural":
        return Stone(draw(natural_gems), treatments=draw(treatment_sets), **extra)
    if kind == "synthetic":
        return Stone(draw(st.sampled_from([g.code for g in gems.GEMS if g.synthetic_exists])), "synthetic", **extra)
    if kind == "imitation":
        target = draw(natural_gems)
        material = draw(st.sampled_from(["glass", "plastic", "cubic_zirconia", None]))
        return Stone(material, "imitation", imitates=target, **extra)
    if kind == "composite":
        parts = tuple(Stone(draw(natural_gems)) for _ in range(draw(st.integers(2, 3))))
        return Stone(None, "composite", components=parts, **extra)
    if kind == "jadeite":
        grades = JadeiteGrades(
            draw(codes(jadeite.JADEITE_COLOURS)),
            draw(codes(jadeite.JADEITE_TRANSPARENCIES)),
            draw(codes(jadeite.JADEITE_TEXTURES)),
            draw(codes(jadeite.JADEITE_CLARITIES)),
        )
        return Stone("jadeite", treatments=draw(st.sampled_from([(), ("waxing",)])), jadeite=grades, **extra)
    grades = DiamondGrades(
        draw(st.sampled_from(list(diamond.MOUNTED_COLOUR_GROUPS))),
        draw(st.sampled_from(list(diamond.MOUNTED_CLARITY_GROUPS))),
        draw(st.none() | codes(diamond.DIAMOND_CUTS)),
        draw(st.none() | codes(diamond.DIAMOND_FLUORESCENCE)),
    )
    return Stone("diamond", diamond=grades, **extra)


@st.composite
def jewelry_results(draw: st.DrawFn) -> GradingResult:
    piece = draw(st.sampled_from([p.code for p in pieces.PIECES if p.mounted]))
    metal = draw(st.none() | codes(metals.METALS))
    main = draw(stones())
    if metal in (None, "base"):
        main = main  # a stone is then required, which we have
    j = JewelryResult(piece, metal, main, tuple(draw(st.lists(stones(), max_size=2))), draw(st.none() | masses))
    verdict = draw(st.sampled_from(["pass", "fail"]))
    reason = draw(st.sampled_from(["counterfeit", "other"])) if verdict == "fail" else None
    return GradingResult("jewelry", verdict, jewelry=j, reason_code=reason, note=draw(st.text(max_size=20)))


@settings(max_examples=150)
@given(jewelry_results())
def test_jewelry_round_trip(result: GradingResult) -> None:
    text = json.dumps(result.to_payload(), ensure_ascii=False)
    assert GradingResult.from_payload(json.loads(text)) == result


@given(
    st.builds(
        phone_result,
        cosmetic_grade=codes(phone.COSMETIC_GRADES),
        colour=st.none() | codes(phone.COLOURS),
        storage_gb=st.sampled_from([64, 128, 256, 512, 1024]),
        battery_health_pct=st.none() | st.integers(0, 100),
        skipped_tests=st.lists(codes(phone.FUNCTION_TESTS), max_size=3).map(tuple),
    )
)
def test_phone_round_trip(p: PhoneResult) -> None:
    result = GradingResult("phone", "pass", phone=p)
    assert GradingResult.from_payload(json.loads(json.dumps(result.to_payload()))) == result


_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
    lambda c: st.lists(c, max_size=3) | st.dictionaries(st.text(max_size=8), c, max_size=4),
    max_leaves=12,
)


@given(_json)
def test_from_payload_junk_raises_only_validation_error(junk: object) -> None:
    try:
        GradingResult.from_payload(junk)
    except ValidationError:
        pass


@given(jewelry_results(), st.sampled_from(["piece", "metal", "main_stone", "total_mass_g", "side_stones"]), _json)
def test_from_payload_corrupted_field(result: GradingResult, key: str, junk: object) -> None:
    payload = json.loads(json.dumps(result.to_payload()))
    payload["jewelry"][key] = junk
    try:
        GradingResult.from_payload(payload)
    except ValidationError:
        pass


STONE_KEYS = [
    "material",
    "origin",
    "treatments",
    "imitates",
    "material_origin",
    "components",
    "mass_ct",
    "count",
    "shape",
    "diamond",
    "jadeite",
]
GRADE_KEYS = ["colour", "clarity", "cut", "fluorescence", "transparency", "texture"]
PHONE_KEYS = [
    "brand",
    "model",
    "storage_gb",
    "colour",
    "imei",
    "imei2",
    "cosmetic_grade",
    "battery_health_pct",
    "report_id",
    "disclosures",
    "skipped_tests",
]


@given(st.sampled_from(STONE_KEYS), _json, st.sampled_from(GRADE_KEYS), _json)
def test_from_payload_corrupted_stone(key: str, junk: object, grade_key: str, grade_junk: object) -> None:
    result = GradingResult(
        "jewelry", "pass", jewelry=JewelryResult("ring", "Au750", Stone("diamond", diamond=DiamondGrades("D-E", "VVS")))
    )
    payload = json.loads(json.dumps(result.to_payload()))
    stone = payload["jewelry"]["main_stone"]
    stone["diamond"][grade_key] = grade_junk
    stone["jadeite"] = {k: grade_junk for k in GRADE_KEYS}
    stone[key] = junk
    try:
        GradingResult.from_payload(payload)
    except ValidationError:
        pass


@given(st.sampled_from(PHONE_KEYS), _json, st.sampled_from(["category", "verdict", "reason_code", "note"]), _json)
def test_from_payload_corrupted_phone(key: str, junk: object, top: str, top_junk: object) -> None:
    payload = json.loads(json.dumps(GradingResult("phone", "pass", phone=phone_result()).to_payload()))
    payload["phone"][key] = junk
    payload[top] = top_junk
    try:
        GradingResult.from_payload(payload)
    except ValidationError:
        pass


@pytest.mark.parametrize("junk", [[], {}, [1], {"a": 1}, 1.5, None, True])
def test_unhashable_codes_in_grades(junk: object) -> None:
    for build in (
        lambda: DiamondGrades(junk, junk).check(mounted=True),  # type: ignore[arg-type]
        lambda: DiamondGrades(junk, junk).check(mounted=False),  # type: ignore[arg-type]
        lambda: Stone(junk),  # type: ignore[arg-type]
        lambda: Stone("ruby", junk),
    ):  # type: ignore[arg-type]
        with pytest.raises(ValidationError):
            build()
