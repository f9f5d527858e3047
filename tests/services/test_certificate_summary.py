"""``certificate.issued`` carries what was certified (platform-api.md §3, 1.1 ``summary``), so the
public page never falls back to the merchant's title; demo data certifies with a demo key."""

from __future__ import annotations

import logging

from sqlalchemy import select

from app.certs.trust import TrustedKeys
from app.certs.verify import verify_qr
from app.core.certificate import summary_problem
from app.store.models import OutboxEvent
from tests.services.test_review_support import PASSPHRASE, approved

logging.getLogger("pyhanko").setLevel(logging.CRITICAL)


def _issued(station) -> dict:  # type: ignore[no-untyped-def]
    with station.db.read() as s:
        row = (
            s.execute(
                select(OutboxEvent).where(OutboxEvent.type == "certificate.issued").order_by(OutboxEvent.seq.desc())
            )
            .scalars()
            .first()
        )
        return dict(row.payload)


def test_phone_summary_is_the_id_card_without_private_identifiers(sqlite_station, sqlite_people) -> None:  # type: ignore[no-untyped-def]
    st, people = sqlite_station, sqlite_people
    issuer = st.certificates.generate_key(people.supervisor, PASSPHRASE)
    cert = st.certificates.issue(people.supervisor, approved(st, people, "phone"), issuer)
    summary = _issued(st)["summary"]
    assert summary_problem(summary) is None
    assert summary["name"] == cert.name and summary["category"] == "phone"
    labels = {f["label_en"]: f["value"] for f in summary["facts"]}
    assert labels["IMEI"] == "3567******67894" and "Serial no." not in labels
    for shown in (
        "Model",
        "Storage",
        "Colour",
        "Battery health",
        "Screen",
        "Failed functions",
        "Cosmetic grade",
        "Warranty until",
    ):
        assert shown in labels, shown
    assert any("屏幕" in d for d in summary["disclosures"])
    text = str(summary)
    assert "F2LXK0ABCDEF" not in text and "356789104567894" not in text


def test_jewelry_summary_names_the_certified_piece_and_photo(sqlite_station, sqlite_people) -> None:  # type: ignore[no-untyped-def]
    st, people = sqlite_station, sqlite_people
    issuer = st.certificates.generate_key(people.supervisor, PASSPHRASE)
    cert = st.certificates.issue(people.supervisor, approved(st, people), issuer)
    payload = _issued(st)
    assert payload["summary"]["name"] == cert.name and payload["summary"]["category"] == "jewelry"
    assert any(f["label_en"] == "Total mass" for f in payload["summary"]["facts"])


def test_demo_data_certifies_with_a_demo_key(sqlite_station, sqlite_people) -> None:  # type: ignore[no-untyped-def]
    from app.demo.certificates import demo_issuer

    st, people = sqlite_station, sqlite_people
    issuer = demo_issuer(st, people.supervisor)
    assert issuer.key.demo
    cert = st.certificates.issue(people.supervisor, approved(st, people), issuer)
    trusted = TrustedKeys().with_local(st.certificates.keys)
    assert verify_qr(cert.qr_payload, trusted).code == "demo_certificate"
