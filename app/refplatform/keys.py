"""Key binding of platform-api.md §4 (1.1): a key belongs to the warehouse of the workstation
that registers it, and its id is computed from it. The server refuses (422) what a verifier
would refuse, so no workstation can put a key under another warehouse's name."""

from __future__ import annotations

from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519

from app.core.certificate import key_id_from_spki, key_id_warehouse


def spki_der(public_key_pem: str) -> bytes | None:
    """The DER SubjectPublicKeyInfo of a PEM public key, or None when it does not parse."""
    try:
        key = serialization.load_pem_public_key(public_key_pem.encode("utf-8"))
    except (ValueError, TypeError, UnicodeError):
        return None
    return key.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)


def prefix_problem(body: dict[str, Any], warehouse_id: str) -> str | None:
    owner = key_id_warehouse(body["key_id"])
    if owner is None:
        return "key_id must be <warehouse_id>-<16 lowercase hex digits>"
    if owner != warehouse_id:
        return f"key_id names warehouse {owner}; this workstation belongs to {warehouse_id}"
    return None


def key_binding_problem(body: dict[str, Any], warehouse_id: str) -> str | None:
    """Why ``body`` (a ``POST /signing-keys`` body) may not be registered by a workstation of
    ``warehouse_id``, or None."""
    prefix = prefix_problem(body, warehouse_id)
    if prefix:
        return prefix
    try:
        key = serialization.load_pem_public_key(body["public_key_pem"].encode("utf-8"))
    except (ValueError, TypeError, UnicodeError):
        return "public_key_pem does not parse as a public key"
    if body["algorithm"] == "ES256":
        if not isinstance(key, ec.EllipticCurvePublicKey) or key.curve.name != "secp256r1":
            return "public_key_pem is not a P-256 key (algorithm ES256)"
    elif not isinstance(key, ed25519.Ed25519PublicKey):
        return "public_key_pem is not an Ed25519 key (algorithm Ed25519)"
    der = key.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    expected = key_id_from_spki(warehouse_id, der)
    if body["key_id"] != expected:
        return f"key_id does not match the key: it must be {expected}"
    return None
