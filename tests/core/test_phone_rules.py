"""Phone rules on the protocol spec's sample report and variations of it."""

from __future__ import annotations

import copy
import json
import re
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.core.errors import ValidationError
from app.core.phone_rules import check_report, draft_result, evaluate_report, warranty_until

SPEC = Path(__file__).resolve().parents[2] / ".." / "shared" / "specs" / "inspection-box-protocol.md"

# The report object exactly as printed in inspection-box-protocol.md (copied so the tests
# do not depend on the spec file being present).
SAMPLE: dict[str, Any] = {
    "report_version": 2,
    "started_at": "2026-11-21T08:20:11.000Z",
    "finished_at": "2026-11-21T08:22:40.000Z",
    "identity": {
        "platform": "ios",
        "brand": "Apple",
        "model_number": "A2633",
        "marketing_name": "iPhone 13",
        "storage_gb": 128,
        "color": "Midnight",
        "serial": "F2LXK0ABCDEF",
        "imei": "356789104567894",
        "imei2": "356789104567902",
        "os_version": "17.5.1",
        "region_code": "CH/A",
    },
    "battery": {
        "health_pct": 87,
        "cycle_count": 412,
        "design_capacity_mah": 3227,
        "full_charge_capacity_mah": 2808,
        "original": True,
    },
    "parts": [
        {"part": "screen", "status": "original"},
        {"part": "battery", "status": "original"},
        {"part": "rear_camera", "status": "replaced", "detail": "serial mismatch"},
        {"part": "front_camera", "status": "original"},
        {"part": "face_id", "status": "original"},
        {"part": "logic_board", "status": "original"},
    ],
    "locks": {"activation_lock": False, "mdm": False, "carrier_lock": False},
    "functions": [
        {"test": "touch", "result": "pass"},
        {"test": "display", "result": "pass"},
        {"test": "speaker", "result": "pass"},
        {"test": "microphone", "result": "fail", "detail": "bottom mic silent"},
        {"test": "wifi", "result": "pass"},
        {"test": "bluetooth", "result": "pass"},
        {"test": "cellular", "result": "pass"},
        {"test": "buttons", "result": "skipped"},
    ],
    "flags": {"jailbroken": False, "liquid_damage": False},
    "box_qr": "TWB2:RPT-0000123456",
}
# The ASN line L2 of platform-api.md §1.
DECLARED = {"brand": "Apple", "model": "iPhone 13", "storage_gb": 128, "color": "午夜色", "imei": "356789104567891"}

# The spec's sample IMEIs have right check digits since version 2 of the box protocol
# (…894, …902); the first version printed …891 and …909, which fail Luhn: a phone that lies.
GOOD_IMEI, GOOD_IMEI2 = "356789104567894", "356789104567902"
LYING_IMEI, LYING_IMEI2 = "356789104567891", "356789104567909"


def good_report() -> dict[str, Any]:
    report = copy.deepcopy(SAMPLE)
    report["identity"]["imei"], report["identity"]["imei2"] = GOOD_IMEI, GOOD_IMEI2
    return report


def lying_report() -> dict[str, Any]:
    report = copy.deepcopy(SAMPLE)
    report["identity"]["imei"], report["identity"]["imei2"] = LYING_IMEI, LYING_IMEI2
    return report


def codes(e) -> list[str]:  # type: ignore[no-untyped-def]
    return [f.code for f in e.findings]


def test_sample_matches_spec_file() -> None:
    if not SPEC.exists():
        pytest.skip("shared specs not beside the repository")
    text = SPEC.read_text(encoding="utf-8")
    block = re.search(r"## Report.*?```json\n(.*?)```", text, re.S)
    assert block is not None and json.loads(block.group(1)) == SAMPLE


def test_wrong_imei_check_digits_mean_the_phone_lies() -> None:
    # IMEIs that fail the Luhn check: by the spec the phone lies.
    e = evaluate_report(lying_report(), DECLARED)
    assert codes(e) == ["imei_invalid", "imei_invalid"]
    assert e.verdict == "fail" and e.reason_code == "not_as_declared"


def test_replaced_camera_and_failed_microphone_are_disclosed_not_failed() -> None:
    e = evaluate_report(good_report(), dict(DECLARED, imei=GOOD_IMEI))
    assert e.verdict == "pass" and e.findings == ()
    assert [(d.kind, d.subject) for d in e.disclosures] == [
        ("part_replaced", "rear_camera"),
        ("function_failed", "microphone"),
    ]
    assert "后置摄像头已更换" in e.disclosures[0].zh and "bottom mic silent" in e.disclosures[1].en
    assert e.skipped_tests == ("buttons",)


def test_declared_imei2_also_matches() -> None:
    assert evaluate_report(good_report(), dict(DECLARED, imei=GOOD_IMEI2)).verdict == "pass"


@pytest.mark.parametrize("lock", ["activation_lock", "mdm"])
def test_locks_fail_with_activation_locked(lock: str) -> None:
    report = good_report()
    report["locks"][lock] = True
    e = evaluate_report(report)
    assert e.verdict == "fail" and e.reason_code == "activation_locked"


def test_unread_lock_warns() -> None:
    report = good_report()
    report["locks"] = None
    e = evaluate_report(report)
    assert e.verdict == "pass" and "activation_lock_unread" in codes(e)


def test_imei_mismatches() -> None:
    e = evaluate_report(good_report(), dict(DECLARED, imei="490154203237518"))
    assert codes(e) == ["imei_mismatch_declared"] and e.reason_code == "not_as_declared"
    e = evaluate_report(good_report(), recorded_imei="490154203237518")
    assert codes(e) == ["imei_mismatch_record"] and e.verdict == "fail"
    report = good_report()
    report["identity"]["imei"] = report["identity"]["imei2"] = None
    assert codes(evaluate_report(report)) == ["imei_unread"]


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        ("storage_gb", 256, "storage_differs"),
        ("storage_gb", "128GB", None),
        ("color", "星光色", "colour_differs"),
        ("color", "Midnight", None),
        ("color", "午夜色 ", None),
        ("model", "苹果13", None),
        ("model", "A2633", None),
        ("model", "iPhone 13 Pro", "model_differs"),
        ("brand", "苹果", None),
        ("brand", "Samsung", "brand_differs"),
    ],
)
def test_declaration_comparison(field: str, value: object, code: str | None) -> None:
    e = evaluate_report(good_report(), {field: value})
    assert codes(e) == ([code] if code else [])


def test_unread_colour_is_a_warning() -> None:
    report = good_report()
    report["identity"]["color"] = None
    e = evaluate_report(report, {"color": "午夜色"})
    assert codes(e) == ["colour_unread"] and e.verdict == "pass"


def test_unknown_part_and_battery_disclosures() -> None:
    report = good_report()
    report["parts"].append({"part": "lidar", "status": "replaced"})
    report["parts"].append({"part": "screen", "status": None})
    report["battery"] = {"health_pct": 72, "original": False}
    report["functions"].append({"test": "nfc", "result": None})
    e = evaluate_report(report)
    kinds = [(d.kind, d.subject) for d in e.disclosures]
    assert ("part_replaced", "lidar") in kinds and ("part_unverified", "screen") in kinds
    assert ("battery_not_original", "battery") in kinds and ("battery_worn", "battery") in kinds
    assert e.skipped_tests == ("buttons", "nfc")


@pytest.mark.parametrize(
    "mutate",
    [
        lambda r: r.update(report_version=3),
        lambda r: r.update(identity=None),
        lambda r: r.update(parts="screen"),
        lambda r: r["parts"].append("screen"),
        lambda r: r["parts"].append({"part": "screen", "status": "broken"}),
        lambda r: r["functions"].append({"result": "pass"}),
        lambda r: r.update(locks=[]),
    ],
)
def test_malformed_reports_are_rejected_with_reason(mutate) -> None:  # type: ignore[no-untyped-def]
    report = good_report()
    mutate(report)
    with pytest.raises(ValidationError) as caught:
        evaluate_report(report)
    assert caught.value.code == "malformed_report" and caught.value.zh


def test_draft_result() -> None:
    report = good_report()
    e = evaluate_report(report, DECLARED | {"imei": GOOD_IMEI})
    result = draft_result(report, e, cosmetic_grade="95", report_id="RPT-0000123456")
    assert (result.brand, result.model, result.storage_gb, result.colour) == ("apple", "iPhone 13", 128, "midnight")
    assert result.imei == GOOD_IMEI and result.battery_health_pct == 87 and len(result.disclosures) == 2


def test_warranty_is_180_days() -> None:
    assert warranty_until(datetime(2026, 11, 21, 8, 0, tzinfo=UTC)) == datetime(2027, 5, 20, 8, 0, tzinfo=UTC)
    assert warranty_until(date(2026, 1, 1)) == date(2026, 6, 30)
    with pytest.raises(ValidationError):
        warranty_until(datetime(2026, 1, 1))
    with pytest.raises(ValidationError):
        warranty_until("2026-01-01")  # type: ignore[arg-type]


_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
    lambda c: st.lists(c, max_size=3) | st.dictionaries(st.text(max_size=6), c, max_size=3),
    max_leaves=10,
)


@given(st.sampled_from(["identity", "battery", "parts", "locks", "functions", "flags"]), _json, _json)
def test_junk_never_raises_anything_but_validation_error(section: str, value: object, declared: object) -> None:
    report = good_report()
    report[section] = value
    try:
        e = evaluate_report(report, declared, recorded_imei=value if isinstance(value, str) else None)
    except ValidationError:
        return
    assert e.verdict in ("pass", "fail")


@given(_json)
def test_junk_identity_fields(value: object) -> None:
    report = good_report()
    for key in ("brand", "marketing_name", "storage_gb", "color", "imei", "model_number"):
        report["identity"][key] = value
    try:
        evaluate_report(report, DECLARED)
        check_report(report)
    except ValidationError:
        pass
