"""Shared fixtures: one key store, a platform key list and issued sample certificates.

Keys and certificates are session-scoped: scrypt unlocking and rendering are the slow part,
and no test changes them (tests that rotate or revoke build their own)."""

from __future__ import annotations

import subprocess

import pytest

from app.certs.issue import CertificateIssuer, IssuedCertificate
from app.certs.keys import KeyStore, SigningKey, registration_body
from app.certs.samples import BASE_URL, sample_jewelry_facts, sample_phone_facts, sample_photo_jpeg
from app.certs.trust import TrustedKeys

PASSPHRASE = "correct horse battery"


def platform_list(*keys, revoked: dict[str, str] | None = None) -> dict:
    """A GET /signing-keys response naming ``keys`` (as the platform would after POSTs)."""
    revoked = revoked or {}
    return {
        "keys": [
            {
                **{k: v for k, v in registration_body(key).items() if k != "certificate_pem"},
                "warehouse_id": key.key_id.rsplit("-", 1)[0],
                "registered_at": "2026-11-01T00:00:00.000Z",
                "revoked_at": revoked.get(key.key_id),
            }
            for key in keys
        ]
    }


def pdfsig(path) -> str:
    """pdfsig's report; it exits 0 even for a broken signature, so callers read the text."""
    return subprocess.run(["pdfsig", str(path)], capture_output=True, text=True, timeout=30).stdout


@pytest.fixture(scope="session", name="platform_list")
def platform_list_fixture():
    return platform_list


@pytest.fixture(scope="session", name="pdfsig")
def pdfsig_fixture():
    return pdfsig


@pytest.fixture(scope="session")
def store(tmp_path_factory) -> KeyStore:
    store = KeyStore(tmp_path_factory.mktemp("data") / "keys")
    store.generate("WH-HZ-01", "珍宝仓 · 杭州一号鉴定仓", PASSPHRASE)
    return store


@pytest.fixture(scope="session")
def key(store) -> SigningKey:
    return store.unlock(PASSPHRASE)


@pytest.fixture(scope="session")
def trusted(key) -> TrustedKeys:
    return TrustedKeys.from_response(platform_list(key))


@pytest.fixture(scope="session")
def issuer(key) -> CertificateIssuer:
    return CertificateIssuer(key, BASE_URL)


@pytest.fixture(scope="session")
def jewelry(issuer) -> IssuedCertificate:
    return issuer.issue(sample_jewelry_facts(), sample_photo_jpeg("jewelry"))


@pytest.fixture(scope="session")
def phone(issuer) -> IssuedCertificate:
    return issuer.issue(sample_phone_facts(), sample_photo_jpeg("phone"), layout="A5")
