"""The printed QR code: small enough, robust enough, and readable from the rendered page."""

from __future__ import annotations

import shutil
import subprocess

import cv2
import numpy
import pytest
import zxingcpp

from app.certs.qr import MAX_VERSION, qr_modules, qr_version
from app.certs.verify import verify_qr
from app.core.errors import ValidationError

pytestmark = pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils (pdftoppm) not installed")


def _page_pixels(pdf: bytes, tmp_path, dpi: int) -> numpy.ndarray:
    src = tmp_path / "page.pdf"
    src.write_bytes(pdf)
    subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-gray", "-png", "-singlefile", str(src), str(tmp_path / "page")],
        check=True,
        timeout=60,
    )
    return cv2.imread(str(tmp_path / "page.png"), cv2.IMREAD_GRAYSCALE)


@pytest.mark.parametrize("which, dpi", [("jewelry", 150), ("phone", 150), ("jewelry", 100)])
def test_qr_decodes_from_the_rendered_page_and_verifies_offline(which, dpi, request, trusted, tmp_path):
    cert = request.getfixturevalue(which)
    pixels = _page_pixels(cert.pdf, tmp_path, dpi)
    found = [b for b in zxingcpp.read_barcodes(pixels, formats=zxingcpp.BarcodeFormat.QRCode)]
    assert len(found) == 1
    assert found[0].text == cert.qr.text
    assert found[0].ec_level in ("M", "Q", "H")
    assert verify_qr(found[0].text, trusted).ok


def test_pyzbar_reads_it_too(jewelry, tmp_path):
    from pyzbar.pyzbar import decode

    decoded = decode(_page_pixels(jewelry.pdf, tmp_path, 150))
    assert [d.data.decode() for d in decoded] == [jewelry.qr.text]


def test_printed_symbols_stay_within_version_15(jewelry, phone):
    for cert in (jewelry, phone):
        assert 1 <= qr_version(cert.qr.text) <= MAX_VERSION


def test_text_that_needs_a_larger_symbol_is_refused():
    with pytest.raises(ValidationError) as info:
        qr_modules("https://platform.example/" + "x" * 500)
    assert info.value.code == "qr_too_long"
    assert len(qr_modules("https://platform.example/" + "x" * 300)) <= 17 + 4 * MAX_VERSION
