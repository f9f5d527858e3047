"""The parcel life cycle: every transition the services use, and the ones they must not."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from app.core.errors import IllegalTransition
from app.core.parcels import (
    BOARD,
    FINISHED,
    OPEN,
    TRANSITIONS,
    ParcelEvent,
    ParcelState,
    next_parcel_state,
    notice_event,
    parcel_state,
)

P, E = ParcelState, ParcelEvent


@pytest.mark.parametrize(
    "start, event, end",
    [
        (None, E.NOTICE_OPEN, P.ANNOUNCED),
        (None, E.NOTICE_CANCELLED, P.CANCELLED),
        (P.ANNOUNCED, E.NOTICE_CANCELLED, P.CANCELLED),
        (P.CANCELLED, E.NOTICE_OPEN, P.ANNOUNCED),
        (P.ANNOUNCED, E.WAYBILL_SCANNED, P.RECEIVING),
        (None, E.WAYBILL_SCANNED, P.UNANNOUNCED),
        (P.RECEIVING, E.CLOSE, P.CLOSED),
        (P.UNANNOUNCED, E.RESOLVE, P.RESOLVED),
        (P.CANCELLED, E.LINK, P.RECEIVING),
        ("announced", E.LINK, P.RECEIVING),  # a stored code works as is
    ],
)
def test_allowed(start, event, end):
    assert next_parcel_state(start, event) is end


@pytest.mark.parametrize(
    "start, event",
    [
        (P.CANCELLED, E.WAYBILL_SCANNED),  # a cancelled notice goes to a supervisor, not a clerk
        (P.CLOSED, E.WAYBILL_SCANNED),
        (P.RESOLVED, E.CLOSE),
        (P.UNANNOUNCED, E.CLOSE),
        (P.RECEIVING, E.RESOLVE),
        (P.RECEIVING, E.NOTICE_OPEN),  # a notice revision after receipt never reopens the parcel
        (P.CLOSED, E.NOTICE_CANCELLED),
        (P.RECEIVING, E.LINK),
        (None, E.CLOSE),
    ],
)
def test_refused_with_a_reason_in_both_languages(start, event):
    with pytest.raises(IllegalTransition) as info:
        next_parcel_state(start, event)
    assert info.value.zh and info.value.en and event.value in info.value.en


def test_unknown_stored_code_is_refused_not_guessed():
    with pytest.raises(IllegalTransition):
        parcel_state("Receiving")
    assert parcel_state(None) is None


def test_finished_states_are_final_and_groups_partition_the_states():
    assert not [k for k in TRANSITIONS if k[0] is not None and k[0].value in FINISHED]
    assert set(BOARD) | set(FINISHED) == {s.value for s in P}
    assert set(OPEN) < set(BOARD) and not set(OPEN) & set(FINISHED)
    assert all(isinstance(v, str) and not isinstance(v, P) for v in (*OPEN, *BOARD, *FINISHED))  # SQL-safe


def test_notice_status_maps_to_events():
    assert notice_event("open") is E.NOTICE_OPEN and notice_event("cancelled") is E.NOTICE_CANCELLED


def test_no_bare_parcel_state_strings_outside_core():
    """Services and screens name parcel states through app.core.parcels, never as literals
    (a notice's own ``n["status"]``, open | cancelled, is the platform's word, not a state)."""
    root = Path(__file__).resolve().parents[2] / "app"
    states = {s.value for s in P} - {"cancelled", "closed"}  # also outcome words and device states
    bad = []
    for path in [
        *(root / "services").glob("intake*.py"),
        root / "services" / "notices.py",
        *(root / "ui" / "intake").glob("*.py"),
    ]:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Compare):
                for side in (node.left, *node.comparators):
                    for const in ast.walk(side):
                        if isinstance(const, ast.Constant) and const.value in {s.value for s in P}:
                            if any(isinstance(a, ast.Attribute) and a.attr == "status" for a in ast.walk(node)):
                                bad.append(f"{path.name}:{node.lineno}")
            if isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Attribute) and t.attr == "status" for t in node.targets
            ):
                if isinstance(node.value, ast.Constant) and node.value.value in states:
                    bad.append(f"{path.name}:{node.lineno}")
    assert bad == []
