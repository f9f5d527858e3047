"""Scanned codes: one normalisation for intake scans and waybills (app/core/codes.py)."""

from __future__ import annotations

import pytest

from app.core import codes
from app.core.errors import ValidationError


@pytest.mark.parametrize(
    "raw",
    [
        "ＳＦ１２３４５６７８９０１２３",
        " sf 1234567890123\r\n",
        "SF\u200b1234567890123",
        "\ufeffSF1234567890123",
        "SF\u30001234567890123",
    ],
)
def test_full_width_case_spaces_and_invisibles_fold_to_one_form(raw):
    assert codes.normalise_scan(raw) == "SF1234567890123"
    assert codes.normalise_waybill(raw) == "SF1234567890123"


@pytest.mark.parametrize(
    "raw, char",
    [
        ("СF1234567890123", "С"),  # Cyrillic ES looks like C
        ("SF12345678901Ο3", "Ο"),  # Greek omicron looks like O
        ("顺丰1234567", "顺"),
        ("SF1234\x1b[A567", "\x1b"),
    ],
)
def test_look_alikes_and_controls_are_refused_naming_the_character(raw, char):
    for fn in (codes.normalise_scan, codes.normalise_waybill):
        with pytest.raises(ValidationError) as err:
            fn(raw)
        assert err.value.details["character"] == char
        assert f"U+{ord(char):04X}" in err.value.zh and f"U+{ord(char):04X}" in err.value.en


def test_gs1_separator_is_kept_inside_a_scan_and_refused_in_a_waybill():
    raw = "\x1d0104012345678901\x1d21ABC123\r"
    assert codes.normalise_scan(raw) == "0104012345678901\x1d21ABC123"
    with pytest.raises(ValidationError) as err:
        codes.normalise_waybill(raw)
    assert err.value.code == "invalid_waybill" and "GS" in err.value.en


@pytest.mark.parametrize("raw", ["", "  ", "SF12", "A" * 65])
def test_empty_short_and_long_scans_are_garbled(raw):
    with pytest.raises(ValidationError) as err:
        codes.normalise_scan(raw)
    assert err.value.code == "garbled" and "扫描" in err.value.zh and "scan" in err.value.en.lower()


def test_waybill_alphabet_is_letters_and_digits():
    with pytest.raises(ValidationError):
        codes.normalise_waybill("SF-1234567")
    assert codes.normalise_scan("MERCH-0001/A") == "MERCH-0001/A"
