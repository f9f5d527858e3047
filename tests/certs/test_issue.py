"""What the service layer gets back: event payloads that satisfy the platform contract."""

from __future__ import annotations

import hashlib

import pytest

from app.certs.issue import DEMO_BASE_URL, verify_base_url, void_payload
from app.certs.samples import sample_jewelry_facts, sample_photo_jpeg
from app.core.errors import ValidationError
from app.core.events import payload_problem


def test_issued_event_payload_satisfies_the_contract(jewelry, phone):
    for cert in (jewelry, phone):
        payload = cert.event_payload()
        assert payload_problem("certificate.issued", payload, [cert.pdf_sha256]) is None
        assert payload["qr_payload"] == cert.qr.text and payload["key_id"] == cert.key_id
        assert cert.pdf_sha256 == hashlib.sha256(cert.pdf).hexdigest()
    assert jewelry.event_payload()["warranty_until"] is None
    assert phone.event_payload()["warranty_until"] == "2027-05-20"
    assert jewelry.event_payload()["issued_at"] == "2026-11-21T08:15:02.125Z"


def test_void_payload(jewelry, phone):
    payload = void_payload(jewelry.certificate_no, "称重错误 wrong mass", replaced_by=phone.certificate_no)
    assert payload_problem("certificate.voided", payload) is None
    with pytest.raises(ValidationError):
        void_payload(jewelry.certificate_no, "  ")
    with pytest.raises(ValidationError):
        void_payload("TWC0000000000000", "x")


def test_photo_must_match_the_recorded_digest(issuer):
    with pytest.raises(ValidationError):
        issuer.issue(sample_jewelry_facts(), sample_photo_jpeg("phone"))


def test_reprint_must_carry_the_certificates_own_qr(issuer, jewelry, phone):
    with pytest.raises(ValidationError):
        issuer.reprint(jewelry.facts, None, phone.qr.text)


def test_verify_base_url():
    assert verify_base_url("https://p.example/tw/api/v1/") == "https://p.example/tw/api/v1"
    assert verify_base_url("embedded") == DEMO_BASE_URL
