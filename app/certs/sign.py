"""PAdES B-B signature over the rendered certificate, by the warehouse key.

No timestamp server is reachable from a warehouse, so the level is B-B. The certificate's
facts and QR text travel inside the PDF as an embedded JSON file added in the *same*
revision as the signature, so the signature covers them and ``verify`` can compare a
scanned QR code with the document without trusting anything outside it.
"""

from __future__ import annotations

import io
import json
from typing import Any

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives import serialization
from pyhanko.pdf_utils import embed, generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers
from pyhanko_certvalidator.registry import SimpleCertificateStore

from app.certs.keys import SigningKey
from app.core.certificate import CertificateFacts

FACTS_FILE = "certificate-facts.json"
FIELD_NAME = "TreasureWarehouseCertificate"


def embedded_document(facts: CertificateFacts, qr_text: str) -> bytes:
    """The JSON embedded in the PDF: the full facts and the exact QR text printed on it."""
    body: dict[str, Any] = {"facts": facts.to_dict(), "qr_text": qr_text}
    return json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


class PdfSigner:
    """Built once per unlocked key: the asn1crypto conversions are reused for every PDF."""

    def __init__(self, key: SigningKey) -> None:
        self.key = key
        cert = asn1_x509.Certificate.load(key.certificate.public_bytes(serialization.Encoding.DER))
        pkcs8 = key.private_key.private_bytes(
            serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
        # embed_roots=False: the key's certificate is its own root, and a second copy of it in
        # the CMS would be bytes no signature covers (a flip there went unnoticed).
        self._signer = signers.SimpleSigner(
            signing_cert=cert,
            signing_key=asn1_keys.PrivateKeyInfo.load(pkcs8),
            cert_registry=SimpleCertificateStore.from_certs([cert]),
            embed_roots=False,
        )

    def sign(self, pdf: bytes, facts: CertificateFacts, qr_text: str) -> bytes:
        return self.sign_with_attachment(
            pdf,
            FACTS_FILE,
            embedded_document(facts, qr_text),
            "Certificate facts and QR text (signed)",
            field_name=FIELD_NAME,
            location=facts.warehouse_name,
            reason=f"鉴定证书 Certificate of appraisal {facts.certificate_no}",
        )

    def sign_with_attachment(
        self,
        pdf: bytes,
        file_name: str,
        data_bytes: bytes,
        description: str,
        *,
        field_name: str,
        location: str,
        reason: str,
    ) -> bytes:
        """Embed a JSON file and sign, in one revision: the signature covers the file too."""
        writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
        data = embed.EmbeddedFileObject.from_file_data(writer, data_bytes, mime_type="application/json")
        embed.embed_file(
            writer,
            embed.FileSpec(
                file_spec_string=file_name,
                file_name=file_name,
                embedded_data=data,
                description=description,
                af_relationship=generic.pdf_name("/Data"),
            ),
        )
        meta = signers.PdfSignatureMetadata(
            field_name=field_name,
            md_algorithm="sha256",
            subfilter=fields.SigSeedSubFilter.PADES,
            # The key id is in /Name and in the signer certificate's CN: pdfsig and viewers show it.
            name=self.key.key_id,
            location=location,
            reason=reason,
        )
        out = signers.sign_pdf(writer, meta, signer=self._signer)
        return out.getvalue()


def sign_certificate_pdf(pdf: bytes, facts: CertificateFacts, qr_text: str, key: SigningKey) -> bytes:
    return PdfSigner(key).sign(pdf, facts, qr_text)
