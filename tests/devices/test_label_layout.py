"""Tag labels fit their label: a long title wraps or shrinks inside its field block and
never overlaps the barcode or the QR code (ZPL rendered with zplkit, the PDF rasterised),
and both codes still decode."""

from __future__ import annotations

import shutil
import subprocess

import cv2
import numpy as np
import pytest
import zplkit
import zplkit.rendering
from pyzbar import pyzbar

from app.devices.labels import (
    TagLabel,
    fit_text,
    glyph_width,
    pdf_label_layout,
    tag_label_pdf,
    tag_label_zpl,
)

TAG, QR = "TW2611210000017", "https://tw.example/t/TW2611210000017"
LONG_EN = "18K white gold pendant with a round brilliant diamond 0.30 ct, chain 45 cm, box and papers included"
LONG_ZH = "18K金镶钻石吊坠 主石0.30克拉 白色 附赠证书与原装盒 链长45厘米 超长的标题还在继续"


def _render(zpl: str) -> np.ndarray:
    # The Chinese TrueType font lives on the printer; offline font Z falls back to the default.
    zpl = "\n".join(line for line in zpl.splitlines() if not line.startswith("^CW"))
    doc = zplkit.render(
        zpl.encode("utf-8"),
        zplkit.Options(compatibility=zplkit.rendering.Compatibility(unavailable_fonts_use_default=True)),
    )
    png = doc.labels[0].png()
    return cv2.imdecode(np.frombuffer(png, np.uint8), cv2.IMREAD_GRAYSCALE)


def _only(zpl: str, marker: str) -> str:
    """The label with just one field (the one whose line holds ``marker``)."""
    keep = [ln for ln in zpl.splitlines() if "^FD" not in ln or marker in ln]
    return "\n".join(ln for ln in keep if not (ln.startswith("^FO") and "^FD" not in ln and marker != "^BC"))


def _box(img: np.ndarray) -> tuple[int, int, int, int]:
    ys, xs = np.nonzero(img < 128)
    assert len(xs), "nothing drawn"
    return int(xs.min()), int(ys.min()), int(xs.max()), int(ys.max())


def _overlap(a, b) -> bool:  # type: ignore[no-untyped-def]
    return not (a[2] < b[0] or b[2] < a[0] or a[3] < b[1] or b[3] < a[1])


@pytest.mark.parametrize("title", [LONG_EN, "Ring", "W" * 200])
def test_zpl_description_stays_in_its_block(title: str) -> None:
    label = TagLabel(TAG, QR, title)
    zpl = tag_label_zpl(label)
    assert "^FB" in zpl
    full = _render(zpl)
    assert full.shape == (label.height_dots, label.width_dots)
    bar = _box(_render(_only(zpl, "^BC")))
    qr = _box(_render(_only(zpl, "^BQ")))
    text = _box(_render(_only(zpl, "^FB")))
    assert not _overlap(text, bar) and not _overlap(text, qr) and not _overlap(bar, qr), (text, bar, qr)
    h, w = full.shape
    for x0, y0, x1, y1 in (bar, qr, text):
        assert 0 < x0 and x1 < w - 1 and 0 < y0 and y1 < h - 1  # nothing runs off the label
    padded = cv2.copyMakeBorder(full, 30, 30, 30, 30, cv2.BORDER_CONSTANT, value=255)
    found = {(s.type, s.data.decode()) for s in pyzbar.decode(padded)}
    assert ("CODE128", TAG) in found and ("QRCODE", QR) in found


def test_long_chinese_title_wraps_shrinks_and_is_cut_with_an_ellipsis() -> None:
    zpl = tag_label_zpl(TagLabel(TAG, QR, LONG_ZH * 3))
    block = next(ln for ln in zpl.splitlines() if "^FB" in ln)
    lines = block.split("^FD")[1].removesuffix("^FS").split("\\&")
    size = int(block.split("^AZN,")[1].split(",")[0])
    width, max_lines = (int(v) for v in block.split("^FB")[1].split(",")[:2])
    assert size == 18 and len(lines) == max_lines and lines[-1].endswith("...")
    assert all(sum(glyph_width(c, size) for c in line) <= width for line in lines)
    short = fit_text("足金手镯", 220, 144)
    assert short == (28, ["足金手镯"])


def test_pdf_label_layout_keeps_text_beside_the_codes() -> None:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    for title in (LONG_ZH, LONG_EN, LONG_ZH * 4):
        lay = pdf_label_layout(TagLabel(TAG, QR, title))
        assert not _overlap(lay.text, lay.qr) and not _overlap(lay.text, lay.barcode)
        assert not _overlap(lay.qr, lay.barcode)
        width = lay.text[2] - lay.text[0]
        assert all(stringWidth(line, "WQY", lay.font_size) <= width for line in lay.lines)
        assert len(lay.lines) * lay.font_size * 1.2 <= lay.text[3] - lay.text[1] + 0.01


@pytest.mark.skipif(not shutil.which("pdftoppm"), reason="pdftoppm (poppler) renders the PDF")
def test_pdf_label_codes_decode_with_a_long_title(tmp_path) -> None:  # type: ignore[no-untyped-def]
    pdf = tmp_path / "label.pdf"
    pdf.write_bytes(tag_label_pdf(TagLabel(TAG, QR, LONG_ZH)))
    subprocess.run(["pdftoppm", "-r", "300", "-gray", "-png", str(pdf), str(tmp_path / "p")], check=True)
    img = cv2.imread(str(next(tmp_path.glob("p*.png"))), cv2.IMREAD_GRAYSCALE)
    img = cv2.copyMakeBorder(img, 40, 40, 40, 40, cv2.BORDER_CONSTANT, value=255)
    found = {(s.type, s.data.decode()) for s in pyzbar.decode(img)}
    assert ("CODE128", TAG) in found and ("QRCODE", QR) in found
