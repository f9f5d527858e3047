from __future__ import annotations

import pytest

from app.core.errors import PermissionDenied, ValidationError
from app.core.roles import PERMISSIONS, Action, Role, may, parse_roles, require


def test_every_action_has_roles():
    assert set(PERMISSIONS) == set(Action)
    assert all(PERMISSIONS[a] for a in Action)


@pytest.mark.parametrize("action", list(Action))
@pytest.mark.parametrize("role", list(Role))
def test_forbidden_roles_are_refused(role, action):
    if role in PERMISSIONS[action]:
        require(frozenset({role}), action, "someone")
    else:
        with pytest.raises(PermissionDenied) as err:
            require(frozenset({role}), action, "someone")
        assert "无权" in err.value.zh


def test_key_separations():
    assert not may({Role.APPRAISER}, Action.APPROVE)
    assert not may({Role.INTAKE_CLERK}, Action.RECORD_GRADING)
    assert not may({Role.SUPERVISOR}, Action.MANAGE_USERS)
    assert not may({Role.APPRAISER}, Action.MANUAL_MEASUREMENT)
    assert may({Role.APPRAISER, Role.MANUAL_ENTRY}, Action.MANUAL_MEASUREMENT)
    assert may({Role.SUPERVISOR}, Action.ISSUE_CERTIFICATE)


def test_parse_roles_refuses_unknown():
    assert parse_roles("appraiser, supervisor") == {Role.APPRAISER, Role.SUPERVISOR}
    assert parse_roles("") == frozenset()
    with pytest.raises(ValidationError):
        parse_roles("appraiser,root")
