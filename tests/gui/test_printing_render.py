"""Print pages come from PDFium in-process (no pdftoppm the bundle cannot find)."""

from __future__ import annotations

import io

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from app.core.errors import DeviceError
from app.ui.review.printing import rasterise


def _pdf(pages: int) -> bytes:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    for _ in range(pages):
        c.setFillColorRGB(0, 0, 0)
        c.rect(0, A4[1] - 72, 72, 72, fill=1, stroke=0)  # a black inch in the top-left corner
        c.showPage()
    c.save()
    return buf.getvalue()


def test_pages_are_a4_at_the_asked_resolution_and_drawn(qapp) -> None:  # type: ignore[no-untyped-def]
    pages = rasterise(_pdf(2), dpi=72)
    assert len(pages) == 2
    first = pages[0]
    assert abs(first.width() - 595) <= 1 and first.height() == 842  # A4 is 595.3 x 841.9 pt
    assert first.pixelColor(10, 10).name() == "#000000"  # the black square, top-left, not mirrored
    assert first.pixelColor(300, 400).name() == "#ffffff"
    assert abs(rasterise(_pdf(1), dpi=144)[0].width() - 1191) <= 1


@pytest.mark.parametrize("junk", [b"", b"not a pdf", b"%PDF-1.7\n" + b"\x00" * 100, _pdf(1)[:200]])
def test_damaged_file_is_a_device_error_with_both_languages(qapp, junk: bytes) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(DeviceError) as err:
        rasterise(junk, dpi=36)
    assert err.value.zh and err.value.en
