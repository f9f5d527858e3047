"""Balance check arithmetic: OIML R 111 MPEs, the check tolerance, and the expanded
uncertainty (k=2) of a mass, each against a case computed by hand."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest

from app.core import balance_checks as bc
from app.core.errors import ValidationError


def test_oiml_mpe_table_reads_in_grams() -> None:
    assert bc.mpe_g(D("10"), "E2") == D("0.00006")  # Table 1: 10 g, E2 = 0.06 mg
    assert bc.mpe_g(D("1"), "F1") == D("0.0001")  # 1 g, F1 = 0.10 mg
    assert bc.mpe_g(D("100"), "m1") == D("0.005")  # class names are case-insensitive
    assert bc.mpe_g(D("10.000"), "E1") == D("0.00002")  # 10.000 g is the nominal 10 g


@pytest.mark.parametrize(("nominal", "cls"), [(D("3"), "E2"), (D("10"), "F3"), (D("10"), "")])
def test_unknown_nominal_or_class_is_refused_with_a_reason(nominal: D, cls: str) -> None:
    with pytest.raises(ValidationError) as err:
        bc.mpe_g(nominal, cls)
    assert err.value.zh and err.value.en


def test_check_tolerance_is_two_divisions_plus_the_weights_mpe() -> None:
    # d = 0.0001 g, 10 g E2: 2 × 0.0001 + 0.00006 = 0.00026 g
    assert bc.check_tolerance_g(D("10"), "E2", D("0.0001")) == D("0.00026")
    weight = bc.ReferenceWeight("W1", "E2", D("10"), date(2026, 6, 1))
    assert bc.check_point(weight, D("10.0002"), D("0.0001")).passed  # |0.0002| ≤ 0.00026
    assert bc.check_point(weight, D("9.99975"), D("0.0001")).passed  # |−0.00025| ≤ 0.00026
    assert not bc.check_point(weight, D("10.0003"), D("0.0001")).passed  # 0.0003 > 0.00026
    assert not bc.check_point(weight, D("9.9997"), D("0.0001")).passed


def test_conventional_mass_from_the_weights_certificate_is_the_reference() -> None:
    # The certificate says 10.00004 g: a reading of 10.0003 deviates by 0.00026 — exactly the tolerance.
    weight = bc.ReferenceWeight("W1", "E2", D("10"), date(2026, 6, 1), conventional_g=D("10.00004"))
    point = bc.check_point(weight, D("10.0003"), D("0.0001"))
    assert point.deviation_g == D("0.00026") and point.passed


def test_weight_certificate_age_and_future_dates() -> None:
    today = date(2026, 12, 2)
    assert bc.ReferenceWeight("W", "E2", D("1"), date(2024, 12, 3)).certificate_problem(today) is None  # 729 days
    assert bc.ReferenceWeight("W", "E2", D("1"), date(2024, 12, 1)).certificate_problem(today) is not None  # 731
    assert bc.ReferenceWeight("W", "E2", D("1"), date(2026, 12, 3)).certificate_problem(today) is not None


@pytest.mark.parametrize("value", [D("0"), D("-0.001"), D("2"), D("NaN")])
def test_readability_must_be_a_positive_gram_fraction(value: D) -> None:
    with pytest.raises(ValidationError):
        bc.readability(value)


def test_mass_uncertainty_by_hand() -> None:
    # d = 0.0001, |Δ| = 0.0002, MPE = 0.0002:
    # u² = d²/6 + Δ²/3 + MPE²/3 = 1.6667e-9 + 1.3333e-8 + 1.3333e-8 = 2.8333e-8
    # u = 1.6833e-4; U = 2u = 3.3665e-4 g → rounded up to the readability: 0.0004 g
    assert bc.mass_uncertainty_g(D("0.0001"), D("0.0002"), D("0.0002")) == D("0.0004")
    # Resolution only, d = 0.001: u = 0.001/√6 = 4.0825e-4; U = 8.165e-4 → 0.001 g
    assert bc.mass_uncertainty_g(D("0.001"), D("0"), D("0")) == D("0.001")
    # The demo check: d = 0.0001, |Δ| = 0.0001, 10 g E2 MPE = 0.00006:
    # u² = 1.6667e-9 + 3.3333e-9 + 1.2e-9 = 6.2e-9; u = 7.874e-5; U = 1.5748e-4 → 0.0002 g
    assert bc.mass_uncertainty_g(D("0.0001"), D("0.0001"), D("0.00006")) == D("0.0002")


def test_check_summary_takes_the_worst_weight() -> None:
    w10 = bc.ReferenceWeight("A", "E2", D("10"), date(2026, 6, 1))
    w1 = bc.ReferenceWeight("B", "F1", D("1"), date(2026, 6, 1))
    points = [bc.check_point(w10, D("10.0001"), D("0.0001")), bc.check_point(w1, D("0.9998"), D("0.0001"))]
    assert bc.check_summary(points) == (D("0.0002"), D("0.0001"))  # |−0.0002|; F1 1 g = 0.10 mg
    assert bc.check_summary([]) == (D(0), D(0))
