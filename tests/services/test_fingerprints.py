"""The certified fingerprint is kept in the certificate's transaction (with its audit entry) and
a returned piece is compared against it: the same pendant, a swapped copy, a phone."""

from __future__ import annotations

import logging
from decimal import Decimal as D

import pytest
from sqlalchemy import func, select

from app.core.errors import NotFound, ValidationError
from app.core.fingerprint import Found, PhoneFacts
from app.core.grading import GradingResult
from app.services import fingerprints as fps
from app.store.models import AuditEntry, Blob, Certificate, CertifiedFingerprint
from bench.case_images import Piece, instance, photograph, shot
from tests.helpers import receive_one
from tests.services.test_inspection_support import good_report
from tests.services.test_review_support import PASSPHRASE, SCALE, approved, pendant

logging.getLogger("pyhanko").setLevel(logging.CRITICAL)
PENDANT = Piece("pendant", design=3, instance=1)


@pytest.fixture
def issuer(station, people):  # type: ignore[no-untyped-def]
    return station.certificates.generate_key(people.supervisor, PASSPHRASE)


# The transaction tests run on both databases; the image work, a read, on SQLite only.
sqlite_only = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)


def _certified_pendant(station, people, issuer) -> str:  # type: ignore[no-untyped-def]
    """A pendant weighed and photographed (real generated photographs), graded, approved, certified."""
    tag = receive_one(station, people, line_id="L1", asn="ASN-20261121-900001", waybill="SF77900000000001").tag
    a = people.appraiser
    station.appraisal.start(a, tag)
    station.appraisal.record_measurement(a, tag, "mass", D("2.3490"), "g", device=SCALE)
    img = instance(PENDANT)
    for view, seed in (("front", 1), ("back", 3), ("hallmark", 2), ("detail", 4)):
        station.photos.attach(a, photograph(img, seed), view, tag=tag, device={"type": "camera"})
    station.appraisal.record_grading(a, tag, GradingResult("jewelry", "pass", jewelry=pendant()))
    station.review.approve(people.supervisor, tag, station.appraisal.latest_grading(tag).revision)
    station.certificates.issue(people.supervisor, tag, issuer)
    return tag


def test_issuing_keeps_the_fingerprint_with_its_audit(station, people, issuer) -> None:  # type: ignore[no-untyped-def]
    tag = approved(station, people)
    cert = station.certificates.issue(people.supervisor, tag, issuer)
    fp = station.fingerprints.certified(tag)
    assert fp is not None and fp.certificate_no == cert.certificate_no and fp.category == "jewelry"
    assert sorted(fp.views) == ["back", "detail", "front", "hallmark"] and fp.hallmark is not None
    # 2.3490 g on a 0.1 mg balance: 0.0001 + 2.349 × 0.0001 = 0.0003349 g
    assert fp.mass_g == D("2.3490") and fp.mass_u_g == D("0.0003349")
    with station.db.read() as s:
        row = s.execute(select(CertifiedFingerprint)).scalars().one()
        audit = s.execute(select(AuditEntry).where(AuditEntry.action == "capture_fingerprint")).scalars().one()
        issue = s.execute(select(AuditEntry).where(AuditEntry.action == "issue_certificate")).scalars().one()
        for ref in fp.photos:
            assert ref.features_sha256 and s.get(Blob, ref.features_sha256).content_type == fps.FEATURES_CONTENT_TYPE
    assert row.certificate_no == cert.certificate_no and audit.entity_id == tag
    assert audit.detail["certificate_no"] == cert.certificate_no and audit.detail["mass_g"] == "2.3490"
    assert audit.at == issue.at and audit.actor == issue.actor  # the same transaction, the same person


def test_a_certificate_that_fails_keeps_no_fingerprint(station, people, issuer, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    tag = approved(station, people)
    from app.services import certificates

    def refuse(*_a, **_k):  # type: ignore[no-untyped-def]
        raise ValidationError("测试", "the certificate's event failed")

    monkeypatch.setattr(certificates, "_line", refuse)  # fails after the fingerprint was added
    with pytest.raises(ValidationError):
        station.certificates.issue(people.supervisor, tag, issuer)
    with station.db.read() as s:
        assert s.execute(select(func.count()).select_from(CertifiedFingerprint)).scalar_one() == 0
        assert s.execute(select(func.count()).select_from(Certificate)).scalar_one() == 0
        assert s.execute(select(func.count()).where(AuditEntry.action == "capture_fingerprint")).scalar_one() == 0
    assert station.fingerprints.certified(tag) is None


@sqlite_only
def test_the_same_pendant_returned_is_the_same_piece(station, people, issuer) -> None:  # type: ignore[no-untyped-def]
    tag = _certified_pendant(station, people, issuer)
    img = instance(PENDANT)
    grams, u = fps.found_mass(D("2.3492"), "g")
    found = Found(mass_g=grams, mass_u_g=u)
    out, drawn = station.fingerprints.compare(
        tag, found, {"front": photograph(img, 31), "hallmark": photograph(img, 32)}
    )
    assert out.same_piece == "yes", out.evidence
    assert out.finding("mass_g").verdict == "same" and set(drawn) == {"front", "hallmark"}  # type: ignore[union-attr]
    assert all(png[:8] == b"\x89PNG\r\n\x1a\n" for png in drawn.values())


@sqlite_only
def test_a_copy_of_the_same_design_and_mass_is_not(station, people, issuer) -> None:  # type: ignore[no-untyped-def]
    tag = _certified_pendant(station, people, issuer)
    copy = Piece(PENDANT.kind, PENDANT.design, instance=2)
    grams, u = fps.found_mass(D("2.3490"), "g")
    out, _ = station.fingerprints.compare(tag, Found(mass_g=grams, mass_u_g=u), {"front": shot(copy, 41)})
    assert out.same_piece == "no" and out.finding("photo.front").verdict == "different"  # type: ignore[union-attr]


@sqlite_only
def test_compare_refuses_what_it_cannot_judge(station, people, issuer) -> None:  # type: ignore[no-untyped-def]
    tag = approved(station, people)
    with pytest.raises(NotFound) as exc:
        station.fingerprints.compare(tag, Found(), {})
    assert exc.value.code == "no_fingerprint"
    station.certificates.issue(people.supervisor, tag, issuer)
    with pytest.raises(ValidationError):
        station.fingerprints.compare(tag, Found(), {"selfie": b"x"})
    with pytest.raises(ValidationError):
        station.fingerprints.compare(tag, Found(), {"front": b""})
    with pytest.raises(ValidationError):
        station.fingerprints.compare(tag, Found(), {"front": b"\x89PNG\r\n\x1a\n garbage"})


@sqlite_only
def test_a_phone_with_another_imei_is_not_the_phone_sold(station, people, issuer) -> None:  # type: ignore[no-untyped-def]
    tag = approved(station, people, kind="phone")
    station.certificates.issue(people.supervisor, tag, issuer)
    fp = station.fingerprints.certified(tag)
    assert fp is not None and fp.phone is not None and fp.phone.imei == good_report()["identity"]["imei"]
    same, _ = station.fingerprints.compare(tag, Found(phone=PhoneFacts.from_report(good_report())), {})
    assert same.same_piece == "yes"
    other = good_report()
    other["identity"]["imei"] = "356789104567811"
    out, _ = station.fingerprints.compare(tag, Found(phone=PhoneFacts.from_report(other)), {})
    assert out.same_piece == "no" and out.finding("imei").verdict == "different"  # type: ignore[union-attr]


@sqlite_only
def test_a_certificate_from_before_fingerprints_is_composed_from_its_records(
    station, people, issuer, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    tag = approved(station, people)
    monkeypatch.setattr(fps.FingerprintService, "capture", lambda *_a, **_k: None)
    station.certificates.issue(people.supervisor, tag, issuer)
    fp = station.fingerprints.certified(tag)
    assert fp is not None and fp.mass_g == D("2.3490") and "front" in fp.views
    assert all(ref.features_sha256 is None for ref in fp.photos)
