"""The cosmetic scale refuses a grade its own criteria exclude; defects the box cannot see
give the platform's ``damaged`` reason with the defect named."""

from __future__ import annotations

import pytest

from app.core import phone_rules
from app.core.errors import ValidationError
from app.core.grading import GradingResult, PhoneResult, allowed_cosmetic_grades
from app.core.vocab import phone

IMEI = "356789104567894"


def _phone(grade: str, marks: tuple[str, ...] = ()) -> PhoneResult:
    return PhoneResult(
        brand="apple", model="iPhone 13", storage_gb=128, imei=IMEI, cosmetic_grade=grade, cosmetic_marks=marks
    )


def test_like_new_excludes_any_mark() -> None:
    with pytest.raises(ValidationError) as err:
        _phone("99", ("frame_hairline",))
    assert "99新" in err.value.zh and "边框或背板细微划痕" in err.value.zh
    assert _phone("95", ("frame_hairline",)).cosmetic_grade == "95"


def test_allowed_grades_follow_the_marks() -> None:
    assert allowed_cosmetic_grades(()) == phone.COSMETIC_GRADES.codes
    assert allowed_cosmetic_grades(("screen_scratch",)) == ("80", "70")
    assert allowed_cosmetic_grades(("deformed_corner",)) == ("70",)


def test_marks_survive_the_payload_and_are_rechecked() -> None:
    result = GradingResult("phone", "pass", phone=_phone("90", ("screen_fine_scratch",)))
    body = result.to_payload()
    assert GradingResult.from_payload(body).phone.cosmetic_marks == ("screen_fine_scratch",)
    body["phone"]["cosmetic_grade"] = "99"  # another station's payload claiming 99新 with a scratch
    with pytest.raises(ValidationError):
        GradingResult.from_payload(body)
    body["phone"]["cosmetic_marks"] = ["teeth_marks"]
    with pytest.raises(ValidationError):
        GradingResult.from_payload(body)


def test_defect_rejection() -> None:
    assert phone_rules.defect_rejection("bent_body", " 中部 ") == ("damaged", "鉴定师发现：机身弯曲；中部")
    with pytest.raises(ValidationError):
        phone_rules.defect_rejection("scratched", "")
    with pytest.raises(ValidationError):
        phone_rules.defect_rejection(None, "")


def test_words_for_codes() -> None:
    from app.core.events import REJECT_REASONS
    from app.core.vocab.reasons import REJECT_REASONS as NAMES
    from app.core.vocab.reasons import reason_name

    assert NAMES.codes == tuple(REJECT_REASONS)  # one list of codes, named once
    assert reason_name("not_as_declared") == "与申报不符" and reason_name("x-new") == "x-new"
    assert phone.box_detail("bottom mic silent") == "底部麦克风无声"
    assert phone.box_detail("antenna weak", "en") == "box says: antenna weak"
    assert phone.box_detail("antenna weak") == "检测盒原文：antenna weak"
    assert phone.colour_name("Midnight") == "午夜色" and phone.colour_name("Cosmic Orange") == "Cosmic Orange"
