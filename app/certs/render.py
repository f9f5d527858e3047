"""The certificate page: what it says comes from ``CertificateFacts``, how it looks is here.

One layout for A4 and A5, drawn in millimetres on an A4 grid and scaled to the page, so
both sizes keep the same proportions. If the content is too tall for the page (a phone with
many replaced parts on A5) the text is set a step smaller and the page drawn again.
"""

from __future__ import annotations

import io
from datetime import datetime
from typing import Literal

from reportlab import rl_config
from reportlab.lib.colors import Color, HexColor, white
from reportlab.lib.pagesizes import A4, A5
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph, Table, TableStyle

from app import resources
from app.certs.qr import qr_modules
from app.core.certificate import CertificateFacts
from app.core.clock import DEFAULT_TIME_ZONE, format_local, local
from app.core.errors import ValidationError
from app.core.qr_format import parse_qr_text

FONT = "WQYMicroHei"
INK, NAVY, GOLD, GREY = HexColor("#1d2330"), HexColor("#1f3a5f"), HexColor("#a8874f"), HexColor("#6b7280")
AMBER, AMBER_BG, RULE = HexColor("#b45309"), HexColor("#fff7ea"), HexColor("#d9d4c7")
COPY_RED = Color(0.75, 0.1, 0.1, alpha=0.16)
DEMO_RED = Color(0.8, 0.1, 0.1, alpha=0.22)
CATEGORY_LABEL = {"jewelry": "珠宝首饰 Jewelry", "phone": "二手手机 Pre-owned phone"}


def register_font() -> str:
    """Embedded TrueType CJK font (subset per document); registering parses the file once."""
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT, str(resources.cjk_font()), subfontIndex=0))
    return FONT


def paragraph_style(size: float, color=INK, leading: float = 1.35, align: Literal[0, 1, 2, 4] = 0) -> ParagraphStyle:
    return ParagraphStyle(
        "s", fontName=FONT, fontSize=size, leading=size * leading, textColor=color, wordWrap="CJK", alignment=align
    )


def xml_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def issued_text(issued_at: datetime, zone: str = DEFAULT_TIME_ZONE) -> str:
    """The issue time as printed: the warehouse's local time with its UTC offset, since the
    QR code's date is the UTC one (``2026-11-22 01:30 (UTC+08:00)``)."""
    offset = local(issued_at, zone).strftime("%z")
    return f"{format_local(issued_at, zone)} (UTC{offset[:3]}:{offset[3:]})"


def render_certificate(
    facts: CertificateFacts,
    photo_jpeg: bytes | None,
    qr_text: str,
    layout: str = "A4",
    copy: bool = False,
    demo: bool = False,
    time_zone: str = DEFAULT_TIME_ZONE,
) -> bytes:
    """One-page PDF (unsigned). ``qr_text`` is printed as the QR code; ``copy`` marks a reprint;
    ``demo`` (a demo warehouse's key) lays a watermark over the whole page; times are printed
    in ``time_zone`` (the ``time_zone`` setting), stored UTC in ``facts``."""
    if layout not in ("A4", "A5"):
        raise ValidationError(f"不支持的纸张：{layout}", f"unsupported page size: {layout}")
    register_font()
    payload = parse_qr_text(qr_text)
    if payload.certificate_no != facts.certificate_no:
        raise ValidationError("二维码与证书编号不一致", "QR code belongs to another certificate number")
    photo = ImageReader(io.BytesIO(_fit_photo(photo_jpeg))) if photo_jpeg else None
    rl_config.useA85 = 0  # reportlab's pure-Python ASCII85 costs ~15 ms per photo for nothing
    for text_scale in (1.0, 0.92, 0.85, 0.78, 0.72):
        out = io.BytesIO()
        page = _Page(out, facts, photo, qr_text, payload.key_id, layout, copy, text_scale, time_zone)
        page.demo = demo
        if page.draw():
            return out.getvalue()
    raise ValidationError("证书内容过多，一页放不下", "certificate content does not fit on one page")


def _fit_photo(jpeg: bytes, longest: int = 900) -> bytes:
    """A camera frame is larger than 62 mm at 300 dpi needs; shrink it so each PDF stays small."""
    from PIL import Image

    img = Image.open(io.BytesIO(jpeg))
    if max(img.size) <= longest:
        return jpeg
    img.thumbnail((longest, longest))
    out = io.BytesIO()
    img.convert("RGB").save(out, "JPEG", quality=88)
    return out.getvalue()


class _Page:
    W, H = 210.0, 297.0  # the A4 grid in mm every coordinate below refers to

    def __init__(
        self, out, facts, photo, qr_text, key_id, layout, copy, text_scale, time_zone: str = DEFAULT_TIME_ZONE
    ) -> None:
        self.f, self.photo, self.qr_text, self.key_id, self.copy = facts, photo, qr_text, key_id, copy
        self.demo = False
        self.time_zone = time_zone
        size = A4 if layout == "A4" else A5
        self.k = size[0] / (self.W * mm)  # page scale against the A4 grid
        self.t = text_scale
        # initialFontName: otherwise reportlab references a non-embedded Helvetica on every page
        self.c = Canvas(
            out,
            pagesize=size,
            pageCompression=1,
            initialFontName=FONT,  # type: ignore[arg-type]  # types-reportlab types initialFontName as float; reportlab takes a font name
            initialFontSize=10,
        )
        self.c.setTitle(f"鉴定证书 Certificate of Appraisal {facts.certificate_no}")
        self.c.setAuthor(facts.warehouse_name)
        self.c.setSubject(facts.name)
        self.c.setCreator("Treasure Warehouse appraisal workstation")
        self.c.scale(self.k * mm, self.k * mm)  # draw in A4 millimetres from here on

    # helpers in grid millimetres; font sizes are points on A4 and scale with the page
    def text(self, x, y, s, size, color=INK, anchor="l", spacing=0.0) -> None:
        c = self.c
        c.setFont(FONT, size / mm * 1.0)
        c.setFillColor(color)
        draw = {"l": c.drawString, "c": c.drawCentredString, "r": c.drawRightString}[anchor]
        draw(x, y, s, charSpace=spacing)

    def para(self, flow, x, y_top, width) -> float:
        """Draw a flowable with its top at y_top; return its height (mm). Styles are in points,
        the canvas is in mm, so flowables are drawn under a points->mm scale."""
        c = self.c
        w, h = flow.wrap(width * mm, 1e6)
        c.saveState()
        c.translate(x, y_top - h / mm)
        c.scale(1 / mm, 1 / mm)
        flow.drawOn(c, 0, 0)
        c.restoreState()
        return h / mm

    def draw(self) -> bool:
        f, c, t = self.f, self.c, self.t
        self.frame()
        # header: who issues it, and its number
        self.text(20, 272, f.warehouse_name, 12, NAVY)
        self.text(20, 266.5, "珍宝仓官方鉴定仓 · Treasure Warehouse Official Appraisal", 7.5, GREY)
        self.text(190, 272, "证书编号 Certificate No.", 7.5, GREY, "r")
        self.text(190, 265.5, f.certificate_no, 13, NAVY, "r", spacing=0.35)
        c.setStrokeColor(RULE)
        c.setLineWidth(0.25)
        c.line(20, 261, 190, 261)
        # title
        self.text(105, 246.5, "鉴 定 证 书", 26, INK, "c")
        self.text(105, 238.5, "CERTIFICATE  OF  APPRAISAL", 9, GOLD, "c", spacing=0.9)
        y = 231 - self.para(Paragraph(xml_escape(f.name), paragraph_style(16 * t, NAVY, 1.25, 1)), 25, 233, 160)
        self.text(105, y - 3.5, f"物品标签 Item tag  {f.item_tag}    ·    {CATEGORY_LABEL[f.category]}", 8, GREY, "c")
        y -= 11
        # body: photo on the left, measured facts on the right
        photo_w = 62
        table_h = self.para(self.facts_table(104), 86, y, 104)
        self.photo_box(20, y, photo_w, photo_w)
        y -= max(table_h, photo_w + 5) + 6
        y -= self.disclosures(20, y, 170) + 5
        y -= self.para(
            Paragraph(
                f'<font size="{8 * t}" color="#6b7280">鉴定结论 Conclusion</font><br/>{xml_escape(f.verdict)}',
                paragraph_style(12 * t, INK, 1.45),
            ),
            20,
            y,
            170,
        )
        if y < 76:  # would run into the signature block: try smaller text
            return False
        self.signature_block()
        self.footer()
        if self.copy:  # last, so the translucent mark lies over the photo and table alike
            self.copy_stamp()
        if self.demo:
            self.demo_watermark()
        c.showPage()
        c.save()
        return True

    def frame(self) -> None:
        c = self.c
        c.setStrokeColor(GOLD)
        c.setLineWidth(0.6)
        c.rect(9, 9, self.W - 18, self.H - 18)
        c.setLineWidth(0.2)
        c.rect(11, 11, self.W - 22, self.H - 22)

    def demo_watermark(self) -> None:
        """Across the page, repeated so no cut-out of the certificate escapes it."""
        c = self.c
        c.saveState()
        c.setFillColor(DEMO_RED)
        for y in (45, 105, 165, 225):  # grid millimetres; font sizes here are millimetres too
            c.saveState()
            c.translate(105, y)
            c.rotate(30)
            c.setFont(FONT, 11)
            c.drawCentredString(0, 0, "演示证书 无效  DEMO · NOT VALID")
            c.restoreState()
        c.restoreState()
        self.text(
            105, 255.5, "演示证书，不证明任何物品 · DEMO CERTIFICATE, CERTIFIES NOTHING", 8, HexColor("#b91c1c"), "c"
        )

    def copy_stamp(self) -> None:
        c = self.c
        c.saveState()
        c.translate(105, 140)
        c.rotate(35)
        c.setFont(FONT, 64)
        c.setFillColor(COPY_RED)
        c.drawCentredString(0, 0, "副本  COPY")
        c.restoreState()
        c.saveState()
        c.setStrokeColor(HexColor("#b91c1c"))
        c.setLineWidth(0.5)
        c.roundRect(158, 238, 32, 10, 1.5)
        self.text(174, 241.2, "副本 / COPY", 11, HexColor("#b91c1c"), "c")
        c.restoreState()

    def facts_table(self, width: float) -> Table:
        t = self.t
        label = paragraph_style(8.5 * t, INK, 1.2)
        value = paragraph_style(9.5 * t, INK, 1.3)
        rows = [
            [
                Paragraph(
                    f'{xml_escape(r.label_zh)} <font size="{6.5 * t}" color="#6b7280">{xml_escape(r.label_en)}</font>',
                    label,
                ),
                Paragraph(xml_escape(r.value), value),
            ]
            for r in self.f.facts
        ]
        table = Table(rows, colWidths=[40 * mm, (width - 40) * mm])
        table.setStyle(
            TableStyle(
                [
                    ("FONTNAME", (0, 0), (-1, -1), FONT),  # the default, Helvetica, would not be embedded
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                    ("LINEBELOW", (0, 0), (-1, -1), 0.25, RULE),
                    ("TOPPADDING", (0, 0), (-1, -1), 1.6 * t),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5 * t),
                    ("LEFTPADDING", (0, 0), (-1, -1), 1.5),
                ]
            )
        )
        return table

    def photo_box(self, x, y_top, w, h) -> None:
        c = self.c
        c.setStrokeColor(RULE)
        c.setLineWidth(0.3)
        c.setFillColor(HexColor("#f7f6f2"))
        c.rect(x, y_top - h, w, h, fill=1)
        if self.photo is None:
            self.text(x + w / 2, y_top - h / 2, "无照片 No photo", 8, GREY, "c")
        else:
            iw, ih = self.photo.getSize()
            s = min((w - 2) / iw, (h - 2) / ih)
            c.drawImage(self.photo, x + (w - iw * s) / 2, y_top - h + (h - ih * s) / 2, iw * s, ih * s)
        self.text(x + w / 2, y_top - h - 3.8, "正面照片 Front view", 7, GREY, "c")

    def disclosures(self, x, y_top, w) -> float:
        """Always drawn, even when empty: a buyer must see that nothing was left out."""
        c, t = self.c, self.t
        items = self.f.disclosures
        body = (
            "<br/>".join(f"•  {xml_escape(d.zh)}　<font color='#6b7280'>{xml_escape(d.en)}</font>" for d in items)
            if items
            else "无需披露的更换部件或处理　<font color='#6b7280'>No replaced parts or treatments to disclose</font>"
        )
        flow = Paragraph(body, paragraph_style(9.5 * t, INK, 1.5))
        _, ph = flow.wrap((w - 12) * mm, 1e6)
        h = ph / mm + 12
        c.setFillColor(AMBER_BG if items else HexColor("#f7f6f2"))
        c.setStrokeColor(AMBER if items else RULE)
        c.setLineWidth(0.3)
        c.rect(x, y_top - h, w, h, fill=1, stroke=1)
        c.setFillColor(AMBER if items else RULE)
        c.rect(x, y_top - h, 1.6, h, fill=1, stroke=0)
        self.text(x + 6, y_top - 5.2, "披露事项  Disclosures", 9 * t, AMBER if items else GREY)
        self.para(flow, x + 6, y_top - 7.5, w - 12)
        return h

    def signature_block(self) -> None:
        f, c = self.f, self.c
        c.setStrokeColor(RULE)
        c.setLineWidth(0.25)
        c.line(20, 72, 190, 72)
        rows = [
            ("鉴定人 Appraiser", f.appraiser),
            ("复核人 Reviewer", f.reviewer),
            ("签发时间 Issued", issued_text(f.issued_at, self.time_zone)),
            ("签发仓 Warehouse", f.warehouse_id),
        ]
        if f.warranty_until:
            rows.insert(3, ("保修至 Warranty until", f.warranty_until.isoformat()))
        y = 64.0
        for lab, val in rows:
            self.text(20, y, lab, 7.5, GREY)
            self.text(60, y, val, 10, INK)
            y -= 7.2
        # On A5 the QR gets a larger share of the page so its modules stay >= 0.4 mm.
        size = 38 if self.k > 0.9 else 44
        self.qr(190 - size, 27, size)

    def qr(self, x, y, size) -> None:
        c = self.c
        matrix = qr_modules(self.qr_text)
        n = len(matrix)
        cell = size / n
        c.setFillColor(white)
        c.rect(x - 3, y - 3, size + 6, size + 6, fill=1, stroke=0)  # quiet zone, even over the frame
        c.setFillColor(HexColor("#000000"))
        for r, row in enumerate(matrix):
            col = 0
            while col < n:  # one rectangle per run of dark modules: fewer objects, no hairline gaps
                if row[col]:
                    start = col
                    while col < n and row[col]:
                        col += 1
                    c.rect(x + start * cell, y + size - (r + 1) * cell, (col - start) * cell, cell, fill=1, stroke=0)
                else:
                    col += 1
        self.text(x + size / 2, y - 6.5, "扫码验证  Scan to verify", 8, NAVY, "c")

    def footer(self) -> None:
        f = self.f
        self.text(
            20, 23, f"本证书经 {f.warehouse_name} 以密钥 {self.key_id} 数字签名，任何改动都会使签名失效。", 6.5, GREY
        )
        self.text(
            20,
            19,
            "Digitally signed by the issuing warehouse; any change to this document invalidates the signature.",
            6.5,
            GREY,
        )
        self.text(20, 15, f"证书编号 {f.certificate_no} · 照片 SHA-256 {(f.photo_sha256 or '—')[:16]}", 6.5, GREY)
