"""Signed certificates verify, and every kind of tampering is rejected with its own reason."""

from __future__ import annotations

import io
import json
import random
import zlib

import pytest
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

from app.certs.issue import CertificateIssuer
from app.certs.keys import KeyStore
from app.certs.samples import BASE_URL, sample_jewelry_facts, sample_photo_jpeg
from app.certs.sign import FACTS_FILE
from app.certs.trust import TrustedKeys
from app.certs.verify import verify_pdf, verify_qr
from app.core.qr_format import QrPayload, parse_qr_text


@pytest.fixture(scope="module")
def stranger(tmp_path_factory):
    """A well-formed key the platform never registered."""
    return KeyStore(tmp_path_factory.mktemp("stranger") / "keys").generate("WH-XX-99", "假仓", "not registered")


def test_good_certificates_verify(jewelry, phone, trusted):
    for cert in (jewelry, phone):
        result = verify_pdf(cert.pdf, trusted, scanned_qr=cert.qr.text)
        assert result.ok, result.summary()
        assert result.certificate_no == cert.certificate_no and result.key_id == cert.key_id
        assert result.facts["name"] == cert.facts.name
        assert verify_qr(cert.qr.text, trusted).ok


def _first_content_stream_offset(pdf: bytes) -> int:
    """Offset of a byte inside the page's compressed content stream (inside the signed range)."""
    start = pdf.index(b"stream\r\n" if b"stream\r\n" in pdf else b"stream\n") + 10
    return start + 40


def test_flipped_byte_is_a_bad_signature(jewelry, trusted):
    data = bytearray(jewelry.pdf)
    data[_first_content_stream_offset(jewelry.pdf)] ^= 0x01
    result = verify_pdf(bytes(data), trusted)
    assert result.code == "bad_signature" and "digest" in result.detail


def _sample_offsets(pdf: bytes, count: int) -> list[int]:
    """Spread over the whole file, with extra weight on the signature container, whose
    unsigned parts (certificate copies, version, padding) are where flips once went unseen."""
    start = pdf.index(b"/Contents <") + len(b"/Contents <")
    end = pdf.index(b">", start)
    rng = random.Random(20261121)
    return sorted(
        {*rng.sample(range(len(pdf)), count), *range(start, start + 120, 3), *rng.sample(range(start, end), count)}
    )


def test_any_flipped_bit_is_rejected(jewelry, trusted):
    results = {}
    for offset in _sample_offsets(jewelry.pdf, 40):
        data = bytearray(jewelry.pdf)
        data[offset] ^= 0x01
        results[offset] = verify_pdf(bytes(data), trusted).code
    accepted = [o for o, code in results.items() if code == "valid"]
    assert not accepted, f"flips accepted at {accepted}"
    assert set(results.values()) <= {"bad_signature", "malformed", "not_signed", "modified_after_signing"}


def _append_edited_facts(pdf: bytes, change) -> bytes:
    """An incremental update that swaps the embedded facts file: what a forger would do."""
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    names = writer.root["/Names"]["/EmbeddedFiles"]["/Names"]
    spec = names[1].get_object()
    stream = spec["/EF"]["/F"].get_object()
    body = json.loads(stream.data)
    change(body)
    new = generic.StreamObject(
        {generic.pdf_name("/Type"): generic.pdf_name("/EmbeddedFile")},
        stream_data=json.dumps(body, ensure_ascii=False).encode(),
    )
    spec["/EF"]["/F"] = writer.add_object(new)
    writer.update_container(spec)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_fact_edited_in_the_pdf_after_signing_is_rejected(jewelry, trusted):
    def heavier(body):
        body["facts"]["key_fact"] = "3.347g"

    result = verify_pdf(_append_edited_facts(jewelry.pdf, heavier), trusted)
    assert result.code == "modified_after_signing"


def test_fact_edited_in_the_qr_is_a_bad_signature(jewelry, trusted):
    qr = parse_qr_text(jewelry.qr.text)
    fields = list(qr.fields)
    fields[2] = "2.947g"  # a heavier pendant than the one weighed (v2: tag, category, key fact, ...)
    forged = QrPayload(qr.base_url, qr.certificate_no, qr.key_id, tuple(fields), qr.signature)
    result = verify_qr(forged.text, trusted)
    assert result.code == "bad_signature"
    assert result.facts["key_fact"] == "2.947g"  # the caller can show what the forgery claims


def test_swapped_key_id_is_a_bad_signature(jewelry, key, stranger, platform_list):
    both = TrustedKeys.from_response(platform_list(key, stranger))
    qr = parse_qr_text(jewelry.qr.text)
    swapped = QrPayload(qr.base_url, qr.certificate_no, stranger.key_id, qr.fields, qr.signature)
    assert verify_qr(swapped.text, both).code == "bad_signature"


def test_unregistered_key_is_unknown(stranger, trusted):
    forged = CertificateIssuer(stranger, BASE_URL).issue(sample_jewelry_facts(), sample_photo_jpeg())
    assert verify_qr(forged.qr.text, trusted).code == "unknown_key"
    pdf_result = verify_pdf(forged.pdf, trusted)
    assert pdf_result.code == "unknown_key" and stranger.key_id in pdf_result.detail


def test_revoked_key_is_rejected(jewelry, key, platform_list):
    revoked = TrustedKeys.from_response(platform_list(key, revoked={key.key_id: "2026-11-22T00:00:00.000Z"}))
    assert verify_qr(jewelry.qr.text, revoked).code == "revoked_key"
    assert verify_pdf(jewelry.pdf, revoked).code == "revoked_key"


def test_qr_of_another_certificate_differs_from_the_pdf(jewelry, phone, trusted):
    result = verify_pdf(jewelry.pdf, trusted, scanned_qr=phone.qr.text)
    assert result.code == "facts_differ" and "scanned QR" in result.detail


def test_voided_and_unknown_status(jewelry, trusted):
    status = {jewelry.certificate_no: "voided"}.get
    assert verify_qr(jewelry.qr.text, trusted, status_lookup=status).code == "voided"
    assert verify_pdf(jewelry.pdf, trusted, status_lookup=status).code == "voided"
    assert verify_qr(jewelry.qr.text, trusted, status_lookup=lambda no: "unknown").code == "unknown_certificate"
    assert verify_qr(jewelry.qr.text, trusted, status_lookup=lambda no: "valid").ok


def test_qr_pointing_elsewhere_is_flagged_when_the_site_is_known(jewelry, trusted):
    moved = jewelry.qr.text.replace("https://platform.example/", "https://platform-example.shop/")
    assert verify_qr(moved, trusted).ok  # the base is not signed ...
    assert verify_qr(moved, trusted, expected_base=BASE_URL).code == "wrong_site"  # ... so it is compared


@pytest.mark.parametrize("blob", [b"", b"%PDF-1.7\nnot really", zlib.compress(b"x" * 100)])
def test_unreadable_pdf_is_malformed(blob, trusted):
    assert verify_pdf(blob, trusted).code == "malformed"


def test_unsigned_pdf_is_not_signed(trusted):
    from app.certs.render import render_certificate

    facts = sample_jewelry_facts()
    qr = QrPayload(BASE_URL, facts.certificate_no, "WH-HZ-01-0000000000000000", facts.qr_fields(), bytes(64))
    assert verify_pdf(render_certificate(facts, None, qr.text), trusted).code == "not_signed"


def test_every_reason_is_bilingual():
    from app.certs.verify import REASONS

    for code, (zh, en) in REASONS.items():
        assert zh and en and zh != en, code
        assert any("\u4e00" <= ch <= "\u9fff" for ch in zh), code


def test_embedded_facts_are_the_issued_facts_and_printed_qr(jewelry):
    from pyhanko.pdf_utils.reader import PdfFileReader

    names = PdfFileReader(io.BytesIO(jewelry.pdf)).root["/Names"]["/EmbeddedFiles"]["/Names"]
    assert str(names[0]) == FACTS_FILE
    body = json.loads(names[1].get_object()["/EF"]["/F"].get_object().data)
    assert body == {"facts": jewelry.facts.to_dict(), "qr_text": jewelry.qr.text}
