"""Tag labels: ZPL II for label printers and a PDF for ordinary printers (no I/O here).

ZPL: ``^CI28`` (UTF-8), ``^CW`` names the TrueType font downloaded to the printer for
Chinese text, Code 128 of the tag (``^BC``), a QR code (``^BQN``), a short description.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from app import resources

ZPL_FONT = "E:WQYMICROHEI.TTF"  # where the Chinese font lives on the printer (downloaded once)


@dataclass(frozen=True)
class TagLabel:
    tag: str
    qr_text: str
    description: str = ""  # short, Chinese allowed
    width_dots: int = 400  # 50 mm at 203 dpi
    height_dots: int = 264  # 33 mm


def _field(text: str) -> str:
    # ^ and ~ are ZPL command prefixes; they cannot appear inside field data
    return text.replace("^", " ").replace("~", " ").replace("\r", " ").replace("\n", " ")


# Layout of the 50x33 mm label at 203 dpi, in dots. The description lives in a field block
# (^FB) left of the QR code and below the barcode's human-readable line, so however long
# the title is it wraps, shrinks, and is cut with "…" inside its box, never on a code.
MARGIN = 16
BAR_TOP, BAR_HEIGHT = 12, 56
TEXT_TOP = 104  # below the barcode and its human-readable line
QR_MAG = 4
FONT_SIZES = (28, 24, 20, 18)  # dots; the largest that fits is used
ELLIPSIS = "..."  # ASCII: every printer font has it


_WIDE = frozenset("WMwm@%&")


def glyph_width(ch: str, size: int) -> float:
    """A generous estimate of a glyph's advance in the printer's fonts, so a line never runs
    past its block: a CJK character is square, W/M full width, capitals ~0.72, the rest 0.62."""
    if ord(ch) >= 0x2E80 or ch in _WIDE:
        return float(size)
    return size * (0.72 if ch.isupper() else 0.62)


def fit_text(
    text: str, width: float, height: float, sizes: tuple[int, ...] = FONT_SIZES, char_width=glyph_width
) -> tuple[int, list[str]]:
    """The largest size at which ``text`` wraps into the box, and its lines; at the smallest
    size a text that still does not fit is cut and ends with "…"."""
    text = " ".join(text.split())
    for size in sizes:
        lines = _wrap(text, width, size, char_width)
        if len(lines) * size <= height:
            return size, lines
    size = sizes[-1]
    keep = max(1, int(height // size))
    lines = _wrap(text, width, size, char_width)[:keep]
    last = lines[-1]
    while last and sum(char_width(c, size) for c in last + ELLIPSIS) > width:
        last = last[:-1]
    lines[-1] = last.rstrip() + ELLIPSIS
    return size, lines


def _wrap(text: str, width: float, size: int, char_width) -> list[str]:
    """Break where the next character would not fit; a Latin word moves whole to the next
    line when the line has a space to break at (Chinese breaks between any characters)."""
    lines: list[str] = []
    line, used = "", 0.0
    for ch in text:
        w = char_width(ch, size)
        if line and used + w > width:
            cut = line.rfind(" ")
            if ch.isascii() and ch != " " and line[-1:].isascii() and cut > 0:
                lines.append(line[:cut])
                line = line[cut + 1 :]
            else:
                lines.append(line.rstrip())
                line = ""
            used = sum(char_width(c, size) for c in line)
            if ch == " ":
                continue
        line, used = line + ch, used + w
    if line:
        lines.append(line)
    return lines or [""]


# Bytes a QR code holds at error correction Q in byte mode, by version (1..20): the
# largest symbol the printer can choose for a text of that length.
_QR_Q_BYTES = (11, 20, 32, 46, 60, 74, 86, 108, 130, 151, 177, 203, 241, 258, 292, 322, 364, 394, 442, 482)


def qr_size_dots(text: str, magnification: int = QR_MAG) -> int:
    """Side of the printed QR symbol (error correction Q as ``^FDQA`` asks for), at most:
    byte mode is the least dense, so the printer's symbol is never larger than this."""
    n = len(text.encode("utf-8"))
    version = next((v for v, cap in enumerate(_QR_Q_BYTES, start=1) if n <= cap), len(_QR_Q_BYTES))
    return (17 + 4 * version) * magnification


def tag_label_zpl(label: TagLabel, font: str = ZPL_FONT) -> str:
    qr = qr_size_dots(_field(label.qr_text))
    qr_x, qr_y = label.width_dots - MARGIN - qr, label.height_dots - MARGIN - qr
    parts = [
        "^XA",
        "^CI28",
        f"^CWZ,{font}",
        f"^PW{label.width_dots}",
        f"^LL{label.height_dots}",
        f"^FO{MARGIN},{BAR_TOP}^BY2",
        f"^BCN,{BAR_HEIGHT},Y,N,N,A^FD{_field(label.tag)}^FS",  # mode A: digit runs in subset C, narrower
        # ^BQ draws its symbol 10 dots below the field origin: start 10 dots higher.
        f"^FO{qr_x},{qr_y - 10}^BQN,2,{QR_MAG}^FDQA,{_field(label.qr_text)}^FS",
    ]
    desc = _field(label.description).replace("\\", "/")  # a backslash would start a block escape
    if desc.strip():
        width = qr_x - 2 * MARGIN
        height = label.height_dots - MARGIN - TEXT_TOP
        size, lines = fit_text(desc, width, height)
        # The lines are broken here (with \& inside the block) so the printer's own wrapping
        # and its last-line overprinting never come into play.
        body = "\\&".join(lines)
        parts.append(f"^FO{MARGIN},{TEXT_TOP}^AZN,{size},{size}^FB{width},{len(lines)},0,L,0^FD{body}^FS")
    parts.append("^XZ")
    return "\n".join(parts) + "\n"


_FONT_REGISTERED = False


def _font() -> str:
    global _FONT_REGISTERED
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if not _FONT_REGISTERED:
        pdfmetrics.registerFont(TTFont("WQY", str(resources.cjk_font()), subfontIndex=0))
        _FONT_REGISTERED = True
    return "WQY"


@dataclass(frozen=True)
class PdfLabelLayout:
    """Boxes on the PDF label, in points, (x0, y0, x1, y1) from the bottom left."""

    barcode: tuple[float, float, float, float]
    qr: tuple[float, float, float, float]
    text: tuple[float, float, float, float]
    font_size: int
    lines: tuple[str, ...]


PDF_FONT_SIZES = (9, 8, 7, 6)
TAG_TEXT_PT = 7


def _barcode(tag: str):
    from reportlab.graphics.barcode import code128
    from reportlab.lib.units import mm

    return code128.Code128(tag, barHeight=7 * mm, barWidth=0.25 * mm, humanReadable=False, quiet=False)


def pdf_label_layout(label: TagLabel, width_mm: float = 50, height_mm: float = 30) -> PdfLabelLayout:
    """Barcode across the top, QR code bottom right, the description in the box left of the
    QR code: wrapped, shrunk, and cut with "…" inside that box."""
    from reportlab.lib.units import mm
    from reportlab.pdfbase.pdfmetrics import stringWidth

    w, h = width_mm * mm, height_mm * mm
    bc = _barcode(label.tag)
    bars_y = h - 1.5 * mm - bc.height
    bar_y = bars_y - TAG_TEXT_PT - 1  # the tag in words below the bars
    barcode = (2 * mm, bar_y, 2 * mm + bc.width, h - 1.5 * mm)
    size = min(14 * mm, bar_y - 2 * mm)
    qr = (w - 1.5 * mm - size, 1.5 * mm, w - 1.5 * mm, 1.5 * mm + size)
    text = (2 * mm, 1.5 * mm, qr[0] - 1.5 * mm, bar_y - 1 * mm)
    font = _font()

    def measure(ch: str, pt: int) -> float:
        return float(stringWidth(ch, font, pt))

    pt, lines = fit_text(label.description, text[2] - text[0], (text[3] - text[1]) / 1.2, PDF_FONT_SIZES, measure)
    return PdfLabelLayout(barcode, qr, text, pt, tuple(lines))


def tag_label_pdf(label: TagLabel, width_mm: float = 50, height_mm: float = 30) -> bytes:
    from reportlab.graphics import renderPDF
    from reportlab.graphics.barcode import qr
    from reportlab.graphics.shapes import Drawing
    from reportlab.lib.units import mm
    from reportlab.pdfgen import canvas

    lay = pdf_label_layout(label, width_mm, height_mm)
    buf = io.BytesIO()
    w, h = width_mm * mm, height_mm * mm
    c = canvas.Canvas(buf, pagesize=(w, h))
    c.setTitle(label.tag)
    bc = _barcode(label.tag)
    bc.drawOn(c, lay.barcode[0], lay.barcode[3] - bc.height)
    c.setFont("Helvetica", TAG_TEXT_PT)
    c.drawCentredString((lay.barcode[0] + lay.barcode[2]) / 2, lay.barcode[1] + 1, label.tag)
    q = qr.QrCodeWidget(label.qr_text)
    x0, y0, x1, y1 = q.getBounds()
    size = lay.qr[2] - lay.qr[0]
    d = Drawing(size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0])
    d.add(q)
    renderPDF.draw(d, c, lay.qr[0], lay.qr[1])
    if label.description.strip():
        c.setFont(_font(), lay.font_size)
        y = lay.text[3] - lay.font_size
        for line in lay.lines:
            c.drawString(lay.text[0], y, line)
            y -= lay.font_size * 1.2
    c.showPage()
    c.save()
    return buf.getvalue()
