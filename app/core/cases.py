"""After-sale cases (platform-api.md §6, 1.1): the vocabulary, the case life cycle at the
station, the checks on a case as the platform sends it, and the warranty and four-eyes rules.

```
open ─receive─▶ received ─start─▶ inspecting ─inspected─▶ inspected
inspected ─decide (another person)─▶ decided ─dispose─▶ disposed
any state before decided ─platform cancels─▶ cancelled
```
A merchant appeal whose piece never left the warehouse is received without a waybill.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from app.core import limits
from app.core.clock import parse_rfc3339
from app.core.errors import DomainError, IllegalTransition, ValidationError
from app.core.fingerprint import (
    SAME_PIECE as SAME_PIECE,  # one vocabulary: the comparison proposes, a person confirms
)
from app.core.vocab.phone import WARRANTY_DAYS

KINDS = ("buyer_return", "warranty_claim", "merchant_appeal")
KIND_NAMES = {
    "buyer_return": ("买家退货", "Buyer return"),
    "warranty_claim": ("保修申请", "Warranty claim"),
    "merchant_appeal": ("商家申诉", "Merchant appeal"),
}
PLATFORM_STATUSES = ("open", "cancelled")
SAME_PIECE_NAMES = {
    "yes": ("是同一件", "Same piece"),
    "no": ("不是同一件", "Not the same piece"),
    "undetermined": ("无法确定", "Undetermined"),
}
DECISIONS = ("upheld", "denied")
DECISION_NAMES = {"upheld": ("支持申请", "Upheld"), "denied": ("驳回申请", "Denied")}
REASON_CODES = (
    "as_certified",
    "not_same_piece",
    "damaged_after_sale",
    "defect_covered",
    "defect_not_covered",
    "outside_warranty",
    "rejection_confirmed",
    "rejection_overturned",
    "other",
)
REASON_NAMES = {
    "as_certified": ("与证书一致", "As certified"),
    "not_same_piece": ("非原鉴定物品", "Not the same piece"),
    "damaged_after_sale": ("售后损坏", "Damaged after sale"),
    "defect_covered": ("故障在保修范围内", "Defect covered"),
    "defect_not_covered": ("故障不在保修范围内", "Defect not covered"),
    "outside_warranty": ("超出保修期", "Outside warranty"),
    "rejection_confirmed": ("维持拒收", "Rejection confirmed"),
    "rejection_overturned": ("撤销拒收", "Rejection overturned"),
    "other": ("其他", "Other"),
}
# Which reason codes fit which kind of case (a decision with another kind's reason is refused).
KIND_REASONS: dict[str, frozenset[str]] = {
    "buyer_return": frozenset({"as_certified", "not_same_piece", "damaged_after_sale", "other"}),
    "warranty_claim": frozenset(
        {"defect_covered", "defect_not_covered", "outside_warranty", "not_same_piece", "damaged_after_sale", "other"}
    ),
    "merchant_appeal": frozenset({"rejection_confirmed", "rejection_overturned", "other"}),
}
DISPOSITIONS = ("hold", "buyer", "merchant_return")
DISPOSITION_NAMES = {
    "hold": ("留存作证据", "Held as evidence"),
    "buyer": ("退回买家", "Returned to the buyer"),
    "merchant_return": ("退回商家", "Returned to the merchant"),
}
PACKAGE_CONDITIONS = ("intact", "damaged")


class CaseState(StrEnum):
    OPEN = "open"
    RECEIVED = "received"
    INSPECTING = "inspecting"
    INSPECTED = "inspected"
    DECIDED = "decided"
    DISPOSED = "disposed"
    CANCELLED = "cancelled"


CASE_STATE_NAMES = {
    CaseState.OPEN: ("待收件", "Open"),
    CaseState.RECEIVED: ("已收件", "Received"),
    CaseState.INSPECTING: ("复检中", "Inspecting"),
    CaseState.INSPECTED: ("已复检", "Inspected"),
    CaseState.DECIDED: ("已裁定", "Decided"),
    CaseState.DISPOSED: ("已处置", "Disposed"),
    CaseState.CANCELLED: ("平台已取消", "Cancelled by the platform"),
}


class CaseStep(StrEnum):
    RECEIVE = "receive"
    START_INSPECTION = "start_inspection"
    RECORD_INSPECTION = "record_inspection"
    DECIDE = "decide"
    DISPOSE = "dispose"


_STEP_NAMES = {
    CaseStep.RECEIVE: ("收件", "receive"),
    CaseStep.START_INSPECTION: ("开始复检", "start re-inspection"),
    CaseStep.RECORD_INSPECTION: ("记录复检结果", "record the re-inspection"),
    CaseStep.DECIDE: ("裁定", "decide"),
    CaseStep.DISPOSE: ("处置物品", "dispose of the piece"),
}
C = CaseState
CASE_TRANSITIONS: dict[tuple[CaseState, CaseStep], CaseState] = {
    (C.OPEN, CaseStep.RECEIVE): C.RECEIVED,
    (C.RECEIVED, CaseStep.START_INSPECTION): C.INSPECTING,
    (C.INSPECTING, CaseStep.RECORD_INSPECTION): C.INSPECTED,
    (C.INSPECTED, CaseStep.DECIDE): C.DECIDED,
    (C.DECIDED, CaseStep.DISPOSE): C.DISPOSED,
}
# A platform cancellation stops work that has not been decided; a decided case stands.
CANCELLABLE = frozenset({C.OPEN, C.RECEIVED, C.INSPECTING, C.INSPECTED})


def next_case_state(state: CaseState, step: CaseStep, case_id: str = "") -> CaseState:
    """The state after ``step``, or IllegalTransition saying why not (a cancelled case says so)."""
    if state is C.CANCELLED:
        raise IllegalTransition(
            f"售后单 {case_id} 已被平台取消，请停止处理并将物品交主管",
            f"Case {case_id} was cancelled by the platform: stop work on it and hand the piece to a supervisor",
            code="case_cancelled",
            case_id=case_id,
        )
    target = CASE_TRANSITIONS.get((state, step))
    if target is None:
        zh_state, en_state = CASE_STATE_NAMES[state]
        zh_step, en_step = _STEP_NAMES[step]
        raise IllegalTransition(
            f"售后单 {case_id} 当前为“{zh_state}”，不能{zh_step}",
            f"Case {case_id} is {en_state.lower()}: cannot {en_step}",
            state=state.value,
            step=step.value,
        )
    return target


def check_case_four_eyes(decider_user_id: int, inspector_user_id: int | None) -> None:
    """The person who decides a case is not the one who inspected it."""
    if inspector_user_id is not None and decider_user_id == inspector_user_id:
        raise DomainError(
            "不能裁定自己复检的售后单，请由另一位主管裁定",
            "You cannot decide a case you inspected yourself; another supervisor must decide it",
            code="four_eyes",
        )


def check_blind_reappraiser(appraiser_user_id: int, first_appraiser_ids: set[int]) -> None:
    """A merchant appeal is re-appraised by someone who did not appraise the piece the first time."""
    if appraiser_user_id in first_appraiser_ids:
        raise DomainError(
            "申诉须由未参与首次鉴定的鉴定师盲检",
            "An appeal is re-appraised blind by an appraiser who did not appraise the piece first",
            code="four_eyes",
        )


def within_warranty(certified_on: date, claimed_at: datetime) -> bool:
    """The 180-day phone warranty (one constant, app.core.certificate) counted to the case's date."""
    return 0 <= (claimed_at.date() - certified_on).days <= WARRANTY_DAYS


def warranty_covered(
    *, in_warranty: bool, reproduced: bool, function_certified_working: bool, damage_after_sale: bool
) -> bool:
    """Covered: within the warranty, the defect reproduced by a box function test, in a function
    the certificate called working, and not caused by damage after the sale."""
    return in_warranty and reproduced and function_certified_working and not damage_after_sale


def warranty_reason(*, in_warranty: bool, covered: bool, damage_after_sale: bool) -> str:
    if not in_warranty:
        return "outside_warranty"
    if covered:
        return "defect_covered"
    return "damaged_after_sale" if damage_after_sale else "defect_not_covered"


# ------------------------------------------------------------- a case as the platform sends it


@dataclass(frozen=True)
class PlatformCase:
    case_id: str
    revision: int
    status: str
    kind: str
    warehouse_id: str
    item_tag: str
    certificate_no: str | None
    opened_at: datetime
    inbound_carrier: str | None
    inbound_waybill: str | None
    statement: str
    claimed: dict[str, Any]
    raw: dict[str, Any]


def _bad(field: str) -> ValidationError:
    return ValidationError(
        f"售后单数据无效：字段 {field} 缺失或格式错误",
        f"Invalid case: field {field} missing or malformed",
        field=field,
        code="invalid_case",
    )


def parse_case(raw: Any) -> PlatformCase:
    """Check one entry of ``GET /cases`` against §6 and the limits; ValidationError naming
    the field otherwise. Nothing is guessed into shape."""
    if not isinstance(raw, Mapping):
        raise _bad("case")
    limits.check(dict(raw))
    for key in ("case_id", "warehouse_id", "item_tag"):
        if not isinstance(raw.get(key), str) or not raw[key].strip():
            raise _bad(key)
    rev = raw.get("revision")
    if not isinstance(rev, int) or isinstance(rev, bool) or not 1 <= rev <= 2**31 - 1:
        raise _bad("revision")
    if raw.get("status") not in PLATFORM_STATUSES:
        raise _bad("status")
    kind = raw.get("kind")
    if kind not in KINDS:
        raise _bad("kind")
    cert = raw.get("certificate_no")
    if not (cert is None or (isinstance(cert, str) and cert.strip())):
        raise _bad("certificate_no")
    if kind != "merchant_appeal" and cert is None:
        raise _bad("certificate_no")
    try:
        opened = parse_rfc3339(raw.get("opened_at"))  # type: ignore[arg-type]  # raw JSON: a non-string raises TypeError, caught here
    except (ValueError, TypeError):
        raise _bad("opened_at") from None
    inbound = raw.get("inbound")
    carrier = waybill = None
    if inbound is not None:
        if (
            not isinstance(inbound, Mapping)
            or not isinstance(inbound.get("waybill_no"), str)
            or not inbound["waybill_no"].strip()
            or not isinstance(inbound.get("carrier"), str | None)
        ):
            raise _bad("inbound")
        carrier, waybill = inbound.get("carrier"), inbound["waybill_no"].strip().upper()
    elif kind != "merchant_appeal":
        raise _bad("inbound")  # a buyer's piece always comes back by parcel
    statement = raw.get("statement", "")
    if not isinstance(statement, str):
        raise _bad("statement")
    claimed = raw.get("claimed", {})
    if claimed is None:
        claimed = {}
    if not isinstance(claimed, Mapping):
        raise _bad("claimed")
    return PlatformCase(
        raw["case_id"].strip(),
        rev,
        raw["status"],
        kind,
        raw["warehouse_id"].strip(),
        raw["item_tag"].strip().upper(),
        cert.strip() if cert else None,
        opened,
        carrier,
        waybill,
        statement,
        dict(claimed),
        dict(raw),
    )


# A warranty claim's ``claimed.defect`` (platform-api 1.1 §6, e.g. "screen") and the box
# function tests (app.core.vocab.phone.FUNCTION_TESTS) that reproduce it. A defect named here
# is reproduced when one of its tests fails in the re-inspection's box report.
CLAIMED_DEFECT_TESTS: dict[str, tuple[str, ...]] = {
    "screen": ("display", "touch"),
    "display": ("display",),
    "touch": ("touch",),
    "speaker": ("speaker",),
    "earpiece": ("earpiece",),
    "microphone": ("microphone",),
    "wifi": ("wifi",),
    "bluetooth": ("bluetooth",),
    "cellular": ("cellular",),
    "signal": ("cellular",),
    "buttons": ("buttons",),
    "camera": ("camera",),
    "face_id": ("face_id",),
    "touch_id": ("touch_id",),
    "charging": ("charging",),
    "vibration": ("vibration",),
    "gps": ("gps",),
    "nfc": ("nfc",),
    "proximity": ("proximity",),
}


def defect_tests(claimed: Mapping[str, Any] | None) -> tuple[str, ...]:
    """The function tests that reproduce the claimed defect; () when the claim names none we know."""
    defect = (claimed or {}).get("defect") if isinstance(claimed, Mapping) else None
    if not isinstance(defect, str):
        return ()
    return CLAIMED_DEFECT_TESTS.get(defect.strip().lower(), ())


def defect_reproduced(claimed: Mapping[str, Any] | None, report: Mapping[str, Any]) -> bool | None:
    """From a box report (inspection-box-protocol v2 ``functions``): True when a test of the
    claimed defect failed, False when all of them ran and passed, None when it cannot be told
    (an unknown defect, a test missing, skipped or unreadable)."""
    tests = defect_tests(claimed)
    if not tests:
        return None
    results: dict[str, str] = {}
    for entry in report.get("functions") or ():
        if isinstance(entry, Mapping) and isinstance(entry.get("test"), str) and isinstance(entry.get("result"), str):
            results[entry["test"]] = entry["result"]
    seen = [results.get(t) for t in tests]
    if any(r == "fail" for r in seen):
        return True
    if all(r == "pass" for r in seen):
        return False
    return None
