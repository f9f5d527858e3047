from __future__ import annotations

import pytest

from app.core.errors import IllegalTransition, PermissionDenied, ValidationError
from tests.helpers import receive_one


def test_hold_freezes_and_release_returns(station, people):
    item = receive_one(station, people)
    with pytest.raises(PermissionDenied):
        station.holds.hold(people.clerk, item.tag, "疑似调包")
    with pytest.raises(ValidationError):
        station.holds.hold(people.supervisor, item.tag, " ")
    held = station.holds.hold(people.supervisor, item.tag, "疑似调包")
    assert held.state == "on_hold" and held.held_from == "received"
    with pytest.raises(IllegalTransition):
        station.appraisal.start(people.appraiser, item.tag)  # nothing moves a held item
    with pytest.raises(IllegalTransition):
        station.holds.hold(people.supervisor, item.tag, "again")
    back = station.holds.release(people.supervisor, item.tag, "核实无误")
    assert back.state == "received" and back.held_from is None
    with pytest.raises(IllegalTransition):
        station.holds.release(people.supervisor, item.tag, "not held")
