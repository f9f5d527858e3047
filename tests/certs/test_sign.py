"""The PAdES signature as outside tools see it: poppler's pdfsig and pyHanko's validator."""

from __future__ import annotations

import io
import shutil

import pytest
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext


def _one_byte_changed(pdf: bytes) -> bytes:
    data = bytearray(pdf)
    # a byte in the middle of the page content, well inside the first signed range
    data[len(pdf) // 3] ^= 0x20
    return bytes(data)


@pytest.mark.skipif(shutil.which("pdfsig") is None, reason="poppler-utils (pdfsig) not installed")
def test_pdfsig_reports_valid_then_digest_mismatch(jewelry, key, tmp_path, pdfsig):
    good, bad = tmp_path / "good.pdf", tmp_path / "bad.pdf"
    good.write_bytes(jewelry.pdf)
    bad.write_bytes(_one_byte_changed(jewelry.pdf))
    report = pdfsig(good)
    assert "Signature Validation: Signature is Valid." in report
    assert "Total document signed" in report
    assert key.key_id in report  # the signer's common name names the key
    broken = pdfsig(bad)
    assert "Signature is Valid" not in broken
    assert "Digest Mismatch" in broken or "Signature is Invalid" in broken


def _validate(pdf: bytes):
    sig = PdfFileReader(io.BytesIO(pdf), strict=False).embedded_signatures[0]
    return sig, validate_pdf_signature(sig, ValidationContext(trust_roots=[sig.signer_cert]))


def test_pyhanko_validator_reports_valid_then_broken(jewelry, key):
    sig, status = _validate(jewelry.pdf)
    assert status.intact and status.valid and status.trusted
    assert status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    assert str(sig.sig_object["/Name"]) == key.key_id
    spki = key.certificate.public_key().public_bytes(Encoding.DER, PublicFormat.SubjectPublicKeyInfo)
    assert sig.signer_cert.public_key.dump() == spki
    _, broken = _validate(_one_byte_changed(jewelry.pdf))
    assert not (broken.intact and broken.valid)


def test_signature_is_pades_with_sha256(jewelry):
    sig, _ = _validate(jewelry.pdf)
    assert str(sig.sig_object["/SubFilter"]) == "/ETSI.CAdES.detached"
    assert sig.md_algorithm == "sha256"
