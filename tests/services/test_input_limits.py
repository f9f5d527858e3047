"""Every text and number a person (or a device, or the platform) gives a service is checked
against app.core.limits: refused with a clear zh/en reason, on SQLite and PostgreSQL alike,
and nothing is written. Before, PostgreSQL raised raw DataErrors and 10 MB notes were kept."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import func, select

from app.core.errors import TWError, ValidationError
from app.core.roles import Role
from app.store.models import AuditEntry, OutboxEvent
from tests.helpers import receive_one

TEN_MB = "备" * (10 * 1024 * 1024)
LONE = "坏\ud800字"


def cases(station, people, item, shipment_id):
    """(name, call) pairs: each call gives one hostile input to one service entry point."""
    a, c, s = people.appraiser, people.clerk, people.supervisor
    tag = item.tag
    return [
        ("discrepancy note 10 MB", lambda: station.intake.record_discrepancy(c, shipment_id, "damaged", TEN_MB)),
        ("discrepancy note NUL", lambda: station.intake.record_discrepancy(c, shipment_id, "damaged", "a\x00b")),
        ("discrepancy note surrogate", lambda: station.intake.record_discrepancy(c, shipment_id, "damaged", LONE)),
        ("hold reason NUL", lambda: station.holds.hold(s, tag, "held\x00")),
        ("hold reason 2001", lambda: station.holds.hold(s, tag, "x" * 2001)),
        ("reject note surrogate", lambda: station.appraisal.reject(a, tag, "other", LONE)),
        ("waybill NUL", lambda: station.intake.receive_parcel(c, "SF\x00123")),
        ("waybill 300", lambda: station.intake.receive_parcel(c, "SF" + "1" * 300)),
        ("waybill surrogate", lambda: station.intake.receive_parcel(c, "SF1\udfff")),
        (
            "merchant label 300",
            lambda: station.intake.receive_item(
                c,
                shipment_id,
                line_id=None,
                tag=station.intake.allocate_tag(c),
                tag_printed=True,
                merchant_ref="M" * 300,
                category="jewelry",
                title="戒指",
            ),
        ),
        (
            "item title NUL",
            lambda: station.intake.receive_item(
                c,
                shipment_id,
                line_id=None,
                tag=station.intake.allocate_tag(c),
                tag_printed=True,
                category="jewelry",
                title="戒\x00指",
            ),
        ),
        (
            "item title 10 MB",
            lambda: station.intake.receive_item(
                c,
                shipment_id,
                line_id=None,
                tag=station.intake.allocate_tag(c),
                tag_printed=True,
                category="jewelry",
                title=TEN_MB,
            ),
        ),
        (
            "measurement NaN",
            lambda: station.appraisal.record_measurement(
                a, tag, "mass", Decimal("NaN"), "g", device={"type": "scale", "model": "X", "serial": "1"}
            ),
        ),
        (
            "measurement Infinity",
            lambda: station.appraisal.record_measurement(
                a, tag, "mass", Decimal("Infinity"), "g", device={"type": "scale", "model": "X", "serial": "1"}
            ),
        ),
        (
            "measurement float nan",
            lambda: station.appraisal.record_measurement(
                a, tag, "mass", float("nan"), "g", device={"type": "scale", "model": "X", "serial": "1"}
            ),
        ),
        (
            "device model NUL",
            lambda: station.appraisal.record_measurement(
                a, tag, "mass", Decimal("1.5"), "g", device={"type": "scale", "model": "X\x00", "serial": "1"}
            ),
        ),
        (
            "user display name 300",
            lambda: station.users.add_user(
                people.admin, "new.user", "correct-horse-9", "名" * 300, frozenset({Role.APPRAISER})
            ),
        ),
        (
            "user name NUL",
            lambda: station.users.add_user(
                people.admin, "new\x00user", "correct-horse-9", "新人", frozenset({Role.APPRAISER})
            ),
        ),
        (
            "user display name surrogate",
            lambda: station.users.add_user(
                people.admin, "new.user2", "correct-horse-9", LONE, frozenset({Role.APPRAISER})
            ),
        ),
    ]


def _counts(station):
    with station.db.read() as s:
        return (
            s.execute(select(func.count(OutboxEvent.id))).scalar_one(),
            s.execute(select(func.count(AuditEntry.id))).scalar_one(),
        )


def test_every_hostile_input_is_refused_with_a_reason_and_nothing_written(station, people):
    item = receive_one(station, people)
    station.appraisal.start(people.appraiser, item.tag)
    failures = []
    for name, call in cases(station, people, item, item.shipment_id):
        before = _counts(station)
        try:
            call()
            failures.append(f"{name}: accepted")
        except ValidationError as exc:
            if not (exc.zh and exc.en) or "Traceback" in exc.en:
                failures.append(f"{name}: unclear message {exc}")
        except TWError as exc:
            failures.append(f"{name}: {type(exc).__name__} {exc.en}")
        except Exception as exc:  # a raw DataError, UnicodeEncodeError ... reaching the person
            failures.append(f"{name}: raw {type(exc).__name__}: {str(exc)[:120]}")
        if _counts(station) != before:
            failures.append(f"{name}: something was written")
    assert failures == [], "\n".join(failures)


@pytest.mark.parametrize("text", ["admin\x00", "ad\udfffmin"])
def test_lookups_with_unstorable_characters_are_refused_not_crashed(station, people, text):
    # before: PostgreSQL raised a raw DataError (NUL), SQLite and psycopg a raw
    # UnicodeEncodeError (lone surrogate), on the log-in and certificate lookups
    for call in (
        lambda: station.users.authenticate(text, "correct-horse-9"),
        lambda: station.certificates.get("TWC" + text),
    ):
        with pytest.raises(TWError) as err:
            call()
        assert err.value.zh and err.value.en
