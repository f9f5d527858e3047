from __future__ import annotations

import itertools

import pytest

from app.core.errors import DomainError, IllegalTransition
from app.core.lifecycle import (
    TRANSITIONS,
    ItemState,
    check_four_eyes,
    check_in_state,
    hold,
    next_state,
    release,
)
from app.core.roles import Action

HAPPY_PATH = [
    (ItemState.RECEIVED, Action.START_APPRAISAL, ItemState.IN_APPRAISAL),
    (ItemState.IN_APPRAISAL, Action.RECORD_GRADING, ItemState.GRADED),
    (ItemState.GRADED, Action.SUBMIT_FOR_REVIEW, ItemState.IN_REVIEW),
    (ItemState.IN_REVIEW, Action.APPROVE, ItemState.APPROVED),
    (ItemState.APPROVED, Action.ISSUE_CERTIFICATE, ItemState.CERTIFIED),
    (ItemState.CERTIFIED, Action.DISPATCH_TO_BUYER, ItemState.DISPATCHED),
]


@pytest.mark.parametrize(("state", "action", "target"), HAPPY_PATH)
def test_happy_path(state, action, target):
    assert next_state(state, action) is target


def test_return_void_and_reject_paths():
    assert next_state(ItemState.IN_REVIEW, Action.RETURN_FOR_REWORK) is ItemState.IN_APPRAISAL
    assert next_state(ItemState.CERTIFIED, Action.VOID_CERTIFICATE) is ItemState.APPROVED
    assert next_state(ItemState.GRADED, Action.REJECT) is ItemState.REJECTED
    assert next_state(ItemState.REJECTED, Action.RETURN_TO_MERCHANT) is ItemState.DISPATCHED


ILLEGAL = [(s, a) for s, a in itertools.product(ItemState, Action) if (s, a) not in TRANSITIONS]


@pytest.mark.parametrize(("state", "action"), ILLEGAL)
def test_every_illegal_transition_is_refused_in_both_languages(state, action):
    with pytest.raises(IllegalTransition) as err:
        next_state(state, action)
    assert err.value.zh and err.value.en and err.value.zh != err.value.en
    assert "不能" in err.value.zh


def test_uncertified_item_cannot_go_to_buyer():
    for state in ItemState:
        if state is not ItemState.CERTIFIED:
            with pytest.raises(IllegalTransition):
                next_state(state, Action.DISPATCH_TO_BUYER)


def test_hold_remembers_and_release_returns():
    change = hold(ItemState.IN_REVIEW)
    assert change.state is ItemState.ON_HOLD and change.held_from is ItemState.IN_REVIEW
    back = release(ItemState.ON_HOLD, change.held_from)
    assert back.state is ItemState.IN_REVIEW
    with pytest.raises(IllegalTransition):
        hold(ItemState.DISPATCHED)
    with pytest.raises(IllegalTransition):
        hold(ItemState.ON_HOLD)
    with pytest.raises(IllegalTransition):
        release(ItemState.RECEIVED, None)


def test_in_state_work():
    check_in_state(ItemState.IN_APPRAISAL, Action.RECORD_MEASUREMENT)
    with pytest.raises(IllegalTransition):
        check_in_state(ItemState.CERTIFIED, Action.RECORD_MEASUREMENT)


def test_four_eyes():
    check_four_eyes(reviewer_user_id=2, grader_user_id=3)
    with pytest.raises(DomainError) as err:
        check_four_eyes(reviewer_user_id=3, grader_user_id=3)
    assert err.value.code == "four_eyes"
