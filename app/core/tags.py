"""Warehouse item tags: ``TW`` + YYMMDD + 6-digit sequence + Damm check digit (15 characters).

The Damm algorithm catches every single-digit error and every swap of adjacent
digits (the check digit included), the two mistakes a damaged label or a hand-typed tag
makes. Both follow from the table alone: every row and column is a permutation, the
diagonal is 0, and T[T[s][a]][b] != T[T[s][b]][a] for every state s and digits a != b
(checked exhaustively in tests/core/test_tags.py). It does not promise more: two errors,
or a swap of digits two apart, may go unseen.

Only ASCII digits are tag digits: full-width digits typed through a Chinese input method
are folded to ASCII (NFKC) first; any other Unicode digit (Arabic-Indic, ...) is refused,
never read as the digit it resembles.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from stdnum import damm

from app.core.errors import ValidationError

TAG_PREFIX = "TW"
TAG_RE = re.compile(r"^TW([0-9]{12})([0-9])$")
MAX_SEQUENCE = 999_999
TAG_SAMPLE = "TW888888888888" + "8"  # a tag's shape, for sizing where one will be shown


def damm_digit(digits: str) -> int:
    """The Damm check digit (python-stdnum's table, the one in Damm's 2004 thesis)."""
    return int(damm.calc_check_digit(digits))


def make_tag(day: date, sequence: int) -> str:
    if not 1 <= sequence <= MAX_SEQUENCE:
        raise ValidationError(f"当日标签序号已用尽或无效：{sequence}", f"Tag sequence out of range: {sequence}")
    body = f"{day:%y%m%d}{sequence:06d}"
    return f"{TAG_PREFIX}{body}{damm_digit(body)}"


def _normalise(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip().upper()


def looks_like_tag(text: str) -> bool:
    """True when the text has the tag's shape (the check digit may still be wrong)."""
    return bool(TAG_RE.match(_normalise(text)))


def validate_tag(text: str) -> str:
    """Return the normalised tag or raise ValidationError saying what is wrong with it."""
    tag = _normalise(text)
    m = TAG_RE.match(tag)
    if not m:
        raise ValidationError(
            f"“{text.strip()}”不是仓库标签（应为 TW 加 13 位数字）",
            f"'{text.strip()}' is not a warehouse tag (TW followed by 13 digits)",
        )
    if damm_digit(m.group(1)) != int(m.group(2)):
        raise ValidationError(
            f"标签 {tag} 校验位错误，请重新扫描或核对标签",
            f"Tag {tag} has a wrong check digit; rescan or check the label",
        )
    return tag
