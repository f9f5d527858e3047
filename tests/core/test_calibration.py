"""Due dates and the state of a balance: a daily check holds 24 h, an outside calibration
until its due date (a year when the lab names none); a failed check blocks until one passes."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from app.core import balance_checks as bc

MORNING = datetime(2026, 12, 2, 8, 0, tzinfo=UTC)


def daily(passed: bool = True, at: datetime = MORNING, id_: int = 1) -> bc.CheckRecord:
    return bc.CheckRecord(id_, "daily", passed, at, bc.daily_valid_until(at))


def calibration(due: date) -> bc.CheckRecord:
    return bc.CheckRecord(
        9, "calibration", True, MORNING - timedelta(days=100), datetime(due.year, due.month, due.day, tzinfo=UTC)
    )


def test_daily_check_holds_24_hours_to_the_second() -> None:
    assert bc.daily_valid_until(MORNING) == datetime(2026, 12, 3, 8, 0, tzinfo=UTC)
    just_before = MORNING + timedelta(hours=24) - timedelta(seconds=1)
    assert bc.balance_state("B1", daily(), None, just_before).state == "current"
    state = bc.balance_state("B1", daily(), None, MORNING + timedelta(hours=24))
    assert state.state == "overdue" and state.blocking
    zh, en = state.reason()
    assert "2026-12-03 08:00" in zh and "expired" in en


def test_calibration_due_defaults_to_a_year() -> None:
    assert bc.calibration_due(date(2026, 1, 10), None) == date(2027, 1, 10)  # 2026 has 365 days
    assert bc.calibration_due(date(2026, 1, 10), date(2026, 7, 10)) == date(2026, 7, 10)


def test_calibration_past_due_blocks_a_balance_checked_today() -> None:
    now = MORNING + timedelta(hours=1)
    assert bc.balance_state("B1", daily(), calibration(date(2026, 12, 31)), now).state == "current"
    state = bc.balance_state("B1", daily(), calibration(date(2026, 12, 2)), now)
    assert state.state == "calibration_overdue" and state.blocking and "2026-12-02" in state.reason()[1]


def test_failed_and_never_checked_block() -> None:
    assert bc.balance_state("B1", daily(passed=False), None, MORNING).state == "failed"
    never = bc.balance_state("B1", None, None, MORNING)
    assert never.state == "never" and never.blocking and never.check_id is None
    assert bc.balance_state("B1", daily(id_=7), None, MORNING).check_id == 7
