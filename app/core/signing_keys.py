"""The rules of the warehouse signing keys, in one place: how long a key is valid, when a
supervisor is warned, which keys may still sign, and the passphrase policy.

A key never disappears: a retired or expired key stays in the key store so that the
certificates it signed keep verifying; it only stops signing new ones.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from enum import StrEnum

from app.core.errors import ValidationError

MIN_PASSPHRASE = 8
VALIDITY_YEARS = (1, 2, 3, 5)  # what the Admin station offers when a key is created
DEFAULT_VALIDITY_YEARS = 3
EXPIRY_WARNING = timedelta(days=60)  # the station warns this long before the signing key expires


class KeyState(StrEnum):
    CURRENT = "current"  # signs new certificates
    EXPIRING = "expiring"  # current, but expires within EXPIRY_WARNING: rotate soon
    EXPIRED = "expired"  # its certificate's validity has ended: signs nothing more
    RETIRED = "retired"  # replaced or withdrawn: signs nothing more
    INACTIVE = "inactive"  # created but never made current


STATE_NAMES: dict[KeyState, tuple[str, str]] = {
    KeyState.CURRENT: ("在用", "signing"),
    KeyState.EXPIRING: ("在用 · 即将到期", "signing · expires soon"),
    KeyState.EXPIRED: ("已过期", "expired"),
    KeyState.RETIRED: ("已停用", "retired"),
    KeyState.INACTIVE: ("未启用", "not in use"),
}


def key_state(*, current: bool, retired: bool, expires_at: datetime, now: datetime) -> KeyState:
    if retired:
        return KeyState.RETIRED
    if now >= expires_at:
        return KeyState.EXPIRED
    if not current:
        return KeyState.INACTIVE
    return KeyState.EXPIRING if expires_at - now <= EXPIRY_WARNING else KeyState.CURRENT


def may_sign(state: KeyState) -> bool:
    return state in (KeyState.CURRENT, KeyState.EXPIRING)


def check_validity_years(years: int) -> int:
    if years not in VALIDITY_YEARS:
        allowed = "、".join(str(y) for y in VALIDITY_YEARS)
        raise ValidationError(
            f"有效期只能选 {allowed} 年", f"validity must be one of {VALIDITY_YEARS} years", code="bad_validity"
        )
    return years


def check_passphrase(passphrase: str) -> str:
    """The policy for a new key's passphrase (an existing key's is never re-checked)."""
    if len(passphrase) < MIN_PASSPHRASE:
        raise ValidationError(
            f"口令至少 {MIN_PASSPHRASE} 个字符",
            f"passphrase needs at least {MIN_PASSPHRASE} characters",
            code="weak_passphrase",
        )
    if len(set(passphrase)) < 4:
        raise ValidationError(
            "口令太简单：至少要有 4 个不同的字符",
            "passphrase too simple: use at least 4 different characters",
            code="weak_passphrase",
        )
    return passphrase


def refuse_to_sign(key_id: str, state: KeyState) -> ValidationError:
    if state is KeyState.EXPIRED:
        return ValidationError(
            f"签名密钥 {key_id} 已过期，请在管理站点创建新密钥",
            f"signing key {key_id} has expired; create a new key at the Admin station",
            code="key_expired",
        )
    return ValidationError(
        f"签名密钥 {key_id} 已停用或已被新密钥替换，请重新解锁",
        f"signing key {key_id} was retired or replaced; unlock the signing key again",
        code="key_not_current",
    )
