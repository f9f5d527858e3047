"""The item life cycle (ARCHITECTURE.md) as an explicit state machine.

``next_state(state, action)`` is the only way a state changes; services call it and
store the result. On hold remembers where the item was so release returns it there.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from app.core.errors import DomainError, IllegalTransition
from app.core.roles import Action


class ItemState(StrEnum):
    RECEIVED = "received"
    IN_APPRAISAL = "in_appraisal"
    GRADED = "graded"
    IN_REVIEW = "in_review"
    APPROVED = "approved"
    CERTIFIED = "certified"
    DISPATCHED = "dispatched"
    REJECTED = "rejected"
    ON_HOLD = "on_hold"
    VOIDED = "voided"  # a wrongly received piece; the record stays, the item does not count


STATE_NAMES = {
    ItemState.RECEIVED: ("已收货", "Received"),
    ItemState.IN_APPRAISAL: ("鉴定中", "In appraisal"),
    ItemState.GRADED: ("已分级", "Graded"),
    ItemState.IN_REVIEW: ("待复核", "In review"),
    ItemState.APPROVED: ("复核通过", "Approved"),
    ItemState.CERTIFIED: ("已出证", "Certified"),
    ItemState.DISPATCHED: ("已发出", "Dispatched"),
    ItemState.REJECTED: ("已拒收", "Rejected"),
    ItemState.ON_HOLD: ("已冻结", "On hold"),
    ItemState.VOIDED: ("已作废", "Voided"),
}

S = ItemState
# (from state, action) -> to state
TRANSITIONS: dict[tuple[ItemState, Action], ItemState] = {
    (S.RECEIVED, Action.START_APPRAISAL): S.IN_APPRAISAL,
    (S.RECEIVED, Action.VOID_RECEIPT): S.VOIDED,
    (S.IN_APPRAISAL, Action.RECORD_GRADING): S.GRADED,
    (S.GRADED, Action.RECORD_GRADING): S.GRADED,  # a corrected revision before review
    (S.GRADED, Action.SUBMIT_FOR_REVIEW): S.IN_REVIEW,
    (S.IN_REVIEW, Action.APPROVE): S.APPROVED,
    (S.IN_REVIEW, Action.RETURN_FOR_REWORK): S.IN_APPRAISAL,
    (S.APPROVED, Action.ISSUE_CERTIFICATE): S.CERTIFIED,
    (S.CERTIFIED, Action.VOID_CERTIFICATE): S.APPROVED,
    (S.CERTIFIED, Action.DISPATCH_TO_BUYER): S.DISPATCHED,
    (S.RECEIVED, Action.REJECT): S.REJECTED,
    (S.IN_APPRAISAL, Action.REJECT): S.REJECTED,
    (S.GRADED, Action.REJECT): S.REJECTED,
    (S.IN_REVIEW, Action.REJECT): S.REJECTED,
    (S.REJECTED, Action.RETURN_TO_MERCHANT): S.DISPATCHED,
}
# Work that happens inside a state without leaving it.
IN_STATE_ACTIONS: dict[Action, frozenset[ItemState]] = {
    Action.RECORD_MEASUREMENT: frozenset({S.IN_APPRAISAL}),
    Action.MANUAL_MEASUREMENT: frozenset({S.IN_APPRAISAL}),
    Action.ATTACH_PHOTO: frozenset({S.RECEIVED, S.IN_APPRAISAL, S.CERTIFIED, S.REJECTED}),
    Action.RECORD_INSPECTION: frozenset({S.IN_APPRAISAL}),
    Action.PRINT_LABEL: frozenset(set(S) - {S.VOIDED}),
    Action.PRINT_CERTIFICATE: frozenset({S.CERTIFIED, S.DISPATCHED}),
}
FINAL_STATES = frozenset({S.DISPATCHED, S.VOIDED})


def next_state(state: ItemState, action: Action) -> ItemState:
    """The state after ``action``, or IllegalTransition explaining why not."""
    target = TRANSITIONS.get((state, action))
    if target is None:
        from app.core.roles import ACTION_NAMES_ZH

        zh_state, en_state = STATE_NAMES[state]
        raise IllegalTransition(
            f"物品当前状态为“{zh_state}”，不能执行“{ACTION_NAMES_ZH[action]}”",
            f"An item that is {en_state.lower()} cannot be put through '{action.value.replace('_', ' ')}'",
            state=state.value,
            action=action.value,
        )
    return target


def check_in_state(state: ItemState, action: Action) -> None:
    allowed = IN_STATE_ACTIONS.get(action)
    if allowed is not None and state not in allowed:
        from app.core.roles import ACTION_NAMES_ZH

        zh_state, en_state = STATE_NAMES[state]
        raise IllegalTransition(
            f"物品当前状态为“{zh_state}”，不能{ACTION_NAMES_ZH[action]}",
            f"Cannot {action.value.replace('_', ' ')} while the item is {en_state.lower()}",
            state=state.value,
            action=action.value,
        )


@dataclass(frozen=True)
class HoldChange:
    state: ItemState
    held_from: ItemState | None


def hold(state: ItemState) -> HoldChange:
    if state in FINAL_STATES or state is S.ON_HOLD:
        zh_state, en_state = STATE_NAMES[state]
        raise IllegalTransition(
            f"“{zh_state}”状态的物品不能冻结", f"An item that is {en_state.lower()} cannot be put on hold"
        )
    return HoldChange(S.ON_HOLD, state)


def release(state: ItemState, held_from: ItemState | None) -> HoldChange:
    if state is not S.ON_HOLD or held_from is None:
        raise IllegalTransition("该物品未被冻结", "The item is not on hold")
    return HoldChange(held_from, None)


def check_four_eyes(reviewer_user_id: int, grader_user_id: int) -> None:
    """Nobody reviews a revision they graded themselves."""
    if reviewer_user_id == grader_user_id:
        raise DomainError(
            "不能复核自己分级的结果，请由另一位主管复核",
            "You cannot review a result you graded yourself; another supervisor must review it",
            code="four_eyes",
        )
