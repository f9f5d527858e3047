"""The structured grading result: what an appraiser found, in vocabulary codes only.

A result is built from dataclasses that refuse to exist in an impossible state (unknown
code, synthetic amber, a loose stone with a metal, a fail without a reason), so every layer
above can trust it. ``to_payload()`` gives the ``result`` object of the platform event
``grading.recorded``; ``from_payload()`` reads it back and re-checks everything, because a
payload may come from another workstation's older vocabulary.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from app.core import grading_payload
from app.core.errors import ValidationError
from app.core.events import REJECT_REASONS
from app.core.grading_fields import (
    DISCLOSURE_KINDS,
    MAX_PLACES,
    DiamondGrades,
    Disclosure,
    JadeiteGrades,
    JewelryResult,
    PhoneResult,
    Stone,
    allowed_cosmetic_grades,
    bad,
    check_cosmetic_grade,
    check_material_origin,
    mapping_of,
)
from app.core.vocab import phone

# The fields of a result are defined in app.core.grading_fields; named here too, as the
# parts of the result every caller builds.
__all__ = [
    "DISCLOSURE_KINDS",
    "MAX_PLACES",
    "MAX_JUSTIFICATION",
    "MIN_JUSTIFICATION",
    "RED_CODES",
    "REASON_PRIORITY",
    "SEVERITIES",
    "DiamondGrades",
    "Disclosure",
    "Evaluation",
    "Finding",
    "GradingResult",
    "JadeiteGrades",
    "JewelryResult",
    "PhoneResult",
    "Stone",
    "allowed_cosmetic_grades",
    "check_cosmetic_grade",
    "check_justified",
    "check_material_origin",
    "findings_json",
    "is_red",
    "red_findings",
]

SEVERITIES = ("info", "disclosure", "warning", "fail")
# Which reject reason wins when several findings fail an item.
REASON_PRIORITY = (
    "counterfeit",
    "activation_locked",
    "blacklisted",
    "undisclosed_treatment",
    "not_as_declared",
    "damaged",
    "other",
)


# ---------------------------------------------------------------- findings and the result


@dataclass(frozen=True)
class Finding:
    """One thing a rule noticed. ``reason_code`` is the platform's ``item.rejected`` code
    the finding would justify, when it is severe enough to fail the item."""

    code: str
    zh: str
    en: str
    severity: str
    reason_code: str | None = None


@dataclass(frozen=True)
class Evaluation:
    """What the rules suggest; the appraiser decides. The first failing finding gives the
    suggested reason code."""

    findings: tuple[Finding, ...]
    disclosures: tuple[Disclosure, ...] = ()
    skipped_tests: tuple[str, ...] = ()

    @property
    def verdict(self) -> str:
        return "fail" if any(f.severity == "fail" for f in self.findings) else "pass"

    @property
    def reason_code(self) -> str | None:
        """The most serious reason among failing findings (a fake outranks a wrong weight)."""
        reasons = [
            f.reason_code if f.reason_code in REJECT_REASONS else "other" for f in self.findings if f.severity == "fail"
        ]
        return min(reasons, key=REASON_PRIORITY.index) if reasons else None


# Red findings: what a pass must not ignore. Every failing finding (mass outside tolerance,
# material or stone not as declared, IMEI or identity mismatch) and an SG outside the
# range of the material named in the result. A pass over them needs a written justification,
# and the reviewer acknowledges each one before approving.
RED_CODES = frozenset({"sg_inconsistent"})
MIN_JUSTIFICATION = 10
MAX_JUSTIFICATION = 2000


def is_red(finding: Finding) -> bool:
    return finding.severity == "fail" or finding.code in RED_CODES


def red_findings(evaluation: Evaluation | None) -> tuple[Finding, ...]:
    return tuple(f for f in evaluation.findings if is_red(f)) if evaluation is not None else ()


def check_justified(verdict: str, reds: tuple[Finding, ...], justification: str) -> None:
    """A pass over red findings needs the appraiser's written reason (a few words at least)."""
    if verdict != "pass" or not reds:
        return
    if len((justification or "").strip()) < MIN_JUSTIFICATION:
        listed_zh = "；".join(f.zh for f in reds)
        listed_en = "; ".join(f.en for f in reds)
        raise ValidationError(
            f"存在红色发现，判为合格必须写明理由（至少 {MIN_JUSTIFICATION} 字）：{listed_zh}",
            f"Red findings: a pass needs a written justification (at least {MIN_JUSTIFICATION} "
            f"characters): {listed_en}",
            field="justification",
            code="justification_required",
        )


def findings_json(findings: tuple[Finding, ...]) -> list[dict[str, str]]:
    """Red findings as stored with a grading revision (the reviewer acknowledges these codes)."""
    return [{"code": f.code, "severity": f.severity, "zh": f.zh, "en": f.en} for f in findings]


@dataclass(frozen=True)
class GradingResult:
    category: str
    verdict: str
    jewelry: JewelryResult | None = None
    phone: PhoneResult | None = None
    reason_code: str | None = None
    note: str = ""
    justification: str = ""  # why the appraiser passes despite red findings (see red_findings)

    def __post_init__(self) -> None:
        if self.category not in ("jewelry", "phone"):
            raise bad("类别必须是 jewelry 或 phone", "category must be jewelry or phone", "category")
        expected = self.jewelry if self.category == "jewelry" else self.phone
        other = self.phone if self.category == "jewelry" else self.jewelry
        if expected is None or other is not None:
            raise bad("结果内容与类别不符", "the result does not match its category", "category")
        if self.verdict not in ("pass", "fail"):
            raise bad("结论必须是 pass 或 fail", "verdict must be pass or fail", "verdict")
        if self.verdict == "fail" and self.reason_code not in REJECT_REASONS:
            raise bad("不合格必须给出平台原因代码", "a fail needs one of the platform's reason codes", "reason_code")
        if self.verdict == "pass" and self.reason_code is not None:
            raise bad("合格时不能有拒收原因", "a pass has no reason code", "reason_code")
        if self.verdict == "pass" and self.phone is not None and not phone.imei_valid(self.phone.imei):
            raise bad("IMEI 缺失或校验位错误的手机不能判为合格", "a phone without a valid IMEI cannot pass", "imei")
        if not isinstance(self.note, str) or len(self.note) > 2000:
            raise bad("备注必须是 2000 字以内的文本", "the note must be text of at most 2000 characters", "note")
        if not isinstance(self.justification, str) or len(self.justification) > MAX_JUSTIFICATION:
            raise bad(
                f"理由必须是 {MAX_JUSTIFICATION} 字以内的文本",
                f"the justification must be text of at most {MAX_JUSTIFICATION} characters",
                "justification",
            )

    def to_payload(self) -> dict[str, Any]:
        """JSON-able ``result`` object. Names are included for readers that lack the
        vocabulary (the platform's verification page); they are derived, never parsed."""
        from app.core.naming import certificate_name  # naming builds on these dataclasses

        body: dict[str, Any] = {
            "category": self.category,
            "verdict": self.verdict,
            "reason_code": self.reason_code,
            "note": self.note,
        }
        if self.justification:
            body["justification"] = self.justification
        if self.jewelry is not None:
            name = certificate_name(self.jewelry)
            body["name"] = {"zh": name.zh, "en": name.en}
            body["jewelry"] = grading_payload.jewelry_out(self.jewelry)
        if self.phone is not None:
            body["phone"] = grading_payload.phone_out(self.phone)
        return body

    @classmethod
    def from_payload(cls, payload: object) -> GradingResult:
        """Parse and fully re-validate; any defect is a ValidationError, never another error."""
        body = mapping_of(payload, "result")
        category = body.get("category")
        jewelry = (
            grading_payload.jewelry_in(mapping_of(body.get("jewelry"), "jewelry")) if category == "jewelry" else None
        )
        phone_result = grading_payload.phone_in(mapping_of(body.get("phone"), "phone")) if category == "phone" else None
        note = body.get("note", "")
        return cls(
            category=category,  # type: ignore[arg-type]  # raw JSON values: the dataclass's __post_init__ validates them
            verdict=body.get("verdict"),  # type: ignore[arg-type]  # raw JSON values: the dataclass's __post_init__ validates them
            jewelry=jewelry,
            phone=phone_result,
            reason_code=body.get("reason_code"),
            note=note,
            justification=body.get("justification", ""),
        )

    def event_payload(self, revision: int) -> dict[str, Any]:
        """The whole ``grading.recorded`` payload."""
        if isinstance(revision, bool) or not isinstance(revision, int) or revision < 1:
            raise bad("修订号必须是正整数", "revision must be a positive integer", "revision")
        return {"revision": revision, "result": self.to_payload(), "verdict": self.verdict}
