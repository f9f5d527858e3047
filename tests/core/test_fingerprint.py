"""The comparison rules, on cases worked by hand."""

from __future__ import annotations

import json
from decimal import Decimal as D

import pytest

from app.core import fingerprint as f
from app.core.events import payload_problem
from app.core.fingerprint import Fingerprint, Found, Part, PhoneFacts, PhotoRef, PhotoScore, compare

SAME_PHOTO = PhotoScore(similarity=0.8, inliers=200, features=1400)
OTHER_PHOTO = PhotoScore(similarity=0.12, inliers=30, features=1400)
DARK_PHOTO = PhotoScore(similarity=0.0, inliers=0, features=12)


def ring(**kw) -> Fingerprint:  # type: ignore[no-untyped-def]
    base = dict(
        item_tag="TW2611210000017",
        category="jewelry",
        certificate_no="TWC26120200000178",
        photos=(PhotoRef("front", "a" * 64, "b" * 64), PhotoRef("hallmark", "c" * 64)),
        mass_g=D("5.000"),
        mass_u_g=f.balance_uncertainty(D("5.000"), D("0.001")),
        sg=D("15.60"),
        sg_u=D("0.08"),
        dimensions_mm={"length": D("21.0"), "width": D("20.0")},
    )
    base.update(kw)
    return Fingerprint(**base)  # type: ignore[arg-type]


def weighed(grams: str) -> Found:
    g = D(grams)
    return Found(mass_g=g, mass_u_g=f.balance_uncertainty(g, f.readability_of(grams)))


def test_balance_uncertainty_is_readability_plus_a_hundredth_of_a_percent() -> None:
    assert f.readability_of("12.340") == D("0.001") and f.readability_of("7") == D(1)
    assert f.readability_of(D("0.2500")) == D("0.0001")
    # 5.000 g on a 1 mg balance: 0.001 + 5 × 0.0001 = 0.0015 g
    assert f.balance_uncertainty(D("5.000"), D("0.001")) == D("0.0015")


@pytest.mark.parametrize(
    ("grams", "verdict"),
    [
        # u_c = sqrt(0.0015² + 0.0015004²) = 0.0021216 g
        ("5.000", "same"),
        ("5.004", "same"),  # 0.004 / 0.0021216 = 1.89 ≤ 2
        ("4.996", "same"),
        ("5.006", "unknown"),  # 2.83: between k = 2 and k = 3
        ("5.007", "different"),  # 3.30 > 3
        ("4.900", "different"),  # a lighter copy of the same ring
    ],
)
def test_mass_against_the_combined_uncertainty(grams: str, verdict: str) -> None:
    out = compare(ring(), weighed(grams), {})
    finding = out.finding("mass_g")
    assert finding is not None and finding.verdict == verdict
    assert out.evidence["mass"]["k_same"] == 2 and out.evidence["mass"]["k_different"] == 3
    assert out.evidence["mass"]["difference_g"] == pytest.approx(float(D(grams) - D("5.000")))


def test_mass_without_any_uncertainty_is_same_only_when_equal() -> None:
    fp = ring(mass_u_g=None)
    assert compare(fp, Found(mass_g=D("5.000")), {}).finding("mass_g").verdict == "same"  # type: ignore[union-attr]
    assert compare(fp, Found(mass_g=D("5.001")), {}).finding("mass_g").verdict == "unknown"  # type: ignore[union-attr]


def test_a_returned_ring_that_matches_is_the_same_piece() -> None:
    out = compare(ring(), weighed("5.001"), {"front": SAME_PHOTO, "hallmark": SAME_PHOTO})
    assert out.same_piece == "yes"
    assert out.finding("photo.front").verdict == "same"  # type: ignore[union-attr]
    assert out.evidence["photos"]["front"]["inliers"] == 200


def test_the_swap_same_mass_other_photo_is_not_the_same_piece() -> None:
    out = compare(ring(), weighed("5.000"), {"front": OTHER_PHOTO, "hallmark": SAME_PHOTO})
    assert out.same_piece == "no" and [d.field for d in out.differences] == ["photo.front"]


def test_a_lighter_copy_is_not_the_same_piece_even_when_photos_are_unclear() -> None:
    out = compare(ring(), weighed("4.900"), {"front": DARK_PHOTO})
    assert out.same_piece == "no"
    assert out.finding("photo.front").verdict == "unknown"  # type: ignore[union-attr]


def test_too_little_evidence_is_undetermined() -> None:
    assert compare(ring(), weighed("5.000"), {}).same_piece == "undetermined"  # mass alone
    assert compare(ring(), Found(), {"front": SAME_PHOTO}).same_piece == "undetermined"  # one photo alone
    assert compare(ring(), Found(), {"front": DARK_PHOTO, "hallmark": DARK_PHOTO}).same_piece == "undetermined"
    assert compare(ring(), weighed("5.006"), {"front": SAME_PHOTO}).same_piece == "undetermined"


def test_photo_verdicts_at_the_thresholds() -> None:
    assert f.photo_verdict(None) == "unknown"
    assert f.photo_verdict(PhotoScore(0.9, 500, f.PHOTO_MIN_FEATURES - 1)) == "unknown"  # cannot judge
    assert f.photo_verdict(PhotoScore(f.PHOTO_SAME_SIMILARITY, f.PHOTO_SAME_INLIERS, 1000)) == "same"
    assert f.photo_verdict(PhotoScore(0.9, f.PHOTO_SAME_INLIERS - 1, 1000)) == "unknown"
    assert f.photo_verdict(PhotoScore(0.9, f.PHOTO_DIFFERENT_INLIERS - 1, 1000)) == "different"
    # matched on the design, but the wear does not line up: another piece of the same model
    assert f.photo_verdict(PhotoScore(f.PHOTO_DIFFERENT_SIMILARITY - 0.01, 80, 1000)) == "different"
    # matched at very many points but the detail is washed out (glare): cannot be told
    assert f.photo_verdict(PhotoScore(0.27, f.PHOTO_MANY_INLIERS, 1000)) == "unknown"


def test_sg_intervals_and_dimensions() -> None:
    found = Found(sg=D("15.70"), sg_u=D("0.05"), dimensions_mm={"length": D("21.25"), "width": D("20.9")})
    out = compare(ring(), found, {})
    assert out.finding("specific_gravity").verdict == "same"  # |0.10| ≤ 0.08 + 0.05  # type: ignore[union-attr]
    # length tolerance 0.1 + 0.21 = 0.31: 0.25 same; width tolerance 0.30: 0.9 > 2 × 0.30 different
    assert out.finding("dimensions.length_mm").verdict == "same"  # type: ignore[union-attr]
    assert out.finding("dimensions.width_mm").verdict == "different"  # type: ignore[union-attr]
    assert (
        compare(ring(), Found(sg=D("13.2"), sg_u=D("0.1")), {})
        .finding(  # type: ignore[union-attr]
            "specific_gravity"
        )
        .verdict
        == "different"
    )


REPORT = {
    "identity": {
        "model_number": "A2633",
        "marketing_name": "iPhone 13",
        "storage_gb": 128,
        "color": "Midnight",
        "serial": "F2LXK0ABCDEF",
        "imei": "356789104567894",
        "imei2": "356789104567902",
    },
    "battery": {"health_pct": 87, "cycle_count": 412},
    "parts": [
        {"part": "screen", "status": "original", "serial": "SCR-1"},
        {"part": "battery", "status": "original"},
        {"part": "rear_camera", "status": "replaced"},
        {"part": "face_id", "status": "unknown"},
    ],
}


def phone(**identity) -> PhoneFacts:  # type: ignore[no-untyped-def]
    report = json.loads(json.dumps(REPORT))
    report["identity"].update(identity)
    return PhoneFacts.from_report(report)


def phone_fp() -> Fingerprint:
    return Fingerprint("TW2611210000099", "phone", "TWC26120200000299", (PhotoRef("back", "d" * 64),), phone=phone())


def test_box_report_to_phone_facts() -> None:
    p = phone()
    assert (p.imei, p.imei2, p.serial, p.model, p.colour, p.storage_gb) == (
        "356789104567894",
        "356789104567902",
        "F2LXK0ABCDEF",
        "A2633",
        "Midnight",
        128,
    )
    assert p.parts[0] == Part("screen", "original", "SCR-1") and (p.battery_cycles, p.battery_health_pct) == (412, 87)
    hostile = PhoneFacts.from_report(
        {
            "identity": "nonsense",
            "battery": {"cycle_count": True, "health_pct": "87"},
            "parts": [None, {"part": 7}, {"part": "screen"}],
        }
    )
    assert hostile.imei is None and hostile.battery_cycles is None and hostile.battery_health_pct is None
    assert hostile.parts == (Part("screen"),)


def test_same_phone_with_more_cycles_is_the_same_piece() -> None:
    report = json.loads(json.dumps(REPORT))
    report["battery"] = {"health_pct": 86, "cycle_count": 430}
    out = compare(phone_fp(), Found(phone=PhoneFacts.from_report(report)), {"back": SAME_PHOTO})
    assert out.same_piece == "yes" and not out.differences
    assert out.evidence["identity"] == {"imei": "same", "imei2": "same", "serial": "same"}


def test_another_phone_of_the_same_model_and_colour_is_not() -> None:
    other = phone(imei="356789104567811", imei2="356789104567829", serial="F2LXK0ZZZZZZ")
    out = compare(phone_fp(), Found(phone=other), {"back": OTHER_PHOTO})
    assert out.same_piece == "no"
    assert {d.field for d in out.differences} >= {"imei", "imei2", "serial"}
    assert out.finding("model").verdict == "same" and out.finding("colour").verdict == "same"  # type: ignore[union-attr]


def test_imei_with_spaces_is_the_same_imei() -> None:
    out = compare(phone_fp(), Found(phone=phone(imei="35 6789 1045 67894")), {})
    assert out.finding("imei").verdict == "same"  # type: ignore[union-attr]


def test_battery_cycles_backwards_and_parts_swapped_are_reported_not_identity() -> None:
    report = json.loads(json.dumps(REPORT))
    report["battery"] = {"health_pct": 100, "cycle_count": 3}
    report["parts"][0] = {"part": "screen", "status": "replaced", "serial": "SCR-9"}
    out = compare(phone_fp(), Found(phone=PhoneFacts.from_report(report)), {})
    diffs = {d.field for d in out.differences}
    assert diffs == {"battery.cycle_count", "battery.health_pct", "part.screen.status", "part.screen.serial"}
    assert out.same_piece == "yes"  # IMEI and serial: the phone sold, with another battery and screen
    # a part that read "unknown" either time cannot be told; one the box cannot see now is unknown
    assert out.finding("part.face_id.status").verdict == "unknown"  # type: ignore[union-attr]


def test_same_imei_but_a_photo_that_differs_is_undetermined() -> None:
    out = compare(phone_fp(), Found(phone=phone()), {"back": OTHER_PHOTO})
    assert out.same_piece == "undetermined"


def test_a_box_that_read_nothing_falls_back_on_photos() -> None:
    out = compare(phone_fp(), Found(phone=PhoneFacts()), {"back": SAME_PHOTO})
    assert out.same_piece == "undetermined" and out.finding("imei").verdict == "unknown"  # type: ignore[union-attr]


def test_payload_shape_of_case_inspected() -> None:
    out = compare(ring(), weighed("5.001"), {"front": SAME_PHOTO, "hallmark": SAME_PHOTO})
    findings = out.payload_findings()
    assert all(set(x) == {"field", "certified", "found"} for x in findings)
    assert json.loads(json.dumps({"findings": findings, "evidence": out.evidence})) == {
        "findings": findings,
        "evidence": out.evidence,
    }  # plain JSON, nothing lost
    assert out.evidence["verdicts"]["mass_g"] == "same" and out.same_piece in f.SAME_PIECE
    assert payload_problem("photo.attached", {"view": "front", "evidence": out.evidence}, ["x"]) is None  # limits


def test_the_inspected_payload_keeps_the_proposal_when_overridden() -> None:
    out = compare(ring(), weighed("5.000"), {})
    payload = out.inspected_payload("CASE-20261202-000045", same_piece="yes")
    assert set(payload) == {"case_id", "same_piece", "findings", "evidence"}
    assert payload["same_piece"] == "yes" and payload["evidence"]["proposed_same_piece"] == "undetermined"
    assert out.inspected_payload("C")["same_piece"] == "undetermined"
    with pytest.raises(ValueError):
        out.inspected_payload("C", same_piece="maybe")  # type: ignore[arg-type]


def test_fingerprint_round_trips_through_its_json() -> None:
    for fp in (ring(), phone_fp()):
        assert Fingerprint.from_dict(json.loads(json.dumps(fp.to_dict()))) == fp
    assert ring().hallmark == PhotoRef("hallmark", "c" * 64)
