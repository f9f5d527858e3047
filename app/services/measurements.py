"""Measurements of a piece under appraisal: masses from the balance (stored in grams, an
unstable reading refused, the balance check it stands on kept), dimensions, refractive index,
observations and hydrostatic specific gravity with its uncertainty and expected range.

Each is a revision (``supersedes``) with where its value came from (device, person, manual,
computed) and writes audit + outbox in its transaction. A manual entry needs the manual-entry
grant. ``AppraisalService`` holds a ``Measurements`` and names its operations.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager
from decimal import Decimal
from typing import Any

from sqlalchemy import select

from app.core import gravity
from app.core.lifecycle import ItemState, check_in_state
from app.core.roles import Action, Actor, Role, require
from app.services import appraisal_views as v
from app.services.appraisal_views import MeasurementView, SGView
from app.services.balance_checks import QualityPolicy, measurement_basis
from app.services.base import ServiceContext, Tx
from app.services.items import item_view, load_item
from app.store.models import Item, Measurement, User


class Measurements:
    def __init__(self, ctx: ServiceContext, policy: Callable[[], QualityPolicy]) -> None:
        self.ctx = ctx
        self._policy = policy

    def record(
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
                basis = measurement_basis(tx.session, device, tx.now, self._policy())
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
            return sg_view(self._view(row, item.tag, tx.actor.username))

    def of(self, tag: str) -> list[MeasurementView]:
        with self.ctx.db.read() as s:
            item = load_item(s, tag)
            rows = s.execute(
                select(Measurement, User.username)
                .join(User, User.id == Measurement.recorded_by)
                .where(Measurement.item_id == item.id)
                .order_by(Measurement.id)
            ).all()
            return [self._view(m, item.tag, who) for m, who in rows]

    def latest(self, tag: str) -> dict[str, MeasurementView]:
        """The current value of each kind (observations keyed ``other:<field>``)."""
        out: dict[str, MeasurementView] = {}
        for m in self.of(tag):
            out[_slot(m.kind, m.extra)] = m
        return out

    def _measuring(self, actor: Actor, device: object) -> AbstractContextManager[Tx]:
        return _manual(self.ctx, actor) if device is None else self.ctx.operation(actor, Action.RECORD_MEASUREMENT)

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


def sg_view(m: MeasurementView) -> SGView:
    """The specific-gravity reading of a measurement, as the appraisal form shows it."""
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
