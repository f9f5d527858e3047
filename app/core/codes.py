"""Scanned and typed codes (waybills, tags, order numbers, GS1 strings) made comparable, in
one place: intake scans, inbound and outbound waybills all go through here.

A code is normalised the way a person would read it, never guessed at:

- NFKC folds full-width and compatibility forms (``ＳＦ１２３`` from a Chinese input method
  in full-width mode) into ASCII; a look-alike from another script (Cyrillic ``С``, Greek
  ``Τ``) is *refused* with the character named, because it would look right and match nothing.
- Whitespace and invisible format characters (zero-width space, BOM) are dropped; letters
  are upper-cased (a scanner on a keyboard with CapsLock on types lower case).
- GS (0x1D, GS1's FNC1) separates GS1 fields: kept inside codes whose alphabet allows it
  (refused in the others), dropped at either end (there it marks the symbology, not a
  field boundary).
- What is left must use the rule's alphabet and length; otherwise ``ValidationError`` says
  in Chinese and English what is wrong, so a partial or garbled scan is never recorded.
"""

from __future__ import annotations

import string
import unicodedata
from dataclasses import dataclass

from app.core.errors import ValidationError

GS = "\x1d"  # GS1 FNC1 as transmitted by scanners
_SEPARATORS = "\x1c\x1d\x1e\x1f"


@dataclass(frozen=True)
class CodeRule:
    name_zh: str
    name_en: str
    alphabet: frozenset[str]
    min_len: int
    max_len: int
    error_code: str = "invalid"


_ALNUM = string.ascii_uppercase + string.digits
# Anything scanned at a station: tags, merchants' order numbers, waybills, GS1 strings.
SCAN = CodeRule("扫描内容", "scan", frozenset(_ALNUM + "-_./#+:" + GS), 6, 64, error_code="garbled")
# Search text typed or scanned to find an item: the scan alphabet, partial input allowed.
SEARCH = CodeRule("查询内容", "search text", frozenset(_ALNUM + "-_./#+:"), 3, 64, error_code="invalid_search")
# Carrier waybill numbers, inbound and outbound.
WAYBILL = CodeRule("运单号", "waybill number", frozenset(_ALNUM), 6, 40, error_code="invalid_waybill")


def _char_name(ch: str, zh: bool) -> str:
    if ch == GS:
        return "GS (U+001D)"
    return f"{unicodedata.name(ch, '控制字符' if zh else 'control character')} (U+{ord(ch):04X})"


def _shown(text: str) -> str:
    """The code as a person can read it in a message (controls made visible, cut short)."""
    visible = "".join(ch if ch.isprintable() else f"<{ord(ch):02X}>" for ch in text)
    return visible if len(visible) <= 40 else visible[:40] + "…"


def normalise(text: str, rule: CodeRule = SCAN) -> str:
    """Return the code in its one comparable form, or raise ValidationError with the reason."""
    folded = unicodedata.normalize("NFKC", text)
    kept = []
    for ch in folded:
        if ch in _SEPARATORS:
            kept.append(ch)  # Python counts FS/GS/RS/US as spaces; they are data here
        elif ch.isspace() or unicodedata.category(ch) == "Cf":
            continue  # spaces, tabs, CR/LF, zero-width characters
        else:
            kept.append(ch)
    code = "".join(kept).strip(GS).upper()
    what_zh, what_en = rule.name_zh, rule.name_en
    if not code:
        raise ValidationError(f"{what_zh}为空，请重新扫描", f"Empty {what_en}; scan again", code=rule.error_code)
    bad = next((ch for ch in code if ch not in rule.alphabet), None)
    if bad is not None:
        raise ValidationError(
            f"{what_zh}含不允许的字符“{_shown(bad)}”（{_char_name(bad, True)}），可能扫描不完整、输入法或键盘布局不对：“{_shown(code)}”，请重新扫描",
            f"The {what_en} has a character that is not allowed, '{_shown(bad)}' ({_char_name(bad, False)}); the scan may be partial "
            f"or the input method/keyboard layout wrong: '{_shown(code)}'; scan again",
            code=rule.error_code,
            character=bad,
        )
    if not rule.min_len <= len(code) <= rule.max_len:
        raise ValidationError(
            f"{what_zh}长度异常（{len(code)} 位，应为 {rule.min_len}–{rule.max_len} 位），可能扫描不完整：“{_shown(code)}”，请重新扫描",
            f"Unusual {what_en} length ({len(code)}, expected {rule.min_len}–{rule.max_len}), possibly partial: "
            f"'{_shown(code)}'; scan again",
            code=rule.error_code,
        )
    return code


def normalise_scan(text: str) -> str:
    return normalise(text, SCAN)


def normalise_waybill(text: str) -> str:
    return normalise(text, WAYBILL)


def normalise_search(text: str) -> str:
    return normalise(text, SEARCH)
