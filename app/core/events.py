"""The platform's event vocabulary (platform-api.md §3), shared by the outbox and the
reference server so both sides check the same required fields."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from app.core.cases import DECISIONS, PACKAGE_CONDITIONS, SAME_PIECE
from app.core.cases import REASON_CODES as CASE_REASON_CODES
from app.core.limits import Problem, value_problem
from app.core.vocab.photo_views import PHOTO_VIEWS

# type -> required payload fields
EVENT_TYPES: dict[str, tuple[str, ...]] = {
    "shipment.received": ("waybill_no", "received_at", "package_condition"),
    "shipment.closed": ("received_lines", "missing_lines"),
    "item.received": ("category", "tag_printed"),
    "item.discrepancy": ("kind", "note"),
    "measurement.recorded": ("kind", "value", "unit", "device"),
    "photo.attached": ("view",),
    "inspection.completed": ("box", "report_id", "report"),
    "grading.recorded": ("revision", "result", "verdict"),
    "review.decided": ("revision", "decision"),
    "certificate.issued": ("certificate_no", "key_id", "issued_at", "qr_payload", "warranty_until"),
    "certificate.voided": ("certificate_no", "reason", "replaced_by"),
    "item.rejected": ("reason_code", "note"),
    "item.dispatched": ("destination", "carrier", "waybill_no"),
    # §6 after-sale cases (1.1)
    "case.received": ("case_id", "waybill_no", "received_at", "package_condition"),
    "case.inspected": ("case_id", "same_piece", "findings", "evidence"),
    "case.decided": ("case_id", "decision", "reason_code", "note", "warranty_covered"),
}

ENUM_FIELDS: dict[tuple[str, str], frozenset[str]] = {
    ("shipment.received", "package_condition"): frozenset({"intact", "damaged"}),
    ("item.received", "category"): frozenset({"jewelry", "phone"}),
    ("item.discrepancy", "kind"): frozenset({"missing", "unexpected", "damaged", "mismatch"}),
    ("photo.attached", "view"): frozenset(PHOTO_VIEWS.codes),
    ("grading.recorded", "verdict"): frozenset({"pass", "fail"}),
    ("review.decided", "decision"): frozenset({"approved", "returned"}),
    ("item.dispatched", "destination"): frozenset({"buyer", "merchant_return"}),
    ("case.received", "package_condition"): frozenset(PACKAGE_CONDITIONS),
    ("case.inspected", "same_piece"): frozenset(SAME_PIECE),
    ("case.decided", "decision"): frozenset(DECISIONS),
    ("case.decided", "reason_code"): frozenset(CASE_REASON_CODES),
}

# platform-api 1.1 §3: ``item_tag`` is required on every event except these, which name no
# item; ``item.discrepancy`` of kind ``missing`` (a line that never arrived) goes without
# one too, and then needs ``asn_id`` and ``line_id`` instead.
ITEM_TAG_NOT_REQUIRED = frozenset({"shipment.received", "shipment.closed", "certificate.voided"})

# Event types whose photo/PDF must be named in ``blobs``.
BLOB_REQUIRED = frozenset({"photo.attached", "certificate.issued"})

REJECT_REASONS = (
    "counterfeit",
    "undisclosed_treatment",
    "not_as_declared",
    "activation_locked",
    "blacklisted",
    "damaged",
    "other",
)


def payload_problem(event_type: str, payload: Mapping[str, Any], blobs: list[str] | None = None) -> str | None:
    """Return None when the payload satisfies the contract, else the offending field's name
    (or ``type`` when the event type is unknown; a path such as ``result.stones[0].name``
    when a value breaks the limits of app.core.limits)."""
    required = EVENT_TYPES.get(event_type)
    if required is None:
        return "type"
    if not isinstance(payload, Mapping):
        return "payload"
    for name in required:
        if name not in payload:
            return name
    for (etype, name), allowed in ENUM_FIELDS.items():
        if etype == event_type and payload.get(name) not in allowed:
            return name
    if event_type == "review.decided" and payload.get("decision") == "returned" and not payload.get("reason"):
        return "reason"
    if event_type == "item.received" and not isinstance(payload.get("tag_printed"), bool):
        return "tag_printed"
    case_problem = _case_payload_problem(event_type, payload)
    if case_problem is not None:
        return case_problem
    if event_type in BLOB_REQUIRED and not blobs:
        return "blobs"
    limit = value_problem(payload)
    if limit is not None:
        return limit.path or "payload"
    return None


def _case_payload_problem(event_type: str, payload: Mapping[str, Any]) -> str | None:
    """Shapes §6 names beyond presence: a case id, the findings rows, the evidence object."""
    if not event_type.startswith("case."):
        return None
    if not isinstance(payload.get("case_id"), str) or not payload["case_id"].strip():
        return "case_id"
    if event_type == "case.received" and not isinstance(payload.get("waybill_no"), str | None):
        return "waybill_no"
    if event_type == "case.inspected":
        findings = payload.get("findings")
        if not isinstance(findings, list) or not all(
            isinstance(f, Mapping) and isinstance(f.get("field"), str) and "certified" in f and "found" in f
            for f in findings
        ):
            return "findings"
        if not isinstance(payload.get("evidence"), Mapping):
            return "evidence"
    if event_type == "case.decided" and not isinstance(payload.get("warranty_covered"), bool | None):
        return "warranty_covered"
    return None


ENVELOPE_TEXT_FIELDS = ("actor", "item_tag", "asn_id", "line_id")


def envelope_limit_problem(envelope: Mapping[str, Any]) -> Problem | None:
    """The first envelope string (actor, item_tag, asn_id, line_id) breaking a limit, or None."""
    for name in ENVELOPE_TEXT_FIELDS:
        problem = value_problem(envelope.get(name), name)
        if problem is not None:
            return problem
    return None


def item_tag_problem(
    event_type: str, payload: Mapping[str, Any], item_tag: str | None, asn_id: str | None, line_id: str | None
) -> str | None:
    """The 1.1 ``item_tag`` rule: None when the envelope satisfies it, else the missing
    field's name (``item_tag``, or ``asn_id`` / ``line_id`` for a missing line)."""
    if event_type == "item.discrepancy" and isinstance(payload, Mapping) and payload.get("kind") == "missing":
        if not asn_id:
            return "asn_id"
        if not line_id:
            return "line_id"
        return None
    if item_tag is None and event_type not in ITEM_TAG_NOT_REQUIRED:
        return "item_tag"
    return None
