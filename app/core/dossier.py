"""The item dossier and the search, as the warehouse speaks of them: which keys a person may
search by, what each kind of timeline entry is called, and who may see which part of an
item's life. One table each; the service enforces them, screens and exports only show.

Visibility (decided here, enforced in ``app.services.dossier``):

- a supervisor sees everything;
- an appraiser sees the whole appraisal record (they grade against it), but no export;
- an intake clerk sees what the door and the dispatch desk need: the receipt and its parcel,
  photos (to recognise the piece), holds, certificate numbers and their status, prints,
  dispatches and the sync state; not measurements, grading, inspection reports or review
  reasons;
- an administrator (IT) sees the receipt, holds, certificates, dispatches and the sync state.

A person with several roles sees the union. Exports (signed PDF, JSON) are for disputes and
auditors: supervisors only (``Action.EXPORT_DOSSIER``).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from app.core.roles import Role


class Section(StrEnum):
    RECEIPT = "receipt"
    MEASUREMENTS = "measurements"
    PHOTOS = "photos"
    GRADING = "grading"
    INSPECTION = "inspection"
    REVIEW = "review"
    HOLDS = "holds"
    CERTIFICATES = "certificates"
    DISPATCH = "dispatch"
    SYNC = "sync"
    OTHER = "other"  # audit entries of operations without a record of their own


_ALL = frozenset(Section)
VISIBLE: dict[Role, frozenset[Section]] = {
    Role.SUPERVISOR: _ALL,
    Role.APPRAISER: _ALL,
    Role.INTAKE_CLERK: frozenset(
        {Section.RECEIPT, Section.PHOTOS, Section.HOLDS, Section.CERTIFICATES, Section.DISPATCH, Section.SYNC}
    ),
    Role.ADMIN: frozenset({Section.RECEIPT, Section.HOLDS, Section.CERTIFICATES, Section.DISPATCH, Section.SYNC}),
    Role.MANUAL_ENTRY: frozenset(),
}


def visible_sections(roles: frozenset[Role] | set[Role]) -> frozenset[Section]:
    out: set[Section] = set()
    for role in roles:
        out |= VISIBLE.get(role, frozenset())
    return frozenset(out)


class SearchKey(StrEnum):
    """What a search text is compared with (each through an index)."""

    TAG = "tag"
    IMEI = "imei"
    SERIAL = "serial"
    INBOUND_WAYBILL = "inbound_waybill"
    OUTBOUND_WAYBILL = "outbound_waybill"
    ORDER_NO = "order_no"
    ASN_ID = "asn_id"
    CERTIFICATE_NO = "certificate_no"
    MERCHANT_ID = "merchant_id"
    MERCHANT_NAME = "merchant_name"


SEARCH_KEY_NAMES: dict[SearchKey, tuple[str, str]] = {
    SearchKey.TAG: ("仓库标签", "Warehouse tag"),
    SearchKey.IMEI: ("IMEI", "IMEI"),
    SearchKey.SERIAL: ("序列号", "Serial number"),
    SearchKey.INBOUND_WAYBILL: ("入库运单号", "Inbound waybill"),
    SearchKey.OUTBOUND_WAYBILL: ("出库运单号", "Outbound waybill"),
    SearchKey.ORDER_NO: ("订单号", "Order number"),
    SearchKey.ASN_ID: ("预报单号", "ASN id"),
    SearchKey.CERTIFICATE_NO: ("证书编号", "Certificate number"),
    SearchKey.MERCHANT_ID: ("商家编号", "Merchant id"),
    SearchKey.MERCHANT_NAME: ("商家名称", "Merchant name"),
}

# Shortest partial input that is looked up (a shorter one would list half the warehouse).
MIN_SEARCH_CHARS = 3
MAX_SEARCH_CHARS = 64
SEARCH_LIMIT = 50


def search_weight(text: str) -> int:
    """How much a search text narrows: a Chinese character says as much as two letters, so
    two characters of a merchant's name (翠玉) are enough."""
    return sum(2 if ord(ch) >= 0x2E80 else 1 for ch in text.strip())


class EntryKind(StrEnum):
    PARCEL = "parcel"
    RECEIVED = "received"
    MEASUREMENT = "measurement"
    PHOTO = "photo"
    GRADING = "grading"
    INSPECTION = "inspection"
    REVIEW = "review"
    HOLD = "hold"
    RELEASE = "release"
    CERTIFICATE_ISSUED = "certificate_issued"
    CERTIFICATE_VOIDED = "certificate_voided"
    PRINT = "print"
    REJECTION = "rejection"
    DISPATCH = "dispatch"
    DISCREPANCY = "discrepancy"
    EXPORT = "export"
    OPERATION = "operation"  # any other audited operation on the item


ENTRY_NAMES: dict[EntryKind, tuple[str, str]] = {
    EntryKind.PARCEL: ("包裹签收", "Parcel received"),
    EntryKind.RECEIVED: ("收货登记", "Item received"),
    EntryKind.MEASUREMENT: ("测量", "Measurement"),
    EntryKind.PHOTO: ("照片", "Photo"),
    EntryKind.GRADING: ("分级结果", "Grading"),
    EntryKind.INSPECTION: ("检测报告", "Inspection report"),
    EntryKind.REVIEW: ("复核", "Review"),
    EntryKind.HOLD: ("冻结", "Hold"),
    EntryKind.RELEASE: ("解除冻结", "Hold released"),
    EntryKind.CERTIFICATE_ISSUED: ("签发证书", "Certificate issued"),
    EntryKind.CERTIFICATE_VOIDED: ("作废证书", "Certificate voided"),
    EntryKind.PRINT: ("打印", "Print"),
    EntryKind.REJECTION: ("拒收", "Rejected"),
    EntryKind.DISPATCH: ("发出", "Dispatched"),
    EntryKind.DISCREPANCY: ("差异", "Discrepancy"),
    EntryKind.EXPORT: ("导出", "Export"),
    EntryKind.OPERATION: ("操作", "Operation"),
}

SECTION_OF: dict[EntryKind, Section] = {
    EntryKind.PARCEL: Section.RECEIPT,
    EntryKind.RECEIVED: Section.RECEIPT,
    EntryKind.MEASUREMENT: Section.MEASUREMENTS,
    EntryKind.PHOTO: Section.PHOTOS,
    EntryKind.GRADING: Section.GRADING,
    EntryKind.INSPECTION: Section.INSPECTION,
    EntryKind.REVIEW: Section.REVIEW,
    EntryKind.HOLD: Section.HOLDS,
    EntryKind.RELEASE: Section.HOLDS,
    EntryKind.CERTIFICATE_ISSUED: Section.CERTIFICATES,
    EntryKind.CERTIFICATE_VOIDED: Section.CERTIFICATES,
    EntryKind.PRINT: Section.CERTIFICATES,
    EntryKind.REJECTION: Section.GRADING,
    EntryKind.DISPATCH: Section.DISPATCH,
    EntryKind.DISCREPANCY: Section.RECEIPT,
    EntryKind.EXPORT: Section.OTHER,
    EntryKind.OPERATION: Section.OTHER,
}

# Sync state of an outbox event in words (platform-api.md §2 answers, as stored).
SYNC_NAMES: dict[str, tuple[str, str]] = {
    "pending": ("待同步", "waiting to sync"),
    "accepted": ("已同步", "synced"),
    "duplicate": ("已同步（重复）", "synced (duplicate)"),
    "deferred": ("平台暂缓", "deferred by the platform"),
    "rejected": ("拒收，不再发送", "refused, not sent again"),
    "local": ("仅本站记录", "kept at this station"),
}


def flatten(value: Any, prefix: str = "") -> dict[str, Any]:
    """A nested result as ``a.b.c -> value`` (lists by index), for showing what changed."""
    out: dict[str, Any] = {}
    if isinstance(value, dict):
        for k in sorted(value):
            out.update(flatten(value[k], f"{prefix}.{k}" if prefix else str(k)))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            out.update(flatten(v, f"{prefix}[{i}]"))
        if not value:
            out[prefix] = []
    else:
        out[prefix] = value
    return out


def changes(before: Any, after: Any) -> list[tuple[str, Any, Any]]:
    """``(field, old, new)`` for every field that differs between two revisions."""
    a, b = flatten(before or {}), flatten(after or {})
    return [(k, a.get(k), b.get(k)) for k in sorted(set(a) | set(b)) if a.get(k) != b.get(k)]


def prefix_bounds(prefix: str) -> tuple[str, str]:
    """Half-open range ``[prefix, upper)`` holding every text that starts with ``prefix`` in
    code-point (binary) order: a range an ordinary B-tree index answers without scanning."""
    return prefix, prefix + "\U0010ffff"
