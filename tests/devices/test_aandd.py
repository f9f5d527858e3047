"""A&D and Sartorius SBI line parsing: strict, so line noise is never a weight or an overload."""

from decimal import Decimal

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from app.devices.aandd import parse_and, parse_sbi


@pytest.mark.parametrize(
    "line, kind",
    [
        (b"High", "overload"),
        (b"Low", "underload"),
        (b"    High      ", "overload"),
        (b"+ H           ", "overload"),
        (b"N     -       L     ", "underload"),
        (b"Err 54", "error"),
        (b"+  123.56 g   ", "weight"),
    ],
)
def test_sbi_lines(line, kind):
    assert parse_sbi(line).kind == kind


@pytest.mark.parametrize("line", [b"xHigh", b"#%High", b"H", b"L", b"\x00H", b"S H", b"ABHigh", b"Errr", b"Err x"])
def test_sbi_noise_is_not_an_overload(line):
    # before: anything ending in "High" (or a lone "H") was reported as "Balance overloaded"
    r = parse_sbi(line)
    assert r is None or r.kind not in ("overload", "underload", "error")


@settings(max_examples=500, deadline=None)
@given(st.binary(max_size=24))
@example(b"\xffHigh")
@example(b"#High")
def test_sbi_random_bytes_never_raise_and_never_overload_unless_the_whole_line_says_so(data):
    r = parse_sbi(data)
    if r is not None and r.kind == "overload":
        assert data.decode("ascii").strip().split()[-1] in ("High", "H")
        assert data.decode("ascii").strip().split()[-1] != "H" or len(data) in (14, 20)


def test_and_weight_and_overload():
    assert parse_and(b"ST,+00123.45  g").value == Decimal("123.45")
    assert parse_and(b"OL,+9999999  g").kind == "overload"
    assert parse_and(b"OL,+9999999  g#") is None
