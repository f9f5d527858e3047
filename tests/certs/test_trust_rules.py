"""Hostile checks of the 1.1 trust rules, written from platform-api.md §4 and
docs/certificate-qr-format.md rather than from the verifier's own output: key ids recomputed
from keys, a poisoned key list, high-S twins, rewritten hosts, demo certificates and the
offline status copy."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import UTC, datetime

import pytest
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

from app.certs.issue import CertificateIssuer
from app.certs.keys import KeyStore, es256_sign
from app.certs.samples import BASE_URL, sample_jewelry_facts, sample_phone_facts, sample_photo_jpeg
from app.certs.trust import TrustedKeys
from app.certs.verify import StatusAnswer, verify_pdf, verify_qr
from app.core.qr_format import parse_qr_text

N = 0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551  # P-256 group order (SEC 2)


def _pem(public) -> str:
    return public.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo).decode()


def _entry(key_id, pem, warehouse=None, algorithm="ES256"):
    return {
        "key_id": key_id,
        "warehouse_id": warehouse or key_id.rsplit("-", 1)[0],
        "algorithm": algorithm,
        "public_key_pem": pem,
        "registered_at": "2026-11-01T00:00:00.000Z",
        "revoked_at": None,
    }


@pytest.fixture(scope="module")
def attacker(tmp_path_factory):
    return KeyStore(tmp_path_factory.mktemp("attacker") / "keys").generate("WH-SH-02", "别的仓", "attacker pass")


def test_the_key_id_is_recomputed_from_the_key(key):
    der = key.private_key.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    assert key.key_id == "WH-HZ-01-" + hashlib.sha256(der).hexdigest()[:16]


def test_an_attackers_key_listed_under_the_victims_id_is_not_trusted(jewelry, key, attacker):
    """Someone got the platform to list their key under WH-HZ-01's key id: their QR must fail."""
    forged_facts = replace(sample_jewelry_facts(seq=40), name="假冒证书")
    forged = CertificateIssuer(replace(attacker, key_id=key.key_id), BASE_URL).issue(forged_facts, None)
    poisoned = TrustedKeys.from_response({"keys": [_entry(key.key_id, _pem(attacker.private_key.public_key()))]})
    assert len(poisoned) == 0 and "does not match" in poisoned.skipped[0].en
    result = verify_qr(forged.qr.text, poisoned)
    assert result.code == "untrusted_key" and not result.ok
    assert verify_pdf(forged.pdf, poisoned).code == "unknown_key"


def test_a_key_listed_for_another_warehouse_than_its_id_is_not_trusted(jewelry, key):
    listed = TrustedKeys.from_response(
        {"keys": [_entry(key.key_id, _pem(key.private_key.public_key()), warehouse="WH-SH-02")]}
    )
    assert len(listed) == 0 and verify_qr(jewelry.qr.text, listed).code == "untrusted_key"


def test_one_garbage_pem_does_not_break_the_others(jewelry, key, platform_list):
    body = platform_list(key)
    body["keys"].insert(
        0, _entry("WH-SZ-09-0123456789abcdef", "-----BEGIN PUBLIC KEY-----\nZm9v\n-----END PUBLIC KEY-----")
    )
    trusted = TrustedKeys.from_response(body)
    assert verify_qr(jewelry.qr.text, trusted).ok
    assert [s.key_id for s in trusted.skipped] == ["WH-SZ-09-0123456789abcdef"]


def test_the_cache_keeps_reporting_a_skipped_entry(tmp_path, jewelry, key, platform_list):
    body = platform_list(key)
    body["keys"].append(_entry("WH-SZ-09-0123456789abcdef", "junk"))
    TrustedKeys.from_response(body).save(tmp_path / "trusted-keys.json")
    again = TrustedKeys.load(tmp_path / "trusted-keys.json")
    assert [s.key_id for s in again.skipped] == ["WH-SZ-09-0123456789abcdef"] and len(again) == 1
    assert verify_qr(jewelry.qr.text, again).ok


def test_a_pdf_signed_by_another_warehouses_key_is_refused(attacker, platform_list):
    """A warehouse's genuine key signing a certificate that names another warehouse."""
    cert = CertificateIssuer(attacker, BASE_URL).issue(sample_jewelry_facts(seq=41, warehouse_id="WH-HZ-01"), None)
    result = verify_pdf(cert.pdf, TrustedKeys.from_response(platform_list(attacker)))
    assert result.code == "wrong_warehouse" and not result.ok


def test_signing_always_gives_the_low_s_form(key):
    for i in range(40):  # a random s is high half of the time: 40 in a row would be 1 in 10^12
        assert int.from_bytes(es256_sign(key.private_key, b"m%d" % i)[32:], "big") <= N // 2


def test_the_high_s_twin_of_a_valid_qr_is_refused(jewelry, key, trusted):
    qr = parse_qr_text(jewelry.qr.text)
    r, s = int.from_bytes(qr.signature[:32], "big"), int.from_bytes(qr.signature[32:], "big")
    twin = r.to_bytes(32, "big") + (N - s).to_bytes(32, "big")
    # the twin is mathematically valid ECDSA: plain verification accepts it ...
    key.private_key.public_key().verify(encode_dss_signature(r, N - s), qr.message, ec.ECDSA(hashes.SHA256()))
    twin_text = replace(qr, signature=twin).text
    assert twin_text != jewelry.qr.text
    result = verify_qr(twin_text, trusted)  # ... but one certificate has exactly one valid QR text
    assert result.code == "bad_signature" and "high S" in result.detail


@pytest.mark.parametrize(
    "site, verdict",
    [
        ("https://platform.example/tw/api/v1", "valid"),
        ("https://PLATFORM.example:443/tw/api/v1/", "valid"),
        ("https://platform-example.shop/tw/api/v1", "wrong_site"),
        ("https://platform.example.evil.cn/tw/api/v1", "wrong_site"),
        ("https://platform.example@evil.cn/tw/api/v1", "wrong_site"),
        ("http://platform.example/tw/api/v1", "wrong_site"),
        ("https://platform.example/other/api/v1", "wrong_site"),
        ("https://platform.example:8443/tw/api/v1", "wrong_site"),
    ],
)
def test_a_genuine_qr_rewritten_to_another_host_is_wrong_site(jewelry, trusted, site, verdict):
    moved = jewelry.qr.text.replace(BASE_URL, site.rstrip("/"), 1)
    result = verify_qr(moved, trusted, trusted_bases=[BASE_URL])
    assert result.code == verdict
    if verdict == "wrong_site":
        assert result.detail == parse_qr_text(moved).base_url  # the foreign site is named


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    store = KeyStore(tmp_path_factory.mktemp("demo") / "keys")
    key = store.generate("WH-HZ-01", "演示仓", "demo passphrase", demo=True)
    assert store.unlock("demo passphrase").demo and "DEMO" in key.certificate.subject.rfc4514_string()
    cert = CertificateIssuer(key, BASE_URL).issue(sample_phone_facts(seq=42), sample_photo_jpeg("phone"))
    return store, key, cert


def test_a_demo_certificate_never_verifies_as_a_real_warehouses(demo, platform_list):
    store, key, cert = demo
    listed = TrustedKeys.from_response(platform_list(key))  # even if the demo key got onto the list
    assert verify_qr(cert.qr.text, listed).code == "demo_certificate"
    assert verify_pdf(cert.pdf, listed).code == "demo_certificate"
    # the demo signature is over another message: it is no signature at all in the real format
    real_message = replace(parse_qr_text(cert.qr.text), demo=False).message
    assert not listed.get(key.key_id).verify(parse_qr_text(cert.qr.text).signature, real_message)
    shown = verify_qr(cert.qr.text, listed, accept_demo=True)
    assert shown.ok and shown.notes == ("demo",)
    assert verify_pdf(cert.pdf, TrustedKeys().with_local(store), accept_demo=True).notes == ("demo",)


def test_the_demo_pdf_carries_a_watermark(demo, tmp_path):
    import subprocess

    path = tmp_path / "demo.pdf"
    path.write_bytes(demo[2].pdf)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, timeout=30).stdout
    assert "DEMO" in text and "演示证书" in text


AS_OF = datetime(2026, 11, 30, 8, 0, tzinfo=UTC)


def test_offline_answers_from_the_status_copy(jewelry, trusted):
    no = jewelry.certificate_no
    voided = verify_pdf(jewelry.pdf, trusted, status_lookup=lambda n: StatusAnswer("voided", AS_OF))
    assert voided.code == "voided" and voided.as_of == AS_OF
    fresh = verify_qr(jewelry.qr.text, trusted, status_lookup=lambda n: StatusAnswer("valid", AS_OF))
    assert fresh.code == "valid"
    stale = verify_qr(jewelry.qr.text, trusted, status_lookup=lambda n: StatusAnswer("valid", AS_OF, stale=True))
    assert stale.code == "valid_as_of" and stale.ok
    assert "2026-11-30 16:00" in stale.summary("Asia/Shanghai")  # said in the warehouse's time
    missing = verify_qr(jewelry.qr.text, trusted, status_lookup=lambda n: StatusAnswer(None, AS_OF))
    assert missing.code == "valid_as_of" and "not in the local status copy" in missing.detail
    assert no in stale.summary()


@pytest.mark.parametrize(
    "key_id, warehouse",
    [
        ("WH-HZ-01-0123456789abcdef", "WH-HZ-01"),
        ("A-0123456789abcdef", "A"),
        ("WH-HZ-01-0123456789ABCDEF", None),
        ("WH-HZ-01-0123456789abcde", None),
        ("-0123456789abcdef", None),
        ("0123456789abcdef", None),
        ("WH HZ-0123456789abcdef", None),
        ("W" * 33 + "-0123456789abcdef", None),
        ("--0123456789abcdef", None),
        ("WH-HZ-01-2026", None),
    ],
)
def test_key_id_shape(key_id, warehouse):
    from app.core.certificate import key_id_warehouse

    assert key_id_warehouse(key_id) == warehouse
