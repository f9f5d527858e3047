"""The platform's list of signing keys (``GET /signing-keys``), cached for offline checks.

The cache file holds the response body unchanged (``data_dir/trusted-keys.json``), so the
sync worker can write what the platform sent and this module reads it. The warehouse's own
public keys are added so that a workstation verifies its own certificates before the
platform has been reached; the platform's entry wins when both exist (it knows revocations).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519

from app.certs.keys import KeyStore, es256_verify, public_pem
from app.core.errors import ValidationError

CACHE_FILE = "trusted-keys.json"
ALGORITHMS = ("ES256", "Ed25519")


@dataclass(frozen=True)
class TrustedKey:
    key_id: str
    algorithm: str
    public_key_pem: str
    registered_at: str | None = None
    revoked_at: str | None = None
    source: str = "platform"  # or "local" (this warehouse's own key store)

    @cached_property
    def public_key(self) -> Any:
        return serialization.load_pem_public_key(self.public_key_pem.encode("ascii"))

    @cached_property
    def spki_der(self) -> bytes:
        return self.public_key.public_bytes(serialization.Encoding.DER,
                                            serialization.PublicFormat.SubjectPublicKeyInfo)

    def verify(self, signature: bytes, message: bytes) -> bool:
        """QR signature check: raw r||s for ES256, the plain 64 bytes for Ed25519."""
        key = self.public_key
        if self.algorithm == "ES256" and isinstance(key, ec.EllipticCurvePublicKey):
            return es256_verify(key, signature, message)
        if self.algorithm == "Ed25519" and isinstance(key, ed25519.Ed25519PublicKey):
            try:
                key.verify(signature, message)
            except InvalidSignature:
                return False
            return True
        return False  # algorithm and key type disagree: never trust it


class TrustedKeys:
    def __init__(self, keys: Iterable[TrustedKey] = ()) -> None:
        self._by_id: dict[str, TrustedKey] = {}
        for key in keys:
            self._by_id[key.key_id] = key

    def __len__(self) -> int:
        return len(self._by_id)

    def __iter__(self):
        return iter(self._by_id.values())

    def get(self, key_id: str) -> TrustedKey | None:
        return self._by_id.get(key_id)

    def by_public_key(self, spki_der: bytes) -> TrustedKey | None:
        return next((k for k in self._by_id.values() if k.spki_der == spki_der), None)

    @classmethod
    def from_response(cls, body: Mapping[str, Any]) -> TrustedKeys:
        try:
            entries = body["keys"]
            keys = [TrustedKey(e["key_id"], e["algorithm"], e["public_key_pem"], e.get("registered_at"),
                               e.get("revoked_at")) for e in entries]
            for k in keys:
                if k.algorithm not in ALGORITHMS:
                    raise ValueError(f"algorithm {k.algorithm!r}")
                k.public_key  # noqa: B018 - parse now so a bad PEM fails here, not mid-check
        except (KeyError, TypeError, ValueError) as exc:
            raise ValidationError(f"签名密钥列表格式错误：{exc}", f"signing key list is malformed: {exc}") from None
        return cls(keys)

    def to_response(self) -> dict[str, Any]:
        return {"keys": [{"key_id": k.key_id, "algorithm": k.algorithm, "public_key_pem": k.public_key_pem,
                          "registered_at": k.registered_at, "revoked_at": k.revoked_at}
                         for k in self._by_id.values() if k.source == "platform"]}

    @classmethod
    def load(cls, path: Path) -> TrustedKeys:
        if not Path(path).exists():
            return cls()
        return cls.from_response(json.loads(Path(path).read_text(encoding="utf-8")))

    def save(self, path: Path) -> None:
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(self.to_response(), ensure_ascii=False, indent=2), encoding="utf-8")
        os.replace(tmp, path)

    def with_local(self, store: KeyStore) -> TrustedKeys:
        local = [TrustedKey(k.key_id, "ES256", public_pem(k.certificate.public_key()),  # type: ignore[arg-type]
                            k.created_at, None, source="local") for k in store.keys()]
        return TrustedKeys([*local, *self._by_id.values()])


def load_trusted_keys(data_dir: Path) -> TrustedKeys:
    """Platform cache + this warehouse's own keys: what ``verify`` trusts on this machine."""
    return TrustedKeys.load(Path(data_dir) / CACHE_FILE).with_local(KeyStore(Path(data_dir) / "keys"))
