"""Appraisal: start, measure, grade, reject — for jewellery and (called by the phone
station) phones. Every write checks the permission and the life cycle, keeps where each
value came from (device, person, manual or computed) and records audit + outbox in one
transaction. Results are revisions: a correction is revision n+1, never an overwrite.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select

from app.core import gravity, phone_rules
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
from app.core.roles import Action, Actor, Role, require
from app.services import appraisal_views as v
from app.services.appraisal_rules import (
    check_pass_requirements,
    evaluate,
    grading_name,
    red_findings_in,
    result_changes,
)
from app.services.appraisal_views import GradingView, MeasurementView, SGView
from app.services.balance_checks import QualityPolicy, measurement_basis
from app.services.base import ServiceContext, Tx
from app.services.blind import AppraisalItem, blind_pending, findings_row, withheld
from app.services.items import item_view, load_item
from app.services.views import ItemView
from app.store.models import BlindFindings, Item, Measurement, Rejection, User
from app.store.models import GradingResult as GradingRow


class AppraisalService:
    def __init__(self, ctx: ServiceContext, policy: QualityPolicy | None = None) -> None:
        self.ctx = ctx
        self.policy = policy or QualityPolicy()

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

    # ------------------------------------------------------------ measurements

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
        """``device`` None is a manual entry (needs the manual-entry grant). Masses (g, mg, ct)
        are stored in grams; an unstable balance reading is refused."""
        stored, unit, extra_out, event_value = _checked(kind, value, unit, device, stable, extra)
        with self._measuring(actor, device) as tx:
            item = load_item(tx.session, tag, for_update=True)
            check_in_state(ItemState(item.state), Action.RECORD_MEASUREMENT)
            if kind in v.MASS_KINDS:
                basis = measurement_basis(tx.session, device, tx.now, self.policy)
                if basis is not None:  # which check this reading stands on (refused when not current)
                    extra_out["balance_check"] = basis
            row = self._add_measurement(
                tx, item, kind, stored, unit, stable, "device" if device else "manual", device, extra_out, event_value
            )
            return self._view(row, item.tag, tx.actor.username)

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
        """Hydrostatic SG (A in air, B in water, water temperature) with its uncertainty and,
        when a material is named, the comparison with its expected range."""
        a = v.exact(mass_air_g, "空气中质量", "mass in air")
        b = v.exact(mass_water_g, "水中质量", "mass in water")
        t = v.exact(temperature_c, "水温", "water temperature")
        if not Decimal(0) <= t <= Decimal(40):
            raise v.bad(
                f"水温 {t} °C 超出 0–40 °C", f"water temperature {t} °C is outside 0–40 °C", field="temperature"
            )
        result = gravity.specific_gravity(
            a, b, temperature_c=t, resolution=v.exact(resolution_g, "分度值", "resolution")
        )
        comparison = gravity.compare(result, material) if material else None
        value, unc = result.rounded()
        extra: dict[str, Any] = {
            "uncertainty": v.text(unc),
            "mass_air_g": v.text(a),
            "mass_water_g": v.text(b),
            "temperature_c": v.text(t),
            "water_density": v.text(result.water_density.quantize(Decimal("0.00001"))),
            "resolution_g": v.text(Decimal(resolution_g)),
            "material": material,
            "inputs": devices or {"type": "manual"},
            "comparison": _comparison_json(comparison, result),
        }
        device = {"type": "computed", "inputs": devices} if devices else {"type": "manual"}
        with self._measuring(actor, devices) as tx:
            item = load_item(tx.session, tag, for_update=True)
            check_in_state(ItemState(item.state), Action.RECORD_MEASUREMENT)
            row = self._add_measurement(
                tx, item, "specific_gravity", v.text(value), "1", True, "computed", device, extra, v.json_number(value)
            )
            return _sg_view(self._view(row, item.tag, tx.actor.username))

    def measurements(self, tag: str) -> list[MeasurementView]:
        with self.ctx.db.read() as s:
            item = load_item(s, tag)
            rows = s.execute(
                select(Measurement, User.username)
                .join(User, User.id == Measurement.recorded_by)
                .where(Measurement.item_id == item.id)
                .order_by(Measurement.id)
            ).all()
            return [self._view(m, item.tag, who) for m, who in rows]

    def latest_measurements(self, tag: str) -> dict[str, MeasurementView]:
        """The current value of each kind (observations keyed ``other:<field>``)."""
        out: dict[str, MeasurementView] = {}
        for m in self.measurements(tag):
            out[_slot(m.kind, m.extra)] = m
        return out

    @staticmethod
    def sg_view(m: MeasurementView) -> SGView:
        return _sg_view(m)

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

    def _measuring(self, actor: Actor, device: object) -> AbstractContextManager[Tx]:
        return _manual(self.ctx, actor) if device is None else self.ctx.operation(actor, Action.RECORD_MEASUREMENT)

    @staticmethod
    def _move(tx: Tx, item: Item, action: Action) -> None:
        item.state = next_state(ItemState(item.state), action).value
        item.updated_at = tx.now

    def _add_measurement(
        self,
        tx: Tx,
        item: Item,
        kind: str,
        stored: str,
        unit: str,
        stable: bool,
        source: str,
        device: dict[str, Any] | None,
        extra: dict[str, Any],
        event_value: Any,
    ) -> Measurement:
        slot = _slot(kind, extra)
        prior = [
            m
            for m in tx.session.execute(
                select(Measurement)
                .where(Measurement.item_id == item.id, Measurement.kind == kind)
                .order_by(Measurement.id.desc())
            ).scalars()
            if _slot(m.kind, m.extra) == slot
        ]
        device_json = dict(device) if device else {"type": "manual"}
        row = Measurement(
            item_id=item.id,
            kind=kind,
            value=stored,
            unit=unit,
            stable=stable,
            source=source,
            device=device_json,
            extra=extra,
            recorded_by=tx.actor.user_id,
            recorded_at=tx.now,
            supersedes_id=prior[0].id if prior else None,
        )
        tx.session.add(row)
        item.updated_at = tx.now
        tx.session.flush()
        tx.audit(
            "item",
            item.tag,
            {
                "measurement": row.id,
                "kind": kind,
                "value": stored,
                "unit": unit,
                "source": source,
                "device": device_json,
                "supersedes": prior[0].id if prior else None,
                "previous_value": prior[0].value if prior else None,
            },
        )
        view = item_view(tx.session, item)
        payload = {
            "kind": kind,
            "value": event_value,
            "unit": unit,
            "device": device_json,
            "source": source,
            "stable": stable,
        }
        payload.update({k: val for k, val in extra.items() if k in _EVENT_EXTRAS})
        tx.emit("measurement.recorded", payload, item_tag=item.tag, asn_id=view.asn_id, line_id=view.line_id)
        return row

    @staticmethod
    def _view(m: Measurement, tag: str, who: str) -> MeasurementView:
        return MeasurementView(
            m.id,
            tag,
            m.kind,
            v.decode_value(m.kind, m.value, m.extra or {}),
            m.unit,
            m.stable,
            m.source,
            dict(m.device or {}),
            dict(m.extra or {}),
            who,
            m.recorded_at,
            m.supersedes_id,
        )


_EVENT_EXTRAS = (
    "as_read",
    "uncertainty",
    "temperature_c",
    "mass_air_g",
    "mass_water_g",
    "water_density",
    "material",
    "comparison",
    "field",
    "birefringence",
)


@contextmanager
def _manual(ctx: ServiceContext, actor: Actor) -> Iterator[Tx]:
    """A manual entry needs the manual-entry grant (or a supervisor) *and* someone who
    measures: a clerk holding the grant still cannot measure."""
    with ctx.operation(actor, Action.MANUAL_MEASUREMENT) as tx:
        if Role.SUPERVISOR not in tx.actor.roles:
            require(tx.actor.roles, Action.RECORD_MEASUREMENT, tx.actor.username)
        yield tx


def _slot(kind: str, extra: Mapping[str, Any] | None) -> str:
    return f"other:{(extra or {}).get('field')}" if kind == "other" else kind


def _checked(
    kind: str, value: Any, unit: str, device: dict[str, Any] | None, stable: bool, extra: dict[str, Any] | None
) -> tuple[str, str, dict[str, Any], Any]:
    """(stored text, stored unit, extra, event value) or a ValidationError a person can read."""
    extra = dict(extra or {})
    if kind not in v.KINDS:
        raise v.bad(f"未知的测量类型：{kind}", f"Unknown measurement kind: {kind}", field="kind")
    if device is not None and not isinstance(device, dict):
        raise v.bad("设备信息格式错误", "The device description is malformed", field="device")
    if kind in v.MASS_KINDS:
        if device is not None and not stable:
            raise v.bad(
                "天平读数未稳定，请等待稳定后再采集",
                "The balance reading is not stable; wait until it settles",
                field="stable",
            )
        label = ("质量", "mass") if kind == "mass" else ("水中质量", "mass in water")
        grams = v.mass_grams(value, unit, *label)
        extra["as_read"] = {"value": v.text(v.exact(value, *label)), "unit": unit}
        return v.text(grams), "g", extra, v.json_number(grams, 4)
    if kind == "dimensions":
        if unit != "mm":
            raise v.bad("尺寸单位必须是 mm", "Dimensions are in mm", field="unit")
        dims = v.dimensions(value)
        return json.dumps(dims, sort_keys=True), "mm", extra, {k: float(x) for k, x in dims.items()}
    if kind == "refractive_index":
        ri = v.refractive_index(value)
        return v.text(ri), "1", extra, v.json_number(ri)
    if kind == "other":
        field_code, body = v.observation(value)
        extra.update({"field": field_code, "text": body})
        return field_code, "", extra, body
    raise v.bad(
        "比重请用比重测定（空气中/水中称量）记录",
        "Record specific gravity through the hydrostatic weighing",
        field="kind",
    )


def _comparison_json(comparison: gravity.Comparison | None, result: gravity.SGResult) -> dict[str, Any]:
    if comparison is None:
        return {
            "outcome": "not_compared",
            "zh": f"比重 {result.display()}（未指定材料，未比对）",
            "en": f"SG {result.display()} (no material named; not compared)",
        }
    exp = comparison.expected
    return {
        "outcome": comparison.outcome,
        "imprecise": comparison.imprecise,
        "zh": comparison.zh,
        "en": comparison.en,
        "expected_low": v.text(exp.low) if exp else None,
        "expected_high": v.text(exp.high) if exp else None,
        "approximate": exp.approximate if exp else None,
    }


def _sg_view(m: MeasurementView) -> SGView:
    if m.kind != "specific_gravity":
        raise ValueError("not a specific-gravity measurement")
    c = m.extra.get("comparison") or {}
    low, high = c.get("expected_low"), c.get("expected_high")
    value = m.value if isinstance(m.value, Decimal) else Decimal(str(m.value))
    unc = Decimal(m.extra.get("uncertainty", "0"))
    return SGView(
        m,
        value,
        unc,
        f"{value} ± {unc}",
        m.extra.get("material"),
        c.get("outcome", "not_compared"),
        Decimal(low) if low else None,
        Decimal(high) if high else None,
        c.get("zh", ""),
        c.get("en", ""),
    )


__all__ = ["AppraisalService", "GradingView", "MeasurementView", "PermissionDenied", "SGView", "ValidationError"]
