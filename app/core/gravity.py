"""Hydrostatic specific gravity and mass units (devices.md, "Units and specific gravity").

SG = A / (A − B) × ρ(water at T), A the mass in air, B the apparent mass in water, both in
the same unit. All arithmetic is Decimal. The uncertainty is worst-case linear propagation:
each weighing is taken as good to ±1 display digit of the *coarser* of the two balances
(quantisation plus repeatability — "the result is no better than the least precise
weighing"), plus the water-temperature uncertainty through ρ(T). Small stones thus show
honestly wide results instead of a falsely precise number.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation, localcontext

from app.core.errors import ValidationError
from app.core.vocab import gems, metals

# ---------------------------------------------------------------- units

GRAMS_PER: dict[str, Decimal] = {
    "g": Decimal(1),
    "mg": Decimal("0.001"),
    "ct": Decimal("0.2"),  # metric carat, exact by definition
    "pt": Decimal("0.002"),  # point = 0.01 ct
    "grain": Decimal("0.06479891"),  # exact by definition of the grain
}


def _decimal(value: object, what: str) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, (Decimal, int, str)):
        # floats are refused: a float has already lost the balance's digits
        raise ValidationError(f"{what} 必须是精确数值（Decimal）", f"{what} must be an exact number (Decimal)")
    try:
        number = Decimal(value)
    except (InvalidOperation, ValueError):
        raise ValidationError(f"{what} 不是数值：{value!r}", f"{what} is not a number: {value!r}") from None
    if not number.is_finite():
        raise ValidationError(f"{what} 必须是有限数值", f"{what} must be finite")
    return number


def _unit(unit: object) -> Decimal:
    if not isinstance(unit, str) or unit not in GRAMS_PER:
        raise ValidationError(f"未知的质量单位 {unit!r}", f"unknown mass unit {unit!r}")
    return GRAMS_PER[unit]


def convert(value: Decimal | int | str, from_unit: str, to_unit: str) -> Decimal:
    """Exact where the result terminates (g, mg, ct, pt); to grains at 28 significant digits."""
    number = _decimal(value, "value")
    with localcontext() as ctx:
        ctx.prec = 28
        return +(number * _unit(from_unit) / _unit(to_unit))


def to_grams(value: Decimal | int | str, unit: str) -> Decimal:
    return convert(value, unit, "g")


# ---------------------------------------------------------------- water

# Tanaka et al., Metrologia 38 (2001) 301, the CIPM formula for air-free pure water at
# 101.325 kPa; it reproduces devices.md's table (15 °C 0.99910 ... 25 °C 0.99705).
_A1, _A2, _A3, _A4 = Decimal("-3.983035"), Decimal("301.797"), Decimal("522528.9"), Decimal("69.34881")
_A5 = Decimal("0.999974950")  # g/mL
AIR_DENSITY = Decimal("0.0012")  # g/mL, the value balance density kits use


def water_density(temperature_c: Decimal | int | str) -> Decimal:
    """ρ of water in g/mL at 0–40 °C."""
    t = _decimal(temperature_c, "temperature")
    if not Decimal(0) <= t <= Decimal(40):
        raise ValidationError("水温必须在 0–40 °C 之间", "water temperature must be 0–40 °C")
    with localcontext() as ctx:
        ctx.prec = 28
        return _A5 * (1 - (t + _A1) ** 2 * (t + _A2) / (_A3 * (t + _A4)))


# ---------------------------------------------------------------- SG


@dataclass(frozen=True)
class SGResult:
    value: Decimal
    uncertainty: Decimal
    temperature_c: Decimal
    water_density: Decimal

    @property
    def low(self) -> Decimal:
        return self.value - self.uncertainty

    @property
    def high(self) -> Decimal:
        return self.value + self.uncertainty

    def rounded(self) -> tuple[Decimal, Decimal]:
        """Uncertainty to two significant digits, value to the same decimal place."""
        exponent = self.uncertainty.adjusted() - 1 if self.uncertainty else -4
        quantum = Decimal(1).scaleb(min(exponent, -2))
        return self.value.quantize(quantum), self.uncertainty.quantize(quantum, rounding="ROUND_UP")

    def display(self) -> str:
        value, unc = self.rounded()
        return f"{value} ± {unc}"


def specific_gravity(
    mass_in_air: Decimal | int | str,
    mass_in_water: Decimal | int | str,
    *,
    temperature_c: Decimal | int | str,
    resolution: Decimal | int | str,
    resolution_in_water: Decimal | int | str | None = None,
    temperature_uncertainty_c: Decimal | int | str = Decimal("0.5"),
    air_buoyancy: bool = False,
) -> SGResult:
    """Hydrostatic SG. Masses and resolutions share one unit (any of GRAMS_PER).

    ``air_buoyancy`` applies the density-kit correction SG = A/(A−B)·(ρw − ρair) + ρair.
    """
    a = _decimal(mass_in_air, "A")
    b = _decimal(mass_in_water, "B")
    res = _decimal(resolution, "resolution")
    res_w = res if resolution_in_water is None else _decimal(resolution_in_water, "resolution_in_water")
    u_t = _decimal(temperature_uncertainty_c, "temperature uncertainty")
    if a <= 0:
        raise ValidationError("空气中质量 A 必须大于 0", "mass in air A must be greater than 0")
    if b >= a:
        raise ValidationError("水中质量 B 必须小于空气中质量 A", "mass in water B must be less than mass in air A")
    if res <= 0 or res_w <= 0 or u_t < 0:
        raise ValidationError("天平分度值必须大于 0", "balance resolution must be greater than 0")
    rho = water_density(temperature_c)
    t = Decimal(temperature_c)
    with localcontext() as ctx:
        ctx.prec = 28
        rho_eff = rho - AIR_DENSITY if air_buoyancy else rho
        offset = AIR_DENSITY if air_buoyancy else Decimal(0)
        d = a - b
        value = a / d * rho_eff + offset
        if not Decimal(1) <= value <= Decimal(25):
            raise ValidationError(
                f"比重 {value:.3f} 超出 1–25 的合理范围，请检查称量（挂篮是否去皮、是否有气泡）",
                f"SG {value:.3f} is outside the plausible 1–25; check the weighings (basket tared? air bubbles?)",
            )
        u_mass = max(res, res_w)  # the least precise weighing sets the precision
        d_da = abs(b) / d**2 * rho_eff  # |∂SG/∂A|
        d_db = a / d**2 * rho_eff  # |∂SG/∂B|
        lo_t, hi_t = max(t - u_t, Decimal(0)), min(t + u_t, Decimal(40))
        u_rho = abs(water_density(lo_t) - water_density(hi_t)) / 2
        uncertainty = (d_da + d_db) * u_mass + a / d * u_rho
    return SGResult(value=value, uncertainty=uncertainty, temperature_c=t, water_density=rho)


# ---------------------------------------------------------------- expected ranges

_ALIASES = {
    "corundum": "ruby",
    "刚玉": "ruby",
    "beryl": "emerald",
    "gold": "Au999",
    "黄金": "Au999",
    "platinum": "Pt999",
    "silver": "S999",
    "palladium": "Pd990",
}

# Casting porosity lowers a piece's apparent density by a few percent, and real alloys
# deviate about 1 % from ideal mixing; the window is widened accordingly.
_POROSITY = Decimal("0.97")
_NON_IDEAL = Decimal("1.01")


@dataclass(frozen=True)
class ExpectedRange:
    material: str
    low: Decimal
    high: Decimal
    approximate: bool  # True for alloys: estimated from fineness, not measured on references


def _alloy_range(term: metals.MetalTerm) -> tuple[Decimal, Decimal]:
    """1/ρ = f/ρ_base + (1 − f)/ρ_balance (volume additivity), over each usual balance metal."""
    base = metals.ELEMENT_DENSITY[term.element]
    f = Decimal(term.fineness) / 1000
    with localcontext() as ctx:
        ctx.prec = 28
        values = [1 / (f / base + (1 - f) / metals.ELEMENT_DENSITY[m]) for m in metals.BALANCE_METALS[term.element]]
        return (min(values) * _POROSITY).quantize(Decimal("0.01")), (max(values) * _NON_IDEAL).quantize(Decimal("0.01"))


def expected_range(material: str) -> ExpectedRange | None:
    """The SG window for a gem code, a metal code (Au750 ...) or a common word (corundum).
    None when the material has no usable window (glass, plastic, a base-metal mount)."""
    key = _ALIASES.get(material.strip().casefold() if isinstance(material, str) else material, material)
    metal = metals.METALS.find(key)
    if isinstance(metal, metals.MetalTerm):
        if not metal.element:
            return None
        low, high = _alloy_range(metal)
        return ExpectedRange(metal.code, low, high, approximate=True)
    gem = gems.GEMS.find(key)
    if not isinstance(gem, gems.GemTerm):
        raise ValidationError(f"未知的材料 {material!r}", f"unknown material {material!r}")
    if gem.sg is None:
        return None
    return ExpectedRange(gem.code, gem.sg[0], gem.sg[1], approximate=False)


@dataclass(frozen=True)
class Comparison:
    outcome: str  # "consistent", "inconsistent" or "no_reference"
    expected: ExpectedRange | None
    imprecise: bool  # the uncertainty alone spans more than 2 % of the value
    zh: str
    en: str


def material_name(code: str) -> tuple[str, str]:
    """(zh, en) of the material an SG was compared with: a metal code or a gem code."""
    metal = metals.METALS.find(code)
    if isinstance(metal, metals.MetalTerm):
        return metal.zh, metal.en
    gem = gems.GEMS.find(_ALIASES.get(code.strip().casefold(), code) if isinstance(code, str) else code)
    return (gem.zh, gem.en) if gem is not None else (str(code), str(code))


# The field of a jewellery result an SG is compared with. A loose stone is the stone; a
# mounted piece is weighed whole and is mostly metal, so its metal is compared when it has a
# precious one; a piece without precious metal is compared with its main stone.
SG_FIELDS = ("main_stone", "metal")


def sg_field(piece_mounted: bool, metal: str | None, stone_material: str | None) -> str | None:
    """Which field (``main_stone`` or ``metal``) the SG of this piece belongs to, or None."""
    precious = metal is not None and bool(getattr(metals.METALS.find(metal), "element", None))
    if piece_mounted and precious:
        return "metal"
    if stone_material is not None:
        return "main_stone"
    return "metal" if precious else None


def compare(result: SGResult, material: str) -> Comparison:
    """Consistent when value ± uncertainty overlaps the expected window: an SG can only
    rule a material out, never prove it. The verdict names the material and quotes the
    window actually used."""
    expected = expected_range(material)
    imprecise = result.uncertainty > result.value * Decimal("0.02")
    shown = result.display()
    name_zh, name_en = material_name(material)
    if expected is None:
        return Comparison(
            "no_reference",
            None,
            imprecise,
            f"比重 {shown}；{name_zh}无可比对的参考范围",
            f"SG {shown}; {name_en} has no reference range",
        )
    window = f"{name_zh}预期范围 {expected.low}–{expected.high}" + ("（估算）" if expected.approximate else "")
    window_en = f"range for {name_en}, {expected.low}–{expected.high}" + (
        " (estimated)" if expected.approximate else ""
    )
    overlaps = result.low <= expected.high and result.high >= expected.low
    note_zh = "；样品小，精度有限" if imprecise else ""
    note_en = "; small sample, limited precision" if imprecise else ""
    if overlaps:
        return Comparison(
            "consistent",
            expected,
            imprecise,
            f"比重 {shown}，与{window}相符{note_zh}",
            f"SG {shown} is consistent with the expected {window_en}{note_en}",
        )
    return Comparison(
        "inconsistent",
        expected,
        imprecise,
        f"比重 {shown}，与{window}不符{note_zh}",
        f"SG {shown} is inconsistent with the expected {window_en}{note_en}",
    )
