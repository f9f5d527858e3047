"""The key facts a certificate's QR code signs: the one measured value that ties the paper to
the piece (its mass, or a phone's masked IMEI with a digest of the full one), and the IMEI
checks they rest on.
"""

from __future__ import annotations

import hashlib
from decimal import Decimal

from app.core.errors import ValidationError
from app.core.vocab.phone import luhn_ok


def decimal_text(value: Decimal | str | int) -> str:
    """Plain decimal text without exponent or trailing zeros: Decimal('2.3470') -> '2.347'."""
    return format(Decimal(value).normalize(), "f")


def mass_key_fact(total_mass_g: Decimal | str) -> str:
    mass = Decimal(total_mass_g)
    if not mass > 0:
        raise ValidationError(f"质量须为正数：{total_mass_g}", f"mass must be positive: {total_mass_g}")
    return decimal_text(mass) + "g"


def check_imei(imei: str) -> str:
    # Only the shape is enforced: the Luhn digit is reported by ``imei_luhn_ok`` for the
    # inspection to judge (the platform's own example IMEI fails it), not refused here.
    if len(imei) != 15 or not imei.isascii() or not imei.isdigit():
        raise ValidationError(f"IMEI 应为 15 位数字：{imei!r}", f"IMEI must be 15 digits: {imei!r}")
    return imei


def imei_luhn_ok(imei: str) -> bool:
    return luhn_ok(check_imei(imei))


def mask_imei(imei: str) -> str:
    """First 4 and last 5 digits stay (TAC prefix + tail a buyer can compare): 3567******67891."""
    check_imei(imei)
    return imei[:4] + "*" * 6 + imei[-5:]


def imei_key_fact(imei: str, certificate_no: str) -> str:
    """Masked IMEI + 16 hex of SHA-256("IMEI:" imei ":" certificate_no). Lets someone holding
    the phone confirm its full IMEI offline; it does not make the IMEI secret (see doc)."""
    check_imei(imei)
    digest = hashlib.sha256(f"IMEI:{imei}:{certificate_no}".encode()).hexdigest()[:16]
    return f"{mask_imei(imei)}#{digest}"
