"""Appraisal: start, measure, grade, reject — for jewellery and (called by the phone
station) phones. Every write checks the permission and the life cycle, keeps where each
value came from (device, person, manual or computed) and records audit + outbox in one
transaction. Results are revisions: a correction is revision n+1, never an overwrite.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select

from app.core import phone_rules
from app.core.errors import PermissionDenied, ValidationError
from app.core.events import REJECT_REASONS
from app.core.grading import (
    Evaluation,
    GradingResult,
    JewelryResult,
    check_justified,
    findings_json,
)
from app.core.lifecycle import ItemState, check_in_state, next_state
from app.core.roles import Action, Actor, require
from app.services import appraisal_views as v
from app.services.appraisal_rules import (
    check_pass_requirements,
    evaluate,
    grading_name,
    red_findings_in,
    result_changes,
)
from app.services.appraisal_views import GradingView, MeasurementView, SGView
from app.services.balance_checks import QualityPolicy
from app.services.base import ServiceContext, Tx
from app.services.blind import AppraisalItem, blind_pending, findings_row, withheld
from app.services.items import item_view, load_item
from app.services.measurements import Measurements, sg_view
from app.services.views import ItemView
from app.store.models import BlindFindings, Item, Rejection, User
from app.store.models import GradingResult as GradingRow


class AppraisalService:
    def __init__(self, ctx: ServiceContext, policy: QualityPolicy | None = None) -> None:
        self.ctx = ctx
        self.policy = policy or QualityPolicy()
        # Weighing, dimensions, RI, observations and SG: a part of its own (measurements.py),
        # reading this service's policy when it measures (a test or setting may replace it).
        self.measuring = Measurements(ctx, lambda: self.policy)

    # ------------------------------------------------------------ life cycle

    def start(self, actor: Actor, tag: str) -> ItemView:
        """received → in_appraisal; an item already in appraisal is returned unchanged."""
        with self.ctx.operation(actor, Action.START_APPRAISAL) as tx:
            item = load_item(tx.session, tag, for_update=True)
            if item.state != ItemState.IN_APPRAISAL:
                self._move(tx, item, Action.START_APPRAISAL)
                tx.audit("item", item.tag, {"from": ItemState.RECEIVED.value, "to": item.state})
            return item_view(tx.session, item)

    def appraisal_view(self, tag: str) -> AppraisalItem:
        """The item as the appraisal station shows it: blind (no merchant, no declaration)
        until the findings are saved, when the category is appraised blind."""
        with self.ctx.db.read() as s:
            item = load_item(s, tag)
            view = item_view(s, item)
            if blind_pending(s, item, self.policy):
                return AppraisalItem(withheld(view), True, False)
            return AppraisalItem(view, False, findings_row(s, item.id) is not None)

    def record_blind_findings(self, actor: Actor, tag: str, result: GradingResult) -> AppraisalItem:
        """Save what was found without seeing the declaration; this reveals it. Local record
        and audit (the grading that follows is what the platform hears about)."""
        if not isinstance(result, GradingResult) or result.jewelry is None:
            raise v.bad("缺少鉴定结果", "The findings are required")
        with self.ctx.operation(actor, Action.RECORD_BLIND_FINDINGS) as tx:
            item = load_item(tx.session, tag, for_update=True)
            check_in_state(ItemState(item.state), Action.RECORD_GRADING)
            if item.category != result.category:
                raise v.bad(
                    "鉴定结果的类别与物品不符", "The findings' category does not match the item", field="category"
                )
            if not blind_pending(tx.session, item, self.policy):
                raise v.bad(
                    "该物品不是盲评，或盲评结果已保存",
                    "This item is not appraised blind, or its blind findings are already saved",
                    field="blind",
                )
            # What was found, not a verdict: the verdict comes with the grading, once the declaration is seen.
            found = {
                k: val
                for k, val in result.to_payload().items()
                if k not in ("verdict", "reason_code", "note", "justification")
            }
            row = BlindFindings(item_id=item.id, result=found, recorded_by=tx.actor.user_id, recorded_at=tx.now)
            tx.session.add(row)
            tx.session.flush()
            tx.audit(
                "item",
                item.tag,
                {
                    "blind_findings": row.id,
                    "made_blind": True,
                    "hidden": ["merchant", "declaration"],
                    "findings": row.result,
                },
            )
        return self.appraisal_view(tag)

    def reject(self, actor: Actor, tag: str, reason_code: str, note: str) -> ItemView:
        if reason_code not in REJECT_REASONS:
            raise v.bad(f"未知的拒收原因：{reason_code}", f"Unknown reject reason: {reason_code}", field="reason_code")
        note = (note or "").strip()
        if not note or len(note) > 2000:
            raise v.bad(
                "请写明拒收说明（2000 字以内）",
                "Write a note for the rejection (at most 2000 characters)",
                field="note",
            )
        with self.ctx.operation(actor, Action.REJECT) as tx:
            item = load_item(tx.session, tag, for_update=True)
            before = item.state
            self._move(tx, item, Action.REJECT)
            tx.session.add(
                Rejection(
                    item_id=item.id,
                    reason_code=reason_code,
                    note=note,
                    rejected_by=tx.actor.user_id,
                    rejected_at=tx.now,
                )
            )
            tx.audit("item", item.tag, {"from": before, "to": item.state, "reason_code": reason_code, "note": note})
            view = item_view(tx.session, item)
            tx.emit(
                "item.rejected",
                {"reason_code": reason_code, "note": note},
                item_tag=item.tag,
                asn_id=view.asn_id,
                line_id=view.line_id,
            )
            return view

    # ------------------------------------------------------------ measurements (measurements.py)

    def record_measurement(
        self,
        actor: Actor,
        tag: str,
        kind: str,
        value: Decimal | Mapping[str, Any],
        unit: str,
        *,
        device: dict[str, Any] | None,
        stable: bool = True,
        extra: dict[str, Any] | None = None,
    ) -> MeasurementView:
        return self.measuring.record(actor, tag, kind, value, unit, device=device, stable=stable, extra=extra)

    def record_specific_gravity(
        self,
        actor: Actor,
        tag: str,
        *,
        mass_air_g: Decimal,
        mass_water_g: Decimal,
        temperature_c: Decimal,
        resolution_g: Decimal,
        material: str | None,
        devices: dict[str, Any] | None,
    ) -> SGView:
        return self.measuring.record_specific_gravity(
            actor,
            tag,
            mass_air_g=mass_air_g,
            mass_water_g=mass_water_g,
            temperature_c=temperature_c,
            resolution_g=resolution_g,
            material=material,
            devices=devices,
        )

    def measurements(self, tag: str) -> list[MeasurementView]:
        return self.measuring.of(tag)

    def latest_measurements(self, tag: str) -> dict[str, MeasurementView]:
        return self.measuring.latest(tag)

    @staticmethod
    def sg_view(m: MeasurementView) -> SGView:
        return sg_view(m)

    # ------------------------------------------------------------ grading

    def record_grading(self, actor: Actor, tag: str, result: GradingResult) -> GradingView:
        """Revision n+1. in_appraisal/graded → graded; a pass goes on to in_review in the
        same transaction. Emits ``grading.recorded``."""
        if not isinstance(result, GradingResult):
            raise v.bad("缺少分级结果", "A grading result is required")
        name = grading_name(result)
        payload_result = result.to_payload()
        if self.appraisal_view(tag).blind:
            # Findings first, blind, in their own transaction: they stand (and the declaration
            # is revealed) even when the grading below is refused for an unjustified red finding.
            self.record_blind_findings(actor, tag, result)
        with self.ctx.operation(actor, Action.RECORD_GRADING) as tx:
            item = load_item(tx.session, tag, for_update=True)
            made_blind = findings_row(tx.session, item.id) is not None
            if item.category != result.category:
                raise v.bad(
                    "分级结果的类别与物品不符", "The result's category does not match the item", field="category"
                )
            before = item.state
            self._move(tx, item, Action.RECORD_GRADING)
            if result.verdict == "pass":
                require(tx.actor.roles, Action.SUBMIT_FOR_REVIEW, tx.actor.username)
                check_pass_requirements(tx.session, item, result)
            reds = red_findings_in(tx.session, item, result, item_view(tx.session, item).declared)
            check_justified(result.verdict, reds, result.justification)
            if reds:
                payload_result = {**payload_result, "red_findings": findings_json(reds)}
            previous = (
                tx.session.execute(
                    select(GradingRow).where(GradingRow.item_id == item.id).order_by(GradingRow.revision.desc())
                )
                .scalars()
                .first()
            )
            revision = (previous.revision if previous else 0) + 1
            row = GradingRow(
                item_id=item.id,
                revision=revision,
                result=payload_result,
                verdict=result.verdict,
                reason_code=result.reason_code,
                name=name,
                warranty_days=phone_rules.WARRANTY_DAYS
                if result.category == "phone" and result.verdict == "pass"
                else None,
                graded_by=tx.actor.user_id,
                graded_at=tx.now,
            )
            tx.session.add(row)
            tx.session.flush()
            tx.audit(
                "item",
                item.tag,
                {
                    "revision": revision,
                    "verdict": result.verdict,
                    "reason_code": result.reason_code,
                    "name": name,
                    "from": before,
                    "red_findings": [f.code for f in reds],
                    "justification": result.justification or None,
                    "findings_made_blind": made_blind,
                    "changes": result_changes(previous.result if previous else None, payload_result),
                },
            )
            view = item_view(tx.session, item)
            event = {**result.event_payload(revision), "result": payload_result}
            tx.emit("grading.recorded", event, item_tag=item.tag, asn_id=view.asn_id, line_id=view.line_id)
            if result.verdict == "pass":
                graded = item.state
                item.state = next_state(ItemState(item.state), Action.SUBMIT_FOR_REVIEW).value
                tx.audit(
                    "item",
                    item.tag,
                    {"from": graded, "to": item.state, "revision": revision},
                    action=Action.SUBMIT_FOR_REVIEW.value,
                )
            return GradingView(
                row.id,
                item.tag,
                revision,
                result,
                result.verdict,
                result.reason_code,
                name,
                row.warranty_days,
                tx.actor.username,
                tx.now,
                item.state,
                event,
            )

    def gradings(self, tag: str) -> list[GradingView]:
        with self.ctx.db.read() as s:
            item = load_item(s, tag)
            rows = s.execute(
                select(GradingRow, User.username)
                .join(User, User.id == GradingRow.graded_by)
                .where(GradingRow.item_id == item.id)
                .order_by(GradingRow.revision)
            ).all()
            return [
                GradingView(
                    g.id,
                    item.tag,
                    g.revision,
                    GradingResult.from_payload(g.result),
                    g.verdict,
                    g.reason_code,
                    g.name,
                    g.warranty_days,
                    who,
                    g.graded_at,
                    item.state,
                    {"revision": g.revision, "result": g.result, "verdict": g.verdict},
                )
                for g, who in rows
            ]

    def latest_grading(self, tag: str) -> GradingView | None:
        all_ = self.gradings(tag)
        return all_[-1] if all_ else None

    def evaluate(self, tag: str, result: JewelryResult) -> Evaluation:
        """Declared (the merchant's ASN) against found, with the recorded SG checks."""
        with self.ctx.db.read() as s:
            declared = item_view(s, load_item(s, tag)).declared
        sg = [m.extra for m in self.measurements(tag) if m.kind == "specific_gravity"]
        return evaluate(declared, result, sg)

    def revision_count(self, tag: str) -> int:
        with self.ctx.db.read() as s:
            item = load_item(s, tag)
            return int(s.execute(select(func.count()).where(GradingRow.item_id == item.id)).scalar_one())

    # ------------------------------------------------------------ helpers

    @staticmethod
    def _move(tx: Tx, item: Item, action: Action) -> None:
        item.state = next_state(ItemState(item.state), action).value
        item.updated_at = tx.now


__all__ = ["AppraisalService", "GradingView", "MeasurementView", "PermissionDenied", "SGView", "ValidationError"]
