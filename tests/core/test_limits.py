"""app.core.limits: the platform's 1.1 limits as one rule, with reasons a person can read."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.core import limits
from app.core.errors import ValidationError


@pytest.mark.parametrize(
    "path, value, code",
    [
        ("note", "x" * 2001, "too_long"),
        ("title", "x" * 257, "too_long"),
        ("reason", "a\x00", "nul"),
        ("name", "\ud800", "surrogate"),
        ("value", float("nan"), "not_finite"),
        ("value", Decimal("-Infinity"), "not_finite"),
        ("count", 2**53, "too_big"),
        ("voided_reason", "x" * 2001, "too_long"),
        ("qr_payload", "https://x/" + "q" * 247, "too_long"),
    ],
)
def test_each_limit(path, value, code):
    p = limits.value_problem(value, path)
    assert p is not None and p.code == code and p.path == path
    with pytest.raises(ValidationError) as err:
        limits.check(value, path)
    assert err.value.zh and err.value.en and err.value.details["field"] == path


@pytest.mark.parametrize(
    "path, value",
    [
        ("note", "备" * 2000),
        ("title", "t" * 256),
        ("statement", "s" * 2000),
        ("value", Decimal("2.347")),
        ("flag", True),
        ("nothing", None),
        ("qr_payload", "https://x/" + "q" * 246),
    ],
)
def test_within_limits(path, value):
    assert limits.value_problem(value, path) is None


def test_nested_paths_and_keys():
    assert limits.value_problem({"result": {"stones": [{"name": "a\x00"}]}}).path == "result.stones[0].name"
    assert limits.value_problem({"k" * 257: 1}).code == "too_long"
    assert limits.value_problem({1: "x"}).code == "bad_key"


def test_depth_is_bounded_without_recursion():
    deep: list = []
    for _ in range(100_000):  # far beyond Python's recursion limit
        deep = [deep]
    assert limits.value_problem(deep).code == "too_deep"


def test_messages_name_the_field_in_both_languages():
    err = limits.refuse(limits.value_problem("x" * 2001, "note"))
    assert "备注" in err.zh and "2001" in err.zh and "2000" in err.zh and "note" in err.en


@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=300),
        lambda kids: st.lists(kids, max_size=4) | st.dictionaries(st.text(max_size=10), kids, max_size=4),
        max_leaves=20,
    )
)
def test_never_raises_and_anything_passed_encodes_as_utf8(value):
    import json

    if limits.value_problem(value) is None:
        json.dumps(value, allow_nan=False).encode("utf-8")  # what passes can always be sent
