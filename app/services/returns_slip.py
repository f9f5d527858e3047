"""The slip that travels back with a rejected piece: the merchant reads why, in plain
Chinese, without knowing the warehouse's reason codes."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

FONT_FILE = Path(__file__).resolve().parents[2] / "resources" / "fonts" / "wqy-microhei.ttc"
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
    carrier: str
    waybill_no: str
    rejected_at: datetime
    dispatched_at: datetime
    clerk: str


def _font() -> str:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if FONT_NAME not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT_NAME, str(FONT_FILE), subfontIndex=0))
    return FONT_NAME


def _wrap(text: str, width: int) -> list[str]:
    """Chinese has no spaces to break at: cut by character count."""
    out: list[str] = []
    for para in text.splitlines() or [""]:
        while len(para) > width:
            out.append(para[:width])
            para = para[width:]
        out.append(para)
    return out


def render_return_slip(f: SlipFacts) -> bytes:
    from reportlab.lib.pagesizes import A5
    from reportlab.lib.units import mm
    from reportlab.pdfgen import canvas

    font = _font()
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A5, invariant=True)
    c.setTitle(f"退货单 {f.tag}")
    width, height = A5
    y = height - 20 * mm
    c.setFont(font, 18)
    c.drawCentredString(width / 2, y, f"{f.warehouse_name} · 退货单")
    y -= 12 * mm
    c.setFont(font, 10)
    rows = [("商家", f"{f.merchant_name}（{f.merchant_id}）"), ("物品标签", f.tag), ("物品名称", f.title),
            ("订单号", f.order_no or "—"), ("拒收日期", f"{f.rejected_at:%Y-%m-%d}"),
            ("退回运单", f"{f.carrier} {f.waybill_no}"), ("发出时间", f"{f.dispatched_at:%Y-%m-%d %H:%M} UTC"),
            ("经办人", f.clerk)]
    for label, value in rows:
        c.drawString(15 * mm, y, f"{label}：")
        for line in _wrap(value, 30):
            c.drawString(38 * mm, y, line)
            y -= 6 * mm
    y -= 4 * mm
    c.setFont(font, 13)
    c.drawString(15 * mm, y, "退回原因")
    y -= 8 * mm
    c.setFont(font, 12)
    for line in _wrap(reason_text(f.reason_code), 28):
        c.drawString(15 * mm, y, line)
        y -= 7 * mm
    if f.note.strip():
        c.setFont(font, 10)
        y -= 2 * mm
        for line in _wrap("鉴定说明：" + f.note.strip(), 34):
            c.drawString(15 * mm, y, line)
            y -= 6 * mm
    c.setFont(font, 8)
    c.drawString(15 * mm, 15 * mm, "如对鉴定结论有异议，请在收到退货后 7 日内通过平台商家后台申请复核。")
    c.showPage()
    c.save()
    return buf.getvalue()
