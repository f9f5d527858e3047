"""The public verification answer (platform-api.md §5): JSON, or a page a buyer reads on a
phone after scanning the certificate's QR code. Everything shown is escaped: certificate
numbers come straight from the URL."""

from __future__ import annotations

from html import escape
from typing import Any

CATEGORY_ZH = {"jewelry": "珠宝首饰", "phone": "手机"}
STATUS_VIEW = {  # status -> (headline, explanation, colour)
    "valid": ("证书有效", "本证书由珍宝仓签发，目前有效。", "#1b7f3b"),
    "voided": ("证书已作废", "本证书已被签发方作废，请勿以此为凭。", "#b3261e"),
    "unknown": ("查无此证书", "平台没有这张证书的记录，请核对编号或联系卖家。", "#7a6400"),
}


def verify_json(number: str, cert: dict[str, Any] | None) -> dict[str, Any]:
    if cert is None:
        return {"certificate_no": number, "status": "unknown", "item_tag": None, "category": None,
                "summary": None, "issued_at": None, "warranty_until": None, "photo_sha256": None}
    return {
        "certificate_no": cert["certificate_no"],
        "status": cert["status"],
        "item_tag": cert["item_tag"],
        "category": cert["category"],
        "summary": cert["summary"] or cert["title"],  # the payload's summary; else the announced title
        "issued_at": cert["issued_at"],
        "warranty_until": cert["warranty_until"],
        "photo_sha256": cert["photo_sha256"],
    }


def render_verify_page(number: str, cert: dict[str, Any] | None) -> str:
    data = verify_json(number, cert)
    headline, explanation, colour = STATUS_VIEW[data["status"]]
    rows = []
    if cert is not None:
        warranty = data["warranty_until"] or ("无" if data["category"] != "phone" else "—")
        for label, value in (
            ("物品标签", data["item_tag"]),
            ("类别", CATEGORY_ZH.get(data["category"] or "", data["category"])),
            ("鉴定摘要", data["summary"]),
            ("签发日期", (data["issued_at"] or "")[:10]),
            ("保修至", warranty[:10] if data["warranty_until"] else warranty),
        ):
            rows.append(f"<div class='row'><span class='k'>{escape(label)}</span>"
                        f"<span class='v'>{escape(str(value or '—'))}</span></div>")
        if cert.get("replaced_by"):
            rows.append(f"<div class='row'><span class='k'>替代证书</span>"
                        f"<span class='v'>{escape(str(cert['replaced_by']))}</span></div>")
    return f"""<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>证书验证 {escape(number)} · 珍宝仓</title>
<style>
body{{margin:0;font-family:-apple-system,"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;
background:#f4f1ea;color:#222;line-height:1.5}}
header{{background:#3b2f1e;color:#f1d9a7;padding:14px 18px;font-size:18px;letter-spacing:2px}}
main{{max-width:520px;margin:0 auto;padding:16px}}
.card{{background:#fff;border-radius:14px;box-shadow:0 2px 10px rgba(0,0,0,.08);overflow:hidden}}
.status{{background:{colour};color:#fff;padding:20px 18px}}
.status h1{{margin:0;font-size:26px}} .status p{{margin:6px 0 0;font-size:15px;opacity:.95}}
.no{{padding:12px 18px;border-bottom:1px solid #eee;font-size:14px;color:#555;word-break:break-all}}
.row{{display:flex;justify-content:space-between;gap:12px;padding:12px 18px;border-bottom:1px solid #f0f0f0}}
.k{{color:#777;white-space:nowrap}} .v{{text-align:right;font-weight:600;word-break:break-word}}
footer{{text-align:center;color:#888;font-size:12px;padding:18px}}
</style></head>
<body><header>珍宝仓 · 鉴定证书验证</header>
<main><div class="card">
<div class="status"><h1>{escape(headline)}</h1><p>{escape(explanation)}</p></div>
<div class="no">证书编号 Certificate No.：{escape(number)}</div>
{''.join(rows)}
</div>
<footer>Treasure Warehouse certificate verification · 结果以平台记录为准</footer>
</main></body></html>
"""
