"""v2 is issued, v1 keeps verifying (the three years certificates are kept), and the issuer
refuses, before anything is signed, a QR text the platform would reject (over 256)."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from app.certs.issue import CertificateIssuer
from app.certs.samples import BASE_URL, sample_jewelry_facts
from app.certs.verify import verify_pdf, verify_qr
from app.core.errors import ValidationError
from app.core.limits import MAX_TEXT
from app.core.qr_format import QrPayload, parse_qr_text

N = int("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", 16)
ROOT = Path(__file__).resolve().parents[2]


def v1_of(cert, key) -> QrPayload:
    """The version 1 text this certificate had before v2 (the v1 format is kept for reading)."""
    fields = cert.facts.qr_fields(1)
    unsigned = QrPayload(BASE_URL, cert.certificate_no, key.key_id, fields, b"", key.demo, version=1)
    return replace(unsigned, signature=key.sign_qr(unsigned.message))


def test_issued_texts_are_v2_and_fit_the_platform(jewelry, phone, key):
    for cert in (jewelry, phone):
        assert cert.qr.version == 2 and "&f=" in cert.qr.text and len(cert.qr.text) <= MAX_TEXT
        assert len(v1_of(cert, key).text) > MAX_TEXT  # what v2 was made for


@pytest.mark.parametrize("which", ["jewelry", "phone"])
def test_v1_texts_still_verify_alone_and_against_the_pdf(which, request, key, trusted):
    cert = request.getfixturevalue(which)
    old = v1_of(cert, key)
    result = verify_qr(old.text, trusted, trusted_bases=[BASE_URL])
    assert result.code == "valid", result.detail
    assert result.facts["issued_on"] == cert.facts.issued_at.date().isoformat()
    scanned = verify_pdf(cert.pdf, trusted, scanned_qr=old.text)
    assert scanned.code == "valid", scanned.detail


def test_a_v1_text_of_another_certificate_differs_from_the_pdf(jewelry, phone, key, trusted):
    result = verify_pdf(jewelry.pdf, trusted, scanned_qr=v1_of(phone, key).text)
    assert result.code == "facts_differ"


def test_a_v1_fact_edited_is_a_bad_signature(jewelry, key, trusted):
    old = v1_of(jewelry, key)
    heavier = replace(old, fields=tuple(f.replace("2.347g", "2.947g") for f in old.fields))
    assert heavier.text != old.text
    assert verify_qr(heavier.text, trusted).code == "bad_signature"


@pytest.mark.parametrize("version", [1, 2])
def test_the_high_s_twin_is_refused_in_both_versions(version, jewelry, key, trusted):
    qr = v1_of(jewelry, key) if version == 1 else parse_qr_text(jewelry.qr.text)
    r, s = int.from_bytes(qr.signature[:32], "big"), int.from_bytes(qr.signature[32:], "big")
    twin = replace(qr, signature=r.to_bytes(32, "big") + (N - s).to_bytes(32, "big"))
    assert verify_qr(qr.text, trusted).code == "valid"
    result = verify_qr(twin.text, trusted)
    assert result.code == "bad_signature" and "high S" in result.detail


@pytest.mark.parametrize("version", [1, 2])
def test_an_address_with_user_info_is_wrong_site_in_both_versions(version, jewelry, key, trusted):
    text = v1_of(jewelry, key).text if version == 1 else jewelry.qr.text
    moved = text.replace("https://platform.example/", "https://platform.example@evil.example/", 1)
    assert verify_qr(moved, trusted, trusted_bases=[BASE_URL]).code == "wrong_site"


def test_a_v1_certificate_is_reprinted_with_its_v1_qr(jewelry, key, trusted, issuer):
    old = v1_of(jewelry, key)
    copy = issuer.reprint(jewelry.facts, None, old.text)
    assert copy.qr.version == 1 and copy.qr.text == old.text
    assert verify_pdf(copy.pdf, trusted).code == "valid"
    with pytest.raises(ValidationError):  # a v2 text of other facts is not this certificate's
        issuer.reprint(jewelry.facts, None, jewelry.qr.text.replace("~J~2.347g~", "~J~2.348g~"))


def test_an_address_too_long_for_256_is_refused_before_anything_is_signed(key, monkeypatch):
    long_base = "https://verify.treasure-warehouse-platform.example.com/public/certificates/tw/api/v1"
    signed: list[bytes] = []
    monkeypatch.setattr(type(key), "sign_qr", lambda self, message: signed.append(message) or bytes(64))
    with pytest.raises(ValidationError) as info:
        CertificateIssuer(key, long_base).issue(sample_jewelry_facts(), None)
    err = info.value
    assert err.code == "qr_too_long" and signed == []
    assert f"{long_base} has {len(long_base)} characters" in err.en
    assert f"{long_base} 有 {len(long_base)} 个字符" in err.zh


def _cli(data_dir: Path, *args: str) -> subprocess.CompletedProcess:
    import os

    env = {**os.environ, "TW_DATA_DIR": str(data_dir), "TW_WAREHOUSE_ID": "WH-QR-01", "TW_PLATFORM_URL": BASE_URL}
    return subprocess.run(
        [sys.executable, "-m", "app", *args], capture_output=True, text=True, cwd=ROOT, env=env, timeout=60
    )


def test_the_verify_command_accepts_v1_and_v2(tmp_path):
    from app.certs.keys import KeyStore

    key = KeyStore(tmp_path / "keys").generate("WH-QR-01", "仓", "cli passphrase")
    cert = CertificateIssuer(key, BASE_URL).issue(sample_jewelry_facts(warehouse_id="WH-QR-01"), None)
    for text in (cert.qr.text, v1_of(cert, key).text):
        done = _cli(tmp_path, "verify", "--qr", text)
        assert done.returncode == 0, done.stdout + done.stderr
    bad = _cli(tmp_path, "verify", "--qr", cert.qr.text + "&x=1")
    assert bad.returncode == 1 and "malformed" in bad.stdout
