"""Warehouse signing keys: ECDSA P-256 (ES256) for both the PDF signature and the QR code.

One algorithm for both keeps registration honest (poppler/NSS verify ECDSA in PDFs; Ed25519
inside PDFs is not reliably supported). Layout of the key store (``data_dir/keys``)::

    keys/current                          key id of the key new certificates are signed with
    keys/<key_id>/private-key.pem         PKCS#8 (BestAvailableEncryption), password = scrypt(passphrase)
    keys/<key_id>/certificate.pem         self-signed X.509 certificate (PAdES signer)
    keys/<key_id>/key.json                {"key_id", "algorithm", "warehouse_id", "created_at",
                                           "retired_at", "passphrase_kdf": {scrypt n, r, p, salt}}

Retired keys stay so that old certificates keep verifying; only ``current`` changes. The
rules (validity, warning, who may sign, passphrase policy) are in ``app.core.signing_keys``.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.types import CertificatePublicKeyTypes
from cryptography.hazmat.primitives.asymmetric.utils import (
    decode_dss_signature,
    encode_dss_signature,
)
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt
from cryptography.x509.oid import NameOID

from app.core.certificate import key_id_from_spki, valid_warehouse_id
from app.core.clock import rfc3339, utcnow
from app.core.errors import ValidationError
from app.core.signing_keys import (
    DEFAULT_VALIDITY_YEARS,
    MIN_PASSPHRASE,
    KeyState,
    check_passphrase,
    check_validity_years,
    key_state,
    may_sign,
    refuse_to_sign,
)

ALGORITHM = "ES256"
__all__ = ["MIN_PASSPHRASE", "KeyStore", "SigningKey", "StoredKey"]
SCRYPT_N = 2**15  # about 0.1 s per unlock: once per supervisor session, costly to brute-force
# Order of the P-256 group. ECDSA (r, s) and (r, n - s) both verify; only s <= n/2 ("low-S")
# is accepted, so one certificate has exactly one valid QR text.
P256_ORDER = 0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551
P256_HALF_ORDER = P256_ORDER // 2


def key_id_for(warehouse_id: str, public_key: Any) -> str:
    """The 1.1 key id: warehouse id + first 16 hex of SHA-256 over the SubjectPublicKeyInfo DER."""
    spki = public_key.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    return key_id_from_spki(warehouse_id, spki)


def public_pem(public_key: CertificatePublicKeyTypes) -> str:
    return public_key.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo).decode(
        "ascii"
    )


def es256_sign(private_key: ec.EllipticCurvePrivateKey, message: bytes) -> bytes:
    """Raw r||s (2 x 32 bytes, as in JWS), half the size of DER: the QR has little room."""
    r, s = decode_dss_signature(private_key.sign(message, ec.ECDSA(hashes.SHA256())))
    if s > P256_HALF_ORDER:
        s = P256_ORDER - s  # low-S normal form: the other of the two valid signatures
    return r.to_bytes(32, "big") + s.to_bytes(32, "big")


def es256_low_s(signature: bytes) -> bool:
    return len(signature) == 64 and 0 < int.from_bytes(signature[32:], "big") <= P256_HALF_ORDER


def es256_verify(public_key: ec.EllipticCurvePublicKey, signature: bytes, message: bytes) -> bool:
    """True only for a valid low-S r||s signature: the high-S twin of a valid signature is refused."""
    if len(signature) != 64 or not es256_low_s(signature):
        return False
    der = encode_dss_signature(int.from_bytes(signature[:32], "big"), int.from_bytes(signature[32:], "big"))
    try:
        public_key.verify(der, message, ec.ECDSA(hashes.SHA256()))
    except InvalidSignature:
        return False
    return True


@dataclass(frozen=True)
class SigningKey:
    """An unlocked key: only exists in memory after the supervisor typed the passphrase."""

    key_id: str
    private_key: ec.EllipticCurvePrivateKey
    certificate: x509.Certificate
    demo: bool = False  # a demo warehouse's key: its certificates are watermarked and never verify as real

    def sign_qr(self, message: bytes) -> bytes:
        return es256_sign(self.private_key, message)


@dataclass(frozen=True)
class StoredKey:
    key_id: str
    warehouse_id: str
    created_at: str
    retired_at: str | None
    certificate: x509.Certificate
    current: bool
    demo: bool = False

    @property
    def expires_at(self) -> datetime:
        return self.certificate.not_valid_after_utc

    def state(self, now: datetime | None = None) -> KeyState:
        return key_state(
            current=self.current, retired=self.retired_at is not None, expires_at=self.expires_at, now=now or utcnow()
        )


def registration_body(key: SigningKey | StoredKey) -> dict[str, str]:
    """Exactly the JSON body of ``POST /signing-keys`` (platform-api.md §4)."""
    return {
        "key_id": key.key_id,
        "algorithm": ALGORITHM,
        "public_key_pem": public_pem(key.certificate.public_key()),
        "certificate_pem": key.certificate.public_bytes(serialization.Encoding.PEM).decode("ascii"),
    }


def self_signed_certificate(
    private_key: ec.EllipticCurvePrivateKey,
    key_id: str,
    warehouse_name: str,
    now: datetime,
    years: int = 20,
    demo: bool = False,
) -> x509.Certificate:
    # The key id is in the common name, so pdfsig and every PDF viewer show which key signed.
    # CN holds at most 64 characters: the demo name is short enough for the longest key id.
    common = f"TW DEMO key {key_id}" if demo else f"Treasure Warehouse certificate key {key_id}"
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, common),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, warehouse_name),
            x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, key_id),
        ]
    )
    return (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(private_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=365 * years))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .sign(private_key, hashes.SHA256())
    )


class KeyStore:
    """The warehouse's own keys in ``folder`` (normally ``data_dir/keys``)."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)

    def generate(
        self,
        warehouse_id: str,
        warehouse_name: str,
        passphrase: str,
        make_current: bool = True,
        demo: bool = False,
        valid_years: int = DEFAULT_VALIDITY_YEARS,
    ) -> SigningKey:
        if not valid_warehouse_id(warehouse_id):
            raise ValidationError(
                f"仓库编号只能含字母、数字和连字符：{warehouse_id!r}",
                f"warehouse id may hold only letters, digits and '-': {warehouse_id!r}",
            )
        check_passphrase(passphrase)
        check_validity_years(valid_years)
        now = utcnow()
        private_key = ec.generate_private_key(ec.SECP256R1())
        key_id = key_id_for(warehouse_id, private_key.public_key())
        cert = self_signed_certificate(private_key, key_id, warehouse_name, now, years=valid_years, demo=demo)
        folder = self.folder / key_id
        folder.mkdir(parents=True, exist_ok=False)
        kdf = {"name": "scrypt", "n": SCRYPT_N, "r": 8, "p": 1, "salt": os.urandom(16).hex()}
        pem = private_key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.BestAvailableEncryption(_stretch(passphrase, kdf)),
        )
        _write(folder / "private-key.pem", pem, private=True)
        _write(folder / "certificate.pem", cert.public_bytes(serialization.Encoding.PEM))
        meta = {
            "key_id": key_id,
            "algorithm": ALGORITHM,
            "warehouse_id": warehouse_id,
            "created_at": rfc3339(now),
            "retired_at": None,
            "passphrase_kdf": kdf,
            "demo": demo,
        }
        _write(folder / "key.json", json.dumps(meta, indent=2).encode())
        if make_current:
            self.make_current(key_id)
        return SigningKey(key_id, private_key, cert, demo)

    def current_id(self) -> str | None:
        path = self.folder / "current"
        return path.read_text(encoding="ascii").strip() if path.exists() else None

    def make_current(self, key_id: str) -> None:
        """Rotation: the old current key is marked retired but kept for verification."""
        self._meta(key_id)  # must exist
        old = self.current_id()
        _write(self.folder / "current", key_id.encode("ascii"))
        if old and old != key_id:
            self._update_meta(old, retired_at=rfc3339(utcnow()))
        self._update_meta(key_id, retired_at=None)

    def retire(self, key_id: str) -> None:
        """Withdraw a key: it signs nothing more and keeps verifying what it signed. When it was
        the current key, no key is current until a new one is created."""
        meta = self._meta(key_id)
        if meta.get("retired_at"):
            raise ValidationError(
                f"签名密钥 {key_id} 已经停用", f"signing key {key_id} is already retired", code="already_retired"
            )
        if self.current_id() == key_id:
            (self.folder / "current").unlink()
        self._update_meta(key_id, retired_at=rfc3339(utcnow()))

    def stored(self, key_id: str) -> StoredKey:
        match = [k for k in self.keys() if k.key_id == key_id]
        if not match:
            raise ValidationError(f"找不到签名密钥 {key_id}", f"no signing key {key_id}", code="no_key")
        return match[0]

    def keys(self) -> list[StoredKey]:
        current = self.current_id()
        out = []
        for meta_path in sorted(self.folder.glob("*/key.json")):
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            cert = x509.load_pem_x509_certificate((meta_path.parent / "certificate.pem").read_bytes())
            out.append(
                StoredKey(
                    meta["key_id"],
                    meta["warehouse_id"],
                    meta["created_at"],
                    meta["retired_at"],
                    cert,
                    meta["key_id"] == current,
                    bool(meta.get("demo")),
                )
            )
        return sorted(out, key=lambda k: k.created_at)

    def unlock(self, passphrase: str, key_id: str | None = None) -> SigningKey:
        key_id = key_id or self.current_id()
        if not key_id or not (self.folder / key_id / "private-key.pem").exists():
            raise ValidationError(
                "没有可用的签名密钥，请先生成", "no signing key here; generate one first", code="no_key"
            )
        meta = self._meta(key_id)
        state = self.stored(key_id).state()
        if not may_sign(state):
            raise refuse_to_sign(key_id, state)
        try:
            kdf = meta.get("passphrase_kdf")
            password = _stretch(passphrase, kdf) if kdf else passphrase.encode("utf-8")
            private_key = serialization.load_pem_private_key(
                (self.folder / key_id / "private-key.pem").read_bytes(), password
            )
        except (ValueError, TypeError):
            raise ValidationError(
                "签名密钥口令错误", "wrong passphrase for the signing key", code="wrong_passphrase"
            ) from None
        cert = x509.load_pem_x509_certificate((self.folder / key_id / "certificate.pem").read_bytes())
        assert isinstance(private_key, ec.EllipticCurvePrivateKey)
        if key_id_for(key_id.rsplit("-", 1)[0], private_key.public_key()) != key_id:
            raise ValidationError(
                "签名密钥文件与编号不符", "signing key file does not match its key id", code="key_mismatch"
            )
        return SigningKey(key_id, private_key, cert, bool(meta.get("demo")))

    def _meta(self, key_id: str) -> dict:
        path = self.folder / key_id / "key.json"
        if not path.exists():
            raise ValidationError(f"找不到签名密钥 {key_id}", f"no signing key {key_id}", code="no_key")
        return json.loads(path.read_text(encoding="utf-8"))

    def _update_meta(self, key_id: str, **changes: object) -> None:
        meta = self._meta(key_id) | changes
        _write(self.folder / key_id / "key.json", json.dumps(meta, indent=2).encode())


def _stretch(passphrase: str, kdf: dict) -> bytes:
    """The PKCS#8 password is scrypt(passphrase), hex: PKCS#8's own PBKDF2 round count is low,
    and a stolen key file must not fall to guessing a short passphrase in minutes."""
    derived = Scrypt(
        salt=bytes.fromhex(kdf["salt"]), length=32, n=int(kdf["n"]), r=int(kdf["r"]), p=int(kdf["p"])
    ).derive(passphrase.encode("utf-8"))
    return derived.hex().encode("ascii")


def _write(path: Path, data: bytes, private: bool = False) -> None:
    # Write-then-rename so a crash never leaves half a key file behind.
    tmp = path.with_suffix(path.suffix + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600 if private else 0o644)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
