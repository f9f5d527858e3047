"""Specific gravity: hand-computed values, water density table, units, validation."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.core.errors import ValidationError
from app.core.gravity import (
    compare,
    convert,
    expected_range,
    specific_gravity,
    to_grams,
    water_density,
)


@pytest.mark.parametrize(("t", "rho"), [(15, "0.99910"), (20, "0.99821"), (22, "0.99777"), (25, "0.99705")])
def test_water_density_matches_devices_table(t: int, rho: str) -> None:
    assert water_density(t).quantize(D("0.00001")) == D(rho)


def test_water_density_interpolates_and_peaks_near_4c() -> None:
    assert water_density(20) > water_density("21.5") > water_density(22)
    assert water_density(4) > water_density(0) and water_density(4) > water_density(8)
    assert water_density(4).quantize(D("0.00001")) == D("0.99997")


def test_diamond_hand_computed() -> None:
    # A = 1.000 ct, B = 0.716 ct at 20 °C: SG = 1.000 / 0.284 × 0.998207 = 3.51481
    # ∂SG/∂A = ρB/(A−B)² = 8.8614, ∂SG/∂B = ρA/(A−B)² = 12.3760; × 0.001 ct → ±0.02124
    r = specific_gravity(D("1.000"), D("0.716"), temperature_c=20, resolution=D("0.001"), temperature_uncertainty_c=0)
    assert abs(r.value - D("3.51481")) < D("0.00001")
    assert abs(r.uncertainty - D("0.021237")) < D("0.000001")
    assert r.display() == "3.515 ± 0.022"
    assert compare(r, "diamond").outcome == "consistent"
    assert compare(r, "moissanite").outcome == "inconsistent"


def test_least_precise_weighing_dominates() -> None:
    fine = specific_gravity("10.0000", "7.1500", temperature_c=22, resolution="0.0001", temperature_uncertainty_c=0)
    mixed = specific_gravity(
        "10.0000",
        "7.1500",
        temperature_c=22,
        resolution="0.0001",
        resolution_in_water="0.01",
        temperature_uncertainty_c=0,
    )
    coarse = specific_gravity("10.00", "7.15", temperature_c=22, resolution="0.01", temperature_uncertainty_c=0)
    assert fine.value == mixed.value == coarse.value
    assert mixed.uncertainty == coarse.uncertainty == fine.uncertainty * 100


def test_temperature_uncertainty_widens_result() -> None:
    a = specific_gravity("2.000", "1.500", temperature_c=25, resolution="0.001", temperature_uncertainty_c=0)
    b = specific_gravity("2.000", "1.500", temperature_c=25, resolution="0.001", temperature_uncertainty_c=2)
    assert b.uncertainty > a.uncertainty


def test_air_buoyancy_correction() -> None:
    plain = specific_gravity("5.000", "3.745", temperature_c=20, resolution="0.001")
    corrected = specific_gravity("5.000", "3.745", temperature_c=20, resolution="0.001", air_buoyancy=True)
    expected = D("5.000") / D("1.255") * (water_density(20) - D("0.0012")) + D("0.0012")
    assert corrected.value == expected != plain.value


def test_small_stone_is_imprecise_but_not_inconsistent() -> None:
    # 0.10 ct stone on a 0.01 ct balance: the window is huge; SG cannot rule anything out
    r = specific_gravity("0.10", "0.07", temperature_c=20, resolution="0.01")
    c = compare(r, "diamond")
    assert c.imprecise and c.outcome == "consistent" and "精度有限" in c.zh


def test_gold_alloy_windows() -> None:
    gold18 = expected_range("Au750")
    assert gold18 is not None and gold18.approximate
    assert gold18.low <= D("15") and gold18.high >= D("16")  # devices.md: 18K yellow about 15–16
    pure = expected_range("gold")
    assert pure is not None and pure.low <= D("19.3") <= pure.high
    assert expected_range("Au585").high < gold18.high < pure.low
    assert expected_range("glass") is None and expected_range("base") is None
    assert expected_range("corundum") == expected_range("ruby")


def test_jewelry_sg_flags_plated_brass() -> None:
    # brass ~8.5: A = 8.50 g, B = 7.50 g → SG ≈ 8.48, far from 18K gold
    r = specific_gravity("8.50", "7.50", temperature_c=20, resolution="0.01")
    assert compare(r, "Au750").outcome == "inconsistent"


@pytest.mark.parametrize(
    ("a", "b", "t"),
    [
        ("0", "0", 20),
        ("-1", "-2", 20),
        ("1.0", "1.0", 20),
        ("1.0", "1.2", 20),
        ("1.0", "0.5", 41),
        ("1.0", "0.5", -1),
        ("1.0", "-0.5", 20),
        ("1.0", "0.99", 20),
    ],
)
def test_invalid_weighings(a: str, b: str, t: int) -> None:
    with pytest.raises(ValidationError) as caught:
        specific_gravity(a, b, temperature_c=t, resolution="0.001")
    assert caught.value.zh and caught.value.en


def test_floats_are_refused() -> None:
    with pytest.raises(ValidationError):
        specific_gravity(1.0, 0.7, temperature_c=20, resolution="0.001")  # type: ignore[arg-type]


def test_units_exact() -> None:
    assert convert("1", "ct", "g") == D("0.2")
    assert convert("5", "ct", "g") == 1
    assert convert("1", "g", "ct") == 5
    assert convert("100", "pt", "ct") == 1
    assert to_grams("250", "mg") == D("0.25")
    assert convert("1", "grain", "g") == D("0.06479891")
    assert abs(convert(convert("3.217", "ct", "grain"), "grain", "ct") - D("3.217")) < D("1e-20")
    with pytest.raises(ValidationError):
        convert("1", "oz", "g")


@given(
    st.decimals(min_value=D("0.001"), max_value=D("1000"), places=3),
    st.sampled_from(["g", "mg", "ct", "pt", "grain"]),
    st.sampled_from(["g", "mg", "ct", "pt", "grain"]),
)
def test_unit_round_trip(value: D, a: str, b: str) -> None:
    assert abs(convert(convert(value, a, b), b, a) - value) < D("1e-18")


@given(
    st.one_of(
        st.none(),
        st.text(max_size=8),
        st.integers(-10, 100),
        st.floats(allow_nan=True),
        st.decimals(allow_nan=True, allow_infinity=True),
    ),
    st.one_of(st.text(max_size=8), st.integers(-10, 100), st.decimals(allow_nan=True)),
    st.one_of(st.integers(-5, 50), st.text(max_size=4)),
)
def test_junk_raises_only_validation_error(a: object, b: object, t: object) -> None:
    try:
        r = specific_gravity(a, b, temperature_c=t, resolution="0.001")  # type: ignore[arg-type]
    except ValidationError:
        return
    assert D(1) <= r.value <= D(25)
