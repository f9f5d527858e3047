"""Signing a certificate's QR text and turning it into modules to print.

The text format itself (what is signed, how it is encoded) is pure core:
``app.core.qr_format``; see docs/certificate-qr-format.md.
"""

from __future__ import annotations

from functools import lru_cache

import numpy
import zxingcpp

from app.certs.keys import SigningKey
from app.core.certificate import CertificateFacts
from app.core.errors import ValidationError
from app.core.qr_format import CURRENT_VERSION, QrPayload, check_fits

MAX_VERSION = 15  # beyond this the modules get too small for a phone camera at 35 mm
EC_LEVEL = "M"  # survives ~15 % damage (a fold, a stain) yet keeps modules large


def sign_qr(facts: CertificateFacts, key: SigningKey, base_url: str) -> QrPayload:
    """The QR payload for ``facts`` (current version), signed with ``key``; refuses, before
    signing, a text over the platform's 256 characters or too dense to print."""
    fields = facts.qr_fields(CURRENT_VERSION)
    check_fits(base_url, facts.certificate_no, key.key_id, fields)
    unsigned = QrPayload(base_url.rstrip("/"), facts.certificate_no, key.key_id, fields, b"", key.demo)
    payload = QrPayload(
        unsigned.base_url,
        unsigned.certificate_no,
        unsigned.key_id,
        unsigned.fields,
        key.sign_qr(unsigned.message),
        key.demo,
    )
    qr_modules(payload.text)  # fail at issue time, not when printing
    return payload


@lru_cache(maxsize=64)
def qr_modules(text: str) -> tuple[tuple[bool, ...], ...]:
    """Dark modules, row by row, without the quiet zone (the layout leaves white space).
    Encoded with zxing-cpp (C++, ~2 ms) rather than python-qrcode (~90 ms per mask search);
    cached because issuing checks the size and rendering then draws the same text."""
    if not text.isascii():
        raise ValidationError("二维码内容须为 ASCII", "QR text must be ASCII", code="malformed")
    barcode = zxingcpp.create_barcode(text, zxingcpp.BarcodeFormat.QRCode, ec_level=EC_LEVEL)
    image = numpy.asarray(barcode.to_image(scale=1, add_quiet_zones=False))
    version = (image.shape[0] - 17) // 4
    if version > MAX_VERSION:
        raise ValidationError(
            f"二维码内容过长（需要版本 {version}，上限 {MAX_VERSION}），请缩短平台地址",
            f"QR text too long (needs version {version}, limit {MAX_VERSION}); shorten the platform address",
            code="qr_too_long",
        )
    return tuple(tuple(bool(v) for v in row) for row in (image < 128))


def qr_version(text: str) -> int:
    return (len(qr_modules(text)) - 17) // 4
