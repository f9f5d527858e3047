from __future__ import annotations

from datetime import timedelta

import pytest

from app.core.errors import Conflict, PermissionDenied, ValidationError
from app.core.roles import Role
from tests.helpers import PASSWORD, notice


def test_login_and_wrong_password(station, people):
    actor = station.users.authenticate("clerk.wang", PASSWORD)
    assert actor.user_id == people.clerk.user_id and Role.INTAKE_CLERK in actor.roles
    with pytest.raises(PermissionDenied) as err:
        station.users.authenticate("clerk.wang", "wrong-password")
    assert err.value.code == "bad_login"
    with pytest.raises(PermissionDenied) as err2:
        station.users.authenticate("nobody", "whatever-1")
    assert err2.value.zh == err.value.zh  # never says whether the name exists


def test_lockout_after_repeated_failures_then_expiry(station, people):
    for _ in range(5):
        with pytest.raises(PermissionDenied):
            station.users.authenticate("appraiser.li", "bad-password")
    with pytest.raises(PermissionDenied) as err:
        station.users.authenticate("appraiser.li", PASSWORD)  # right password, still locked
    assert err.value.code == "locked"
    real_clock = station.ctx.clock
    station.ctx.clock = lambda: real_clock() + timedelta(minutes=16)
    try:
        assert station.users.authenticate("appraiser.li", PASSWORD).username == "appraiser.li"
    finally:
        station.ctx.clock = real_clock


def test_system_account_cannot_log_in(station, people):
    from app.services.users import system_actor

    system_actor(station.ctx)
    with pytest.raises(PermissionDenied):
        station.users.authenticate("system", "")
    assert "system" not in {u.username for u in station.users.list_users()}


def test_only_admin_manages_users(station, people):
    with pytest.raises(PermissionDenied):
        station.users.add_user(people.supervisor, "x.y", PASSWORD, "X", frozenset({Role.ADMIN}))
    with pytest.raises(Conflict):
        station.users.add_user(people.admin, "clerk.wang", PASSWORD, "dup", frozenset())
    with pytest.raises(ValidationError):
        station.users.add_user(people.admin, "short.pw", "123", "x", frozenset())
    with pytest.raises(Conflict):
        station.users.create_first_admin("second", PASSWORD, "again")


def test_role_removal_takes_effect_at_the_next_operation(station, people):
    station.notices.apply(people.clerk, notice())
    station.users.set_roles(people.admin, people.clerk.user_id, frozenset({Role.APPRAISER}))
    with pytest.raises(PermissionDenied):
        station.intake.receive_parcel(people.clerk, "SF1234567890123")  # the stale Actor still claims clerk


def test_disabled_account_cannot_operate(station, people):
    station.users.set_active(people.admin, people.clerk.user_id, False)
    with pytest.raises(PermissionDenied):
        station.notices.apply(people.clerk, notice())
    with pytest.raises(ValidationError):
        station.users.set_active(people.admin, people.admin.user_id, False)
