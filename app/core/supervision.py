"""What a supervisor watches, named once: the kinds of exception in the queue, the stages an
item waits in (each with the setting that says how long is too long), and the figures of
the day's dashboard. Pure data; the queries live in ``app/services/supervision.py``."""

from __future__ import annotations

from dataclasses import dataclass

from app.core.lifecycle import ItemState


@dataclass(frozen=True)
class ExceptionKind:
    code: str
    zh: str
    en: str

    def name(self, lang: str) -> str:
        return self.zh if lang.startswith("zh") else self.en


EXCEPTION_KINDS: tuple[ExceptionKind, ...] = (
    ExceptionKind("unannounced", "未预报包裹", "Unannounced parcel"),
    ExceptionKind("notice_change", "收货后预报变更", "Notice changed after receipt"),
    ExceptionKind("discrepancy", "收货差异", "Discrepancy"),
    ExceptionKind("missing", "缺件", "Missing line"),
    ExceptionKind("on_hold", "已冻结", "On hold"),
    ExceptionKind("waiting", "等待超时", "Waiting too long"),
    ExceptionKind("sync_rejected", "无法同步的事件", "Event that cannot be synced"),
    ExceptionKind("notice_quarantined", "隔离的预报", "Quarantined notice"),
)
KIND = {k.code: k for k in EXCEPTION_KINDS}


@dataclass(frozen=True)
class WaitingStage:
    """A state an item waits in before someone acts, and the setting (hours) past which the
    wait is an exception."""

    state: ItemState
    setting: str
    default_hours: float
    zh: str  # the setting's title
    en: str


WAITING_STAGES: tuple[WaitingStage, ...] = (
    WaitingStage(
        ItemState.RECEIVED,
        "wait_received_h",
        24.0,
        "已收货未鉴定的最长等待（小时）",
        "Received but not appraised: longest wait (hours)",
    ),
    WaitingStage(
        ItemState.IN_APPRAISAL,
        "wait_in_appraisal_h",
        48.0,
        "鉴定中的最长等待（小时）",
        "In appraisal: longest wait (hours)",
    ),
    WaitingStage(
        ItemState.GRADED,
        "wait_graded_h",
        8.0,
        "已分级未提交复核的最长等待（小时）",
        "Graded, not submitted for review: longest wait (hours)",
    ),
    WaitingStage(
        ItemState.IN_REVIEW, "wait_in_review_h", 24.0, "待复核的最长等待（小时）", "In review: longest wait (hours)"
    ),
    WaitingStage(
        ItemState.APPROVED,
        "wait_approved_h",
        24.0,
        "复核通过未出证的最长等待（小时）",
        "Approved, no certificate yet: longest wait (hours)",
    ),
    WaitingStage(
        ItemState.CERTIFIED,
        "wait_certified_h",
        72.0,
        "已出证未发货的最长等待（小时）",
        "Certified, not dispatched: longest wait (hours)",
    ),
    WaitingStage(
        ItemState.REJECTED,
        "wait_rejected_h",
        72.0,
        "已拒收未退回的最长等待（小时）",
        "Rejected, not returned: longest wait (hours)",
    ),
)
# Recorded facts (discrepancies, missing lines, quarantined notices) stay in the queue this long.
EXCEPTION_WINDOW_SETTING = "exceptions_window_days"
EXCEPTION_WINDOW_DAYS = 14


def waiting_limits(get: object = None) -> dict[str, float]:
    """Hours per waiting state, from a settings getter (``config.get``) or the defaults."""
    out = {}
    for stage in WAITING_STAGES:
        value = get(stage.setting) if callable(get) else None
        out[stage.state.value] = float(value) if value is not None else stage.default_hours
    return out


# The dashboard's day: the stages a piece passes, in order (their counts come from the records
# that mark each one: items.received_at, grading_results.graded_at, reviews.decided_at,
# certificates.issued_at, dispatches.dispatched_at).
DAY_STAGES: tuple[tuple[str, str, str], ...] = (
    ("received", "收货", "Received"),
    ("appraised", "鉴定", "Appraised"),
    ("reviewed", "复核", "Reviewed"),
    ("certified", "出证", "Certified"),
    ("dispatched", "发出", "Dispatched"),
)
TOP_MERCHANTS = 10
