"""The claimed defect of a warranty claim against the box report's function tests: reproduced,
not reproduced, and every way the claim or the report can fail to tell (never a guess)."""

from __future__ import annotations

from typing import Any

import pytest

from app.core.cases import CLAIMED_DEFECT_TESTS, defect_reproduced, defect_tests
from app.core.vocab.phone import FUNCTION_TESTS


def report(**results: str) -> dict[str, Any]:
    return {"functions": [{"test": t, "result": r} for t, r in results.items()]}


def test_every_claimed_defect_names_tests_of_the_one_vocabulary() -> None:
    for defect, tests in CLAIMED_DEFECT_TESTS.items():
        assert tests and all(t in FUNCTION_TESTS for t in tests), defect


def test_screen_is_reproduced_by_either_of_its_tests() -> None:
    assert defect_tests({"defect": "screen"}) == ("display", "touch")
    assert defect_reproduced({"defect": "screen"}, report(display="pass", touch="fail")) is True
    assert defect_reproduced({"defect": " Screen "}, report(display="fail", touch="pass")) is True
    assert defect_reproduced({"defect": "screen"}, report(display="pass", touch="pass", speaker="fail")) is False


@pytest.mark.parametrize(
    "claimed, rep",
    [
        ({"defect": "screen"}, report(display="pass")),  # touch did not run
        ({"defect": "screen"}, report(display="pass", touch="skipped")),
        ({"defect": "teleporter"}, report(touch="fail")),  # a defect we do not know
        ({}, report(touch="fail")),
        (None, report(touch="fail")),
        ({"defect": 7}, report(touch="fail")),
        ({"defect": "touch"}, {"functions": "all good"}),  # a lying report
        ({"defect": "touch"}, {"functions": [{"test": "touch"}, "fail", None]}),
        ({"defect": "touch"}, {}),
    ],
)
def test_what_cannot_be_told_is_none(claimed: Any, rep: dict[str, Any]) -> None:
    assert defect_reproduced(claimed, rep) is None
