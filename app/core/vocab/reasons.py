"""Reasons an item is rejected (platform-api.md ``item.rejected``), in words staff read."""

from __future__ import annotations

from app.core.vocab import Term, vocabulary

REJECT_REASONS = vocabulary(
    "拒收原因",
    "reject reason",
    [
        Term("counterfeit", "假冒", "Counterfeit"),
        Term("undisclosed_treatment", "未申报的处理", "Undisclosed treatment"),
        Term("not_as_declared", "与申报不符", "Not as declared"),
        Term("activation_locked", "激活锁", "Activation locked"),
        Term("blacklisted", "黑名单", "Blacklisted"),
        Term("damaged", "损坏", "Damaged"),
        Term("other", "其他", "Other"),
    ],
)


def reason_name(code: object, lang: str = "zh_CN") -> str:
    """The reason in words; an unknown code is shown as it came."""
    term = REJECT_REASONS.find(code)
    return term.name(lang) if term is not None else str(code)
