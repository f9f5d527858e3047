"""Grading revisions, pass → review, fail → reject, and what a pass requires."""

from __future__ import annotations

from decimal import Decimal as D

import numpy as np
import pytest
from sqlalchemy import select

from app.core.errors import IllegalTransition, PermissionDenied, ValidationError
from app.core.grading import DiamondGrades, GradingResult, JewelryResult, PhoneResult, Stone
from app.devices.camera import encode_still
from app.store.models import AuditEntry, OutboxEvent
from tests.helpers import receive_one

SCALE = {"type": "scale", "model": "XPR204", "serial": "B912345678"}
IMEI = "356789104567894"  # valid check digit


def _photo(seed: int) -> bytes:
    frame = np.full((48, 64, 3), seed % 255, dtype=np.uint8)
    return encode_still(frame).jpeg


def _ready(station, people, mass: str = "2.3490", views=("front", "back", "hallmark", "detail")):  # type: ignore[no-untyped-def]
    tag = receive_one(station, people).tag
    station.appraisal.start(people.appraiser, tag)
    station.appraisal.record_measurement(people.appraiser, tag, "mass", D(mass), "g", device=SCALE)
    for i, view in enumerate(views):
        station.photos.attach(people.appraiser, _photo(i * 40 + 7), view, tag=tag, device={"type": "camera"})
    return tag


def _pendant(mass: str = "2.349", metal: str = "Au750") -> JewelryResult:
    return JewelryResult(
        piece="pendant",
        metal=metal,
        total_mass_g=D(mass),
        main_stone=Stone("diamond", mass_ct=D("0.30"), diamond=DiamondGrades("D-E", "VVS")),
    )


def _events(station, kind: str) -> list[OutboxEvent]:
    with station.db.read() as s:
        return list(s.execute(select(OutboxEvent).where(OutboxEvent.type == kind).order_by(OutboxEvent.seq)).scalars())


def test_pass_goes_to_review_with_composed_name(station, people) -> None:
    tag = _ready(station, people)
    g = station.appraisal.record_grading(people.appraiser, tag, GradingResult("jewelry", "pass", jewelry=_pendant()))
    assert (g.revision, g.name, g.item_state, g.graded_by) == (1, "18K金镶钻石吊坠", "in_review", "appraiser.li")
    assert station.items.find(tag).state == "in_review"
    event = _events(station, "grading.recorded")[-1]
    assert event.payload["revision"] == 1 and event.payload["verdict"] == "pass"
    assert event.payload["result"]["name"]["zh"] == "18K金镶钻石吊坠"
    assert station.appraisal.latest_grading(tag).result.jewelry == _pendant()


def test_fail_stays_graded_then_reject(station, people) -> None:
    tag = _ready(station, people)
    fail = GradingResult("jewelry", "fail", jewelry=_pendant(metal="Au585"), reason_code="not_as_declared")
    g = station.appraisal.record_grading(people.appraiser, tag, fail)
    assert g.item_state == "graded" and g.reason_code == "not_as_declared"
    # a correction before review is revision 2, and the audit names what changed
    g2 = station.appraisal.record_grading(
        people.appraiser,
        tag,
        GradingResult("jewelry", "fail", jewelry=_pendant(metal="Au375"), reason_code="not_as_declared"),
    )
    assert g2.revision == 2 and [x.revision for x in station.appraisal.gradings(tag)] == [1, 2]
    with station.db.read() as s:
        last = (
            s.execute(
                select(AuditEntry).where(AuditEntry.action == "record_grading").order_by(AuditEntry.chain_index.desc())
            )
            .scalars()
            .first()
        )
    assert last.actor == "appraiser.li" and last.detail["changes"]["jewelry.metal"] == ["Au585", "Au375"]
    with pytest.raises(ValidationError):
        station.appraisal.reject(people.appraiser, tag, "because", "x")
    with pytest.raises(ValidationError):
        station.appraisal.reject(people.appraiser, tag, "not_as_declared", "  ")
    view = station.appraisal.reject(people.appraiser, tag, "not_as_declared", "申报18K，实测9K")
    assert view.state == "rejected"
    assert _events(station, "item.rejected")[-1].payload == {
        "reason_code": "not_as_declared",
        "note": "申报18K，实测9K",
    }
    with pytest.raises(IllegalTransition):
        station.appraisal.record_grading(people.appraiser, tag, fail)


def test_pass_requires_recorded_mass_and_photos(station, people) -> None:
    tag = _ready(station, people, views=("front", "back"))
    with pytest.raises(ValidationError) as err:
        station.appraisal.record_grading(people.appraiser, tag, GradingResult("jewelry", "pass", jewelry=_pendant()))
    assert "印记" in err.value.zh and "detail" in err.value.en
    station.photos.attach(people.appraiser, _photo(1), "hallmark", tag=tag)
    station.photos.attach(people.appraiser, _photo(2), "detail", tag=tag)
    with pytest.raises(ValidationError) as err:  # a typed mass that no balance measured
        station.appraisal.record_grading(
            people.appraiser, tag, GradingResult("jewelry", "pass", jewelry=_pendant("2.40"))
        )
    assert "2.349" in err.value.en
    assert station.appraisal.gradings(tag) == [] and station.items.find(tag).state == "in_appraisal"
    assert (
        station.appraisal.record_grading(
            people.appraiser, tag, GradingResult("jewelry", "pass", jewelry=_pendant())
        ).item_state
        == "in_review"
    )


def test_permissions_and_states(station, people) -> None:
    item = receive_one(station, people)
    result = GradingResult("jewelry", "fail", jewelry=_pendant(), reason_code="other")
    with pytest.raises(IllegalTransition):  # not started
        station.appraisal.record_grading(people.appraiser, item.tag, result)
    station.appraisal.start(people.appraiser, item.tag)
    for who in (people.clerk, people.supervisor):
        with pytest.raises(PermissionDenied):
            station.appraisal.record_grading(who, item.tag, result)
    with pytest.raises(PermissionDenied):
        station.appraisal.reject(people.clerk, item.tag, "other", "x")
    phone_result = GradingResult(
        "phone",
        "fail",
        reason_code="other",
        phone=PhoneResult(brand="apple", model="iPhone 13", storage_gb=128, imei=None, cosmetic_grade="95"),
    )
    with pytest.raises(ValidationError):  # a phone result for a jewellery item
        station.appraisal.record_grading(people.appraiser, item.tag, phone_result)


def test_phone_pass_carries_warranty(station, people) -> None:
    from tests.services.test_inspection_support import good_report, phone_item

    tag = phone_item(station, people, imei=IMEI)
    result = GradingResult(
        "phone",
        "pass",
        phone=PhoneResult(brand="apple", model="iPhone 13", storage_gb=128, imei=IMEI, cosmetic_grade="95"),
    )
    with pytest.raises(ValidationError) as no_report:  # a phone pass needs the box's report first
        station.appraisal.record_grading(people.appraiser, tag, result)
    assert no_report.value.details.get("field") == "report"
    station.inspection.record_inspection(
        people.appraiser,
        tag,
        box={"model": "TWB-2", "serial": "B1", "firmware": "2.0"},
        report_id="RPT-1",
        report=good_report(IMEI),
    )
    with pytest.raises(ValidationError) as no_photos:
        station.appraisal.record_grading(people.appraiser, tag, result)
    assert no_photos.value.details.get("field") == "photos"
    for i, view in enumerate(("front", "back", "screen")):
        station.photos.attach(people.appraiser, _photo(i * 40 + 7), view, tag=tag, device={"type": "camera"})
    g = station.appraisal.record_grading(people.appraiser, tag, result)
    assert (g.warranty_days, g.item_state, g.name) == (180, "in_review", "苹果 iPhone 13 128GB")


def test_evaluation_side_by_side(station, people) -> None:
    tag = _ready(station, people, mass="2.20")
    evaluation = station.appraisal.evaluate(tag, _pendant("2.2", metal="Au585"))
    codes = {f.code for f in evaluation.findings}
    assert {"fineness_lower", "total_mass_differs"} <= codes and evaluation.verdict == "fail"
    assert evaluation.reason_code == "not_as_declared"
