"""Recording what the inspection box found on a used phone.

``record_inspection`` stores the box's report exactly as received (a row and a JSON blob),
checks its shape with ``phone_rules.check_report`` and announces ``inspection.completed``
with the blob named, in one transaction: a malformed report, a wrong state or a missing
permission records nothing. The rules' evaluation (activation lock, IMEI, declaration,
disclosures) is computed from the stored report each time, so it never drifts from it.

The "tag record" of a phone is the first report stored for its tag: a later report whose
IMEI differs is kept as evidence but flagged by the rules (``imei_mismatch_record``).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core import phone_rules
from app.core.errors import ValidationError
from app.core.grading import Evaluation, GradingResult
from app.core.lifecycle import ItemState, check_in_state
from app.core.roles import Action, Actor
from app.core.vocab.photo_views import DEFECT_VIEW, PHONE_VIEWS, view_name
from app.services.base import ServiceContext
from app.services.items import load_item
from app.store.models import AsnLine, InspectionReport, Item, Photo, Shipment, User

BOX_FIELDS = ("model", "serial", "firmware")
REPORT_CONTENT_TYPE = "application/json"
PHOTO_VIEWS = PHONE_VIEWS


@dataclass(frozen=True)
class ReportView:
    """One stored report with where it came from (which box, who, when)."""

    tag: str
    report_id: str
    box: dict[str, str]
    report: dict[str, Any]
    sha256: str | None
    recorded_at: datetime
    recorded_by: str
    number: int  # 1 for the first report of this phone, 2 for a re-inspection...


@dataclass(frozen=True)
class InspectionView:
    """The latest report, what the rules say about it, and the declaration it was compared with."""

    report: ReportView
    evaluation: Evaluation
    declared: dict[str, Any]
    recorded_imei: str | None


def report_bytes(report: Mapping[str, Any]) -> bytes:
    """Canonical JSON of a report: the same report always gives the same SHA-256."""
    return json.dumps(report, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def _check_box(box: object) -> dict[str, str]:
    if not isinstance(box, Mapping):
        raise ValidationError("检测盒信息缺失", "The inspection box identity is missing", code="malformed_report")
    out = {}
    for key in BOX_FIELDS:
        value = box.get(key)
        if not isinstance(value, str) or not value.strip() or len(value) > 64:
            raise ValidationError(
                f"检测盒信息缺少 {key}", f"The inspection box identity lacks {key}", code="malformed_report"
            )
        out[key] = value.strip()
    return out


def _check_report_id(report_id: object) -> str:
    if not isinstance(report_id, str) or not report_id.strip() or len(report_id) > 64:
        raise ValidationError("检测报告编号无效", "The inspection report number is invalid", code="malformed_report")
    return report_id.strip()


def _first_imei(rows: list[InspectionReport]) -> str | None:
    for row in rows:
        identity = row.report.get("identity") if isinstance(row.report, Mapping) else None
        imei = identity.get("imei") if isinstance(identity, Mapping) else None
        if isinstance(imei, str) and imei:
            return imei
    return None


def _reports(session: Session, item_id: int) -> list[InspectionReport]:
    return list(
        session.execute(
            select(InspectionReport).where(InspectionReport.item_id == item_id).order_by(InspectionReport.id)
        ).scalars()
    )


def _declared(session: Session, item: Item) -> dict[str, Any]:
    if item.asn_line_id is None:
        return {}
    line = session.get(AsnLine, item.asn_line_id)
    return dict(line.declared or {}) if line is not None and isinstance(line.declared, Mapping) else {}


def _view(session: Session, item: Item, rows: list[InspectionReport], row: InspectionReport) -> ReportView:
    user = session.get(User, row.recorded_by)
    return ReportView(
        tag=item.tag,
        report_id=row.report_id,
        box=dict(row.box),
        report=dict(row.report),
        sha256=row.report_sha256,
        recorded_at=row.recorded_at,
        recorded_by=user.username if user else str(row.recorded_by),
        number=rows.index(row) + 1,
    )


def inspection_view(
    session: Session, item: Item, rows: list[InspectionReport], row: InspectionReport
) -> InspectionView:
    declared = _declared(session, item)
    recorded = _first_imei(rows[: rows.index(row)])  # the phone as first inspected under this tag
    evaluation = phone_rules.evaluate_report(row.report, declared, recorded_imei=recorded)
    return InspectionView(_view(session, item, rows, row), evaluation, declared, recorded)


class InspectionService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def record_inspection(
        self, actor: Actor, tag: str, *, box: dict[str, Any], report_id: str, report: dict[str, Any]
    ) -> InspectionView:
        box_id = _check_box(box)
        rid = _check_report_id(report_id)
        phone_rules.check_report(report)  # malformed: refused before anything is written
        data = report_bytes(report)
        digest = hashlib.sha256(data).hexdigest()
        with self.ctx.operation(actor, Action.RECORD_INSPECTION) as tx:
            item = load_item(tx.session, tag, for_update=True)
            if item.category != "phone":
                raise ValidationError(
                    f"{item.tag} 不是手机，不能记录检测盒报告",
                    f"{item.tag} is not a phone; an inspection box report does not apply",
                    code="not_a_phone",
                )
            check_in_state(ItemState(item.state), Action.RECORD_INSPECTION)
            rows = _reports(tx.session, item.id)
            same = [r for r in rows if r.report_id == rid]
            if same:
                if same[0].report_sha256 == digest:
                    return inspection_view(tx.session, item, rows, same[0])  # the same report again: nothing new
                raise ValidationError(
                    f"检测报告 {rid} 已记录过且内容不同，拒绝覆盖",
                    f"Report {rid} was recorded before with different content; not overwritten",
                    code="report_conflict",
                )
            stored = tx.put_blob(data, REPORT_CONTENT_TYPE)
            row = InspectionReport(
                item_id=item.id,
                report_id=rid,
                box=box_id,
                report=report,
                report_sha256=stored,
                recorded_by=tx.actor.user_id,
                recorded_at=tx.now,
            )
            tx.session.add(row)
            tx.session.flush()
            rows.append(row)
            view = inspection_view(tx.session, item, rows, row)
            ev = view.evaluation
            tx.audit(
                "item",
                item.tag,
                {
                    "report_id": rid,
                    "report_sha256": stored,
                    "box": box_id,
                    "suggested_verdict": ev.verdict,
                    "reason_code": ev.reason_code,
                    "findings": [f.code for f in ev.findings],
                },
            )
            ship = tx.session.get(Shipment, item.shipment_id)
            line = tx.session.get(AsnLine, item.asn_line_id) if item.asn_line_id else None
            tx.emit(
                "inspection.completed",
                {"box": box_id, "report_id": rid, "report": report},
                item_tag=item.tag,
                asn_id=ship.asn_id if ship else None,
                line_id=line.line_id if line else None,
                blobs=[stored],
            )
            return view

    def latest_report(self, tag: str) -> ReportView | None:
        with self.ctx.db.read() as s:
            item = load_item(s, tag)
            rows = _reports(s, item.id)
            return _view(s, item, rows, rows[-1]) if rows else None

    def evaluation(self, tag: str) -> Evaluation | None:
        view = self.latest(tag)
        return view.evaluation if view else None

    def latest(self, tag: str) -> InspectionView | None:
        """The latest report with its evaluation and the declaration (what the screen shows)."""
        with self.ctx.db.read() as s:
            item = load_item(s, tag)
            rows = _reports(s, item.id)
            return inspection_view(s, item, rows, rows[-1]) if rows else None

    def history(self, tag: str) -> list[ReportView]:
        with self.ctx.db.read() as s:
            item = load_item(s, tag)
            rows = _reports(s, item.id)
            return [_view(s, item, rows, r) for r in rows]

    # -- what the appraiser records from it (the result itself goes through AppraisalService)

    def phone_result(self, tag: str, cosmetic_grade: str, cosmetic_marks: tuple[str, ...] = ()) -> GradingResult:
        """A pass built from the latest stored report plus the appraiser's cosmetic grade.
        Refuses when there is no report, the rules fail the phone, or a photo is missing."""
        view = self.latest(tag)
        if view is None:
            raise ValidationError(
                "尚无检测盒报告，请先检测", "No inspection box report yet; inspect the phone first", code="no_report"
            )
        ev = view.evaluation
        if ev.verdict != "pass":
            first = next(f for f in ev.findings if f.severity == "fail")
            raise ValidationError(
                f"规则判定不合格：{first.zh}", f"The rules fail this phone: {first.en}", code="rules_fail"
            )
        with self.ctx.db.read() as s:
            item = load_item(s, tag)
            have = set(
                s.execute(select(Photo.view).where(Photo.item_id == item.id, Photo.purpose == "appraisal")).scalars()
            )
        missing = [v for v in PHOTO_VIEWS if v not in have]
        if missing:
            raise ValidationError(
                "缺少照片：" + "、".join(view_name(m)[0] for m in missing),
                "Photos missing: " + ", ".join(view_name(m)[1] for m in missing),
                code="photos",
            )
        r = view.report
        phone = phone_rules.draft_result(
            r.report, ev, cosmetic_grade=cosmetic_grade, report_id=r.report_id, cosmetic_marks=tuple(cosmetic_marks)
        )
        note = (
            f"成色由鉴定师评定；机身、电池、配件、锁与功能来自检测盒报告 {r.report_id}"
            f"（{r.box['model']} {r.box['serial']} 固件 {r.box['firmware']}，SHA-256 {r.sha256}）"
        )
        return GradingResult(category="phone", verdict="pass", phone=phone, note=note)

    def defect_rejection(self, tag: str, defect: str, note: str) -> tuple[str, str]:
        """(reason_code, note) for a defect the box cannot see; refused without a close-up photo
        of it (view ``detail``)."""
        reason, text = phone_rules.defect_rejection(defect, note)
        with self.ctx.db.read() as s:
            item = load_item(s, tag)
            has_photo = (
                s.execute(
                    select(Photo.id).where(
                        Photo.item_id == item.id, Photo.view == DEFECT_VIEW, Photo.purpose == "appraisal"
                    )
                ).first()
                is not None
            )
        if not has_photo:
            raise ValidationError("请先拍摄缺陷照片", "Take a photo of the defect first", code="photos")
        return reason, text

    def rejection(self, tag: str) -> tuple[str, str]:
        """(reason_code, note) for rejecting the phone the latest report fails."""
        view = self.latest(tag)
        if view is None or view.evaluation.verdict != "fail":
            raise ValidationError("规则未判定该手机不合格", "The rules do not fail this phone", code="rules_pass")
        reasons = "；".join(f.zh for f in view.evaluation.findings if f.severity == "fail")
        return str(view.evaluation.reason_code), f"检测盒报告 {view.report.report_id}：{reasons}"[:2000]
