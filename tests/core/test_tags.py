from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.core.errors import ValidationError
from app.core.tags import looks_like_tag, make_tag, validate_tag


def test_format():
    tag = make_tag(date(2026, 11, 21), 17)
    assert tag.startswith("TW261121000017") and len(tag) == 15
    assert validate_tag(tag.lower() + "  ") == tag
    assert looks_like_tag(tag)


@given(st.integers(1, 999_999), st.integers(0, 12), st.integers(0, 9))
def test_any_single_digit_error_is_caught(seq, pos, delta):
    tag = make_tag(date(2026, 1, 2), seq)
    digits = list(tag[2:])
    new = (int(digits[pos]) + delta) % 10
    if new == int(digits[pos]):
        return
    digits[pos] = str(new)
    with pytest.raises(ValidationError):
        validate_tag("TW" + "".join(digits))


@given(st.integers(1, 999_999), st.integers(0, 11))
def test_adjacent_swaps_are_caught(seq, pos):
    tag = make_tag(date(2026, 1, 2), seq)
    digits = list(tag[2:])
    if digits[pos] == digits[pos + 1]:
        return
    digits[pos], digits[pos + 1] = digits[pos + 1], digits[pos]
    with pytest.raises(ValidationError):
        validate_tag("TW" + "".join(digits))


@pytest.mark.parametrize("junk", ["", "TW", "TW12345", "XX2611210000170", "TW26112100001A0", "SF1234567890123", "TW2611210000170\x1d"])
def test_junk_is_refused_with_reason(junk):
    with pytest.raises(ValidationError) as err:
        validate_tag(junk)
    assert err.value.zh


def test_sequence_bounds():
    with pytest.raises(ValidationError):
        make_tag(date(2026, 1, 1), 0)
    with pytest.raises(ValidationError):
        make_tag(date(2026, 1, 1), 1_000_000)
