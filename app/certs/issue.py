"""The one call the service layer makes to issue, reprint or void a certificate.

The service owns the transaction (state change, audit entry, outbox event, blob row); this
module only produces bytes and the event payloads of platform-api.md §3.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from app.certs.keys import SigningKey
from app.core.certificate import CertificateFacts, validate_certificate_no
from app.core.clock import DEFAULT_TIME_ZONE, rfc3339
from app.core.demo import DEMO_VERIFY_BASE_URL
from app.core.errors import ValidationError
from app.core.qr_format import QrPayload, parse_qr_text

DEMO_BASE_URL = DEMO_VERIFY_BASE_URL  # the spec's example, for the embedded platform


def verify_base_url(platform_url: str) -> str:
    """The address printed in QR codes: the configured platform, or the spec's example in demo."""
    return platform_url.rstrip("/") if platform_url.startswith(("http://", "https://")) else DEMO_BASE_URL


@dataclass(frozen=True)
class IssuedCertificate:
    facts: CertificateFacts
    qr: QrPayload
    pdf: bytes
    pdf_sha256: str

    @property
    def certificate_no(self) -> str:
        return self.facts.certificate_no

    @property
    def key_id(self) -> str:
        return self.qr.key_id

    def event_payload(self) -> dict[str, Any]:
        """``certificate.issued`` payload; the event's ``blobs`` is ``[self.pdf_sha256]``."""
        return {
            "certificate_no": self.facts.certificate_no,
            "key_id": self.qr.key_id,
            "issued_at": rfc3339(self.facts.issued_at),
            "qr_payload": self.qr.text,
            "warranty_until": self.facts.warranty_until.isoformat() if self.facts.warranty_until else None,
            "summary": self.facts.public_summary(),  # 1.1: what the public page shows (platform-api.md §3)
        }


class CertificateIssuer:
    """Holds an unlocked key for a supervisor's session; one instance signs many certificates."""

    def __init__(self, key: SigningKey, base_url: str, time_zone: str = DEFAULT_TIME_ZONE) -> None:
        self.key = key
        self.base_url = base_url
        self.time_zone = time_zone  # times printed on the paper (stored UTC)
        # pyHanko, reportlab and the QR codec load with the first certificate, not with the station.
        from app.certs.sign import PdfSigner

        self._pdf_signer = PdfSigner(key)

    def issue(self, facts: CertificateFacts, photo_jpeg: bytes | None, layout: str = "A4") -> IssuedCertificate:
        if facts.photo_sha256 and photo_jpeg and hashlib.sha256(photo_jpeg).hexdigest() != facts.photo_sha256:
            raise ValidationError("照片与证书记录的 SHA-256 不符", "photo does not match the SHA-256 in the facts")
        from app.certs.qr import sign_qr

        qr = sign_qr(facts, self.key, self.base_url)
        return self._finish(facts, photo_jpeg, qr, layout, copy=False)

    def reprint(
        self, facts: CertificateFacts, photo_jpeg: bytes | None, qr_text: str, layout: str = "A4"
    ) -> IssuedCertificate:
        """A copy marked 副本/COPY with the original QR (which may carry a retired key's
        signature); the PDF itself is signed by the current key."""
        qr = parse_qr_text(qr_text)
        if qr.fields != facts.qr_fields(qr.version) or qr.certificate_no != facts.certificate_no:
            raise ValidationError("补打的二维码与证书内容不符", "the QR for the reprint does not match the facts")
        return self._finish(facts, photo_jpeg, qr, layout, copy=True)

    def _finish(
        self, facts: CertificateFacts, photo_jpeg: bytes | None, qr: QrPayload, layout: str, copy: bool
    ) -> IssuedCertificate:
        from app.certs.render import render_certificate

        pdf = render_certificate(
            facts, photo_jpeg, qr.text, layout=layout, copy=copy, demo=self.key.demo, time_zone=self.time_zone
        )
        signed = self._pdf_signer.sign(pdf, facts, qr.text)
        return IssuedCertificate(facts, qr, signed, hashlib.sha256(signed).hexdigest())


def void_payload(certificate_no: str, reason: str, replaced_by: str | None = None) -> dict[str, Any]:
    """``certificate.voided`` payload. The PDF cannot be recalled; verification learns of the
    void through the platform's status (``verify_* (status_lookup=...)``)."""
    validate_certificate_no(certificate_no)
    if replaced_by is not None:
        validate_certificate_no(replaced_by)
    if not reason.strip():
        raise ValidationError("作废须填写原因", "voiding needs a reason")
    return {"certificate_no": certificate_no, "reason": reason, "replaced_by": replaced_by}
