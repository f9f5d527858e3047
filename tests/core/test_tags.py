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


@pytest.mark.parametrize(
    "junk", ["", "TW", "TW12345", "XX2611210000170", "TW26112100001A0", "SF1234567890123", "TW2611210000170\x1d"]
)
def test_junk_is_refused_with_reason(junk):
    with pytest.raises(ValidationError) as err:
        validate_tag(junk)
    assert err.value.zh


def test_sequence_bounds():
    with pytest.raises(ValidationError):
        make_tag(date(2026, 1, 1), 0)
    with pytest.raises(ValidationError):
        make_tag(date(2026, 1, 1), 1_000_000)


def test_damm_table_proves_the_claims_for_every_tag():
    # the docstring's promises follow from these table properties, checked exhaustively on
    # the table the check digit really comes from (read back through damm_digit)
    from app.core.tags import damm_digit

    digits = range(10)
    row0 = [damm_digit(str(a)) for a in digits]
    assert sorted(row0) == list(digits)
    reach = {row0[d]: str(d) for d in digits}  # a one-digit prefix that leaves the state at s
    _DAMM = [[damm_digit(reach[s] + str(a)) for a in digits] for s in digits]
    assert all(sorted(row) == list(digits) for row in _DAMM)  # single error in a digit: caught
    assert all(sorted(_DAMM[r][c] for r in digits) == list(digits) for c in digits)
    assert all(_DAMM[d][d] == 0 for d in digits)  # appending the check digit gives 0
    for s in digits:  # weak total anti-symmetry: every neighbour swap, check digit included
        for a in digits:
            for b in digits:
                if a != b:
                    assert _DAMM[_DAMM[s][a]][b] != _DAMM[_DAMM[s][b]][a]


@pytest.mark.parametrize("pos", range(12))
def test_every_neighbour_swap_is_caught_including_with_the_check_digit(pos):
    from app.core.tags import damm_digit

    for a in range(10):
        for b in range(10):
            body = "261121000017"
            body = body[:pos] + str(a) + (str(b) if pos < 11 else "") + body[pos + 2 :]
            full = body + str(damm_digit(body))
            swapped = full[:pos] + full[pos + 1] + full[pos] + full[pos + 2 :]
            if swapped != full:
                with pytest.raises(ValidationError):
                    validate_tag("TW" + swapped)


def test_full_width_digits_fold_and_other_unicode_digits_are_refused():
    tag = make_tag(date(2026, 11, 21), 17)
    full_width = "".join(chr(ord(ch) + 0xFEE0) for ch in tag)  # as a Chinese input method types it
    assert validate_tag(full_width) == tag and looks_like_tag(full_width)
    arabic_indic = "TW" + "".join(chr(0x0660 + int(ch)) for ch in tag[2:])
    # before: \d matched these and the "tag" came back in Arabic-Indic digits
    with pytest.raises(ValidationError):
        validate_tag(arabic_indic)
    assert not looks_like_tag(arabic_indic)


def test_stdnum_agrees_on_the_damm_digit():
    from stdnum import damm

    from app.core.tags import damm_digit

    for body in ("261121000017", "000000000001", "991231999999", "123456789012"):
        assert str(damm_digit(body)) == damm.calc_check_digit(body)
