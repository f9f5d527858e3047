"""AppraisalService on SQLite and PostgreSQL: life cycle, provenance, permissions, revisions."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from sqlalchemy import select

from app.core.errors import PermissionDenied, ValidationError
from app.store.models import AuditEntry, OutboxEvent
from tests.helpers import receive_one

SCALE = {"type": "scale", "model": "XPR204", "serial": "B912345678"}


def _started(station, people):  # type: ignore[no-untyped-def]
    item = receive_one(station, people)
    station.appraisal.start(people.appraiser, item.tag)
    return item.tag


def _events(station, kind: str) -> list[OutboxEvent]:
    with station.db.read() as s:
        return list(s.execute(select(OutboxEvent).where(OutboxEvent.type == kind).order_by(OutboxEvent.seq)).scalars())


def test_start_moves_received_item_once(station, people) -> None:
    item = receive_one(station, people)
    assert station.appraisal.start(people.appraiser, item.tag).state == "in_appraisal"
    assert station.appraisal.start(people.appraiser, item.tag).state == "in_appraisal"
    with station.db.read() as s:
        starts = s.execute(select(AuditEntry).where(AuditEntry.action == "start_appraisal")).scalars().all()
    assert len(starts) == 1


def test_clerk_cannot_start_or_measure(station, people) -> None:
    item = receive_one(station, people)
    with pytest.raises(PermissionDenied):
        station.appraisal.start(people.clerk, item.tag)
    station.appraisal.start(people.appraiser, item.tag)
    with pytest.raises(PermissionDenied):
        station.appraisal.record_measurement(people.clerk, item.tag, "mass", D("2.349"), "g", device=SCALE)
    with pytest.raises(PermissionDenied):
        station.appraisal.record_measurement(people.clerk, item.tag, "mass", D("2.349"), "g", device=None)


def test_device_mass_in_carats_is_stored_exactly_in_grams(station, people) -> None:
    tag = _started(station, people)
    m = station.appraisal.record_measurement(people.appraiser, tag, "mass", D("11.7451"), "ct", device=SCALE)
    assert (m.value, m.unit, m.source, m.recorded_by) == (D("2.34902"), "g", "device", "appraiser.li")
    assert m.extra["as_read"] == {"value": "11.7451", "unit": "ct"}
    event = _events(station, "measurement.recorded")[-1]
    assert event.payload["value"] == 2.349 and event.payload["device"] == SCALE and event.item_tag == tag
    again = station.appraisal.record_measurement(people.appraiser, tag, "mass", D("2349.1"), "mg", device=SCALE)
    assert again.value == D("2.3491") and again.supersedes_id == m.id


def test_manual_mass_needs_the_grant_and_is_marked(station, people) -> None:
    tag = _started(station, people)
    with pytest.raises(PermissionDenied):
        station.appraisal.record_measurement(people.appraiser, tag, "mass", D("2.35"), "g", device=None)
    m = station.appraisal.record_measurement(people.appraiser2, tag, "mass", D("2.35"), "g", device=None)
    assert m.source == "manual" and m.manual and m.device == {"type": "manual"} and m.recorded_by == "appraiser.zhao"
    assert _events(station, "measurement.recorded")[-1].payload["device"] == {"type": "manual"}


@pytest.mark.parametrize(
    ("value", "unit", "stable"),
    [
        (D("-1.2"), "g", True),
        (D("0"), "g", True),
        (D("2.35"), "lb", True),
        (D("2.35"), "oz", True),
        (D("2.35"), "g", False),
        ("abc", "g", True),
        (D("20000"), "g", True),
    ],
)
def test_impossible_mass_is_refused_with_both_languages(station, people, value, unit, stable) -> None:
    tag = _started(station, people)
    with pytest.raises(ValidationError) as err:
        station.appraisal.record_measurement(people.appraiser, tag, "mass", value, unit, device=SCALE, stable=stable)
    assert err.value.zh and err.value.en
    assert station.appraisal.measurements(tag) == []


def test_other_kinds_are_structured(station, people) -> None:
    tag = _started(station, people)
    dims = station.appraisal.record_measurement(
        people.appraiser2, tag, "dimensions", {"length": D("18.2"), "width": D("9.5")}, "mm", device=None
    )
    assert dims.value == {"length": "18.2", "width": "9.5"}
    ri = station.appraisal.record_measurement(people.appraiser2, tag, "refractive_index", D("2.417"), "1", device=None)
    assert ri.value == D("2.417")
    obs = station.appraisal.record_measurement(
        people.appraiser, tag, "other", {"field": "fluorescence", "text": "弱蓝色荧光"}, "", device={"type": "uv"}
    )
    assert obs.value == "弱蓝色荧光" and obs.extra["field"] == "fluorescence"
    latest = station.appraisal.latest_measurements(tag)
    assert set(latest) == {"dimensions", "refractive_index", "other:fluorescence"}
    with pytest.raises(ValidationError):
        station.appraisal.record_measurement(people.appraiser2, tag, "refractive_index", D("5.1"), "1", device=None)
    with pytest.raises(ValidationError):
        station.appraisal.record_measurement(
            people.appraiser, tag, "other", {"field": "astrology", "text": "x"}, "", device={"type": "uv"}
        )


def test_specific_gravity_flags_a_mismatch(station, people) -> None:
    tag = _started(station, people)
    # 18K gold: A/(A−B) ≈ 15.9 fits; a quartz-like 2.65 does not.
    ok = station.appraisal.record_specific_gravity(
        people.appraiser,
        tag,
        mass_air_g=D("2.3490"),
        mass_water_g=D("2.2010"),
        temperature_c=D("21.5"),
        resolution_g=D("0.0001"),
        material="Au750",
        devices={"air": SCALE, "water": SCALE},
    )
    assert ok.outcome == "consistent" and not ok.flagged and ok.measurement.source == "computed"
    typed = dict(
        mass_air_g=D("2.650"),
        mass_water_g=D("1.650"),
        temperature_c=D("20"),
        resolution_g=D("0.001"),
        material="Au750",
        devices=None,
    )
    with pytest.raises(PermissionDenied):  # typed weighings are a manual entry
        station.appraisal.record_specific_gravity(people.appraiser, tag, **typed)
    bad = station.appraisal.record_specific_gravity(people.appraiser2, tag, **typed)
    assert bad.flagged and bad.expected_low is not None and bad.expected_low > D(14)
    assert "不符" in bad.message_zh and bad.measurement.source == "computed"
    assert bad.measurement.device == {"type": "manual"}
    assert D("2.6") < bad.value < D("2.7") and bad.uncertainty > 0


def test_specific_gravity_refuses_impossible_input(station, people) -> None:
    tag = _started(station, people)
    kwargs = dict(resolution_g=D("0.001"), material=None, devices={"air": SCALE, "water": SCALE})
    with pytest.raises(ValidationError):  # temperature
        station.appraisal.record_specific_gravity(
            people.appraiser, tag, mass_air_g=D("2"), mass_water_g=D("1.4"), temperature_c=D("55"), **kwargs
        )
    with pytest.raises(ValidationError):  # SG 40
        station.appraisal.record_specific_gravity(
            people.appraiser, tag, mass_air_g=D("4"), mass_water_g=D("3.9"), temperature_c=D("20"), **kwargs
        )
    with pytest.raises(ValidationError):  # B ≥ A
        station.appraisal.record_specific_gravity(
            people.appraiser, tag, mass_air_g=D("2"), mass_water_g=D("2.1"), temperature_c=D("20"), **kwargs
        )
    assert station.appraisal.measurements(tag) == []
