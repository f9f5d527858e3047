"""A&D GX-A/GF-A and Sartorius SBI reply lines: strict parsing (no I/O)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

_AND = re.compile(r"^(?P<h>ST|US|QT|OL),(?P<sign>[+-])(?P<num>[0-9. ]{7,9}?) *(?P<unit>[A-Za-z%]{1,3}|PC)$")
_AND_ERR = re.compile(r"^EC,(?P<code>E\d{1,2})$")
_SBI = re.compile(r"^(?:[A-Za-z]{1,6} +)?(?P<sign>[+-]) *(?P<num>\d+(?:\.\d+)?)(?: +(?P<unit>[A-Za-z%/]{1,3}))? *$")

_SBI_LIMIT = re.compile(r"^(?:[A-Za-z]{1,6} +)?[+-]? *(?P<word>High|Low|H|L)$")
_SBI_ERR = re.compile(r"^Err(?:or)? *\d{1,4}$")
_SBI_WIDTHS = (14, 20)  # 16 / 22 characters with CR LF


@dataclass(frozen=True)
class Line:
    kind: str  # "weight", "overload", "underload", "error", "ack", "counting"
    value: Decimal | None = None
    unit: str = ""
    stable: bool = False
    text: str = ""


def _ascii(line: bytes) -> str | None:
    try:
        text = line.decode("ascii")
    except UnicodeDecodeError:
        return None
    if any(not (" " <= c <= "~") for c in text):
        return None
    return text


def parse_and(line: bytes) -> Line | None:
    if line == b"\x06":
        return Line("ack")
    text = _ascii(line)
    if text is None:
        return None
    e = _AND_ERR.match(text)
    if e:
        return Line("error", text=e.group("code"))
    m = _AND.match(text)
    if m is None:
        return None
    num = m.group("num").strip()
    if m.group("h") == "OL":
        return Line("overload" if m.group("sign") == "+" else "underload")
    if not re.fullmatch(r"\d+(?:\.\d+)?", num):
        return None
    if m.group("h") == "QT":
        return Line("counting", text=text)
    value = Decimal(num) * (-1 if m.group("sign") == "-" else 1)
    return Line("weight", value, m.group("unit"), m.group("h") == "ST")


def parse_sbi(line: bytes) -> Line | None:
    """An SBI line. Overload/underload must be the whole line ("High", "Low", or the bare "H"/"L"
    only in SBI's fixed 14/20-character body): a noise line that merely ends in "High" or a
    stray "H" is garbage, never an overload."""
    text = _ascii(line)
    if text is None:
        return None
    stripped = text.strip()
    limit = _SBI_LIMIT.match(stripped)
    if limit and (len(limit.group("word")) > 1 or len(text) in _SBI_WIDTHS):
        return Line("overload" if limit.group("word")[0] == "H" else "underload")
    if _SBI_ERR.match(stripped):
        return Line("error", text=stripped)
    m = _SBI.match(text)
    if m is None:
        return None
    value = Decimal(m.group("num")) * (-1 if m.group("sign") == "-" else 1)
    unit = m.group("unit") or ""
    return Line("weight", value, unit, bool(unit))  # SBI shows the unit only when stable
