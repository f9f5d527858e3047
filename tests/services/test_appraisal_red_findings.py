"""Red findings (issue 10): a pass over them needs the appraiser's justification, stored with
the revision and its audit entry; the reviewer acknowledges each one before approving.
Enforced in the operations, whatever a screen does."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from sqlalchemy import select

from app.core.errors import ValidationError
from app.core.grading import GradingResult
from app.store.models import AuditEntry
from tests.services.test_appraisal_grading import SCALE, _events, _pendant, _ready

WHY = "称量两次，商家申报含包装链条，已电话确认"


def _audit(station, action: str) -> AuditEntry:  # type: ignore[no-untyped-def]
    with station.db.read() as s:
        return (
            s.execute(select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.chain_index.desc()))
            .scalars()
            .first()
        )


def test_light_piece_needs_a_justification_to_pass(station, people) -> None:
    tag = _ready(station, people, mass="2.1000")  # declared 2.35 g: outside the tolerance
    with pytest.raises(ValidationError) as err:
        station.appraisal.record_grading(
            people.appraiser, tag, GradingResult("jewelry", "pass", jewelry=_pendant("2.1"))
        )
    assert err.value.code == "justification_required" and "总质量" in err.value.zh
    assert station.items.find(tag).state == "in_appraisal" and station.appraisal.latest_grading(tag) is None
    with pytest.raises(ValidationError):  # a word is not a justification
        station.appraisal.record_grading(
            people.appraiser, tag, GradingResult("jewelry", "pass", jewelry=_pendant("2.1"), justification="ok")
        )
    g = station.appraisal.record_grading(
        people.appraiser, tag, GradingResult("jewelry", "pass", jewelry=_pendant("2.1"), justification=WHY)
    )
    assert g.item_state == "in_review" and g.result.justification == WHY
    stored = station.appraisal.latest_grading(tag)
    assert stored.result.justification == WHY
    assert [f["code"] for f in stored.red_findings] == ["total_mass_differs"]
    event = _events(station, "grading.recorded")[-1]
    assert event.payload["result"]["justification"] == WHY
    assert event.payload["result"]["red_findings"][0]["code"] == "total_mass_differs"
    audit = _audit(station, "record_grading")
    assert audit.detail["justification"] == WHY and audit.detail["red_findings"] == ["total_mass_differs"]


def test_a_fail_needs_no_justification(station, people) -> None:
    tag = _ready(station, people, mass="2.1000")
    g = station.appraisal.record_grading(
        people.appraiser, tag, GradingResult("jewelry", "fail", jewelry=_pendant("2.1"), reason_code="not_as_declared")
    )
    assert g.item_state == "graded"


def test_sg_outside_the_metals_range_is_red(station, people) -> None:
    tag = _ready(station, people)
    # A 18K gold pendant weighed whole: SG 2.349 / (2.349 - 2.1) ≈ 9.4, far below 18K gold
    sg = station.appraisal.record_specific_gravity(
        people.appraiser,
        tag,
        mass_air_g=D("2.349"),
        mass_water_g=D("2.100"),
        temperature_c=D("20"),
        resolution_g=D("0.001"),
        material="Au750",
        devices={"air": SCALE, "water": SCALE},
    )
    assert sg.outcome == "inconsistent" and "18K金" in sg.message_zh  # the verdict names the range's material
    with pytest.raises(ValidationError) as err:
        station.appraisal.record_grading(people.appraiser, tag, GradingResult("jewelry", "pass", jewelry=_pendant()))
    assert "比重" in err.value.zh
    # the comparison follows the form's metal: as 9K gold (lighter) it is still red, the range quoted is 9K's
    ev = station.appraisal.evaluate(tag, _pendant(metal="Au375"))
    sg_finding = next(f for f in ev.findings if f.code == "sg_inconsistent")
    assert "9K金" in sg_finding.zh


def test_reviewer_acknowledges_every_red_finding(station, people) -> None:
    tag = _ready(station, people, mass="2.1000")
    g = station.appraisal.record_grading(
        people.appraiser, tag, GradingResult("jewelry", "pass", jewelry=_pendant("2.1"), justification=WHY)
    )
    with pytest.raises(ValidationError) as err:
        station.review.approve(people.supervisor, tag, g.revision)
    assert err.value.code == "unacknowledged_findings" and station.items.find(tag).state == "in_review"
    with pytest.raises(ValidationError):
        station.review.approve(people.supervisor, tag, g.revision, acknowledged=["sg_inconsistent"])
    station.review.approve(people.supervisor, tag, g.revision, acknowledged=["total_mass_differs"])
    assert station.items.find(tag).state == "approved"
    audit = _audit(station, "approve")
    assert audit.detail["acknowledged"] == ["total_mass_differs"] and audit.detail["justification"] == WHY


def test_clean_pass_needs_no_acknowledgement(station, people) -> None:
    tag = _ready(station, people)
    g = station.appraisal.record_grading(people.appraiser, tag, GradingResult("jewelry", "pass", jewelry=_pendant()))
    assert station.appraisal.latest_grading(tag).red_findings == []
    station.review.approve(people.supervisor, tag, g.revision)
    assert station.items.find(tag).state == "approved"
