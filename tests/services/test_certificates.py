"""Issuing, printing, voiding and reissuing certificates; the PDF verifies (ours and pdfsig)."""

from __future__ import annotations

import hashlib
import logging
import shutil
import subprocess
from datetime import timedelta

import pytest
from sqlalchemy import select

from app.certs.trust import load_trusted_keys
from app.certs.verify import verify_pdf, verify_qr
from app.core.certificate import validate_certificate_no
from app.core.errors import IllegalTransition, PermissionDenied, ValidationError
from app.store.models import AuditEntry, Blob, Certificate, OutboxEvent
from tests.services.test_review_support import PASSPHRASE, approved

logging.getLogger("pyhanko").setLevel(logging.CRITICAL)


@pytest.fixture
def issuer(station, people):  # type: ignore[no-untyped-def]
    return station.certificates.generate_key(people.supervisor, PASSPHRASE)


def _events(station, kind: str) -> list[OutboxEvent]:  # type: ignore[no-untyped-def]
    with station.db.read() as s:
        return list(s.execute(select(OutboxEvent).where(OutboxEvent.type == kind).order_by(OutboxEvent.seq)).scalars())


def test_only_supervisors_hold_and_use_the_key(station, people, data_dir) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(PermissionDenied):
        station.certificates.generate_key(people.appraiser, PASSPHRASE)
    assert not station.certificates.has_key()
    issuer = station.certificates.generate_key(people.supervisor, PASSPHRASE)
    assert station.certificates.unregistered_keys() == [issuer.key.key_id]
    assert station.certificates.registration_body()["key_id"] == issuer.key.key_id
    with pytest.raises(PermissionDenied):
        station.certificates.unlock(people.appraiser2, PASSPHRASE)
    with pytest.raises(ValidationError) as exc:
        station.certificates.unlock(people.supervisor2, "wrong passphrase")
    assert exc.value.code == "wrong_passphrase"
    again = station.certificates.unlock(people.supervisor2, PASSPHRASE)
    tag = approved(station, people)
    for actor in (people.appraiser, people.appraiser2, people.clerk):
        with pytest.raises(PermissionDenied):
            station.certificates.issue(actor, tag, again)
    assert station.items.find(tag).state == "approved" and station.certificates.listing() == []


def test_issue_stores_signed_pdf_row_and_event(station, people, issuer, data_dir, tmp_path) -> None:  # type: ignore[no-untyped-def]
    tag = approved(station, people)
    cert = station.certificates.issue(people.supervisor, tag, issuer)
    day = station.ctx.clock().date()
    assert validate_certificate_no(cert.certificate_no) and cert.certificate_no[3:15] == f"{day:%y%m%d}000001"
    assert station.items.find(tag).state == "certified" and cert.status == "valid"
    pdf = station.certificates.pdf(cert.certificate_no)
    assert hashlib.sha256(pdf).hexdigest() == cert.pdf_sha256
    event = _events(station, "certificate.issued")[-1]
    assert event.blobs == [cert.pdf_sha256] and event.item_tag == tag
    assert event.payload["certificate_no"] == cert.certificate_no and event.payload["warranty_until"] is None
    assert event.payload["qr_payload"] == cert.qr_payload and event.payload["key_id"] == issuer.key.key_id
    with station.db.read() as s:
        assert s.get(Blob, cert.pdf_sha256).content_type == "application/pdf"
        row = s.execute(select(Certificate)).scalars().one()
    facts = row.facts
    assert facts["name"] == "18K金镶钻石吊坠" and facts["key_fact"] == "2.349g"
    assert (facts["appraiser"], facts["reviewer"]) == ("李鉴定", "陈主管")
    labels = {r[1]: r[2] for r in facts["facts"]}
    assert labels["Fineness determined"].startswith("Au750") and labels["Refractive index"] == "2.417"
    assert labels["Diamond colour"] == "D-E" and "无荧光" in labels["Observations"]
    # Quality system: mass ± U (k=2) from the balance check it stood on; standards by what the result is.
    assert labels["Total mass"] == "2.3490 g ± 0.0002 g (k=2) (11.745 ct)"
    assert labels["Standards followed"] == "GB/T 16552；GB/T 16553；GB/T 16554；GB 11887"
    trusted = load_trusted_keys(data_dir)
    result = verify_pdf(pdf, trusted, status_lookup=station.certificates.status)
    assert result.ok, result.summary()
    assert verify_qr(cert.qr_payload, trusted, status_lookup=station.certificates.status).ok
    out = tmp_path / "cert.pdf"
    out.write_bytes(pdf)
    if shutil.which("pdfsig"):
        report = subprocess.run(["pdfsig", str(out)], capture_output=True, text=True).stdout
        assert "Signature Validation: Signature is Valid." in report
    tampered = bytearray(pdf)
    at = pdf.index(b"/Contents") - 200  # inside the signed byte range, before the signature
    tampered[at] = ord("X") if tampered[at] != ord("X") else ord("Y")
    assert not verify_pdf(bytes(tampered), trusted).ok
    bad = tmp_path / "tampered.pdf"
    bad.write_bytes(bytes(tampered))
    if shutil.which("pdfsig"):
        report = subprocess.run(["pdfsig", str(bad)], capture_output=True, text=True).stdout
        assert "Signature is Valid" not in report
    # numbers come from a gapless daily counter
    second = station.certificates.issue(people.supervisor, approved(station, people), issuer)
    assert second.certificate_no[9:15] == "000002"


def test_phone_certificate_has_warranty_and_masked_imei(station, people, issuer) -> None:  # type: ignore[no-untyped-def]
    tag = approved(station, people, "phone")
    cert = station.certificates.issue(people.supervisor, tag, issuer)
    day = cert.issued_at.date()
    assert cert.warranty_until == day + timedelta(days=180)
    assert _events(station, "certificate.issued")[-1].payload["warranty_until"] == cert.warranty_until.isoformat()
    with station.db.read() as s:
        facts = s.execute(select(Certificate.facts)).scalar_one()
    rows = {r[1]: r[2] for r in facts["facts"]}
    assert rows["IMEI"] == "3567******67894" and rows["Serial no."] == "F2LXK0ABCDEF"
    assert rows["Battery health"].startswith("87%") and "412" in rows["Battery health"]
    assert "Replaced" in rows["Screen"] and rows["Cosmetic grade"].startswith("95新")
    assert any("屏幕" in d[0] for d in facts["disclosures"])
    assert facts["key_fact"].startswith("3567******67894#")


def test_void_then_status_lookup_says_voided(station, people, issuer, data_dir) -> None:  # type: ignore[no-untyped-def]
    tag = approved(station, people)
    cert = station.certificates.issue(people.supervisor, tag, issuer)
    with pytest.raises(ValidationError):
        station.certificates.void(people.supervisor, cert.certificate_no, "  ")
    with pytest.raises(PermissionDenied):
        station.certificates.void(people.appraiser, cert.certificate_no, "写错了")
    station.certificates.void(people.supervisor2, cert.certificate_no, "名称有误")
    assert station.items.find(tag).state == "approved" and station.certificates.status(cert.certificate_no) == "voided"
    assert _events(station, "certificate.voided")[-1].payload == {
        "certificate_no": cert.certificate_no,
        "reason": "名称有误",
        "replaced_by": None,
    }
    result = verify_pdf(
        station.certificates.pdf(cert.certificate_no),
        load_trusted_keys(data_dir),
        status_lookup=station.certificates.status,
    )
    assert result.code == "voided"
    with pytest.raises(ValidationError):
        station.certificates.prepare_print(people.supervisor, cert.certificate_no, issuer)
    new = station.certificates.issue(people.supervisor, tag, issuer)  # an approved item may be certified again
    assert new.certificate_no != cert.certificate_no and station.items.find(tag).state == "certified"


def test_void_and_reissue_in_one_transaction(station, people, issuer, data_dir) -> None:  # type: ignore[no-untyped-def]
    tag = approved(station, people)
    old = station.certificates.issue(people.supervisor, tag, issuer)
    new = station.certificates.void_and_reissue(people.supervisor2, old.certificate_no, "证书破损", issuer)
    assert station.certificates.get(old.certificate_no).replaced_by == new.certificate_no
    assert [c.status for c in station.certificates.for_item(tag)] == ["valid", "voided"]
    voided = _events(station, "certificate.voided")[-1]
    issued = _events(station, "certificate.issued")[-1]
    assert voided.payload["replaced_by"] == new.certificate_no and voided.seq < issued.seq
    assert issued.payload["certificate_no"] == new.certificate_no and station.items.find(tag).state == "certified"
    trusted = load_trusted_keys(data_dir)
    assert verify_pdf(station.certificates.pdf(new.certificate_no), trusted, station.certificates.status).ok
    with pytest.raises(ValidationError):
        station.certificates.void_and_reissue(people.supervisor, old.certificate_no, "再来", issuer)


def test_print_original_then_audited_copy(station, people, issuer, data_dir) -> None:  # type: ignore[no-untyped-def]
    tag = approved(station, people)
    cert = station.certificates.issue(people.supervisor, tag, issuer)
    certs = station.certificates
    with pytest.raises(PermissionDenied):
        certs.prepare_print(people.appraiser, cert.certificate_no, issuer)
    first = certs.prepare_print(people.supervisor, cert.certificate_no)
    assert not first.copy and first.pdf == certs.pdf(cert.certificate_no) and first.print_no == 1
    with pytest.raises(PermissionDenied):
        certs.record_print(people.appraiser, first)
    assert certs.record_print(people.supervisor, first) == 1
    with pytest.raises(ValidationError) as exc:
        certs.prepare_print(people.supervisor, cert.certificate_no)
    assert exc.value.code == "key_locked"
    copy = certs.prepare_print(people.supervisor, cert.certificate_no, issuer)
    assert copy.copy and copy.print_no == 2 and copy.pdf != first.pdf
    assert certs.record_print(people.supervisor, copy) == 2
    assert verify_pdf(copy.pdf, load_trusted_keys(data_dir)).ok
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", "-", "-"], input=copy.pdf, capture_output=True).stdout.decode()
        assert (
            "COPY" in text
            and "COPY"
            not in subprocess.run(["pdftotext", "-", "-"], input=first.pdf, capture_output=True).stdout.decode()
        )
    with station.db.read() as s:
        prints = (
            s.execute(
                select(AuditEntry).where(AuditEntry.action == "print_certificate").order_by(AuditEntry.chain_index)
            )
            .scalars()
            .all()
        )
    assert [(a.entity_id, a.detail["copy"], a.actor) for a in prints] == [
        (cert.certificate_no, False, "super.chen"),
        (cert.certificate_no, True, "super.chen"),
    ]


def test_preparing_a_print_does_not_use_up_the_original(station, people, issuer) -> None:  # type: ignore[no-untyped-def]
    # A preview, a cancelled dialog, a printer that refused: the original is still there.
    tag = approved(station, people)
    cert = station.certificates.issue(people.supervisor, tag, issuer)
    for _ in range(3):
        doc = station.certificates.prepare_print(people.supervisor, cert.certificate_no, issuer)
        assert not doc.copy and doc.print_no == 1
    with station.db.read() as s:
        assert s.execute(select(AuditEntry).where(AuditEntry.action == "print_certificate")).first() is None


def test_a_number_taken_meanwhile_is_not_reused_and_leaves_no_gap(station, people, issuer) -> None:  # type: ignore[no-untyped-def]
    from app.services.base import next_counter

    tag = approved(station, people)
    real_issue, calls = issuer.issue, []

    def racing_issue(facts, photo, layout="A4"):  # type: ignore[no-untyped-def]
        if not calls:  # another station issues the predicted number while we sign
            with station.db.transaction() as s:
                next_counter(s, f"certificate:{facts.issued_at:%y%m%d}")
        calls.append(facts.certificate_no)
        return real_issue(facts, photo, layout)

    issuer.issue = racing_issue
    cert = station.certificates.issue(people.supervisor, tag, issuer)
    assert [n[9:15] for n in calls] == ["000001", "000002"] and cert.certificate_no == calls[1]


def test_issue_needs_an_approved_item(station, people, issuer) -> None:  # type: ignore[no-untyped-def]
    from tests.services.test_review_support import jewelry_in_review

    tag = jewelry_in_review(station, people)
    with pytest.raises(IllegalTransition):
        station.certificates.issue(people.supervisor, tag, issuer)
    assert _events(station, "certificate.issued") == []


def test_a_qr_over_the_platforms_256_is_refused_and_nothing_is_written(station, people, issuer) -> None:  # type: ignore[no-untyped-def]
    """platform-api.md §3: qr_payload is a 256-character string; a longer one would be rejected
    by the platform, so the certificate is not issued at all (no row, no PDF, no event)."""
    from app.certs.issue import CertificateIssuer
    from app.core.events import payload_problem

    tag = approved(station, people, "phone")
    long_base = "https://verification.treasure-warehouse.example.com/platform/tw/api/v1"
    with pytest.raises(ValidationError) as info:
        station.certificates.issue(people.supervisor, tag, CertificateIssuer(issuer.key, long_base))
    assert info.value.code == "qr_too_long" and long_base in info.value.en and long_base in info.value.zh
    assert station.items.find(tag).state == "approved" and station.certificates.listing() == []
    assert _events(station, "certificate.issued") == []
    cert = station.certificates.issue(people.supervisor, tag, issuer)  # the configured address fits
    event = _events(station, "certificate.issued")[-1]
    assert len(cert.qr_payload) <= 256 and "&f=" in cert.qr_payload
    assert payload_problem("certificate.issued", event.payload, event.blobs) is None
