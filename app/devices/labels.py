"""Tag labels: ZPL II for label printers and a PDF for ordinary printers (no I/O here).

ZPL: ``^CI28`` (UTF-8), ``^CW`` names the TrueType font downloaded to the printer for
Chinese text, Code 128 of the tag (``^BC``), a QR code (``^BQN``), a short description.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

FONT_PATH = Path(__file__).resolve().parents[2] / "resources" / "fonts" / "wqy-microhei.ttc"
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


def tag_label_zpl(label: TagLabel, font: str = ZPL_FONT) -> str:
    desc = _field(label.description)[:24]
    return "\n".join([
        "^XA",
        "^CI28",
        f"^CWZ,{font}",
        f"^PW{label.width_dots}",
        f"^LL{label.height_dots}",
        "^FO30,12^BY2",
        f"^BCN,60,Y,N,N,A^FD{_field(label.tag)}^FS",  # mode A: digit runs in subset C, narrower
        f"^FO{label.width_dots - 130},100^BQN,2,4^FDQA,{_field(label.qr_text)}^FS",
        f"^FO20,130^AZN,28,28^FD{desc}^FS" if desc else "",
        "^XZ",
    ]).replace("\n\n", "\n") + "\n"


_FONT_REGISTERED = False


def _font() -> str:
    global _FONT_REGISTERED
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if not _FONT_REGISTERED:
        pdfmetrics.registerFont(TTFont("WQY", str(FONT_PATH), subfontIndex=0))
        _FONT_REGISTERED = True
    return "WQY"


def tag_label_pdf(label: TagLabel, width_mm: float = 50, height_mm: float = 30) -> bytes:
    from reportlab.graphics import renderPDF
    from reportlab.graphics.barcode import code128, qr
    from reportlab.graphics.shapes import Drawing
    from reportlab.lib.units import mm
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    w, h = width_mm * mm, height_mm * mm
    c = canvas.Canvas(buf, pagesize=(w, h))
    c.setTitle(label.tag)
    bc = code128.Code128(label.tag, barHeight=10 * mm, barWidth=0.28 * mm, humanReadable=True)
    bc.drawOn(c, 2 * mm, h - 15 * mm)
    q = qr.QrCodeWidget(label.qr_text)
    x0, y0, x1, y1 = q.getBounds()
    size = 16 * mm
    d = Drawing(size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0])
    d.add(q)
    renderPDF.draw(d, c, w - size - 1 * mm, h - size - 1 * mm)
    if label.description:
        c.setFont(_font(), 9)
        c.drawString(2 * mm, 3 * mm, label.description[:24])
    c.showPage()
    c.save()
    return buf.getvalue()
