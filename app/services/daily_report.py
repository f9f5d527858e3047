"""The supervisor's daily report as a PDF (A4, Chinese and English, the certificates' embedded
font): the day's figures, the queue per stage, pass/fail by reason, phones by grade, people,
stations and merchants, from one ``Dashboard``. Printable or sent as it is."""

from __future__ import annotations

import io
from typing import Any

from app.core.clock import format_local
from app.core.lifecycle import STATE_NAMES, ItemState
from app.core.supervision import DAY_STAGES
from app.core.vocab.reasons import reason_name
from app.services.dashboard import Dashboard


def render_daily_report(d: Dashboard, warehouse_name: str, lang: str = "zh_CN") -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    from app.certs.render import register_font

    font = register_font()
    zh = lang.startswith("zh")
    title_style = ParagraphStyle("t", fontName=font, fontSize=16, leading=22)
    head_style = ParagraphStyle("h", fontName=font, fontSize=11, leading=16, spaceBefore=8)
    small = ParagraphStyle("s", fontName=font, fontSize=8, leading=11, textColor=colors.HexColor("#4b5563"))

    def t(zh_text: str, en_text: str) -> str:
        return f"{zh_text} {en_text}" if zh else en_text

    def table(headers: list[str], rows: list[list[Any]]) -> Table:
        data = [headers] + ([[str(c) for c in r] for r in rows] or [["—"] + [""] * (len(headers) - 1)])
        tb = Table(data, hAlign="LEFT", repeatRows=1)
        tb.setStyle(
            TableStyle(
                [
                    ("FONTNAME", (0, 0), (-1, -1), font),
                    ("FONTSIZE", (0, 0), (-1, -1), 8),
                    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e5e7eb")),
                    ("GRID", (0, 0), (-1, -1), 0.3, colors.HexColor("#9ca3af")),
                ]
            )
        )
        return tb

    zone = d.time_zone
    story: list[Any] = [
        Paragraph(f"{warehouse_name} · {t('主管日报', 'Daily report')} · {d.day}", title_style),
        Paragraph(
            t("统计期间", "Period")
            + f": {format_local(d.start, zone)} – {format_local(d.end, zone)}　"
            + t("生成于", "made at")
            + f" {format_local(d.at, zone)}",
            small,
        ),
        Paragraph(t("今日各环节件数", "Pieces per stage"), head_style),
        table(
            [t("环节", "Stage"), t("期间", "Period"), t("当日", "Day")],
            [[s_zh if zh else s_en, d.totals[k], sum(d.per_hour[k])] for k, s_zh, s_en in DAY_STAGES],
        ),
        Paragraph(t("各小时件数", "Per hour"), head_style),
        table(
            [t("时", "Hour")] + [s_zh if zh else s_en for _k, s_zh, s_en in DAY_STAGES],
            [
                [f"{h:02d}"] + [d.per_hour[k][h] for k, _z, _e in DAY_STAGES]
                for h in range(24)
                if any(d.per_hour[k][h] for k, _z, _e in DAY_STAGES)
            ],
        ),
        Paragraph(t("各环节排队", "Queue per stage"), head_style),
        table(
            [t("状态", "State"), t("件数", "Pieces"), t("最早进入", "Waiting since")],
            [
                [STATE_NAMES[ItemState(q.state)][0 if zh else 1], q.count, format_local(q.oldest, zone)]
                for q in d.queues
            ],
        ),
        Paragraph(t("通过/不通过（按原因）", "Pass / fail by reason"), head_style),
        table(
            [t("结论", "Verdict"), t("原因", "Reason"), t("件数", "Results")],
            [[v, reason_name(r, lang) if r else "—", n] for (v, r), n in sorted(d.verdicts.items())],
        ),
        Paragraph(t("手机成色", "Phones by cosmetic grade"), head_style),
        table([t("成色", "Grade"), t("件数", "Phones")], [[g, n] for g, n in sorted(d.phone_grades.items())]),
        Paragraph(t("鉴定师", "Appraisers"), head_style),
        table(
            [t("鉴定师", "Appraiser"), t("分级结果", "Results"), t("通过", "Passed")], [list(a) for a in d.appraisers]
        ),
        Paragraph(t("工作站", "Stations"), head_style),
        table([t("工作站", "Station"), t("审计记录", "Audit entries")], sorted(map(list, d.stations.items()))),
        Paragraph(t("拒收率最高的商家", "Merchants by rejection rate"), head_style),
        table(
            [t("商家", "Merchant"), t("收货", "Received"), t("拒收", "Rejected"), t("拒收率", "Rate")],
            [
                [m.merchant_name, m.received, m.rejected, f"{m.rejection_rate:.0%}" if m.received else "—"]
                for m in d.merchants_by_rate
            ],
        ),
        Paragraph(t("假冒最多的商家", "Merchants by counterfeit count"), head_style),
        table(
            [t("商家", "Merchant"), t("假冒", "Counterfeit")],
            [[m.merchant_name, m.counterfeit] for m in d.merchants_by_counterfeit],
        ),
        Spacer(1, 4 * mm),
    ]
    out = io.BytesIO()
    SimpleDocTemplate(
        out,
        pagesize=A4,
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=15 * mm,
        bottomMargin=15 * mm,
        title=f"{warehouse_name} {d.day}",
    ).build(story)
    return out.getvalue()
