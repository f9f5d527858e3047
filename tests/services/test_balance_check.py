"""Balance checks as operations: the daily check with reference weights (pass and fail, local
record + audit, no platform event), the outside calibration, what a weighing stands on, and
the two policies for a balance whose check is not current (refuse / mark and block at review)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal as D

import pytest
from sqlalchemy import func, select

from app.core.balance_checks import ReferenceWeight
from app.core.errors import PermissionDenied, ValidationError
from app.demo.quality import check_demo_balance
from app.services.balance_checks import QualityPolicy, Reading
from app.store.models import AuditEntry, BalanceCheck, OutboxEvent
from tests.helpers import make_people, receive_one
from tests.services.test_review_support import jewelry_in_review

SCALE = {"type": "scale", "model": "XPR204", "serial": "B912345678"}


@pytest.fixture
def lab(sqlite_station):  # type: ignore[no-untyped-def]
    return sqlite_station, make_people(sqlite_station, check_balance=False)


def _later(station, hours: float) -> None:  # type: ignore[no-untyped-def]
    base = station.ctx.clock()
    station.ctx.clock = lambda: base + timedelta(hours=hours)


def _count(station, model) -> int:  # type: ignore[no-untyped-def]
    with station.db.read() as s:
        return int(s.execute(select(func.count()).select_from(model)).scalar_one())


def test_daily_check_that_passes_is_recorded_with_audit_and_no_event(lab) -> None:
    station, people = lab
    events, audits = _count(station, OutboxEvent), _count(station, AuditEntry)
    check = check_demo_balance(station, people.appraiser)
    assert check.passed and check.kind == "daily" and check.performed_by == "appraiser.li"
    assert [w["weight_id"] for w in check.detail["weights"]] == ["E2-10G-0417", "E2-1G-0233"]
    assert check.detail["weights"][0]["tolerance_g"] == "0.00026" and check.detail["max_deviation_g"] == "0.0001"
    assert _count(station, OutboxEvent) == events  # platform 1.1 has no event for it
    assert _count(station, AuditEntry) == audits + 1
    assert station.balance_checks.state("B912345678").state == "current"


def test_daily_check_that_fails_blocks_the_balance_and_refuses_its_weighing(lab) -> None:
    station, people = lab
    check = check_demo_balance(station, people.appraiser, offsets_g=(D("0.0003"), D("0")))  # 0.0003 > 0.00026
    assert not check.passed and check.detail["weights"][0]["passed"] is False
    assert station.balance_checks.state("B912345678").state == "failed"
    assert [s.serial for s in station.balance_checks.overdue_balance_checks()] == ["B912345678"]
    tag = receive_one(station, people).tag
    station.appraisal.start(people.appraiser, tag)
    with pytest.raises(ValidationError) as err:
        station.appraisal.record_measurement(people.appraiser, tag, "mass", D("2.349"), "g", device=SCALE)
    assert "B912345678" in err.value.en and "failed" in err.value.en and "未通过" in err.value.zh
    assert station.appraisal.measurements(tag) == []
    # A passing check later the same day puts the balance back in service.
    check_demo_balance(station, people.appraiser)
    m = station.appraisal.record_measurement(people.appraiser, tag, "mass", D("2.349"), "g", device=SCALE)
    assert m.extra["balance_check"]["state"] == "current"


def test_every_weighing_records_its_check_and_uncertainty(lab) -> None:
    station, people = lab
    check = check_demo_balance(station, people.appraiser)
    tag = receive_one(station, people).tag
    station.appraisal.start(people.appraiser, tag)
    m = station.appraisal.record_measurement(people.appraiser, tag, "mass", D("2.349"), "g", device=SCALE)
    # d 0.0001, |Δ| 0.0001, E2 10 g MPE 0.00006 → U = 0.0002 g (see tests/core/test_balance_check.py)
    assert m.extra["balance_check"] == {
        "id": check.id,
        "state": "current",
        "serial": "B912345678",
        "uncertainty_g": "0.0002",
    }
    manual = station.appraisal.record_measurement(people.appraiser2, tag, "mass", D("2.35"), "g", device=None)
    assert "balance_check" not in manual.extra  # typed by a person: no balance to stand on


def test_never_checked_and_overdue_balances_are_refused(lab) -> None:
    station, people = lab
    tag = receive_one(station, people).tag
    station.appraisal.start(people.appraiser, tag)
    with pytest.raises(ValidationError, match="no daily check"):
        station.appraisal.record_measurement(people.appraiser, tag, "mass", D("2.349"), "g", device=SCALE)
    check_demo_balance(station, people.appraiser)
    _later(station, 24)
    with pytest.raises(ValidationError, match="expired"):
        station.appraisal.record_measurement(people.appraiser, tag, "mass", D("2.349"), "g", device=SCALE)
    with pytest.raises(ValidationError, match="no serial"):
        station.appraisal.record_measurement(
            people.appraiser, tag, "mass", D("2.349"), "g", device={"type": "scale", "model": "X", "serial": " "}
        )


def test_review_policy_marks_the_weighing_and_blocks_approval(station, people) -> None:
    station.appraisal.policy = QualityPolicy("review", frozenset())
    _later(station, 25)  # this morning's check (tests.helpers) has run out
    tag = jewelry_in_review(station, people)
    mass = station.appraisal.latest_measurements(tag)["mass"]
    assert mass.extra["balance_check"]["state"] == "overdue"
    grading = station.appraisal.latest_grading(tag)
    with pytest.raises(ValidationError) as err:
        station.review.approve(people.supervisor, tag, grading.revision)
    assert "cannot be approved" in err.value.en and "B912345678" in err.value.zh
    assert station.items.find(tag).state == "in_review"


def test_calibration_record_and_its_due_date(lab) -> None:
    station, people = lab
    today = station.ctx.clock().date()
    cal = station.balance_checks.record_calibration(
        people.supervisor,
        "B912345678",
        "XPR204",
        D("0.0001"),
        lab="市计量院",
        certificate_no="JL2026-0042",
        calibrated_on=today - timedelta(days=30),
    )
    assert cal.detail["due"] == (today - timedelta(days=30) + timedelta(days=365)).isoformat()
    with pytest.raises(PermissionDenied):
        station.balance_checks.record_calibration(
            people.appraiser, "B912345678", "XPR204", D("0.0001"), lab="x", certificate_no="y", calibrated_on=today
        )
    with pytest.raises(ValidationError):  # due before the calibration itself
        station.balance_checks.record_calibration(
            people.supervisor,
            "B912345678",
            "XPR204",
            D("0.0001"),
            lab="x",
            certificate_no="y",
            calibrated_on=today,
            due=today,
        )
    check_demo_balance(station, people.appraiser)
    station.balance_checks.record_calibration(
        people.supervisor,
        "B912345678",
        "XPR204",
        D("0.0001"),
        lab="x",
        certificate_no="old",
        calibrated_on=today - timedelta(days=400),
        due=today,
    )
    assert station.balance_checks.state("B912345678").state == "calibration_overdue"
    kinds = [c.kind for c in station.balance_checks.history("B912345678")]
    assert sorted(kinds) == ["calibration", "calibration", "daily"]


@pytest.mark.parametrize(
    "bad",
    [
        dict(readings=[]),
        dict(readability=D("0")),
        dict(readings=[Reading(ReferenceWeight("W", "E2", D("10"), date(2026, 1, 1)), D("10"), stable=False)]),
        dict(readings=[Reading(ReferenceWeight("W", "E2", D("10"), date(2020, 1, 1)), D("10"))]),  # certificate too old
        dict(
            readings=[
                Reading(ReferenceWeight("W", "E2", D("10"), date(2026, 1, 1)), D("10")),
                Reading(ReferenceWeight("W", "E2", D("1"), date(2026, 1, 1)), D("1")),
            ]
        ),  # same id twice
        dict(readings=[Reading(ReferenceWeight("W", "E2", D("10"), date(2026, 1, 1)), D("NaN"))]),
    ],
)
def test_bad_daily_checks_are_refused_and_leave_nothing(lab, bad) -> None:
    station, people = lab
    readings = bad.get("readings", [Reading(ReferenceWeight("W", "E2", D("10"), date(2026, 1, 1)), D("10"))])
    with pytest.raises(ValidationError) as err:
        station.balance_checks.record_daily_check(
            people.appraiser, "B912345678", "XPR204", bad.get("readability", D("0.0001")), readings
        )
    assert err.value.zh and err.value.en
    assert _count(station, BalanceCheck) == 0


def test_a_clerk_may_not_check_a_balance(lab) -> None:
    station, people = lab
    with pytest.raises(PermissionDenied):
        check_demo_balance(station, people.clerk)
