from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.devices import mtsics
from app.devices.mtsics import Reply, parse_line


@pytest.mark.parametrize(
    "line, reply",
    [
        (b"S S     100.00 g", Reply("S", "S", ("100.00", "g"))),
        (b"SI D      -0.03 g", Reply("SI", "D", ("-0.03", "g"))),
        (b"S S    12.3456 ct", Reply("S", "S", ("12.3456", "ct"))),
        (b'I4 A "B912345678"', Reply("I4", "A", ("B912345678",))),
        (b'I2 A "XPR204 220.0000 g"', Reply("I2", "A", ("XPR204 220.0000 g",))),
        (b"T S     1.0000 g", Reply("T", "S", ("1.0000", "g"))),
        (b"S I", Reply("S", "I")),
        (b"S +", Reply("S", "+")),
        (b"S -", Reply("S", "-")),
        (b"Z A", Reply("Z", "A")),
        (b"S L", Reply("S", "L")),
        (b"ZI D", Reply("ZI", "D")),
        (b"ES", Reply("", "ES")),
        (b"ET", Reply("", "ET")),
        (b"EL", Reply("", "EL")),
    ],
)
def test_valid_replies(line, reply):
    assert parse_line(line) == reply


@pytest.mark.parametrize(
    "line",
    [
        b"S S    10",
        b"S S     100.00",
        b"xS S 1 g",
        b"S S     100.00 g x",
        b'I4 A "B91',
        b"S S     1.0.0 g",
        b"S S     --1 g",
        b"S S \xff 1 g",
        b"s s 1 g",
        b"S X 1 g",
        b"S I extra",
        b"",
        b" S S 1 g",
        b"S  S 1 g",
        b"S S 1 g\x00",
    ],
)
def test_garbage_and_cut_lines_are_not_replies(line):
    assert parse_line(line) is None


def test_device_error_text_is_an_error():
    r = parse_line(b"Error 5 overtemperature")
    assert r is not None and r.is_error and "overtemperature" in r.fields[0]


def test_weight_value_is_exact_decimal():
    assert parse_line(b"S S     2.3470 g").weight() == (Decimal("2.3470"), "g")


def test_format_weight_right_aligns_ten_characters():
    line = mtsics.format_weight("S", True, Decimal("-0.03"), "g", 2)
    assert line == b"S S      -0.03 g\r\n"
    assert parse_line(line[:-2]).weight() == (Decimal("-0.03"), "g")


def test_model_from_i2():
    assert mtsics.parse_model("XPR204 220.0000 g") == "XPR204"
    assert mtsics.parse_model("XS 204 DR 220.0 g") == "XS 204 DR"
    assert mtsics.parse_model("PR2003") == "PR2003"


def test_encode_rejects_embedded_line_end():
    assert mtsics.encode("SI") == b"SI\r\n"
    with pytest.raises(ValueError):
        mtsics.encode("S\r\nZ")


@settings(max_examples=400, deadline=None)
@given(st.binary(max_size=40))
def test_random_bytes_never_raise(data):
    r = parse_line(data)
    if r is not None and r.status in ("S", "D") and r.fields:
        # anything accepted as a weight is a well-formed line
        assert data.decode("ascii").split()[-1] == r.fields[1]


@settings(max_examples=300, deadline=None)
@given(st.decimals(min_value=-999, max_value=9999, places=4), st.integers(0, 15), st.integers(0, 7))
def test_cut_or_flipped_weight_lines_never_give_a_wrong_value(value, cut, bit):
    line = mtsics.format_weight("S", True, value, "g", 4)[:-2]
    # a cut line (prefix) is never a weight
    prefix = line[:cut]
    r = parse_line(prefix)
    assert r is None or r.status not in ("S", "D") or not r.fields
    # a flipped bit never raises; if the line still parses, the value is the one its text shows
    pos = cut % len(line)
    flipped = bytearray(line)
    flipped[pos] ^= 1 << bit
    r = parse_line(bytes(flipped))
    if r is not None and r.status in ("S", "D") and r.fields:
        assert Decimal(r.fields[0]) == Decimal(bytes(flipped).split()[2].decode())


def test_capacity_from_i2():
    assert mtsics.parse_capacity("XPR204 220.0000 g") == (Decimal("220.0000"), "g")
    assert mtsics.parse_capacity("XS 204 DR 220.0 g") == (Decimal("220.0"), "g")
    assert mtsics.parse_capacity("PR2003") is None
    assert mtsics.parse_capacity("X NaN g") is None and mtsics.parse_capacity("X -5 g") is None


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(["S", "SI", "T", "Z", "I4"]), st.decimals(min_value=-99, max_value=999, places=4)),
        min_size=1,
        max_size=5,
    )
)
def test_a_stream_of_replies_parses_line_by_line_to_its_own_command(replies):
    # several replies glued as one balance sends them (late, duplicated): each line keeps its own echo
    blob = b"".join(mtsics.format_weight(c, True, v, "g") for c, v in replies)
    parsed = [parse_line(x) for x in blob.split(b"\r\n") if x]
    assert [(r.cmd, r.weight()[0]) for r in parsed] == [(c, v) for c, v in replies]
