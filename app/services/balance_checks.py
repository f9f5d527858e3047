"""Balance checks: the appraiser's daily check with certified reference weights, the outside
calibration record, each balance's state and history, and what a mass measurement stands on.

The platform contract (1.1 §3) has no event for a balance check, so a check is a local
record with its audit entry (no outbox event), written in one transaction like every operation.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.core import balance_checks as bc
from app.core.errors import ValidationError
from app.core.roles import Action, Actor
from app.services.base import ServiceContext
from app.store.models import BalanceCheck, Measurement, User

POLICIES = ("refuse", "review")


@dataclass(frozen=True)
class QualityPolicy:
    """From the station's settings (``balance_check_policy``, ``blind_categories``)."""

    balance_check_policy: str = "refuse"
    blind_categories: frozenset[str] = frozenset({"jewelry"})

    @classmethod
    def from_config(cls, config: Any) -> QualityPolicy:
        if config is None:
            return cls()
        cats = frozenset(c.strip() for c in str(config.blind_categories or "").split(",") if c.strip())
        return cls(str(config.balance_check_policy), cats)


@dataclass(frozen=True)
class Reading:
    """One reference weight as the daily check read it."""

    weight: bc.ReferenceWeight
    reading_g: Decimal
    stable: bool = True


@dataclass(frozen=True)
class CheckView:
    id: int
    serial: str
    model: str
    kind: str
    passed: bool
    readability_g: Decimal
    performed_by: str
    performed_at: datetime
    valid_until: datetime
    detail: dict[str, Any] = field(default_factory=dict)


def _bad(zh: str, en: str, field_name: str) -> ValidationError:
    return ValidationError(zh, en, field=field_name)


def _serial(serial: str) -> str:
    s = (serial or "").strip()
    if not s or len(s) > 64:
        raise _bad("天平序列号为空或过长", "The balance serial number is empty or too long", "serial")
    return s


def _record(row: BalanceCheck) -> bc.CheckRecord:
    return bc.CheckRecord(row.id, row.kind, row.passed, row.performed_at, row.valid_until)


def latest_checks(session: Session, serial: str) -> tuple[BalanceCheck | None, BalanceCheck | None]:
    def last(kind: str) -> BalanceCheck | None:
        return (
            session.execute(
                select(BalanceCheck)
                .where(BalanceCheck.balance_serial == serial, BalanceCheck.kind == kind)
                .order_by(BalanceCheck.performed_at.desc(), BalanceCheck.id.desc())
            )
            .scalars()
            .first()
        )

    return last("daily"), last("calibration")


def state_in(session: Session, serial: str, now: datetime) -> tuple[bc.BalanceState, BalanceCheck | None]:
    daily, calibration = latest_checks(session, serial)
    return (
        bc.balance_state(serial, _record(daily) if daily else None, _record(calibration) if calibration else None, now),
        daily,
    )


def measurement_basis(
    session: Session, device: dict[str, Any] | None, now: datetime, policy: QualityPolicy
) -> dict[str, Any] | None:
    """What a mass read on ``device`` stands on: the check id and state and the expanded
    uncertainty (k=2). Refused when the check is not current and the policy says refuse."""
    if not device or device.get("type") not in (None, "scale"):
        return None
    serial = str(device.get("serial") or "").strip()
    if not serial:
        raise _bad(
            "天平没有报告序列号，无法对应检查记录",
            "The balance reported no serial number, so no check can be found for it",
            "device",
        )
    state, daily = state_in(session, serial, now)
    if state.blocking and policy.balance_check_policy == "refuse":
        zh, en = state.reason()
        raise ValidationError(
            zh + "（称量未记录）",
            en + " (the weighing was not recorded)",
            field="balance_check",
            check_state=state.state,
        )
    basis: dict[str, Any] = {"id": state.check_id, "state": state.state, "serial": serial}
    if daily is not None and daily.passed:
        d = Decimal(daily.readability_g)
        dev, mpe = Decimal(daily.detail.get("max_deviation_g", "0")), Decimal(daily.detail.get("max_mpe_g", "0"))
        basis["uncertainty_g"] = format(bc.mass_uncertainty_g(d, dev, mpe), "f")
    return basis


class BalanceCheckService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def record_daily_check(
        self, actor: Actor, serial: str, model: str, readability_g: Decimal, readings: Sequence[Reading]
    ) -> CheckView:
        """Each reference weight read stable and compared with its tolerance; the check passes
        when every weight does. A failed check is recorded too: it blocks the balance."""
        serial, d = _serial(serial), bc.readability(readability_g)
        if not readings:
            raise _bad("每日检查至少需要一个标准砝码", "A daily check needs at least one reference weight", "weights")
        ids = [r.weight.weight_id.strip() for r in readings]
        if any(not i or len(i) > 64 for i in ids) or len(set(ids)) != len(ids):
            raise _bad("砝码编号为空、过长或重复", "A weight id is empty, too long or repeated", "weight_id")
        with self.ctx.operation(actor, Action.RECORD_BALANCE_CHECK) as tx:
            today = tx.now.date()
            points = []
            for r in readings:
                problem = r.weight.certificate_problem(today)
                if problem is not None:
                    raise problem
                if not r.stable:
                    raise _bad(
                        f"砝码 {r.weight.weight_id} 的读数未稳定",
                        f"The reading of weight {r.weight.weight_id} is not stable",
                        "reading",
                    )
                if not Decimal(r.reading_g).is_finite():
                    raise _bad("读数不是有限数值", "The reading is not a finite number", "reading")
                points.append(bc.check_point(r.weight, r.reading_g, d))
            passed = all(p.passed for p in points)
            max_dev, max_mpe = bc.check_summary(points)
            detail = {
                "weights": [_point_json(p) for p in points],
                "max_deviation_g": format(max_dev, "f"),
                "max_mpe_g": format(max_mpe, "f"),
            }
            row = BalanceCheck(
                balance_serial=serial,
                balance_model=(model or "").strip()[:64],
                kind="daily",
                passed=passed,
                readability_g=format(d, "f"),
                detail=detail,
                performed_by=tx.actor.user_id,
                performed_at=tx.now,
                valid_until=bc.daily_valid_until(tx.now),
            )
            tx.session.add(row)
            tx.session.flush()
            tx.audit("balance", serial, {"check": row.id, "kind": "daily", "passed": passed, **detail})
            return self._view(row, tx.actor.username)

    def record_calibration(
        self,
        actor: Actor,
        serial: str,
        model: str,
        readability_g: Decimal,
        *,
        lab: str,
        certificate_no: str,
        calibrated_on: date,
        due: date | None = None,
        passed: bool = True,
    ) -> CheckView:
        serial, d = _serial(serial), bc.readability(readability_g)
        lab, certificate_no = (lab or "").strip(), (certificate_no or "").strip()
        if not lab or not certificate_no or len(lab) > 256 or len(certificate_no) > 64:
            raise _bad(
                "请写明校准机构和校准证书编号", "Name the calibration laboratory and its certificate number", "lab"
            )
        due_on = bc.calibration_due(calibrated_on, due)
        if due_on <= calibrated_on:
            raise _bad("下次校准日期必须晚于校准日期", "The next calibration must be after the calibration", "due")
        with self.ctx.operation(actor, Action.RECORD_CALIBRATION) as tx:
            if not (model or "").strip():  # entered at the Devices station: the model the balance last reported
                model = (
                    tx.session.execute(
                        select(BalanceCheck.balance_model)
                        .where(BalanceCheck.balance_serial == serial)
                        .order_by(BalanceCheck.id.desc())
                    )
                    .scalars()
                    .first()
                    or ""
                )
            if calibrated_on > tx.now.date():
                raise _bad("校准日期在未来", "The calibration date is in the future", "calibrated_on")
            detail = {
                "lab": lab,
                "certificate_no": certificate_no,
                "calibrated_on": calibrated_on.isoformat(),
                "due": due_on.isoformat(),
            }
            row = BalanceCheck(
                balance_serial=serial,
                balance_model=(model or "").strip()[:64],
                kind="calibration",
                passed=passed,
                readability_g=format(d, "f"),
                detail=detail,
                performed_by=tx.actor.user_id,
                performed_at=tx.now,
                valid_until=datetime.combine(due_on, time(0), tzinfo=tx.now.tzinfo),
            )
            tx.session.add(row)
            tx.session.flush()
            tx.audit("balance", serial, {"check": row.id, "kind": "calibration", "passed": passed, **detail})
            return self._view(row, tx.actor.username)

    # ------------------------------------------------------------ queries

    def state(self, serial: str) -> bc.BalanceState:
        with self.ctx.db.read() as s:
            return state_in(s, _serial(serial), self.ctx.clock())[0]

    def history(self, serial: str, limit: int = 200) -> list[CheckView]:
        with self.ctx.db.read() as s:
            rows = s.execute(
                select(BalanceCheck, User.username)
                .join(User, User.id == BalanceCheck.performed_by)
                .where(BalanceCheck.balance_serial == _serial(serial))
                .order_by(BalanceCheck.performed_at.desc(), BalanceCheck.id.desc())
                .limit(limit)
            ).all()
            return [self._view(r, who) for r, who in rows]

    def balances(self) -> list[bc.BalanceState]:
        """Every balance the quality system knows, with its state now."""
        now = self.ctx.clock()
        with self.ctx.db.read() as s:
            serials = (
                s.execute(
                    select(BalanceCheck.balance_serial)
                    .group_by(BalanceCheck.balance_serial)
                    .order_by(func.min(BalanceCheck.id))
                )
                .scalars()
                .all()
            )
            return [state_in(s, serial, now)[0] for serial in serials]

    def overdue_balance_checks(self) -> list[bc.BalanceState]:
        """Balances whose check is overdue or failed (or whose calibration ran out), for the
        dashboard and the exceptions queue."""
        return [st for st in self.balances() if st.blocking]

    @staticmethod
    def _view(row: BalanceCheck, who: str) -> CheckView:
        return CheckView(
            row.id,
            row.balance_serial,
            row.balance_model,
            row.kind,
            row.passed,
            Decimal(row.readability_g),
            who,
            row.performed_at,
            row.valid_until,
            dict(row.detail or {}),
        )


def _point_json(p: bc.CheckPoint) -> dict[str, Any]:
    w = p.weight
    return {
        "weight_id": w.weight_id.strip(),
        "class": w.cls,
        "nominal_g": format(w.nominal_g, "f"),
        "conventional_g": format(w.reference_g, "f"),
        "certificate_date": w.certificate_date.isoformat(),
        "reading_g": format(p.reading_g, "f"),
        "deviation_g": format(p.deviation_g, "f"),
        "tolerance_g": format(p.tolerance_g, "f"),
        "passed": p.passed,
    }


def check_balance_basis(session: Session, item_id: int) -> None:
    """At review: the item's current masses must stand on a current balance check (under the
    ``review`` policy a weighing on an overdue or failed balance was recorded, marked)."""
    rows = (
        session.execute(
            select(Measurement)
            .where(Measurement.item_id == item_id, Measurement.kind.in_(("mass", "mass_in_water")))
            .order_by(Measurement.id)
        )
        .scalars()
        .all()
    )
    latest = {m.kind: m for m in rows}
    for m in latest.values():
        basis = (m.extra or {}).get("balance_check")
        if basis and basis.get("state") in bc.BLOCKING_STATES:
            zh, en = bc.CHECK_STATES[basis["state"]]
            raise ValidationError(
                f"称量 #{m.id} 所用天平 {basis.get('serial')} 当时{zh}，不能复核通过；请在检查合格的天平上重新称量",
                f"Weighing #{m.id} was made on balance {basis.get('serial')} with its {en.lower()}; "
                "it cannot be approved. Weigh again on a checked balance",
                field="balance_check",
                code="balance_check",
            )
