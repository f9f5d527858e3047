"""The timeline of an item's dossier: its records and audit entries read, in one reading
session, into dated entries (with the outbox status of the events written with each), plus
the photos and certificates the dossier lists. ``DossierService`` (``app.services.dossier``)
holds the permission checks and the exports; this module only reads and words.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import select

from app.core.clock import rfc3339
from app.core.dossier import ENTRY_NAMES, SECTION_OF, SYNC_NAMES, EntryKind, Section, changes
from app.core.errors import StorageError
from app.core.lifecycle import STATE_NAMES, ItemState
from app.core.roles import ACTION_NAMES_ZH, Action
from app.services.base import ServiceContext
from app.store.models import (
    AuditEntry,
    Certificate,
    CertificateStatusCopy,
    Discrepancy,
    Dispatch,
    GradingResult,
    InspectionReport,
    Item,
    Measurement,
    OutboxEvent,
    Photo,
    Rejection,
    Review,
    Shipment,
)

# Audit actions that are steps inside an operation, not operations a person is permitted
# (those are named by ACTION_NAMES_ZH): named here so the timeline never shows a code.
AUDIT_ONLY_ACTIONS = {
    "capture_fingerprint": ("留存认证指纹（用于售后比对）", "Certified fingerprint kept (for after-sale checks)")
}
# Operations whose facts come from their own record rows; their audit entries would repeat them.
_RECORDED = {
    a.value
    for a in (
        Action.RECEIVE_ITEM,
        Action.RECORD_MEASUREMENT,
        Action.MANUAL_MEASUREMENT,
        Action.ATTACH_PHOTO,
        Action.RECORD_GRADING,
        Action.RECORD_INSPECTION,
        Action.APPROVE,
        Action.RETURN_FOR_REWORK,
        Action.ISSUE_CERTIFICATE,
        Action.VOID_CERTIFICATE,
        Action.REJECT,
        Action.DISPATCH_TO_BUYER,
        Action.RETURN_TO_MERCHANT,
    )
}
_AUDIT_KINDS = {
    Action.HOLD.value: EntryKind.HOLD,
    Action.RELEASE_HOLD.value: EntryKind.RELEASE,
    Action.PRINT_CERTIFICATE.value: EntryKind.PRINT,
    "export_certificate": EntryKind.EXPORT,
    Action.EXPORT_DOSSIER.value: EntryKind.EXPORT,
    "dispatch_blocked": EntryKind.DISPATCH,
}
_WORST = ("rejected", "deferred", "pending", "duplicate", "accepted")


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime
    kind: EntryKind
    actor: str  # the person's display name
    summary_zh: str
    summary_en: str
    facts: dict[str, Any] = field(default_factory=dict)  # JSON-safe details
    photo_sha256: str | None = None
    sync: str | None = None  # outbox status of the events written with it; None: none sent

    @property
    def section(self) -> Section:
        return SECTION_OF[self.kind]

    def title(self, zh: bool) -> str:
        return ENTRY_NAMES[self.kind][0 if zh else 1]

    def summary(self, zh: bool) -> str:
        return self.summary_zh if zh else self.summary_en

    def sync_text(self, zh: bool) -> str:
        return SYNC_NAMES[self.sync][0 if zh else 1] if self.sync in SYNC_NAMES else ""


@dataclass(frozen=True)
class PhotoRef:
    sha256: str
    view: str
    purpose: str
    width: int | None
    height: int | None
    taken_at: datetime
    taken_by: str
    superseded: bool = False


@dataclass(frozen=True)
class CertificateRef:
    certificate_no: str
    status: str  # valid | voided, as recorded here
    issued_at: datetime
    key_id: str
    pdf_sha256: str
    pdf_intact: bool  # the stored PDF is there and its SHA-256 matches
    platform_status: str | None  # the platform's status feed, as last heard (None: not heard)
    voided_reason: str | None
    replaced_by: str | None


def jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    if isinstance(value, datetime):
        return rfc3339(value)
    if isinstance(value, Decimal):
        return str(value)
    return value


def short(value: Any, limit: int = 80) -> str:
    text = (
        value if isinstance(value, (str, Decimal, int, float)) else json.dumps(value, ensure_ascii=False, default=str)
    )
    text = str(text)
    return text if len(text) <= limit else text[:limit] + "…"


def _state(code: Any, zh: bool) -> str:
    try:
        return STATE_NAMES[ItemState(str(code))][0 if zh else 1]
    except ValueError:
        return str(code)


_CONDITION = {"intact": ("完好", "intact"), "damaged": ("破损", "damaged")}


class TimelineBuilder:
    """Reads one item's rows (one query per table, each on an index) into timeline entries,
    inside the reading session ``s`` the dossier opened; ``build`` returns the entries (all
    sections: the caller keeps what the viewer may see), the photos and the certificates."""

    def __init__(
        self,
        ctx: ServiceContext,
        s: Any,
        item: Item,
        ship: Shipment,
        names: dict[int, tuple[str, str]],
        by_login: dict[str, str],
        sections: frozenset[Section],
    ) -> None:
        self.ctx, self.s, self.item, self.ship = ctx, s, item, ship
        self.names, self.by_login, self.sections = names, by_login, sections
        self.entries: list[TimelineEntry] = []
        self.sync: dict[datetime, str] = {}

    def who(self, user_id: int | None) -> str:
        return self.names.get(user_id or 0, ("", ""))[1]

    def add(
        self,
        at: datetime,
        kind: EntryKind,
        by: str,
        zh: str,
        en: str,
        facts: dict[str, Any] | None = None,
        photo: str | None = None,
        sync: str | None = None,
    ) -> None:
        self.entries.append(
            TimelineEntry(at, kind, by, zh, en, jsonable(facts or {}), photo, sync or self.sync.get(at))
        )

    def build(self) -> tuple[list[TimelineEntry], list[PhotoRef], list[CertificateRef]]:
        s, item, ship = self.s, self.item, self.ship
        self.cert_sync: dict[tuple[str, str], str] = {}
        for at, status, kind, payload in s.execute(
            select(OutboxEvent.occurred_at, OutboxEvent.status, OutboxEvent.type, OutboxEvent.payload).where(
                OutboxEvent.item_tag == item.tag
            )
        ).all():
            status = status if status in _WORST else "pending"
            old = self.sync.get(at)
            if old is None or _WORST.index(status) < _WORST.index(old):
                self.sync[at] = status
            if kind in ("certificate.issued", "certificate.voided") and isinstance(payload, dict):
                # Signed before its transaction: the certificate's time is not the event's.
                self.cert_sync[(kind, str(payload.get("certificate_no")))] = status
        if ship.received_at is not None:
            self.add(
                ship.received_at,
                EntryKind.PARCEL,
                self.who(ship.received_by),
                f"包裹 {ship.waybill_no}，外包装：{_CONDITION.get(ship.package_condition or '', ('—',))[0]}",
                f"Parcel {ship.waybill_no}, packaging: {ship.package_condition or '—'}",
                {
                    "waybill_no": ship.waybill_no,
                    "carrier": ship.carrier,
                    "asn_id": ship.asn_id,
                    "package_condition": ship.package_condition,
                },
            )
        self.add(
            item.received_at,
            EntryKind.RECEIVED,
            self.who(item.received_by),
            f"收货登记 {item.tag}：{item.title}",
            f"Received {item.tag}: {item.title}",
            {"tag": item.tag, "title": item.title, "merchant_ref": item.merchant_ref},
        )
        for d in s.execute(select(Discrepancy).where(Discrepancy.shipment_id == ship.id)).scalars():
            if d.item_id in (None, item.id):
                self.add(
                    d.recorded_at,
                    EntryKind.DISCREPANCY,
                    self.who(d.recorded_by),
                    f"差异（{d.kind}）：{d.note}",
                    f"Discrepancy ({d.kind}): {d.note}",
                    {"kind": d.kind, "line_id": d.line_id, "note": d.note},
                )
        self._measurements()
        photos = self._photos()
        self._gradings()
        self._inspections()
        for r in s.execute(select(Review).where(Review.item_id == item.id).order_by(Review.id)).scalars():
            ok = r.decision == "approved"
            self.add(
                r.decided_at,
                EntryKind.REVIEW,
                self.who(r.reviewer_id),
                f"第 {r.revision} 版{'复核通过' if ok else '退回重做'}" + (f"：{r.reason}" if r.reason else ""),
                f"Revision {r.revision} {'approved' if ok else 'returned'}" + (f": {r.reason}" if r.reason else ""),
                {"revision": r.revision, "decision": r.decision, "reason": r.reason},
            )
        certs = self._certificates()
        for r in s.execute(select(Rejection).where(Rejection.item_id == item.id)).scalars():
            self.add(
                r.rejected_at,
                EntryKind.REJECTION,
                self.who(r.rejected_by),
                f"拒收（{r.reason_code}）：{r.note}",
                f"Rejected ({r.reason_code}): {r.note}",
                {"reason_code": r.reason_code, "note": r.note},
            )
        for d in s.execute(select(Dispatch).where(Dispatch.item_id == item.id)).scalars():
            self.add(
                d.dispatched_at,
                EntryKind.DISPATCH,
                self.who(d.dispatched_by),
                f"发出（{d.destination}）{d.carrier} {d.waybill_no}",
                f"Dispatched ({d.destination}) {d.carrier} {d.waybill_no}",
                {
                    "destination": d.destination,
                    "carrier": d.carrier,
                    "waybill_no": d.waybill_no,
                    "match_score": d.match_score,
                },
                d.photo_sha256,
            )
        self._audits([c.certificate_no for c in certs])
        self.entries.sort(key=lambda e: e.at)
        return self.entries, photos, certs

    def _measurements(self) -> None:
        from app.services.appraisal_views import decode_value

        rows = (
            self.s.execute(select(Measurement).where(Measurement.item_id == self.item.id).order_by(Measurement.id))
            .scalars()
            .all()
        )
        for m in rows:
            value = decode_value(m.kind, m.value, m.extra or {})
            shown = short(value if not isinstance(value, dict) else " × ".join(str(v) for v in value.values()))
            device = " ".join(str(m.device.get(k, "")) for k in ("model", "serial") if m.device.get(k)) or str(
                m.device.get("type", "")
            )
            stable_zh, stable_en = ("稳定", "stable") if m.stable else ("不稳定", "NOT stable")
            src_zh = {"device": "仪器", "manual": "手工录入", "computed": "计算"}.get(m.source, m.source)
            kind = m.extra.get("field", m.kind) if m.kind == "other" else m.kind
            unit = "" if m.unit in ("1", "") else f" {m.unit}"
            self.add(
                m.recorded_at,
                EntryKind.MEASUREMENT,
                self.who(m.recorded_by),
                f"{kind} {shown}{unit}（{src_zh} {device}，{stable_zh}）",
                f"{kind} {shown}{unit} ({m.source} {device}, {stable_en})",
                {
                    "kind": m.kind,
                    "value": m.value,
                    "unit": m.unit,
                    "stable": m.stable,
                    "source": m.source,
                    "device": m.device,
                    "supersedes": m.supersedes_id,
                },
            )

    def _photos(self) -> list[PhotoRef]:
        rows = (
            self.s.execute(
                select(Photo)
                .where(
                    (Photo.item_id == self.item.id) | ((Photo.shipment_id == self.ship.id) & Photo.item_id.is_(None))
                )
                .order_by(Photo.id)
            )
            .scalars()
            .all()
        )
        replaced = {p.supersedes_id for p in rows if p.supersedes_id}
        latest: dict[tuple[str, str], int] = {}
        for p in rows:
            latest[(p.purpose, p.view)] = p.id
        out = []
        for p in rows:
            superseded = p.id in replaced or latest[(p.purpose, p.view)] != p.id
            out.append(
                PhotoRef(p.sha256, p.view, p.purpose, p.width, p.height, p.taken_at, self.who(p.taken_by), superseded)
            )
            where_zh = "包裹" if p.item_id is None else ""
            self.add(
                p.taken_at,
                EntryKind.PHOTO,
                self.who(p.taken_by),
                f"{where_zh}照片 {p.view}（{p.purpose}）SHA-256 {p.sha256[:12]}…",
                f"{'Parcel ' if p.item_id is None else ''}photo {p.view} ({p.purpose}) SHA-256 {p.sha256[:12]}…",
                {
                    "view": p.view,
                    "purpose": p.purpose,
                    "sha256": p.sha256,
                    "width": p.width,
                    "height": p.height,
                    "device": p.device,
                    "superseded": superseded,
                },
                p.sha256,
            )
        return out

    def _gradings(self) -> None:
        prev: dict[str, Any] | None = None
        for g in self.s.execute(
            select(GradingResult).where(GradingResult.item_id == self.item.id).order_by(GradingResult.revision)
        ).scalars():
            result = dict(g.result or {})
            diff = changes(prev, result) if prev is not None else []
            why = result.get("justification")
            verdict_zh = "通过" if g.verdict == "pass" else "不通过"
            head_zh = (
                f"第 {g.revision} 版：{verdict_zh}"
                + (f"，{g.name}" if g.name else "")
                + (f"（{g.reason_code}）" if g.reason_code else "")
            )
            head_en = (
                f"Revision {g.revision}: {g.verdict}"
                + (f", {g.name}" if g.name else "")
                + (f" ({g.reason_code})" if g.reason_code else "")
            )
            if diff:
                listed = "; ".join(f"{k}: {short(a, 30)} → {short(b, 30)}" for k, a, b in diff[:8])
                more = f" (+{len(diff) - 8})" if len(diff) > 8 else ""
                head_zh += f"；改动：{listed}{more}"
                head_en += f"; changed: {listed}{more}"
            if why:
                head_zh += f"；理由：{why}"
                head_en += f"; justification: {why}"
            self.add(
                g.graded_at,
                EntryKind.GRADING,
                self.who(g.graded_by),
                head_zh,
                head_en,
                {
                    "revision": g.revision,
                    "verdict": g.verdict,
                    "reason_code": g.reason_code,
                    "name": g.name,
                    "warranty_days": g.warranty_days,
                    "changes": [[k, a, b] for k, a, b in diff],
                    "justification": why,
                    "result": result,
                },
            )
            prev = result

    def _inspections(self) -> None:
        for r in self.s.execute(
            select(InspectionReport).where(InspectionReport.item_id == self.item.id).order_by(InspectionReport.id)
        ).scalars():
            box = r.box or {}
            ident = (r.report or {}).get("identity") or {}
            self.add(
                r.recorded_at,
                EntryKind.INSPECTION,
                self.who(r.recorded_by),
                f"检测报告 {r.report_id}（检测仪 {box.get('model', '')} {box.get('serial', '')}），IMEI {ident.get('imei', '—')}",
                f"Inspection report {r.report_id} (box {box.get('model', '')} {box.get('serial', '')}), "
                f"IMEI {ident.get('imei', '—')}",
                {"report_id": r.report_id, "box": box, "report_sha256": r.report_sha256, "identity": ident},
            )

    def _certificates(self) -> list[CertificateRef]:
        s = self.s
        rows = (
            s.execute(select(Certificate).where(Certificate.item_id == self.item.id).order_by(Certificate.id))
            .scalars()
            .all()
        )
        numbers = [c.certificate_no for c in rows]
        platform = (
            dict(
                s.execute(
                    select(CertificateStatusCopy.certificate_no, CertificateStatusCopy.status).where(
                        CertificateStatusCopy.certificate_no.in_(numbers)
                    )
                ).all()
            )
            if numbers
            else {}
        )
        out = []
        for c in rows:
            try:
                self.ctx.blobs.get(c.pdf_sha256)  # reads check the SHA-256
                intact = True
            except (StorageError, OSError):
                intact = False
            out.append(
                CertificateRef(
                    c.certificate_no,
                    c.status,
                    c.issued_at,
                    c.key_id,
                    c.pdf_sha256,
                    intact,
                    platform.get(c.certificate_no),
                    c.voided_reason,
                    c.replaced_by,
                )
            )
            self.add(
                c.issued_at,
                EntryKind.CERTIFICATE_ISSUED,
                self.who(c.issued_by),
                f"签发证书 {c.certificate_no}（密钥 {c.key_id}）" + ("" if intact else "，存档 PDF 缺失或已损坏"),
                f"Certificate {c.certificate_no} issued (key {c.key_id})"
                + ("" if intact else ", the stored PDF is missing or damaged"),
                {
                    "certificate_no": c.certificate_no,
                    "key_id": c.key_id,
                    "pdf_sha256": c.pdf_sha256,
                    "status": c.status,
                    "pdf_intact": intact,
                    "platform_status": platform.get(c.certificate_no),
                },
                sync=self.cert_sync.get(("certificate.issued", c.certificate_no)),
            )
            if c.status == "voided" and c.voided_at is not None:
                self.add(
                    c.voided_at,
                    EntryKind.CERTIFICATE_VOIDED,
                    self.who(c.voided_by),
                    f"作废证书 {c.certificate_no}：{c.voided_reason or ''}"
                    + (f"，由 {c.replaced_by} 取代" if c.replaced_by else ""),
                    f"Certificate {c.certificate_no} voided: {c.voided_reason or ''}"
                    + (f", replaced by {c.replaced_by}" if c.replaced_by else ""),
                    {"certificate_no": c.certificate_no, "reason": c.voided_reason, "replaced_by": c.replaced_by},
                    sync=self.cert_sync.get(("certificate.voided", c.certificate_no)),
                )
        return out

    def _audits(self, certificate_nos: Iterable[str]) -> None:
        ids = [self.item.tag, *certificate_nos]
        rows = (
            self.s.execute(
                select(AuditEntry)
                .where(AuditEntry.entity_id.in_(ids), AuditEntry.entity_type.in_(("item", "certificate")))
                .order_by(AuditEntry.chain_index)
            )
            .scalars()
            .all()
        )
        for a in rows:
            detail = dict(a.detail or {})
            if a.action in _RECORDED:
                continue
            by = self.by_login.get(a.actor, a.actor)
            kind = _AUDIT_KINDS.get(a.action, EntryKind.OPERATION)
            if kind is EntryKind.HOLD:
                zh, en = f"冻结：{detail.get('hold', '')}", f"On hold: {detail.get('hold', '')}"
            elif kind is EntryKind.RELEASE:
                zh, en = f"解除冻结：{detail.get('released', '')}", f"Released: {detail.get('released', '')}"
            elif kind is EntryKind.PRINT:
                copy_zh, copy_en = ("副本", "copy") if detail.get("copy") else ("原件", "original")
                zh = f"打印证书 {a.entity_id} 第 {detail.get('print_no', '')} 次（{copy_zh}）"
                en = f"Certificate {a.entity_id} print {detail.get('print_no', '')} ({copy_en})"
            elif kind is EntryKind.EXPORT:
                what = detail.get("exported", "pdf" if "exported_to" in detail else "")
                zh, en = f"导出 {a.entity_id} {what}", f"Exported {a.entity_id} {what}"
            elif kind is EntryKind.DISPATCH:
                zh = f"发货被拦截（照片比对未通过），运单 {detail.get('waybill_no', '')}"
                en = f"Dispatch blocked (photo match failed), waybill {detail.get('waybill_no', '')}"
            else:
                try:
                    zh_name, en_name = ACTION_NAMES_ZH[Action(a.action)], a.action.replace("_", " ")
                except ValueError:
                    zh_name, en_name = AUDIT_ONLY_ACTIONS.get(a.action, (a.action.replace("_", " "),) * 2)
                moved = "from" in detail and "to" in detail
                state_zh = f"{_state(detail['from'], True)} → {_state(detail['to'], True)}" if moved else ""
                state_en = f"{_state(detail['from'], False)} → {_state(detail['to'], False)}" if moved else ""
                rest = "; ".join(f"{k}: {short(v, 40)}" for k, v in detail.items() if k not in ("from", "to"))
                zh = " ".join(x for x in (zh_name, state_zh, rest) if x)
                en = " ".join(x for x in (en_name, state_en, rest) if x)
            self.add(a.at, kind, by, zh, en, dict(detail, action=a.action, chain_index=a.chain_index))
