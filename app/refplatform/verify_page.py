"""The public verification answer (platform-api.md §5): JSON, or a page a buyer reads on a
phone after scanning the certificate's QR code.

The page shows what the warehouse certified — the ``summary`` carried by ``certificate.issued``
(1.1): the certified name, the facts, the disclosures and the front photo — never the
merchant's listing title. For a phone it is the second-hand "ID card": model, storage,
colour, masked IMEI, battery, each part's originality, the function tests, disclosures,
cosmetic grade and warranty end. Everything shown is escaped: numbers come from the URL and
summaries from workstations."""

from __future__ import annotations

from html import escape
from typing import Any
from urllib.parse import quote

CATEGORY_ZH = {"jewelry": "珠宝首饰 Jewelry", "phone": "二手手机 Pre-owned phone"}
STATUS_VIEW = {  # status -> (headline, explanation, colour)
    "valid": ("证书有效 Valid", "本证书由珍宝仓鉴定仓签发，目前有效。This certificate is in force.", "#1b7f3b"),
    "voided": (
        "证书已作废 VOID",
        "本证书已被签发仓作废，不能再作为凭证。This certificate has been voided by its issuer; do not rely on it.",
        "#b3261e",
    ),
    "unknown": (
        "查无此证书 Unknown",
        "平台没有这张证书的记录，请核对编号或联系卖家。The platform has no record of this certificate.",
        "#7a6400",
    ),
}


def verify_json(number: str, cert: dict[str, Any] | None) -> dict[str, Any]:
    if cert is None:
        return {
            "certificate_no": number,
            "status": "unknown",
            "item_tag": None,
            "category": None,
            "summary": None,
            "issued_at": None,
            "warranty_until": None,
            "photo_sha256": None,
        }
    summary = cert.get("summary") if isinstance(cert.get("summary"), dict) else None
    return {
        "certificate_no": cert["certificate_no"],
        "status": cert["status"],
        "item_tag": cert["item_tag"],
        "category": (summary or {}).get("category") or cert["category"],
        "summary": summary,  # what was certified; never the merchant's title
        "issued_at": cert["issued_at"],
        "warranty_until": cert["warranty_until"],
        "photo_sha256": (summary or {}).get("photo_sha256") or cert["photo_sha256"],
    }


def _row(label: str, value: Any, cls: str = "") -> str:
    return (
        f"<div class='row {cls}'><span class='k'>{escape(label)}</span>"
        f"<span class='v'>{escape(str(value if value not in (None, '') else '—'))}</span></div>"
    )


def _label(zh: str, en: str) -> str:
    return zh if zh == en else f"{zh} {en}"


def _summary_html(number: str, data: dict[str, Any], cert: dict[str, Any]) -> str:
    summary = data["summary"]
    parts: list[str] = []
    if summary is None:
        parts.append(
            "<p class='note'>签发仓未提供证书摘要，请以纸质证书为准。The issuer published no summary; "
            "rely on the paper certificate.</p>"
        )
    else:
        parts.append(f"<h2 class='name'>{escape(summary['name'])}</h2>")
        if data["photo_sha256"]:
            parts.append(f"<img class='photo' alt='正面照片 front photo' src='{escape(quote(number, safe=''))}/photo'>")
        parts.append("<div class='facts'>")
        parts.extend(_row(_label(f["label_zh"], f["label_en"]), f["value"]) for f in summary.get("facts", []))
        parts.append("</div>")
        disclosures = summary.get("disclosures") or []
        parts.append("<h3>披露 Disclosures</h3>")
        if disclosures:
            parts.append("<ul class='disc'>" + "".join(f"<li>{escape(d)}</li>" for d in disclosures) + "</ul>")
        else:
            parts.append("<p class='note'>无需披露事项 Nothing to disclose</p>")
    parts.append("<div class='facts meta'>")
    parts.append(_row("类别 Category", CATEGORY_ZH.get(data["category"] or "", data["category"])))
    parts.append(_row("物品标签 Item tag", data["item_tag"]))
    parts.append(_row("签发日期 Issued", (data["issued_at"] or "")[:10]))
    if data["category"] == "phone" and summary is None:  # a summary lists the warranty among its facts
        parts.append(_row("保修至 Warranty until", (data["warranty_until"] or "")[:10]))
    if cert.get("replaced_by"):
        parts.append(_row("替代证书 Replaced by", cert["replaced_by"], "bad"))
    parts.append("</div>")
    return "".join(parts)


def render_verify_page(number: str, cert: dict[str, Any] | None) -> str:
    data = verify_json(number, cert)
    headline, explanation, colour = STATUS_VIEW[data["status"]]
    body = _summary_html(number, data, cert) if cert is not None else ""
    voided = " voided" if data["status"] == "voided" else ""
    return f"""<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>证书验证 {escape(number)} · 珍宝仓</title>
<style>
body{{margin:0;font-family:-apple-system,"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;
background:#f4f1ea;color:#222;line-height:1.5;-webkit-text-size-adjust:100%}}
header{{background:#3b2f1e;color:#f1d9a7;padding:12px 16px;font-size:17px;letter-spacing:1px}}
main{{max-width:560px;margin:0 auto;padding:12px}}
.card{{background:#fff;border-radius:14px;box-shadow:0 2px 10px rgba(0,0,0,.08);overflow:hidden}}
.status{{background:{colour};color:#fff;padding:16px}}
.status h1{{margin:0;font-size:24px}} .status p{{margin:6px 0 0;font-size:14px;opacity:.95}}
.no{{padding:10px 16px;border-bottom:1px solid #eee;font-size:14px;color:#555;word-break:break-all}}
.num{{font-size:18px;letter-spacing:1px;color:#1f3a5f;white-space:nowrap}}
.name{{margin:14px 16px 8px;font-size:20px;color:#1f3a5f}}
.photo{{display:block;width:calc(100% - 32px);max-width:320px;height:200px;margin:4px auto 10px;
border-radius:10px;object-fit:contain;background:#f4f1ea}}
.row{{display:flex;justify-content:space-between;gap:12px;padding:9px 16px;border-bottom:1px solid #f0f0f0;
font-size:15px}}
.k{{color:#666;flex:0 1 45%}} .v{{text-align:right;font-weight:600;flex:1 1 55%;word-break:break-word}}
.bad .v{{color:#b3261e}}
h3{{margin:14px 16px 4px;font-size:15px;color:#b45309}}
.disc{{margin:0 16px 10px;padding:8px 12px 8px 26px;background:#fff7ea;border-radius:8px;color:#7a3f06}}
.note{{margin:8px 16px;color:#666;font-size:14px}}
.meta{{margin-top:8px;border-top:6px solid #f4f1ea}}
.voided .name,.voided .facts,.voided .disc,.voided .photo{{opacity:.55}}
footer{{text-align:center;color:#888;font-size:12px;padding:16px}}
</style></head>
<body><header>珍宝仓 · 鉴定证书验证</header>
<main><div class="card{voided}">
<div class="status"><h1>{escape(headline)}</h1><p>{escape(explanation)}</p></div>
<div class="no">证书编号 Certificate No.<br><b class="num">{escape(number)}</b></div>
{body}
</div>
<footer>Treasure Warehouse certificate verification · 结果以平台记录为准</footer>
</main></body></html>
"""
