"""Mettler Toledo MT-SICS: encoding commands and strictly parsing reply lines (no I/O).

A line that does not fit the grammar is garbage (``parse_line`` returns None) so a cut
line, line noise or a stray banner can never become a weight.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

WEIGHT_STATUSES = {"S", "D"}
ALL_STATUSES = {"S", "D", "I", "L", "+", "-", "A", "B"}
ERROR_REPLIES = {"ES", "ET", "EL"}

_HEAD = re.compile(r"^(?P<cmd>@|[A-Z][A-Z0-9]{0,5}) (?P<st>[SDIL+\-AB])(?P<rest>(?: .*)?)$")
_WEIGHT = re.compile(r"^ +(?P<w>-?\d+(?:\.\d+)?) +(?P<unit>[A-Za-z%/]{1,6})$")
_QUOTED = re.compile(r'"([^"]*)"')
_DEVICE_ERR = re.compile(r"^(?:ERR(?:OR)?|Err(?:or)?|error)\b[ :]*(?P<text>.*)$")


@dataclass(frozen=True)
class Reply:
    cmd: str  # the command the reply names ("" for ES/ET/EL and device error text)
    status: str  # S D I L + - A B, or ES ET EL, or ERR
    fields: tuple[str, ...] = ()

    @property
    def is_error(self) -> bool:
        return self.status in ERROR_REPLIES or self.status == "ERR"

    def weight(self) -> tuple[Decimal, str]:
        return Decimal(self.fields[0]), self.fields[1]


def encode(command: str) -> bytes:
    if not command or any(c in command for c in "\r\n"):
        raise ValueError(f"bad MT-SICS command {command!r}")
    return command.encode("ascii") + b"\r\n"


def parse_line(line: bytes) -> Reply | None:
    """One reply line without its CR LF, or None when it is not a valid MT-SICS reply."""
    try:
        text = line.decode("ascii")
    except UnicodeDecodeError:
        return None
    if not text or any(not (" " <= c <= "~") for c in text):
        return None
    if text in ERROR_REPLIES:
        return Reply("", text)
    m = _HEAD.match(text)
    if m is None:
        e = _DEVICE_ERR.match(text)
        return Reply("", "ERR", (e.group("text").strip() or text,)) if e else None
    cmd, st, rest = m.group("cmd"), m.group("st"), m.group("rest")
    if st in WEIGHT_STATUSES and rest:
        w = _WEIGHT.match(rest)
        if w is None:
            return None
        try:
            Decimal(w.group("w"))
        except InvalidOperation:  # pragma: no cover - the regex already guarantees a number
            return None
        return Reply(cmd, st, (w.group("w"), w.group("unit")))
    if st in ("A", "B"):
        if not rest:
            return Reply(cmd, st)
        body = rest[1:]
        quoted = _QUOTED.findall(body)
        if quoted and "".join(f'"{q}"' for q in quoted).replace(" ", "") == body.replace(" ", ""):
            return Reply(cmd, st, tuple(quoted))
        if '"' in body:
            return None  # an unbalanced quote is a cut line
        return Reply(cmd, st, tuple(body.split()))
    if rest:
        return None  # I, L, +, - and bare S/D carry nothing after the status
    return Reply(cmd, st)


def parse_model(text: str) -> str:
    """``I2`` text is "<type> <capacity> <unit>"; the type may contain spaces."""
    parts = text.split()
    if len(parts) >= 3:
        try:
            Decimal(parts[-2])
            return " ".join(parts[:-2])
        except InvalidOperation:
            pass
    return text.strip()


def parse_capacity(text: str) -> tuple[Decimal, str] | None:
    """The "<capacity> <unit>" at the end of an ``I2`` text, when it is there and positive."""
    parts = text.split()
    if len(parts) >= 3:
        try:
            cap = Decimal(parts[-2])
        except InvalidOperation:
            return None
        if cap.is_finite() and cap > 0:
            return cap, parts[-1]
    return None


def format_weight(cmd: str, stable: bool, value: Decimal, unit: str, decimals: int = 4) -> bytes:
    """A reply line as a balance sends it (used by the simulator and the tests)."""
    q = Decimal(1).scaleb(-decimals)
    field = f"{value.quantize(q):>10}"
    return f"{cmd} {'S' if stable else 'D'} {field} {unit}\r\n".encode("ascii")
