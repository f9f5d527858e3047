"""The certificate page: sizes, languages, disclosures, the COPY mark and the embedded font."""

from __future__ import annotations

import ast
import io
import shutil
import subprocess
from pathlib import Path

import pytest
from pyhanko.pdf_utils.reader import PdfFileReader
from reportlab.pdfbase import pdfmetrics

from app.certs import render
from app.certs.samples import sample_jewelry_facts, sample_phone_facts, sample_photo_jpeg
from app.core import certificate
from app.core.qr_format import QrPayload
from app.core.vocab import gems, phone

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")


def _qr(facts) -> str:
    return QrPayload(
        "https://platform.example/tw/api/v1",
        facts.certificate_no,
        "WH-HZ-01-0011223344556677",
        facts.qr_fields(),
        bytes(range(64)),
    ).text


def _text(pdf: bytes, tmp_path: Path) -> str:
    (tmp_path / "c.pdf").write_bytes(pdf)
    return subprocess.run(
        ["pdftotext", "-layout", str(tmp_path / "c.pdf"), "-"], capture_output=True, text=True, check=True, timeout=30
    ).stdout


@pytest.mark.parametrize("layout, width_pt", [("A4", 595.27), ("A5", 419.53)])
def test_page_size(layout, width_pt):
    facts = sample_jewelry_facts()
    pdf = render.render_certificate(facts, sample_photo_jpeg(), _qr(facts), layout=layout)
    page = PdfFileReader(io.BytesIO(pdf)).root["/Pages"]["/Kids"][0].get_object()
    assert [round(float(v), 1) for v in page["/MediaBox"]][2] == round(width_pt, 1)


@needs_poppler
def test_text_is_extractable_in_both_languages(tmp_path):
    facts = sample_phone_facts()
    text = _text(render.render_certificate(facts, sample_photo_jpeg("phone"), _qr(facts)), tmp_path)
    for expected in (
        "鉴",
        "证",
        "CERTIFICATE",
        facts.certificate_no,
        "3567******67891",
        "保修至",
        "2027-05-20",
        "扫码验证",
        "Scan to verify",
        facts.appraiser,
        facts.reviewer,
    ):
        assert expected in text, expected
    assert "356789104567891" not in text  # the full IMEI is never printed


@needs_poppler
def test_disclosures_are_printed_and_their_absence_is_said(tmp_path):
    facts = sample_jewelry_facts()
    text = _text(render.render_certificate(facts, None, _qr(facts)), tmp_path)
    assert "披露事项" in text and "高温高压" in text and "HPHT" in text  # the words of gems.TREATMENTS
    clean = certificate.CertificateFacts(**{**facts.__dict__, "disclosures": ()})
    text = _text(render.render_certificate(clean, None, _qr(clean)), tmp_path)
    assert "No replaced parts or treatments to disclose" in text


@needs_poppler
def test_copy_is_marked(tmp_path):
    facts = sample_jewelry_facts()
    original = _text(render.render_certificate(facts, None, _qr(facts)), tmp_path)
    copy = _text(render.render_certificate(facts, None, _qr(facts), copy=True), tmp_path)
    assert "COPY" not in original and "副本" not in original
    assert "副本 / COPY" in copy


@needs_poppler
def test_font_is_embedded(tmp_path):
    facts = sample_jewelry_facts()
    (tmp_path / "c.pdf").write_bytes(render.render_certificate(facts, None, _qr(facts), layout="A5"))
    fonts = subprocess.run(["pdffonts", str(tmp_path / "c.pdf")], capture_output=True, text=True, check=True).stdout
    rows = fonts.splitlines()[2:]
    assert rows and all(" yes " in row for row in rows), fonts  # every font embedded (emb column)


def _literal_strings(module) -> set[str]:
    tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
    return {n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)}


def test_every_character_printed_has_a_glyph():
    """A character missing from WenQuanYi would print as .notdef (an empty box)."""
    render.register_font()
    face = pdfmetrics.getFont(render.FONT).face
    texts = _literal_strings(render) | _literal_strings(certificate)
    for facts in (sample_jewelry_facts(), sample_phone_facts()):
        texts |= {str(v) for v in facts.to_dict().values()}
        texts |= {cell for row in facts.facts for cell in row} | {t for d in facts.disclosures for t in d}
    texts |= {t for pair in render.CATEGORY_LABEL.values() for t in (pair if isinstance(pair, tuple) else (pair,))}
    for vocab in (phone.PARTS, phone.PART_STATUSES, phone.FUNCTION_TESTS, gems.TREATMENTS):
        texts |= {t for term in vocab for t in (term.zh, term.en)}
    missing = {
        ch for text in texts for ch in text if ch.isprintable() and not ch.isspace() and ord(ch) not in face.charToGlyph
    }
    assert not missing, "".join(sorted(missing))


def test_qr_of_another_certificate_is_refused():
    facts, other = sample_jewelry_facts(), sample_phone_facts()
    with pytest.raises(certificate.ValidationError):
        render.render_certificate(facts, None, _qr(other))


def test_a_large_camera_frame_is_shrunk():
    big = sample_photo_jpeg(size=2400)
    facts = sample_jewelry_facts()
    pdf = render.render_certificate(facts, big, _qr(facts))
    assert len(pdf) < len(big) + 80_000
