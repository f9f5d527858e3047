"""The item dossier as a PDF for disputes and auditors: Chinese (embedded CJK font, as the
certificates), the photos, the timeline; the dossier's JSON is embedded as a file and the
whole is signed with the warehouse key in the same revision (PAdES B-B), so the signature
covers both what is printed and the data behind it."""

from __future__ import annotations

import io
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.platypus import Image, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from app.certs.keys import SigningKey
from app.certs.render import paragraph_style, register_font, xml_escape
from app.certs.sign import PdfSigner
from app.core.clock import format_local
from app.core.dossier import SEARCH_KEY_NAMES, SearchKey

DOSSIER_FILE = "item-dossier.json"
FIELD_NAME = "TreasureWarehouseDossier"
GREY = colors.HexColor("#6b7280")


def render_dossier(d: Any, images: dict[str, bytes], warehouse_name: str, zone: str) -> bytes:
    """``d``: an ``ItemDossier``; ``images``: photo bytes by SHA-256 (missing ones are named)."""
    register_font()
    buf = io.BytesIO()
    doc = SimpleDocTemplate(
        buf,
        pagesize=A4,
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=15 * mm,
        bottomMargin=15 * mm,
        title=f"物品档案 Item dossier {d.tag}",
        author=warehouse_name,
    )
    h1, body, small = paragraph_style(16), paragraph_style(9), paragraph_style(7.5, GREY)
    story: list[Any] = [
        Paragraph(f"{xml_escape(warehouse_name)} · 物品档案 <font size='10' color='#6b7280'>Item dossier</font>", h1),
        Spacer(1, 3 * mm),
    ]
    head = [
        ("仓库标签 Tag", d.tag),
        ("名称 Title", d.title),
        ("状态 State", d.state_text(True)),
        ("商家 Merchant", " ".join(x for x in (d.merchant_name, d.merchant_id) if x)),
        (SEARCH_KEY_NAMES[SearchKey.INBOUND_WAYBILL][0] + " Waybill", d.waybill_no),
        ("预报单 ASN", " / ".join(x for x in (d.asn_id, d.line_id) if x)),
        ("订单号 Order", d.order_no or ""),
        ("收货时间 Received", format_local(d.received_at, zone)),
        ("生成 Generated", f"{format_local(d.generated_at, zone)} · {d.viewer}"),
    ]
    table = Table(
        [[Paragraph(xml_escape(k), small), Paragraph(xml_escape(str(v or "—")), body)] for k, v in head],
        colWidths=[38 * mm, 142 * mm],
    )
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LINEBELOW", (0, 0), (-1, -1), 0.25, GREY)]))
    story += [table, Spacer(1, 4 * mm)]
    if d.photos:
        story.append(Paragraph("照片 Photos", paragraph_style(11)))
        cells: list[list[Any]] = []
        row: list[Any] = []
        for p in d.photos:
            data = images.get(p.sha256)
            pic: Any = Paragraph("（文件缺失 missing）", small)
            if data:
                reader = ImageReader(io.BytesIO(data))
                w, h = reader.getSize()
                side = 40 * mm
                scale = min(side / w, side / h)
                pic = Image(io.BytesIO(data), width=w * scale, height=h * scale)
            row.append(
                [
                    pic,
                    Paragraph(
                        f"{xml_escape(p.view)} · {xml_escape(p.purpose)}"
                        f"{' · 已替换 superseded' if p.superseded else ''}<br/>SHA-256 {p.sha256}",
                        paragraph_style(5.5, GREY),
                    ),
                ]
            )
            if len(row) == 4:
                cells.append(row)
                row = []
        if row:
            cells.append(row + [""] * (4 - len(row)))
        grid = Table(cells, colWidths=[45 * mm] * 4)
        grid.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
        story += [grid, Spacer(1, 4 * mm)]
    if d.certificates:
        story.append(Paragraph("证书 Certificates", paragraph_style(11)))
        for c in d.certificates:
            status = "有效 valid" if c.status == "valid" else "已作废 voided"
            extra = (f"，由 {c.replaced_by} 取代" if c.replaced_by else "") + (
                "" if c.pdf_intact else "，存档 PDF 缺失或损坏 stored PDF missing or damaged"
            )
            story.append(
                Paragraph(
                    xml_escape(
                        f"{c.certificate_no} · {status}{extra} · 密钥 key {c.key_id} · PDF SHA-256 {c.pdf_sha256}"
                    ),
                    body,
                )
            )
        story.append(Spacer(1, 4 * mm))
    story.append(Paragraph("履历 Timeline", paragraph_style(11)))
    rows = [
        [
            Paragraph("时间 When", small),
            Paragraph("事项 What", small),
            Paragraph("人员 Who", small),
            Paragraph("同步 Sync", small),
        ]
    ]
    for e in d.entries:
        rows.append(
            [
                Paragraph(format_local(e.at, zone, seconds=True), small),
                Paragraph(f"<b>{xml_escape(e.title(True))}</b> {xml_escape(e.summary(True))}", body),
                Paragraph(xml_escape(e.actor), small),
                Paragraph(xml_escape(e.sync_text(True)), small),
            ]
        )
    timeline = Table(rows, colWidths=[28 * mm, 112 * mm, 22 * mm, 18 * mm], repeatRows=1)
    timeline.setStyle(
        TableStyle(
            [("VALIGN", (0, 0), (-1, -1), "TOP"), ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.HexColor("#d1d5db"))]
        )
    )
    story += [
        timeline,
        Spacer(1, 4 * mm),
        Paragraph(
            f"本档案附有机器可读的 {DOSSIER_FILE}，并以仓库签名密钥签名；任何改动都会使签名失效。"
            f" The machine-readable {DOSSIER_FILE} is attached and the document is signed with the "
            "warehouse key; any change breaks the signature.",
            small,
        ),
    ]
    doc.build(story)
    return buf.getvalue()


def sign_dossier(pdf: bytes, body: bytes, tag: str, key: SigningKey, warehouse_name: str) -> bytes:
    return PdfSigner(key).sign_with_attachment(
        pdf,
        DOSSIER_FILE,
        body,
        "Item dossier data (signed)",
        field_name=FIELD_NAME,
        location=warehouse_name,
        reason=f"物品档案 Item dossier {tag}",
    )
