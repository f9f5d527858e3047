"""Balance checks under the laboratory's quality system (ISO/IEC 17025 practice).

One place for: the OIML R 111-1 maximum permissible errors of reference weights, the
tolerance a daily check reading is compared with, how long a daily check and an outside
calibration stay valid, the state of a balance from its records, and the expanded
uncertainty (k=2) of a mass read on a checked balance. Pure Python, Decimal only.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import ROUND_CEILING, Decimal

from app.core.errors import ValidationError

# OIML R 111-1:2004, Table 1: maximum permissible errors (± mg) for the classes a
# jewellery laboratory uses. Keys are nominal values in grams.
OIML_CLASSES = ("E1", "E2", "F1", "F2", "M1")
_MPE_MG: dict[str, tuple[str, str, str, str, str]] = {
    "1000": ("0.5", "1.6", "5", "16", "50"),
    "500": ("0.25", "0.8", "2.5", "8", "25"),
    "200": ("0.10", "0.3", "1.0", "3.0", "10"),
    "100": ("0.05", "0.16", "0.5", "1.6", "5"),
    "50": ("0.03", "0.10", "0.3", "1.0", "3.0"),
    "20": ("0.025", "0.08", "0.25", "0.8", "2.5"),
    "10": ("0.020", "0.06", "0.20", "0.6", "2.0"),
    "5": ("0.016", "0.05", "0.16", "0.5", "1.6"),
    "2": ("0.012", "0.04", "0.12", "0.4", "1.2"),
    "1": ("0.010", "0.03", "0.10", "0.3", "1.0"),
    "0.5": ("0.008", "0.025", "0.08", "0.25", "0.8"),
    "0.2": ("0.006", "0.020", "0.06", "0.20", "0.6"),
    "0.1": ("0.005", "0.016", "0.05", "0.16", "0.5"),
    "0.05": ("0.004", "0.012", "0.04", "0.12", "0.4"),
    "0.02": ("0.003", "0.010", "0.03", "0.10", "0.3"),
    "0.01": ("0.003", "0.008", "0.025", "0.08", "0.25"),
    "0.005": ("0.003", "0.006", "0.020", "0.06", "0.20"),
    "0.002": ("0.002", "0.006", "0.020", "0.06", "0.20"),
    "0.001": ("0.002", "0.006", "0.020", "0.06", "0.20"),
}
NOMINAL_VALUES_G = tuple(Decimal(k) for k in _MPE_MG)

# A daily check reading passes when |reading − conventional mass| ≤ CHECK_DIVISIONS × d + MPE:
# two scale divisions of the balance plus what the weight itself may be off by.
CHECK_DIVISIONS = 2
DAILY_CHECK_VALID = timedelta(hours=24)
CALIBRATION_INTERVAL_DAYS = 365  # when the outside lab's certificate names no due date
WEIGHT_CERTIFICATE_VALID_DAYS = 730  # OIML R 111 weights of class F and better: recalibrate every 2 years

CHECK_STATES = {
    "current": ("检查有效", "Check current"),
    "overdue": ("检查已过期", "Check overdue"),
    "failed": ("检查未通过", "Check failed"),
    "never": ("从未检查", "Never checked"),
    "calibration_overdue": ("外部校准已过期", "Calibration overdue"),
}
BLOCKING_STATES = frozenset({"overdue", "failed", "never", "calibration_overdue"})


def _bad(zh: str, en: str, field: str | None = None) -> ValidationError:
    return ValidationError(zh, en, field=field) if field else ValidationError(zh, en)


def weight_class(text: str) -> str:
    cls = (text or "").strip().upper()
    if cls not in OIML_CLASSES:
        raise _bad(
            f"未知的砝码等级：{text}（应为 {'/'.join(OIML_CLASSES)}）",
            f"Unknown weight class: {text} (expected {'/'.join(OIML_CLASSES)})",
            "weight_class",
        )
    return cls


def mpe_g(nominal_g: Decimal, cls: str) -> Decimal:
    """OIML R 111-1 maximum permissible error of a weight, in grams."""
    key = format(Decimal(nominal_g).normalize(), "f")
    row = _MPE_MG.get(key)
    if row is None:
        raise _bad(
            f"{nominal_g} g 不是 OIML R 111 的标称值", f"{nominal_g} g is not an OIML R 111 nominal value", "nominal_g"
        )
    return Decimal(row[OIML_CLASSES.index(weight_class(cls))]) / 1000


def check_tolerance_g(nominal_g: Decimal, cls: str, readability_g: Decimal) -> Decimal:
    return CHECK_DIVISIONS * Decimal(readability_g) + mpe_g(nominal_g, cls)


@dataclass(frozen=True)
class ReferenceWeight:
    """A certified reference weight: its own id, class, nominal value and certificate date;
    ``conventional_g`` is the certificate's conventional mass when it states one."""

    weight_id: str
    cls: str
    nominal_g: Decimal
    certificate_date: date
    conventional_g: Decimal | None = None

    @property
    def reference_g(self) -> Decimal:
        return self.conventional_g if self.conventional_g is not None else self.nominal_g

    def certificate_problem(self, today: date) -> ValidationError | None:
        if self.certificate_date > today:
            return _bad(
                f"砝码 {self.weight_id} 的证书日期在未来",
                f"Weight {self.weight_id}'s certificate is dated in the future",
                "certificate_date",
            )
        if (today - self.certificate_date).days > WEIGHT_CERTIFICATE_VALID_DAYS:
            return _bad(
                f"砝码 {self.weight_id} 的检定证书已超过 {WEIGHT_CERTIFICATE_VALID_DAYS} 天，请送检后再用",
                f"Weight {self.weight_id}'s certificate is older than {WEIGHT_CERTIFICATE_VALID_DAYS} days; "
                "have it recalibrated first",
                "certificate_date",
            )
        return None


@dataclass(frozen=True)
class CheckPoint:
    weight: ReferenceWeight
    reading_g: Decimal
    tolerance_g: Decimal

    @property
    def deviation_g(self) -> Decimal:
        return self.reading_g - self.weight.reference_g

    @property
    def passed(self) -> bool:
        return abs(self.deviation_g) <= self.tolerance_g


def check_point(weight: ReferenceWeight, reading_g: Decimal, readability_g: Decimal) -> CheckPoint:
    return CheckPoint(weight, Decimal(reading_g), check_tolerance_g(weight.nominal_g, weight.cls, readability_g))


def readability(value: Decimal) -> Decimal:
    d = Decimal(value)
    if not d.is_finite() or d <= 0 or d > 1:
        raise _bad(
            f"天平分度值 {value} g 无效（应在 0 到 1 g 之间）",
            f"Balance readability {value} g is not valid (between 0 and 1 g)",
            "readability_g",
        )
    return d


# ---------------------------------------------------------------- state and due dates


@dataclass(frozen=True)
class CheckRecord:
    """What the state needs of a stored check: id, kind (daily | calibration), pass, when,
    and until when it holds."""

    id: int
    kind: str
    passed: bool
    performed_at: datetime
    valid_until: datetime


@dataclass(frozen=True)
class BalanceState:
    serial: str
    state: str
    daily: CheckRecord | None
    calibration: CheckRecord | None

    @property
    def blocking(self) -> bool:
        return self.state in BLOCKING_STATES

    @property
    def check_id(self) -> int | None:
        return self.daily.id if self.daily else None

    def reason(self) -> tuple[str, str]:
        zh, en = CHECK_STATES[self.state]
        if self.state == "overdue" and self.daily is not None:
            return (
                f"天平 {self.serial} 的每日检查已于 {self.daily.valid_until:%Y-%m-%d %H:%M} UTC 过期，请先做每日检查",
                f"Balance {self.serial}'s daily check expired at {self.daily.valid_until:%Y-%m-%d %H:%M} UTC; "
                "run the daily check first",
            )
        if self.state == "calibration_overdue" and self.calibration is not None:
            return (
                f"天平 {self.serial} 的外部校准已于 {self.calibration.valid_until:%Y-%m-%d} 到期",
                f"Balance {self.serial}'s outside calibration was due on {self.calibration.valid_until:%Y-%m-%d}",
            )
        if self.state == "failed":
            return (
                f"天平 {self.serial} 的每日检查未通过，不得用于出证",
                f"Balance {self.serial} failed its daily check; it may not be used for certificates",
            )
        if self.state == "never":
            return (
                f"天平 {self.serial} 没有每日检查记录，请先做每日检查",
                f"Balance {self.serial} has no daily check; run the daily check first",
            )
        return (f"天平 {self.serial}：{zh}", f"Balance {self.serial}: {en}")


def daily_valid_until(performed_at: datetime) -> datetime:
    return performed_at + DAILY_CHECK_VALID


def calibration_due(calibrated_on: date, due: date | None) -> date:
    return due if due is not None else calibrated_on + timedelta(days=CALIBRATION_INTERVAL_DAYS)


def balance_state(
    serial: str, daily: CheckRecord | None, calibration: CheckRecord | None, now: datetime
) -> BalanceState:
    """The latest daily check decides, unless the outside calibration has run out. A failed
    check stays failed until a new check passes; an unchecked balance counts for nothing."""
    if daily is None:
        state = "never"
    elif not daily.passed:
        state = "failed"
    elif now >= daily.valid_until:
        state = "overdue"
    elif calibration is not None and now >= calibration.valid_until:
        state = "calibration_overdue"
    else:
        state = "current"
    return BalanceState(serial, state, daily, calibration)


# ---------------------------------------------------------------- uncertainty


def _sqrt(x: Decimal) -> Decimal:
    return x.sqrt() if x > 0 else Decimal(0)


def mass_uncertainty_g(readability_g: Decimal, max_deviation_g: Decimal, weight_mpe_g: Decimal) -> Decimal:
    """Expanded uncertainty (k=2) of one mass reading, rounded up to the readability.

    Three contributions, each a rectangular distribution: the rounding of the zero and of the
    indication (d/√12 each, together d/√6); the largest deviation the daily check saw,
    left uncorrected (|Δ|/√3); and the reference weight's own MPE (MPE/√3)."""
    d = Decimal(readability_g)
    u2 = d * d / 6 + Decimal(max_deviation_g) ** 2 / 3 + Decimal(weight_mpe_g) ** 2 / 3
    expanded = 2 * _sqrt(u2)
    return (expanded / d).to_integral_value(rounding=ROUND_CEILING) * d


def check_summary(points: Sequence[CheckPoint]) -> tuple[Decimal, Decimal]:
    """(largest |deviation|, largest MPE among the weights used) of a daily check."""
    if not points:
        return Decimal(0), Decimal(0)
    return (max(abs(p.deviation_g) for p in points), max(mpe_g(p.weight.nominal_g, p.weight.cls) for p in points))


def parse_weight_set(text: str) -> tuple[ReferenceWeight, ...]:
    """The laboratory's reference weights from the ``reference_weights`` setting:
    ``id:class:nominal_g:certificate_date`` separated by commas, e.g.
    ``E2-10G-0417:E2:10:2026-05-16, E2-1G-0233:E2:1:2026-05-16``."""
    out = []
    for part in filter(None, (p.strip() for p in (text or "").split(","))):
        fields = [f.strip() for f in part.split(":")]
        try:
            weight_id, cls, nominal, day = fields
            weight = ReferenceWeight(weight_id, weight_class(cls), Decimal(nominal), date.fromisoformat(day))
            mpe_g(weight.nominal_g, weight.cls)
        except (ValueError, ArithmeticError):
            raise _bad(
                f"标准砝码设置有误：{part}（应为 编号:等级:标称克数:证书日期）",
                f"Reference weight setting is malformed: {part} (expected id:class:nominal_g:certificate_date)",
                "reference_weights",
            ) from None
        if not weight_id:
            raise _bad("标准砝码缺少编号", "A reference weight has no id", "reference_weights")
        out.append(weight)
    return tuple(out)
