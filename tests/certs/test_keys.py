"""Key store, rotation, registration body and the cached platform key list."""

from __future__ import annotations

import json
import stat

import pytest
from cryptography.hazmat.primitives import serialization

from app.certs.issue import CertificateIssuer
from app.certs.keys import KeyStore, key_id_for, registration_body
from app.certs.samples import BASE_URL, sample_jewelry_facts
from app.certs.trust import CACHE_FILE, TrustedKeys, load_trusted_keys
from app.certs.verify import verify_pdf, verify_qr
from app.core.errors import ValidationError
from app.core.signing_keys import KeyState


def test_private_key_is_encrypted_and_private(store, key):
    folder = store.folder / key.key_id
    pem = (folder / "private-key.pem").read_bytes()
    assert pem.startswith(b"-----BEGIN ENCRYPTED PRIVATE KEY-----")
    assert stat.S_IMODE((folder / "private-key.pem").stat().st_mode) == 0o600
    with pytest.raises(TypeError):  # needs a password: nothing readable without the passphrase
        serialization.load_pem_private_key(pem, None)
    meta = json.loads((folder / "key.json").read_text())
    assert meta["passphrase_kdf"]["name"] == "scrypt" and meta["algorithm"] == "ES256"


def test_unlock_needs_the_right_passphrase(store):
    with pytest.raises(ValidationError) as info:
        store.unlock("wrong passphrase")
    assert info.value.code == "wrong_passphrase"


def test_key_id_is_derived_from_the_public_key(key):
    assert key.key_id == key_id_for("WH-HZ-01", key.private_key.public_key())
    assert len(key.key_id.rsplit("-", 1)[1]) == 16


def test_registration_body_matches_the_platform_contract(key):
    body = registration_body(key)
    assert set(body) == {"key_id", "algorithm", "public_key_pem", "certificate_pem"}
    assert body["algorithm"] == "ES256"
    public = serialization.load_pem_public_key(body["public_key_pem"].encode())
    assert key_id_for("WH-HZ-01", public) == body["key_id"]
    assert body["certificate_pem"].startswith("-----BEGIN CERTIFICATE-----")
    json.dumps(body)  # a JSON body as it is


def test_generate_refuses_weak_input(tmp_path):
    store = KeyStore(tmp_path / "keys")
    with pytest.raises(ValidationError):
        store.generate("WH HZ/01", "仓", "long enough pass")
    with pytest.raises(ValidationError):
        store.generate("WH-HZ-01", "仓", "short")
    with pytest.raises(ValidationError) as info:
        store.unlock("anything at all")
    assert info.value.code == "no_key"


def test_rotation_keeps_old_certificates_verifying(tmp_path, platform_list):
    store = KeyStore(tmp_path / "keys")
    old = store.generate("WH-HZ-01", "仓", "first passphrase")
    old_cert = CertificateIssuer(old, BASE_URL).issue(sample_jewelry_facts(), None)
    new = store.generate("WH-HZ-01", "仓", "second passphrase")
    listed = {k.key_id: k for k in store.keys()}
    assert store.current_id() == new.key_id and listed[new.key_id].current
    assert listed[old.key_id].retired_at and not listed[old.key_id].current
    assert (tmp_path / "keys" / old.key_id / "private-key.pem").exists()  # still there, but it signs no more:
    with pytest.raises(ValidationError) as info:
        store.unlock("first passphrase", old.key_id)
    assert info.value.code == "key_not_current"
    platform = TrustedKeys.from_response(platform_list(old, new))
    assert verify_pdf(old_cert.pdf, platform).ok and verify_qr(old_cert.qr.text, platform).ok
    # a reprint after rotation keeps the old QR and is signed by the new key
    reprint = CertificateIssuer(new, BASE_URL).reprint(old_cert.facts, None, old_cert.qr.text)
    result = verify_pdf(reprint.pdf, platform)
    assert result.ok and result.key_id == new.key_id


def test_trusted_keys_round_trip_and_local_keys(tmp_path, key, store, platform_list):
    body = platform_list(key)
    cache = TrustedKeys.from_response(body)
    cache.save(tmp_path / CACHE_FILE)
    assert json.loads((tmp_path / CACHE_FILE).read_text()) == body
    assert TrustedKeys.load(tmp_path / CACHE_FILE).get(key.key_id).public_key_pem == body["keys"][0]["public_key_pem"]
    assert len(TrustedKeys.load(tmp_path / "absent.json")) == 0
    # without any platform cache, the warehouse still trusts its own keys
    local_only = load_trusted_keys(store.folder.parent)
    assert local_only.get(key.key_id).source == "local"


def test_platform_revocation_wins_over_the_local_copy(key, store, platform_list):
    revoked = TrustedKeys.from_response(platform_list(key, revoked={key.key_id: "2026-11-22T00:00:00.000Z"}))
    merged = revoked.with_local(store)
    assert merged.get(key.key_id).revoked_at == "2026-11-22T00:00:00.000Z"


@pytest.mark.parametrize("body", [{}, {"keys": "x"}, [], {"keys": None}])
def test_a_body_that_is_not_a_key_list_is_refused(body):
    with pytest.raises(ValidationError):
        TrustedKeys.from_response(body)


@pytest.mark.parametrize(
    "entry",
    [
        {"key_id": "x"},
        "x",
        {"key_id": "x", "algorithm": "RS256", "public_key_pem": "x"},
        {"key_id": "x", "algorithm": "ES256", "public_key_pem": "junk"},
    ],
)
def test_a_malformed_entry_is_skipped_and_reported(entry, key, platform_list):
    """1.1: one bad entry in GET /signing-keys never breaks the whole cache."""
    body = platform_list(key)
    trusted = TrustedKeys.from_response({"keys": [entry, *body["keys"]]})
    assert trusted.get(key.key_id) is not None and len(trusted) == 1
    assert len(trusted.skipped) == 1 and trusted.skipped[0].zh and trusted.skipped[0].en


def test_ed25519_keys_of_other_warehouses_verify_qr_signatures():
    from cryptography.hazmat.primitives.asymmetric import ed25519

    from app.certs.trust import TrustedKey

    private = ed25519.Ed25519PrivateKey.generate()
    pem = (
        private.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )
    assert TrustedKey("WH-SZ-02-aa", "Ed25519", pem).verify(private.sign(b"m"), b"m")
    assert not TrustedKey("WH-SZ-02-aa", "ES256", pem).verify(private.sign(b"m"), b"m")  # algorithm must match


def test_a_retired_key_signs_nothing_and_keeps_verifying(tmp_path, platform_list):
    store = KeyStore(tmp_path / "keys")
    key = store.generate("WH-HZ-01", "仓", "first passphrase")
    cert = CertificateIssuer(key, BASE_URL).issue(sample_jewelry_facts(), None)
    store.retire(key.key_id)
    assert store.current_id() is None
    assert store.stored(key.key_id).state() is KeyState.RETIRED
    with pytest.raises(ValidationError) as info:
        store.unlock("first passphrase")
    assert info.value.code == "no_key"  # nothing is current until a new key is created
    with pytest.raises(ValidationError) as info:
        store.unlock("first passphrase", key.key_id)
    assert info.value.code == "key_not_current"
    with pytest.raises(ValidationError) as info:
        store.retire(key.key_id)
    assert info.value.code == "already_retired"
    platform = TrustedKeys.from_response(platform_list(key))
    assert verify_pdf(cert.pdf, platform).ok and verify_qr(cert.qr.text, platform).ok


def test_validity_is_chosen_at_creation_and_an_expired_key_does_not_unlock(tmp_path, monkeypatch):
    from datetime import timedelta

    from app.certs import keys as keys_module

    store = KeyStore(tmp_path / "keys")
    with pytest.raises(ValidationError) as info:
        store.generate("WH-HZ-01", "仓", "first passphrase", valid_years=4)
    assert info.value.code == "bad_validity"
    with pytest.raises(ValidationError) as info:
        store.generate("WH-HZ-01", "仓", "aaaaaaaaaaaa")
    assert info.value.code == "weak_passphrase"
    key = store.generate("WH-HZ-01", "仓", "first passphrase", valid_years=1)
    stored = store.stored(key.key_id)
    days = (stored.expires_at - key.certificate.not_valid_before_utc).days
    assert 365 <= days <= 367
    assert stored.state() is KeyState.CURRENT
    later = stored.expires_at - timedelta(days=30)
    assert stored.state(later) is KeyState.EXPIRING
    monkeypatch.setattr(keys_module, "utcnow", lambda: stored.expires_at + timedelta(seconds=1))
    assert store.stored(key.key_id).state() is KeyState.EXPIRED
    with pytest.raises(ValidationError) as info:
        store.unlock("first passphrase")
    assert info.value.code == "key_expired"
