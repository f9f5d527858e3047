"""The slip that travels back with a rejected piece: the merchant reads why, in plain
Chinese, without knowing the warehouse's reason codes."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime

from app import resources
from app.core.carriers import carrier_name
from app.core.clock import DEFAULT_TIME_ZONE, format_local

FONT_NAME = "WQYMicroHei"

REASONS_ZH = {
    "counterfeit": "经鉴定，该物品为仿冒品，与所申报的品牌或材质不符。",
    "undisclosed_treatment": "经鉴定，该物品存在未申报的优化处理（如充填、染色、辐照等）。",
    "not_as_declared": "经鉴定，该物品的材质、重量或规格与商家申报不符。",
    "activation_locked": "该手机开启了激活锁（ID 锁），买家无法正常使用。",
    "blacklisted": "该手机的 IMEI 已被列入黑名单（挂失或欠费），无法销售。",
    "damaged": "该物品存在损坏，不符合销售条件。",
    "other": "该物品未通过鉴定。",
}


def reason_text(code: str) -> str:
    return REASONS_ZH.get(code, REASONS_ZH["other"])


@dataclass(frozen=True)
class SlipFacts:
    warehouse_name: str
    merchant_name: str
    merchant_id: str
    tag: str
    title: str
    order_no: str
    reason_code: str
    note: str
    carrier: str  # code (SF, YTO, ...); printed as the carrier's name
    waybill_no: str  # as normalised, already carrying the carrier's own prefix
    rejected_at: datetime
    dispatched_at: datetime
    clerk: str  # display name
    time_zone: str = DEFAULT_TIME_ZONE


def _font() -> str:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if FONT_NAME not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT_NAME, str(resources.cjk_font()), subfontIndex=0))
    return FONT_NAME


def wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """Lines that fit ``width`` points. The writer's own line breaks are kept; Chinese has
    no spaces to break at, so a line is cut where the next character would not fit."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    out: list[str] = []
    for para in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = ""
        for ch in para:
            if line and stringWidth(line + ch, font, size) > width:
                out.append(line)
                line = ""
            line += ch
        out.append(line)
    return out


def slip_rows(f: SlipFacts) -> list[tuple[str, str]]:
    """What the slip states, label and value, in the order printed."""
    merchant = f.merchant_name if f.merchant_id in ("", "—") else f"{f.merchant_name}（商家编号 {f.merchant_id}）"
    return [
        ("商家", merchant),
        ("物品标签", f.tag),
        ("物品名称", f.title),
        ("订单号", f.order_no or "—"),
        ("拒收日期", format_local(f.rejected_at, f.time_zone)[:10]),
        ("承运快递", carrier_name(f.carrier, "zh_CN")),
        ("退回运单号", f.waybill_no),
        ("发出时间", format_local(f.dispatched_at, f.time_zone)),
        ("经办人", f.clerk),
    ]


def render_return_slip(f: SlipFacts) -> bytes:
    from reportlab.lib.pagesizes import A5
    from reportlab.lib.units import mm
    from reportlab.pdfgen import canvas

    font = _font()
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A5, invariant=True)
    c.setTitle(f"退货单 {f.tag}")
    width, height = A5
    left, value_x, right = 15 * mm, 40 * mm, width - 15 * mm
    y = height - 20 * mm
    c.setFont(font, 18)
    c.drawCentredString(width / 2, y, f"{f.warehouse_name} · 退货单")
    y -= 12 * mm
    c.setFont(font, 10)
    for label, value in slip_rows(f):
        c.drawString(left, y, f"{label}：")
        for line in wrap(value, font, 10, right - value_x):
            c.drawString(value_x, y, line)
            y -= 6 * mm
    y -= 4 * mm
    c.setFont(font, 13)
    c.drawString(left, y, "退回原因")
    y -= 8 * mm
    c.setFont(font, 12)
    for line in wrap(reason_text(f.reason_code), font, 12, right - left):
        c.drawString(left, y, line)
        y -= 7 * mm
    if f.note.strip():
        c.setFont(font, 10)
        y -= 2 * mm
        for line in wrap("鉴定说明：" + f.note.strip(), font, 10, right - left):
            if y < 22 * mm:  # a very long note continues on a second page
                c.showPage()
                c.setFont(font, 10)
                y = height - 20 * mm
            c.drawString(left, y, line)
            y -= 6 * mm
    c.setFont(font, 8)
    c.drawString(left, 15 * mm, "如对鉴定结论有异议，请在收到退货后 7 日内通过平台商家后台申请复核。")
    c.showPage()
    c.save()
    return buf.getvalue()
