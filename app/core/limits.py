"""The limits every text and number must keep (platform-api.md §3, "Limits (1.1)").

One place for the rule, used by the services (entry checks and the unit of work), by
``app.core.events`` (outbox payloads) and by the reference platform server:

- a string holds at most 2,000 characters when its field is a note, reason or
  statement, else at most 256;
- it is valid UTF-8: no lone surrogates (a Python ``str`` can hold them, UTF-8 cannot),
  and it has no NUL character;
- a number is finite (no NaN, no infinity);
- and, our own guard for hostile JSON rather than the contract's: structures nest at
  most 32 deep and integers stay within ±(2**53 − 1), what every JSON reader keeps exactly.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from decimal import Decimal
from typing import Any, NamedTuple

from app.core.errors import ValidationError

MAX_TEXT = 256
MAX_LONG_TEXT = 2000
LONG_TEXT_FIELDS = frozenset({"note", "reason", "statement"})
MAX_DEPTH = 32
MAX_SAFE_INTEGER = 2**53 - 1

# How a person sees a field's name in a refusal: (zh, en).
FIELD_LABELS: dict[str, tuple[str, str]] = {
    "note": ("备注", "note"),
    "reason": ("原因", "reason"),
    "statement": ("陈述", "statement"),
    "title": ("品名", "title"),
    "name": ("名称", "name"),
    "waybill_no": ("运单号", "waybill number"),
    "waybill": ("运单号", "waybill number"),
    "carrier": ("承运商", "carrier"),
    "display_name": ("姓名", "name"),
    "username": ("用户名", "user name"),
    "merchant_ref": ("商家标签", "merchant label"),
    "value": ("测量值", "measured value"),
    "unit": ("单位", "unit"),
    "tag": ("标签", "tag"),
    "asn_id": ("预报号", "notice id"),
    "line_id": ("预报行", "notice line"),
    "merchant_name": ("商家名称", "merchant name"),
    "order_no": ("订单号", "order number"),
}


class Problem(NamedTuple):
    path: str  # where: "note", "result.stones[0].name", "lines[L1].title"
    code: str  # too_long | nul | surrogate | not_finite | too_big | too_deep | bad_key
    limit: int = 0
    actual: int = 0


def field_name(path: str) -> str:
    """The last name in a path: "lines[L1].title" -> "title"."""
    return path.rsplit(".", 1)[-1].split("[", 1)[0]


def max_chars(path: str) -> int:
    name = field_name(path)
    if name in LONG_TEXT_FIELDS or name.endswith("_reason"):
        return MAX_LONG_TEXT
    return MAX_TEXT


def text_problem(path: str, value: str, limit: int | None = None) -> Problem | None:
    limit = max_chars(path) if limit is None else limit
    if len(value) > limit:
        return Problem(path, "too_long", limit, len(value))
    if "\x00" in value:
        return Problem(path, "nul")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return Problem(path, "surrogate")
    return None


def number_problem(path: str, value: Any) -> Problem | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return None if abs(value) <= MAX_SAFE_INTEGER else Problem(path, "too_big", MAX_SAFE_INTEGER)
    if isinstance(value, float) and not math.isfinite(value):
        return Problem(path, "not_finite")
    if isinstance(value, Decimal) and not value.is_finite():
        return Problem(path, "not_finite")
    return None


def value_problem(value: Any, path: str = "", *, lengths: bool = True) -> Problem | None:
    """The first place in a JSON-like value (dicts, lists, strings, numbers) that breaks a
    limit, or None. ``lengths=False`` checks only what no store can hold (NUL, lone
    surrogates, non-finite numbers, depth). Iterative: hostile depth cannot overflow."""
    stack: list[tuple[str, Any, int]] = [(path, value, 0)]
    while stack:
        where, v, depth = stack.pop()
        if isinstance(v, str):
            p = text_problem(where, v, None if lengths else len(v))
        elif isinstance(v, int | float | Decimal):
            p = number_problem(where, v)
        elif isinstance(v, Mapping | list | tuple):
            if depth >= MAX_DEPTH:
                return Problem(where, "too_deep", MAX_DEPTH)
            p = None
            if isinstance(v, Mapping):
                children = []
                for k, child in v.items():
                    if not isinstance(k, str):
                        return Problem(where, "bad_key")
                    key_path = f"{where}.{k}" if where else k
                    p = text_problem(key_path, k, MAX_TEXT if lengths else len(k))
                    if p is not None:
                        return p
                    children.append((key_path, child, depth + 1))
                stack.extend(reversed(children))
            else:
                stack.extend(reversed([(f"{where}[{i}]", c, depth + 1) for i, c in enumerate(v)]))
        else:
            p = None  # None, bool and other scalars carry no text or number to check
        if p is not None:
            return p
    return None


def describe(p: Problem) -> tuple[str, str]:
    """(zh, en) sentences for a person."""
    zh_label, en_label = FIELD_LABELS.get(field_name(p.path), (p.path, p.path))
    where_zh = zh_label if zh_label == p.path else f"{zh_label}（{p.path}）"
    where_en = en_label if en_label == p.path else f"{en_label} ({p.path})"
    return {
        "too_long": (
            f"{where_zh}过长：{p.actual} 个字符，最多 {p.limit} 个",
            f"{where_en} is too long: {p.actual} characters, at most {p.limit}",
        ),
        "nul": (f"{where_zh}含有空字符（NUL），无法保存", f"{where_en} contains a NUL character"),
        "surrogate": (
            f"{where_zh}含有无效字符（不成对的代理项，不是合法的 UTF-8）",
            f"{where_en} contains an invalid character (a lone surrogate, not valid UTF-8)",
        ),
        "not_finite": (f"{where_zh}不是有效数字（NaN 或无穷大）", f"{where_en} is not a finite number"),
        "too_big": (f"{where_zh}数值过大（超过 ±{p.limit}）", f"{where_en} is too large (beyond ±{p.limit})"),
        "too_deep": (
            f"{where_zh}嵌套层数过多（最多 {p.limit} 层）",
            f"{where_en} is nested too deeply (at most {p.limit})",
        ),
        "bad_key": (f"{where_zh}含有非文字的键", f"{where_en} has a key that is not text"),
    }[p.code]


def refuse(p: Problem) -> ValidationError:
    zh, en = describe(p)
    return ValidationError(zh, en, field=p.path, limit=p.code)


def check(value: Any, path: str = "", *, limit: int | None = None) -> Any:
    """Return ``value`` unchanged, or raise ValidationError saying which limit it breaks.
    ``limit`` overrides the length limit of a top-level string (e.g. a shorter column)."""
    if isinstance(value, str):
        p = text_problem(path, value, limit)
    else:
        p = value_problem(value, path)
    if p is not None:
        raise refuse(p)
    return value


def check_fields(**fields: Any) -> None:
    """Check several inputs at a service's entry: ``check_fields(note=note, waybill_no=waybill)``."""
    for name, value in fields.items():
        if value is not None:
            check(value, name)


def clip(text: str, path: str) -> str:
    """Shorten text the workstation composes itself (never a person's input) to its limit."""
    limit = max_chars(path)
    return text if len(text) <= limit else text[: limit - 1] + "…"
