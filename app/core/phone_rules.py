"""Used-phone rules, kept in one place: what in an inspection box report (protocol v2,
``report`` object) fails a phone, what must be disclosed on its certificate, and how it
compares with the merchant's declaration and the item's tag record.

Disclosures are never hidden: a replaced part or a failed test does not fail the phone by
itself, but it must be printed. A report the box could not fill in is read defensively
(nulls, unknown part names); a report with the wrong shape is refused with a reason.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, timedelta
from typing import Any

from app.core.errors import ValidationError
from app.core.grading import Disclosure, Evaluation, Finding, PhoneResult
from app.core.vocab import phone
from app.core.vocab.phone import WARRANTY_DAYS, imei_valid, luhn_ok

BATTERY_SERVICE_PCT = 80  # below this phone makers recommend battery service
REPORT_VERSION = 2

__all__ = [
    "WARRANTY_DAYS",
    "check_report",
    "draft_result",
    "evaluate_report",
    "imei_valid",
    "luhn_ok",
    "warranty_until",
]


def warranty_until(certified_at: datetime | date) -> datetime | date:
    """End of the platform's 180-day warranty counted from certification."""
    if isinstance(certified_at, datetime) and certified_at.tzinfo is None:
        raise ValidationError("认证时间必须带时区", "the certification time must carry a time zone")
    if not isinstance(certified_at, date):
        raise ValidationError("认证时间无效", "invalid certification time")
    return certified_at + timedelta(days=WARRANTY_DAYS)


def _malformed(zh: str, en: str) -> ValidationError:
    return ValidationError(f"检测报告格式错误：{zh}", f"malformed inspection report: {en}", code="malformed_report")


def _entries(
    report: Mapping[str, Any], key: str, name_key: str, value_key: str, allowed: tuple[str, ...]
) -> list[tuple[str, str | None, str]]:
    raw = report.get(key)
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise _malformed(f"{key} 不是列表", f"{key} is not a list")
    out = []
    for entry in raw:
        if not isinstance(entry, Mapping) or not isinstance(entry.get(name_key), str):
            raise _malformed(f"{key} 中有无效条目", f"{key} has an invalid entry")
        value = entry.get(value_key)
        if value is not None and value not in allowed:
            raise _malformed(
                f"{entry[name_key]} 的状态 {value!r} 无效", f"{entry[name_key]} has invalid {value_key} {value!r}"
            )
        detail = entry.get("detail")
        out.append((entry[name_key], value, detail if isinstance(detail, str) else ""))
    return out


def check_report(report: object) -> Mapping[str, Any]:
    """Refuse a report whose shape is wrong; nulls inside it are allowed (unread fields)."""
    if not isinstance(report, Mapping):
        raise _malformed("不是对象", "not an object")
    if report.get("report_version") != REPORT_VERSION:
        raise _malformed(
            f"版本 {report.get('report_version')!r} 不受支持", f"unsupported version {report.get('report_version')!r}"
        )
    if not isinstance(report.get("identity"), Mapping):
        raise _malformed("缺少机身信息 identity", "identity is missing")
    for key in ("locks", "flags", "battery"):
        if report.get(key) is not None and not isinstance(report.get(key), Mapping):
            raise _malformed(f"{key} 不是对象", f"{key} is not an object")
    _entries(report, "parts", "part", "status", ("original", "replaced", "unknown"))
    _entries(report, "functions", "test", "result", ("pass", "fail", "skipped"))
    return report


def _f(code: str, zh: str, en: str, severity: str, reason: str | None = None) -> Finding:
    return Finding(code=code, zh=zh, en=en, severity=severity, reason_code=reason)


def _section(report: Mapping[str, Any], key: str) -> Mapping[str, Any]:
    value = report.get(key)
    return value if isinstance(value, Mapping) else {}


def _imei_findings(identity: Mapping[str, Any], declared: Mapping[str, Any], recorded: str | None) -> list[Finding]:
    imeis = [v for v in (identity.get("imei"), identity.get("imei2")) if isinstance(v, str)]
    findings: list[Finding] = []
    if not imeis:
        return [
            _f(
                "imei_unread",
                "检测盒未读到 IMEI，无法确认机身身份",
                "the box could not read the IMEI; the phone's identity is unconfirmed",
                "fail",
                "other",
            )
        ]
    for value in imeis:
        if not imei_valid(value):
            # The box repeats what the phone says: a bad check digit means the phone lies.
            findings.append(
                _f(
                    "imei_invalid",
                    f"手机报告的 IMEI {value} 校验位错误，身份不可信",
                    f"the phone reports IMEI {value} with a wrong check digit; identity not trustworthy",
                    "fail",
                    "not_as_declared",
                )
            )
    want = declared.get("imei")
    if isinstance(want, str) and want.strip():
        if want.strip() not in imeis:
            findings.append(
                _f(
                    "imei_mismatch_declared",
                    f"申报 IMEI {want} 与检测结果 {'/'.join(imeis)} 不符",
                    f"declared IMEI {want} differs from the phone's {'/'.join(imeis)}",
                    "fail",
                    "not_as_declared",
                )
            )
    if recorded and recorded not in imeis:
        findings.append(
            _f(
                "imei_mismatch_record",
                f"IMEI 与本标签收货记录 {recorded} 不符：不是收货时的那台手机，请停止并上报",
                f"IMEI differs from this tag's receiving record {recorded}: not the phone received; stop and report",
                "fail",
                "other",
            )
        )
    return findings


def _norm(text: object) -> str:
    return "".join(str(text).split()).casefold() if text is not None else ""


def _model_key(text: object, brand: phone.Term | None) -> str:
    key = _norm(text)
    if brand is not None:
        for word in (brand.zh, brand.en, *brand.aliases):
            w = _norm(word)
            if key.startswith(w) and not (brand.code == "apple" and w == "iphone"):
                key = key[len(w) :]
        if brand.code == "apple" and not key.startswith("iphone"):
            key = "iphone" + key  # "苹果13" and "Apple 13" both mean iPhone 13
    return key


def _storage_gb(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    text = _norm(value)
    for suffix, factor in (("tb", 1024), ("gb", 1), ("g", 1), ("", 1)):
        if text.endswith(suffix) and text[: len(text) - len(suffix)].isdigit():
            return int(text[: len(text) - len(suffix)]) * factor
    return None


def _declaration_findings(identity: Mapping[str, Any], declared: Mapping[str, Any]) -> list[Finding]:
    findings: list[Finding] = []

    def differs(code: str, zh: str, en: str, want: object, have: object) -> None:
        if have is None:
            findings.append(
                _f(
                    f"{code}_unread",
                    f"检测盒未读到{zh}，请人工核对申报值 {want}",
                    f"the box could not read the {en}; check the declared {want} by hand",
                    "warning",
                )
            )
        else:
            findings.append(
                _f(
                    f"{code}_differs",
                    f"{zh}：申报 {want}，实测 {have}",
                    f"{en}: declared {want}, found {have}",
                    "fail",
                    "not_as_declared",
                )
            )

    want_brand, have_brand = declared.get("brand"), identity.get("brand")
    brand = phone.BRANDS.find(have_brand) or phone.BRANDS.find(want_brand)
    if want_brand is not None:
        a, b = phone.BRANDS.find(want_brand), phone.BRANDS.find(have_brand)
        if (a.code if a else _norm(want_brand)) != (b.code if b else _norm(have_brand)) or have_brand is None:
            differs("brand", "品牌", "brand", want_brand, have_brand)
    want_model = declared.get("model")
    if want_model is not None:
        have = [identity.get("marketing_name"), identity.get("model_number")]
        keys = {_model_key(h, brand) for h in have if h}
        if _model_key(want_model, brand) not in keys or not keys:
            differs(
                "model", "型号", "model", want_model, identity.get("marketing_name") or identity.get("model_number")
            )
    if declared.get("storage_gb") is not None:
        want_gb, have_gb = _storage_gb(declared.get("storage_gb")), _storage_gb(identity.get("storage_gb"))
        if want_gb is None or want_gb != have_gb:
            differs("storage", "存储容量", "storage", declared.get("storage_gb"), identity.get("storage_gb"))
    want_colour, have_colour = declared.get("color"), identity.get("color")
    if want_colour is not None:
        a, b = phone.COLOURS.find(want_colour), phone.COLOURS.find(have_colour)
        if (a.code if a else _norm(want_colour)) != (b.code if b else _norm(have_colour)) or have_colour is None:
            differs("colour", "颜色", "colour", want_colour, have_colour)
    return findings


def _detail_notes(detail: str) -> tuple[str, str]:
    """The box's detail text in words where the vocabulary knows it, else as the box's own."""
    if not detail:
        return "", ""
    return f"（{phone.box_detail(detail, 'zh_CN')}）", f" ({phone.box_detail(detail, 'en')})"


def _disclosures(report: Mapping[str, Any]) -> tuple[list[Disclosure], list[str], list[Finding]]:
    disclosures: list[Disclosure] = []
    findings: list[Finding] = []
    parts = _entries(report, "parts", "part", "status", ("original", "replaced", "unknown"))
    for part, status, detail in parts:
        zh, en = phone.part_name(part)
        note_zh, note_en = _detail_notes(detail)
        if status == "replaced":
            disclosures.append(Disclosure("part_replaced", part, f"{zh}已更换{note_zh}", f"{en} replaced{note_en}"))
        elif status in ("unknown", None):
            disclosures.append(
                Disclosure("part_unverified", part, f"{zh}无法验证是否原装", f"{en}: originality could not be verified")
            )
    skipped: list[str] = []
    for test, result, detail in _entries(report, "functions", "test", "result", ("pass", "fail", "skipped")):
        zh, en = phone.function_test_name(test)
        if result == "fail":
            note_zh, note_en = _detail_notes(detail)
            disclosures.append(Disclosure("function_failed", test, f"{zh}功能异常{note_zh}", f"{en} failed{note_en}"))
        elif result != "pass":  # skipped, or null = never ran
            skipped.append(test)
    battery = _section(report, "battery")
    battery_replaced = any(p == "battery" and s == "replaced" for p, s, _ in parts)
    if battery.get("original") is False and not battery_replaced:
        disclosures.append(Disclosure("battery_not_original", "battery", "电池非原装", "battery is not original"))
    health = battery.get("health_pct")
    if isinstance(health, int) and not isinstance(health, bool) and health < BATTERY_SERVICE_PCT:
        disclosures.append(
            Disclosure(
                "battery_worn",
                "battery",
                f"电池健康度 {health}%，低于 {BATTERY_SERVICE_PCT}%",
                f"battery health {health}%, below {BATTERY_SERVICE_PCT}%",
            )
        )
    locks, flags = _section(report, "locks"), _section(report, "flags")
    if locks.get("activation_lock") is True:
        findings.append(_f("activation_locked", "激活锁未解除", "activation lock is on", "fail", "activation_locked"))
    if locks.get("mdm") is True:
        findings.append(
            _f(
                "mdm_enrolled",
                "设备受企业管理（MDM）锁定",
                "the phone is enrolled in device management (MDM)",
                "fail",
                "activation_locked",
            )
        )
    for key, zh, en in (("activation_lock", "激活锁", "activation lock"), ("mdm", "MDM 管理锁", "MDM lock")):
        if locks.get(key) is None:
            findings.append(
                _f(
                    f"{key}_unread",
                    f"检测盒未读到{zh}状态，必须人工确认后才能认证",
                    f"the box could not read the {en} state; confirm by hand before certifying",
                    "warning",
                )
            )
    if locks.get("carrier_lock") is True:
        disclosures.append(Disclosure("carrier_locked", "carrier_lock", "有运营商网络锁", "carrier (network) locked"))
    if flags.get("jailbroken") is True:
        disclosures.append(Disclosure("jailbroken", "jailbroken", "系统已越狱/root", "jailbroken or rooted"))
    if flags.get("liquid_damage") is True:
        disclosures.append(Disclosure("liquid_damage", "liquid_damage", "有进水痕迹", "liquid damage detected"))
    return disclosures, skipped, findings


def evaluate_report(report: object, declared: object = None, *, recorded_imei: str | None = None) -> Evaluation:
    """Findings, disclosures and skipped tests for one box report. ``declared`` is the ASN
    line's ``declared`` object (any JSON value); ``recorded_imei`` the IMEI stored when this
    item's tag was received, if any. Raises ValidationError only for a malformed report."""
    data = check_report(report)
    identity = _section(data, "identity")
    decl: Mapping[str, Any] = declared if isinstance(declared, Mapping) else {}
    findings = _imei_findings(identity, decl, recorded_imei if isinstance(recorded_imei, str) else None)
    findings += _declaration_findings(identity, decl)
    disclosures, skipped, lock_findings = _disclosures(data)
    findings += lock_findings
    return Evaluation(findings=tuple(findings), disclosures=tuple(disclosures), skipped_tests=tuple(skipped))


def defect_rejection(defect: object, note: object) -> tuple[str, str]:
    """(reason_code, note) for failing a phone for a defect the box cannot see."""
    term = phone.PHONE_DEFECTS.find(defect) if isinstance(defect, str) else None
    if term is None:
        raise ValidationError("请选择缺陷类型", "Choose the defect", code="no_defect")
    text = note.strip() if isinstance(note, str) else ""
    return phone.DEFECT_REASON, (f"鉴定师发现：{term.zh}" + (f"；{text}" if text else ""))[:2000]


def draft_result(
    report: object,
    evaluation: Evaluation,
    *,
    cosmetic_grade: str,
    report_id: str | None = None,
    cosmetic_marks: tuple[str, ...] = (),
) -> PhoneResult:
    """The phone part of a grading result pre-filled from the report; the appraiser adds the
    cosmetic grade (the box cannot see scratches). ``report_id`` is the box's ``report``
    message field, which sits outside the report object."""
    checked = check_report(report)
    identity = _section(checked, "identity")
    brand = phone.BRANDS.find(identity.get("brand"))
    colour = phone.COLOURS.find(identity.get("color"))
    health = _section(checked, "battery").get("health_pct")
    return PhoneResult(
        brand=brand.code if brand else str(identity.get("brand")),
        model=str(identity.get("marketing_name") or identity.get("model_number") or ""),
        storage_gb=identity.get("storage_gb"),  # type: ignore[arg-type]  # a raw report value: PhoneResult validates it
        imei=identity.get("imei"),
        imei2=identity.get("imei2"),
        colour=colour.code if colour else None,
        cosmetic_grade=cosmetic_grade,
        battery_health_pct=health if isinstance(health, int) and not isinstance(health, bool) else None,
        report_id=report_id,
        disclosures=evaluation.disclosures,
        skipped_tests=evaluation.skipped_tests,
        cosmetic_marks=tuple(cosmetic_marks),
    )
