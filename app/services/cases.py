"""After-sale cases at the station (platform-api.md §6): received by a scan, re-inspected,
decided by another person, and the piece disposed of.

Each step is one operation: the case row, its audit entry and its ``case.*`` event commit
together. Cases arrive from the ``GET /cases`` pull through ``CaseImport``
(``app.services.case_import``), which ``CaseService`` holds as ``imports``: a case that
cannot be applied is quarantined with its reason, like a notice.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import or_, select

from app.core import cases as rules
from app.core import limits
from app.core.cases import CaseState, CaseStep
from app.core.codes import normalise_scan, normalise_waybill
from app.core.errors import DomainError, NotFound, ValidationError
from app.core.lifecycle import ItemState
from app.core.qr_format import parse_qr_text
from app.core.roles import Action, Actor, Role
from app.services.base import ServiceContext, Tx
from app.services.case_import import CaseImport, CaseOutcome, CaseQuarantined
from app.store.models import Case, CaseQuarantine, Certificate, GradingResult, Item

__all__ = ["CaseOutcome", "CaseQuarantined", "CaseService", "CaseView", "Inspection", "case_ids", "finding_row"]


@dataclass(frozen=True)
class CaseView:
    case_id: str
    revision: int
    kind: str
    state: str
    platform_status: str
    item_tag: str
    category: str
    title: str
    certificate_no: str | None
    certified_on: date | None
    opened_at: datetime
    inbound_waybill: str | None
    statement: str
    claimed: dict[str, Any]
    same_piece: str | None
    proposed_same_piece: str | None
    findings: list[dict[str, Any]]
    evidence: dict[str, Any]
    inspector_id: int | None
    decision: str | None
    reason_code: str | None
    warranty_covered: bool | None
    disposition: str | None
    in_warranty: bool | None
    first_result: dict[str, Any] | None = None  # hidden (None) from a blind re-appraiser


@dataclass
class Inspection:
    """What the inspector records. ``comparison`` is app.core.fingerprint.Comparison (or any
    object with ``same_piece``, ``findings`` and ``evidence``); ``images`` are PNG/JPEG bytes
    of the photos taken and the drawn matches; ``reports`` JSON bytes of box reports."""

    same_piece: str
    comparison: Any = None
    override_reason: str | None = None
    images: list[bytes] = field(default_factory=list)
    reports: list[bytes] = field(default_factory=list)
    # warranty claims
    reproduced: bool | None = None
    function_certified_working: bool | None = None
    damage_after_sale: bool | None = None
    # merchant appeals: the blind re-appraisal's verdict
    reappraisal_verdict: str | None = None


def finding_row(f: Any) -> dict[str, Any]:
    if isinstance(f, Mapping):
        row = dict(f)
    elif hasattr(f, "__dataclass_fields__"):
        row = {k: getattr(f, k) for k in f.__dataclass_fields__}
    else:
        row = {
            "field": str(getattr(f, "field", f)),
            "certified": getattr(f, "certified", None),
            "found": getattr(f, "found", None),
        }
    out = {
        "field": str(row.pop("field", "?")),
        "certified": _jsonable(row.pop("certified", None)),
        "found": _jsonable(row.pop("found", None)),
    }
    out.update({k: _jsonable(v) for k, v in row.items()})
    return out


def _jsonable(value: Any) -> Any:
    try:
        return json.loads(json.dumps(value, default=str))
    except (TypeError, ValueError):
        return str(value)


def _image_type(data: bytes) -> str:
    if data.startswith(b"\x89PNG"):
        return "image/png"
    if data.startswith(b"\xff\xd8"):
        return "image/jpeg"
    raise ValidationError("证据图片不是 PNG 或 JPEG", "An evidence image is not a PNG or JPEG")


class CaseService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx
        self.imports = CaseImport(ctx)

    # -- the feed (applied by CaseImport) ---------------------------------------------------
    def apply(self, actor: Actor, raw: Any) -> CaseOutcome:
        """Apply one case of ``GET /cases``; CaseQuarantined when it cannot apply."""
        return self.imports.apply(actor, raw)

    def quarantined(self, actor: Actor, limit: int = 200) -> list[CaseQuarantine]:
        return self.imports.quarantined(actor, limit)

    # -- reading ---------------------------------------------------------------------------
    def pieces_for_demo(self, limit: int = 20) -> list[dict[str, Any]]:
        """Certified and rejected pieces, for the reference platform's demo cases."""
        with self.ctx.db.read() as s:
            rows = (
                s.execute(
                    select(Item)
                    .where(
                        Item.state.in_(
                            (ItemState.CERTIFIED.value, ItemState.DISPATCHED.value, ItemState.REJECTED.value)
                        )
                    )
                    .order_by(Item.id)
                    .limit(limit)
                )
                .scalars()
                .all()
            )
            out = []
            for item in rows:
                cert = (
                    s.execute(
                        select(Certificate.certificate_no).where(
                            Certificate.item_id == item.id, Certificate.status == "valid"
                        )
                    )
                    .scalars()
                    .first()
                )
                if cert is None and item.state != ItemState.REJECTED.value:
                    continue
                out.append(
                    {
                        "item_tag": item.tag,
                        "certificate_no": cert,
                        "category": item.category,
                        "rejected": item.state == ItemState.REJECTED.value,
                    }
                )
            return out

    def open_cases(self) -> list[CaseView]:
        """Cases still to work on (not disposed), oldest first; cancelled ones show until seen."""
        with self.ctx.db.read() as s:
            rows = (
                s.execute(select(Case).where(Case.state != CaseState.DISPOSED.value).order_by(Case.opened_at, Case.id))
                .scalars()
                .all()
            )
            return [self._view(s, r, None) for r in rows]

    def view(self, case_id: str, viewer: Actor | None = None) -> CaseView:
        with self.ctx.db.read() as s:
            row = s.execute(select(Case).where(Case.case_id == case_id)).scalar_one_or_none()
            if row is None:
                raise NotFound(f"没有售后单 {case_id}", f"No case {case_id}")
            return self._view(s, row, viewer)

    def find_by_scan(self, text: str) -> CaseView:
        """A scanned waybill (the case's inbound), the certificate's QR, or the item's tag."""
        if "/verify/" in text:
            key = parse_qr_text(text).certificate_no
            cond = Case.certificate_no == key
        else:
            code = normalise_scan(text)
            cond = or_(Case.inbound_waybill == code, Case.item_tag == code, Case.certificate_no == code)
        with self.ctx.db.read() as s:
            rows = s.execute(select(Case).where(cond).order_by(Case.id.desc())).scalars().all()
            live = [r for r in rows if r.state != CaseState.DISPOSED.value] or rows
            if not live:
                raise NotFound(f"没有与“{text[:40]}”对应的售后单", f"No case for '{text[:40]}'", code="unknown_case")
            return self._view(s, live[0], None)

    def _view(self, s: Any, r: Case, viewer: Actor | None) -> CaseView:
        item = s.get(Item, r.item_id)
        cert = self._certificate(s, r)
        certified_on = cert.issued_at.date() if cert else None
        in_warranty = (
            rules.within_warranty(certified_on, r.opened_at) if certified_on and r.kind == "warranty_claim" else None
        )
        first = None
        blind = r.kind == "merchant_appeal" and r.state not in (CaseState.DECIDED.value, CaseState.DISPOSED.value)
        if not blind or (viewer is not None and Role.SUPERVISOR in viewer.roles):
            g = (
                s.execute(
                    select(GradingResult)
                    .where(GradingResult.item_id == r.item_id)
                    .order_by(GradingResult.revision.desc())
                )
                .scalars()
                .first()
            )
            first = {"verdict": g.verdict, "reason_code": g.reason_code, "result": g.result} if g else None
        return CaseView(
            r.case_id,
            r.revision,
            r.kind,
            r.state,
            r.platform_status,
            r.item_tag,
            item.category,
            item.title,
            r.certificate_no,
            certified_on,
            r.opened_at,
            r.inbound_waybill,
            r.statement,
            dict(r.claimed or {}),
            r.same_piece,
            r.proposed_same_piece,
            list(r.findings or []),
            dict(r.evidence or {}),
            r.inspector_id,
            r.decision,
            r.reason_code,
            r.warranty_covered,
            r.disposition,
            in_warranty,
            first,
        )

    @staticmethod
    def _certificate(s: Any, r: Case) -> Certificate | None:
        if r.certificate_no:
            cert = s.execute(
                select(Certificate).where(Certificate.certificate_no == r.certificate_no)
            ).scalar_one_or_none()
            if cert is not None:
                return cert
        return (
            s.execute(
                select(Certificate).where(Certificate.item_id == r.item_id).order_by(Certificate.issued_at.desc())
            )
            .scalars()
            .first()
        )

    # -- the steps -------------------------------------------------------------------------
    def _load(self, tx: Tx, case_id: str, step: CaseStep) -> tuple[Case, Item]:
        row = tx.session.execute(select(Case).where(Case.case_id == case_id).with_for_update()).scalar_one_or_none()
        if row is None:
            raise NotFound(f"没有售后单 {case_id}", f"No case {case_id}", code="unknown_case")
        target = rules.next_case_state(CaseState(row.state), step, case_id)
        row.state, row.updated_at = target.value, tx.now
        item = tx.session.get(Item, row.item_id)
        assert item is not None  # a foreign key
        return row, item

    def receive(
        self, actor: Actor, case_id: str, *, waybill: str | None, package_condition: str = "intact"
    ) -> CaseView:
        """The returned parcel (its waybill scanned) or, for a piece that never left, none."""
        if package_condition not in rules.PACKAGE_CONDITIONS:
            raise ValidationError("包裹状况无效", "Invalid package condition", field="package_condition")
        code = normalise_waybill(waybill) if waybill else None
        with self.ctx.operation(actor, Action.RECEIVE_CASE) as tx:
            row, item = self._load(tx, case_id, CaseStep.RECEIVE)
            if row.inbound_waybill and code != row.inbound_waybill:
                raise ValidationError(
                    f"运单号 {code or '（无）'} 与售后单的退货运单 {row.inbound_waybill} 不符",
                    f"Waybill {code or '(none)'} is not the case's return waybill {row.inbound_waybill}",
                    code="wrong_waybill",
                )
            row.received_at, row.received_by, row.package_condition = tx.now, tx.actor.user_id, package_condition
            payload = {
                "case_id": case_id,
                "waybill_no": code,
                "received_at": _rfc(tx.now),
                "package_condition": package_condition,
            }
            tx.audit("case", case_id, payload)
            tx.emit("case.received", payload, item_tag=item.tag)
        return self.view(case_id)

    def start_inspection(self, actor: Actor, case_id: str) -> CaseView:
        with self.ctx.operation(actor, Action.INSPECT_CASE) as tx:
            row, item = self._load(tx, case_id, CaseStep.START_INSPECTION)
            if row.kind == "merchant_appeal":
                rules.check_blind_reappraiser(tx.actor.user_id, self._first_appraisers(tx, item))
            row.inspector_id = tx.actor.user_id
            tx.audit("case", case_id, {"inspection_started": True})
        return self.view(case_id)

    @staticmethod
    def _first_appraisers(tx: Tx, item: Item) -> set[int]:
        return set(
            tx.session.execute(select(GradingResult.graded_by).where(GradingResult.item_id == item.id)).scalars()
        )

    def record_inspection(self, actor: Actor, case_id: str, inspection: Inspection) -> CaseView:
        """The inspector confirms or overrides the comparison's proposal (an override needs a
        reason); evidence images and reports are stored as blobs and named in the event."""
        i = inspection
        if i.same_piece not in rules.SAME_PIECE:
            raise ValidationError(
                "“是否同一件”须为 是/否/无法确定", "same piece must be yes, no or undetermined", field="same_piece"
            )
        proposed = getattr(i.comparison, "same_piece", None) if i.comparison is not None else None
        proposed = str(getattr(proposed, "value", proposed)) if proposed is not None else None
        reason = (i.override_reason or "").strip() or None
        if proposed is not None and proposed != i.same_piece and reason is None:
            raise ValidationError(
                "推翻比对结论必须填写原因", "Overriding the comparison needs a reason", field="override_reason"
            )
        limits.check_fields(reason=reason)
        if i.reappraisal_verdict not in (None, "pass", "fail"):
            raise ValidationError("复鉴结论须为通过或不通过", "The re-appraisal verdict must be pass or fail")
        findings = [finding_row(f) for f in (getattr(i.comparison, "findings", None) or [])]
        evidence: dict[str, Any] = dict(_jsonable(getattr(i.comparison, "evidence", None) or {}))
        with self.ctx.operation(actor, Action.INSPECT_CASE) as tx:
            row, item = self._load(tx, case_id, CaseStep.RECORD_INSPECTION)
            if row.inspector_id not in (None, tx.actor.user_id):
                raise DomainError(
                    "复检须由开始复检的人完成",
                    "The re-inspection is finished by the person who started it",
                    code="not_inspector",
                )
            if row.kind == "merchant_appeal":
                rules.check_blind_reappraiser(tx.actor.user_id, self._first_appraisers(tx, item))
                if i.reappraisal_verdict is None:
                    raise ValidationError("申诉须有盲检结论", "An appeal needs the blind re-appraisal's verdict")
                evidence["reappraisal_verdict"] = i.reappraisal_verdict
            if row.kind == "warranty_claim":
                if None in (i.reproduced, i.function_certified_working, i.damage_after_sale):
                    raise ValidationError(
                        "保修申请须记录：故障是否复现、证书是否写明该功能正常、是否售后损坏",
                        "A warranty claim needs: defect reproduced, function certified working, damage after sale",
                    )
                cert = self._certificate(tx.session, row)
                in_w = cert is not None and rules.within_warranty(cert.issued_at.date(), row.opened_at)
                evidence["warranty"] = {
                    "in_warranty": in_w,
                    "reproduced": i.reproduced,
                    "function_certified_working": i.function_certified_working,
                    "damage_after_sale": i.damage_after_sale,
                }
            blobs = [tx.put_blob(b, _image_type(b)) for b in i.images]
            blobs += [tx.put_blob(b, "application/json") for b in i.reports]
            if proposed is not None:
                evidence["proposed_same_piece"] = proposed
            row.inspector_id, row.inspected_at = tx.actor.user_id, tx.now
            row.same_piece, row.proposed_same_piece, row.override_reason = i.same_piece, proposed, reason
            row.findings, row.evidence, row.evidence_blobs = findings, evidence, blobs
            payload = {
                "case_id": case_id,
                "same_piece": i.same_piece,
                "findings": findings,
                "evidence": evidence,
                **({"override_reason": reason} if reason else {}),
            }
            tx.audit("case", case_id, {"same_piece": i.same_piece, "proposed": proposed, "blobs": blobs})
            tx.emit("case.inspected", payload, item_tag=item.tag, blobs=blobs)
        return self.view(case_id)

    def decide(self, actor: Actor, case_id: str, *, decision: str, reason_code: str, note: str = "") -> CaseView:
        """Four-eyes: not the inspector. The reason must fit the kind and the facts recorded."""
        if decision not in rules.DECISIONS:
            raise ValidationError("裁定须为支持或驳回", "The decision must be upheld or denied", field="decision")
        if reason_code not in rules.REASON_CODES:
            raise ValidationError("未知的裁定原因", "Unknown reason code", field="reason_code")
        limits.check_fields(note=note)
        with self.ctx.operation(actor, Action.DECIDE_CASE) as tx:
            row, item = self._load(tx, case_id, CaseStep.DECIDE)
            rules.check_case_four_eyes(tx.actor.user_id, row.inspector_id)
            if reason_code not in rules.KIND_REASONS[row.kind]:
                raise ValidationError(
                    f"原因“{rules.REASON_NAMES[reason_code][0]}”不适用于{rules.KIND_NAMES[row.kind][0]}",
                    f"Reason '{reason_code}' does not fit a {row.kind.replace('_', ' ')}",
                    field="reason_code",
                )
            covered = self._covered(row, decision, reason_code)
            self._check_consistent(row, decision, reason_code)
            row.decider_id, row.decided_at, row.decision = tx.actor.user_id, tx.now, decision
            row.reason_code, row.note, row.warranty_covered = reason_code, note, covered
            payload = {
                "case_id": case_id,
                "decision": decision,
                "reason_code": reason_code,
                "note": note,
                "warranty_covered": covered,
            }
            tx.audit("case", case_id, payload)
            tx.emit("case.decided", payload, item_tag=item.tag, blobs=list(row.evidence_blobs or []))
        return self.view(case_id)

    @staticmethod
    def _covered(row: Case, decision: str, reason_code: str) -> bool | None:
        if row.kind != "warranty_claim":
            return None
        w = (row.evidence or {}).get("warranty") or {}
        covered = rules.warranty_covered(
            in_warranty=bool(w.get("in_warranty")),
            reproduced=bool(w.get("reproduced")),
            function_certified_working=bool(w.get("function_certified_working")),
            damage_after_sale=bool(w.get("damage_after_sale")),
        )
        if row.same_piece == "no":
            covered = False
        expected = rules.warranty_reason(
            in_warranty=bool(w.get("in_warranty")), covered=covered, damage_after_sale=bool(w.get("damage_after_sale"))
        )
        if reason_code in ("defect_covered", "defect_not_covered", "outside_warranty") and reason_code != expected:
            zh, en = rules.REASON_NAMES[expected]
            raise ValidationError(
                f"复检记录的事实对应“{zh}”", f"The facts recorded at re-inspection say '{en}'", field="reason_code"
            )
        if covered != (decision == "upheld"):
            raise ValidationError(
                "裁定与保修结论不一致", "The decision contradicts whether the warranty covers it", field="decision"
            )
        return covered

    @staticmethod
    def _check_consistent(row: Case, decision: str, reason_code: str) -> None:
        upheld_reasons = {"not_same_piece", "defect_covered", "rejection_overturned"}
        denied_reasons = {
            "as_certified",
            "damaged_after_sale",
            "defect_not_covered",
            "outside_warranty",
            "rejection_confirmed",
        }
        if (decision == "upheld" and reason_code in denied_reasons) or (
            decision == "denied" and reason_code in upheld_reasons
        ):
            raise ValidationError("裁定与原因相矛盾", "The decision contradicts its reason", field="reason_code")
        if reason_code == "not_same_piece" and row.same_piece != "no":
            raise ValidationError(
                "复检未认定为非同一件", "The re-inspection did not find another piece", field="reason_code"
            )
        if reason_code == "as_certified" and row.same_piece != "yes":
            raise ValidationError(
                "复检未认定为同一件", "The re-inspection did not confirm the same piece", field="reason_code"
            )
        verdict = (row.evidence or {}).get("reappraisal_verdict")
        if reason_code == "rejection_overturned" and verdict != "pass":
            raise ValidationError(
                "盲检未通过，不能撤销拒收",
                "The blind re-appraisal did not pass; the rejection stands",
                field="reason_code",
            )
        if reason_code == "rejection_confirmed" and verdict != "fail":
            raise ValidationError(
                "盲检已通过，不能维持拒收",
                "The blind re-appraisal passed; the rejection cannot be confirmed",
                field="reason_code",
            )

    def dispose(
        self,
        actor: Actor,
        case_id: str,
        *,
        disposition: str,
        waybill: str | None = None,
        carrier: str | None = None,
        reason: str = "",
    ) -> CaseView:
        """Held as evidence (the piece goes on hold), or returned to the buyer or the merchant
        (``item.dispatched`` with the outbound waybill)."""
        if disposition not in rules.DISPOSITIONS:
            raise ValidationError("处置方式无效", "Invalid disposition", field="disposition")
        code = normalise_waybill(waybill) if disposition != "hold" and waybill else None
        if disposition != "hold" and not code:
            raise ValidationError(
                "退回须扫描出库运单", "A return needs the outbound waybill scanned", field="waybill_no"
            )
        limits.check_fields(reason=reason, carrier=carrier)
        with self.ctx.operation(actor, Action.DISPOSE_CASE) as tx:
            row, item = self._load(tx, case_id, CaseStep.DISPOSE)
            row.disposition, row.disposed_at, row.disposed_by = disposition, tx.now, tx.actor.user_id
            detail: dict[str, Any] = {"disposition": disposition, "reason": reason}
            if disposition == "hold":
                if item.state != ItemState.ON_HOLD.value:
                    item.held_from, item.state = item.state, ItemState.ON_HOLD.value
                item.updated_at = tx.now
            else:
                row.dispose_carrier, row.dispose_waybill = (carrier or "").strip() or None, code
                payload = {
                    "destination": disposition,
                    "carrier": row.dispose_carrier or "",
                    "waybill_no": code,
                    "case_id": case_id,
                }
                detail.update(payload)
                tx.emit("item.dispatched", payload, item_tag=item.tag)
            tx.audit("case", case_id, detail)
        return self.view(case_id)


def _rfc(dt: datetime) -> str:
    from app.core.clock import rfc3339

    return rfc3339(dt)


def case_ids(views: Iterable[CaseView]) -> list[str]:
    return [v.case_id for v in views]
