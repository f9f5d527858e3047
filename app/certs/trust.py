"""The platform's list of signing keys (``GET /signing-keys``), cached for offline checks.

The cache file holds the response body unchanged (``data_dir/trusted-keys.json``), so the
sync worker can write what the platform sent and this module reads it. The warehouse's own
public keys are added so that a workstation verifies its own certificates before the
platform has been reached; the platform's entry wins when both exist (it knows revocations).
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519

from app.certs.keys import KeyStore, es256_verify, public_pem
from app.core.certificate import key_id_from_spki, key_id_warehouse
from app.core.errors import ValidationError

log = logging.getLogger(__name__)

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
    warehouse_id: str | None = None  # as the platform lists it (1.1); None in old caches
    demo: bool = False  # a local demo key: what it signed is a demo certificate

    @cached_property
    def public_key(self) -> Any:
        return serialization.load_pem_public_key(self.public_key_pem.encode("ascii"))

    @cached_property
    def spki_der(self) -> bytes:
        return self.public_key.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)

    @property
    def key_warehouse(self) -> str:
        """The warehouse the key belongs to: the prefix of its (checked) key id."""
        return key_id_warehouse(self.key_id) or ""

    def problem(self) -> tuple[str, str] | None:
        """Why this entry must not be trusted (zh, en), or None. The 1.1 binding rule: the id is
        recomputed from the key and must match, and the listed warehouse must be the id's."""
        if self.algorithm not in ALGORITHMS:
            return "未知签名算法", f"unknown algorithm {self.algorithm!r}"
        try:
            key = self.public_key
        except (ValueError, TypeError, UnicodeError):
            return "公钥无法解析", "the public key does not parse"
        if self.algorithm == "ES256":
            fits = isinstance(key, ec.EllipticCurvePublicKey) and key.curve.name == "secp256r1"
        else:
            fits = isinstance(key, ed25519.Ed25519PublicKey)
        if not fits:
            return "公钥类型与算法不符", f"the public key is not an {self.algorithm} key"
        warehouse = key_id_warehouse(self.key_id)
        if warehouse is None or key_id_from_spki(warehouse, self.spki_der) != self.key_id:
            return "密钥编号与公钥不符（编号须由公钥计算得出）", "the key id does not match the public key"
        if self.warehouse_id is not None and self.warehouse_id != warehouse:
            return (
                f"密钥编号属于仓库 {warehouse}，平台却列在 {self.warehouse_id} 名下",
                f"the key id names warehouse {warehouse} but the platform lists it for {self.warehouse_id}",
            )
        return None

    def verify(self, signature: bytes, message: bytes) -> bool:
        """QR signature check: raw low-S r||s for ES256, the plain 64 bytes for Ed25519."""
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


@dataclass(frozen=True)
class SkippedKey:
    """A listed key that is not trusted, and why (shown to a supervisor, logged)."""

    key_id: str
    zh: str
    en: str
    entry: Any = None  # the entry as listed, kept in the cache so every later check reports it too


class TrustedKeys:
    """Keys that passed the binding checks. An entry that fails them is skipped and reported in
    ``skipped``: one bad entry never takes the other warehouses' keys down with it."""

    def __init__(self, keys: Iterable[TrustedKey] = ()) -> None:
        self._by_id: dict[str, TrustedKey] = {}
        self.skipped: list[SkippedKey] = []
        for key in keys:
            problem = key.problem()
            if problem is not None:
                self.skipped.append(SkippedKey(key.key_id, *problem, entry=_entry(key)))
                log.warning("signing key %r skipped: %s", key.key_id, problem[1])
                continue
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
        """Parse a ``GET /signing-keys`` body. Only a body that is not a key list at all is
        refused; each unusable entry is skipped and named in ``skipped``."""
        entries = body.get("keys") if isinstance(body, Mapping) else None
        if not isinstance(entries, list):
            raise ValidationError(
                "签名密钥列表格式错误：缺少 keys 数组", "signing key list is malformed: no keys array"
            )
        keys, broken = [], []
        for i, e in enumerate(entries):
            fields = (e.get("key_id"), e.get("algorithm"), e.get("public_key_pem")) if isinstance(e, dict) else ()
            if (
                len(fields) != 3
                or not all(isinstance(f, str) for f in fields)
                or not _optional_str(e, "registered_at", "revoked_at", "warehouse_id")
            ):
                key_id = str(e.get("key_id")) if isinstance(e, dict) else f"#{i}"
                broken.append(SkippedKey(key_id, "密钥条目格式错误", "the key entry is malformed", entry=e))
                continue
            keys.append(
                TrustedKey(
                    e["key_id"],
                    e["algorithm"],
                    e["public_key_pem"],
                    e.get("registered_at"),
                    e.get("revoked_at"),
                    warehouse_id=e.get("warehouse_id"),
                )
            )
        trusted = cls(keys)
        trusted.skipped[:0] = broken
        return trusted

    def to_response(self) -> dict[str, Any]:
        """The list as the platform sent it, skipped entries included (they stay untrusted)."""
        skipped = [s.entry for s in self.skipped if s.entry is not None]
        return {"keys": [*skipped, *(_entry(k) for k in self._by_id.values() if k.source == "platform")]}

    @classmethod
    def load(cls, path: Path) -> TrustedKeys:
        if not Path(path).exists():
            return cls()
        try:
            body = json.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            raise ValidationError(
                "本机缓存的签名密钥列表已损坏，请重新同步", "the cached signing key list is damaged; synchronise again"
            ) from None
        return cls.from_response(body)

    def save(self, path: Path) -> None:
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(self.to_response(), ensure_ascii=False, indent=2), encoding="utf-8")
        os.replace(tmp, path)

    def with_local(self, store: KeyStore) -> TrustedKeys:
        local = [
            TrustedKey(
                k.key_id,
                "ES256",
                public_pem(k.certificate.public_key()),
                k.created_at,
                None,
                source="local",
                demo=k.demo,
            )
            for k in store.keys()
        ]
        demo_ids = {k.key_id for k in local if k.demo}  # the platform does not know a key is a demo key
        merged = TrustedKeys(
            [*local, *(replace(k, demo=True) if k.key_id in demo_ids else k for k in self._by_id.values())]
        )
        merged.skipped[:0] = self.skipped
        return merged


def _entry(k: TrustedKey) -> dict[str, Any]:
    return {
        "key_id": k.key_id,
        "warehouse_id": k.warehouse_id or k.key_warehouse,
        "algorithm": k.algorithm,
        "public_key_pem": k.public_key_pem,
        "registered_at": k.registered_at,
        "revoked_at": k.revoked_at,
    }


def _optional_str(entry: Mapping[str, Any], *names: str) -> bool:
    return all(entry.get(n) is None or isinstance(entry.get(n), str) for n in names)


def load_trusted_keys(data_dir: Path) -> TrustedKeys:
    """Platform cache + this warehouse's own keys: what ``verify`` trusts on this machine."""
    return TrustedKeys.load(Path(data_dir) / CACHE_FILE).with_local(KeyStore(Path(data_dir) / "keys"))
