"""What a certificate says, its number, and the exact bytes its QR code signs.

Pure stdlib: the service layer composes a ``CertificateFacts`` from measurements,
``app.certs`` renders, signs and verifies it. The QR text format is specified in
``docs/certificate-qr-format.md`` and coded in ``app.core.qr_format``.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any, NamedTuple

from stdnum.iso7064 import mod_37_36, mod_97_10

from app.core import qr_format
from app.core.clock import parse_rfc3339, rfc3339
from app.core.errors import ValidationError
from app.core.vocab import gems, phone
from app.core.vocab.phone import WARRANTY_DAYS, luhn_ok

CATEGORIES = ("jewelry", "phone")

# ---------------------------------------------------------------- signing key ids (platform-api.md §4, 1.1)
# "<warehouse_id>-<first 16 lowercase hex of SHA-256(DER SubjectPublicKeyInfo)>"
_ID_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-")
_HEX = frozenset("0123456789abcdef")


def valid_warehouse_id(text: str) -> bool:
    """1–32 of ``A-Z a-z 0-9 -``, not starting with ``-``: it travels unescaped in the QR URL."""
    return 1 <= len(text) <= 32 and text[0] != "-" and set(text) <= _ID_CHARS


def key_id_from_spki(warehouse_id: str, spki_der: bytes) -> str:
    """The key id the 1.1 binding rule gives a public key (its DER SubjectPublicKeyInfo)."""
    if not valid_warehouse_id(warehouse_id):
        raise ValidationError(f"仓库编号只能含字母、数字和连字符：{warehouse_id!r}",
                              f"warehouse id may hold only letters, digits and '-': {warehouse_id!r}")
    return f"{warehouse_id}-{hashlib.sha256(spki_der).hexdigest()[:16]}"


def key_id_warehouse(key_id: str) -> str | None:
    """The warehouse a key id names, or None when the id does not have the 1.1 shape."""
    warehouse, dash, digest = key_id.rpartition("-")
    if not dash or len(digest) != 16 or not set(digest) <= _HEX or not valid_warehouse_id(warehouse):
        return None
    return warehouse

# ---------------------------------------------------------------- certificate number
# "TWC" + yymmdd + 6-digit sequence + check digits, in one of two formats told apart by
# their length (no single wrong character or neighbour swap changes a length, so a typo
# can never move a number from one scheme into the other):
#
# - 17 characters, dated from MOD97_SINCE on: two ISO 7064 MOD 97-10 check digits (as in
#   IBAN). 97 is prime and larger than any digit difference, and neighbouring weights
#   differ by a factor 10, so every single wrong digit and every swap of two neighbours
#   (check digits included) is caught.
# - 16 characters, dated before: one ISO 7064 MOD 37,36 check character, as issued then.
#   MOD 37,36 catches every single substitution but NOT every neighbour swap (about one
#   in 200 passes, e.g. TWC2611160001901 -> TWC2611160001910); those numbers stay valid
#   exactly as printed, with that weaker guarantee.
_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
CERT_PREFIX = "TWC"
LEGACY_CERT_NO_LENGTH = len(CERT_PREFIX) + 6 + 6 + 1
CERT_NO_LENGTH = len(CERT_PREFIX) + 6 + 6 + 2
MOD97_SINCE = date(2026, 12, 2)


def mod37_36_check_char(text: str) -> str:
    """The legacy check character (16-character numbers dated before MOD97_SINCE)."""
    return mod_37_36.calc_check_digit(text, _ALPHABET)


def mod97_10_check_digits(digits: str) -> str:
    """ISO 7064 MOD 97-10: the two digits that make ``digits`` + them ≡ 1 (mod 97)."""
    return mod_97_10.calc_check_digits(digits)


def make_certificate_no(day: date, seq: int) -> str:
    if not 1 <= seq <= 999_999:
        raise ValidationError(f"证书序号须在 1–999999 之间：{seq}", f"certificate sequence must be 1–999999: {seq}")
    digits = f"{day:%y%m%d}{seq:06d}"
    if day < MOD97_SINCE:  # a number that could exist before the change keeps its old form
        return CERT_PREFIX + digits + mod37_36_check_char(CERT_PREFIX + digits)
    return CERT_PREFIX + digits + mod97_10_check_digits(digits)


def validate_certificate_no(text: str) -> str:
    """Return the number unchanged, or raise ValidationError saying what is wrong."""
    if len(text) not in (CERT_NO_LENGTH, LEGACY_CERT_NO_LENGTH):
        raise ValidationError(f"证书编号长度应为 {CERT_NO_LENGTH} 位（旧编号 {LEGACY_CERT_NO_LENGTH} 位）：{text!r}",
                              f"certificate number must have {CERT_NO_LENGTH} characters "
                              f"({LEGACY_CERT_NO_LENGTH} for older numbers): {text!r}")
    if not text.startswith(CERT_PREFIX):
        raise ValidationError(f"证书编号应以 {CERT_PREFIX} 开头：{text!r}",
                              f"certificate number must start with {CERT_PREFIX}: {text!r}")
    digits = text[3:15]
    if not digits.isascii() or not digits.isdigit():
        raise ValidationError(f"证书编号第 4–15 位应为数字：{text!r}",
                              f"certificate number characters 4–15 must be digits: {text!r}")
    try:
        day = date(2000 + int(digits[:2]), int(digits[2:4]), int(digits[4:6]))  # %y would make 69-99 19xx
    except ValueError:
        raise ValidationError(f"证书编号中的日期无效：{text!r}",
                              f"certificate number holds an invalid date: {text!r}") from None
    legacy = len(text) == LEGACY_CERT_NO_LENGTH
    if legacy != (day < MOD97_SINCE):
        raise ValidationError(f"证书编号格式与其日期不符（可能输错）：{text!r}",
                              f"certificate number format does not fit its date (mistyped?): {text!r}")
    check = mod37_36_check_char(text[:-1]) if legacy else mod97_10_check_digits(digits)
    if text[15:] != check:
        raise ValidationError(f"证书编号校验位错误（可能输错）：{text!r}",
                              f"certificate number check character is wrong (mistyped?): {text!r}")
    return text


# ---------------------------------------------------------------- facts
class FactRow(NamedTuple):
    label_zh: str
    label_en: str
    value: str


class Disclosure(NamedTuple):
    zh: str
    en: str


@dataclass(frozen=True)
class CertificateFacts:
    """Everything printed on one certificate. ``key_fact`` is the one measured value the QR
    signs (``mass_key_fact`` or ``imei_key_fact``); ``facts`` are the printed rows."""

    certificate_no: str
    item_tag: str
    category: str
    name: str
    key_fact: str
    facts: tuple[FactRow, ...]
    disclosures: tuple[Disclosure, ...]
    verdict: str
    appraiser: str
    reviewer: str
    issued_at: datetime
    warranty_until: date | None
    warehouse_id: str
    warehouse_name: str
    photo_sha256: str | None = None

    def __post_init__(self) -> None:
        validate_certificate_no(self.certificate_no)
        if self.category not in CATEGORIES:
            raise ValidationError(f"未知品类：{self.category}", f"unknown category: {self.category}")
        if self.issued_at.tzinfo is None:
            raise ValidationError("签发时间须带时区", "issued_at must carry a time zone")
        if self.category == "phone" and self.warranty_until is None:
            raise ValidationError("手机证书须有保修截止日", "a phone certificate needs a warranty end date")
        if self.reviewer and self.reviewer == self.appraiser:
            raise ValidationError("复核人不能是鉴定人本人", "the reviewer must be another person than the appraiser")
        object.__setattr__(self, "facts", tuple(FactRow(*r) for r in self.facts))
        object.__setattr__(self, "disclosures", tuple(Disclosure(*d) for d in self.disclosures))
        for name_ in ("item_tag", "name", "key_fact", "warehouse_id"):
            _check_field(name_, getattr(self, name_))

    def qr_fields(self, version: int = qr_format.CURRENT_VERSION) -> tuple[str, ...]:
        """The signed facts the QR code of ``version`` carries, in their fixed order."""
        return qr_format.fields_for(version, self.item_tag, self.category, self.name, self.key_fact,
                                    self.issued_at.astimezone(UTC).date(), self.warranty_until)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form; embedded in the signed PDF so a verifier can compare it with a QR."""
        return {
            "format": qr_format.version_line(qr_format.CURRENT_VERSION, demo=False),
            "certificate_no": self.certificate_no, "item_tag": self.item_tag,
            "category": self.category, "name": self.name, "key_fact": self.key_fact,
            "facts": [list(r) for r in self.facts], "disclosures": [list(d) for d in self.disclosures],
            "verdict": self.verdict, "appraiser": self.appraiser, "reviewer": self.reviewer,
            "issued_at": rfc3339(self.issued_at),
            "warranty_until": self.warranty_until.isoformat() if self.warranty_until else None,
            "warehouse_id": self.warehouse_id, "warehouse_name": self.warehouse_name,
            "photo_sha256": self.photo_sha256,
        }

    @classmethod
    def from_dict(cls, raw: Mapping[str, Any]) -> CertificateFacts:
        try:
            return cls(
                certificate_no=raw["certificate_no"], item_tag=raw["item_tag"], category=raw["category"],
                name=raw["name"], key_fact=raw["key_fact"],
                facts=tuple(FactRow(*r) for r in raw["facts"]),
                disclosures=tuple(Disclosure(*d) for d in raw["disclosures"]),
                verdict=raw["verdict"], appraiser=raw["appraiser"], reviewer=raw["reviewer"],
                issued_at=parse_rfc3339(raw["issued_at"]),
                warranty_until=date.fromisoformat(raw["warranty_until"]) if raw["warranty_until"] else None,
                warehouse_id=raw["warehouse_id"], warehouse_name=raw["warehouse_name"],
                photo_sha256=raw.get("photo_sha256"))
        except (KeyError, TypeError, ValueError) as exc:
            raise ValidationError(f"证书内容格式错误：{exc}", f"certificate facts are malformed: {exc}") from None

    def public_summary(self) -> dict[str, Any]:
        """The optional ``summary`` of ``certificate.issued`` (platform-api.md §3, 1.1): what the
        public verification page shows. Identifiers other than the masked IMEI stay private."""
        facts = [{"label_zh": _clip(r.label_zh), "label_en": _clip(r.label_en), "value": _clip(r.value)}
                 for r in self.facts if r.label_en not in PRIVATE_ROWS]
        return {"name": _clip(self.name), "category": self.category, "facts": facts,
                "disclosures": [_clip(d.zh if d.zh == d.en else f"{d.zh} / {d.en}") for d in self.disclosures],
                "photo_sha256": self.photo_sha256}

    def canonical_json(self) -> bytes:
        return json.dumps(self.to_dict(), ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


PRIVATE_ROWS = frozenset({"Serial no."})  # printed on the paper, not published on the open web
SUMMARY_TEXT_MAX = 256  # platform-api.md §3 limits: a string field other than note/reason/statement


def _clip(text: str) -> str:
    return text if len(text) <= SUMMARY_TEXT_MAX else text[:SUMMARY_TEXT_MAX - 1] + "…"


def summary_problem(summary: Any) -> str | None:
    """The first part of a ``certificate.issued`` ``summary`` (1.1) that breaks its shape, or None."""
    if summary is None:
        return None
    if not isinstance(summary, dict):
        return "summary"
    for name in ("name", "category"):
        if not _short_text(summary.get(name)):
            return f"summary.{name}"
    if summary["category"] not in CATEGORIES:
        return "summary.category"
    facts = summary.get("facts", [])
    if not isinstance(facts, list) or not all(
            isinstance(f, dict) and all(_short_text(f.get(k)) for k in ("label_zh", "label_en"))
            and _short_text(f.get("value"), empty=True) for f in facts):
        return "summary.facts"
    disclosures = summary.get("disclosures", [])
    if not isinstance(disclosures, list) or not all(_short_text(d) for d in disclosures):
        return "summary.disclosures"
    photo = summary.get("photo_sha256")
    if photo is not None and not (isinstance(photo, str) and len(photo) == 64
                                  and all(c in "0123456789abcdef" for c in photo)):
        return "summary.photo_sha256"
    return None


def _short_text(value: Any, empty: bool = False) -> bool:
    return isinstance(value, str) and (empty or bool(value.strip())) and len(value) <= SUMMARY_TEXT_MAX \
        and "\x00" not in value


def _check_field(name: str, value: str) -> None:
    # Fields are joined with "\n" in the signed message: control characters would make
    # two different fact sets sign the same bytes.
    if not value or any(ord(c) < 0x20 or c == "\x7f" for c in value):
        raise ValidationError(f"证书字段 {name} 为空或含控制字符", f"certificate field {name} is empty or holds control characters")


def warranty_end(certified_on: date) -> date:
    return certified_on + timedelta(days=WARRANTY_DAYS)


# ---------------------------------------------------------------- key facts signed by the QR
def decimal_text(value: Decimal | str | int) -> str:
    """Plain decimal text without exponent or trailing zeros: Decimal('2.3470') -> '2.347'."""
    return format(Decimal(value).normalize(), "f")


def mass_key_fact(total_mass_g: Decimal | str) -> str:
    mass = Decimal(total_mass_g)
    if not mass > 0:
        raise ValidationError(f"质量须为正数：{total_mass_g}", f"mass must be positive: {total_mass_g}")
    return decimal_text(mass) + "g"


def check_imei(imei: str) -> str:
    # Only the shape is enforced: the Luhn digit is reported by ``imei_luhn_ok`` for the
    # inspection to judge (the platform's own example IMEI fails it), not refused here.
    if len(imei) != 15 or not imei.isascii() or not imei.isdigit():
        raise ValidationError(f"IMEI 应为 15 位数字：{imei!r}", f"IMEI must be 15 digits: {imei!r}")
    return imei


def imei_luhn_ok(imei: str) -> bool:
    return luhn_ok(check_imei(imei))


def mask_imei(imei: str) -> str:
    """First 4 and last 5 digits stay (TAC prefix + tail a buyer can compare): 3567******67891."""
    check_imei(imei)
    return imei[:4] + "*" * 6 + imei[-5:]


def imei_key_fact(imei: str, certificate_no: str) -> str:
    """Masked IMEI + 16 hex of SHA-256("IMEI:" imei ":" certificate_no). Lets someone holding
    the phone confirm its full IMEI offline; it does not make the IMEI secret (see doc)."""
    check_imei(imei)
    digest = hashlib.sha256(f"IMEI:{imei}:{certificate_no}".encode()).hexdigest()[:16]
    return f"{mask_imei(imei)}#{digest}"


# ---------------------------------------------------------------- printed rows
# Part, part-state, function-test and treatment names come from app.core.vocab, the same
# terms the screens show; an unknown code prints as it came, never disappears.


def _cap(text: str) -> str:
    # a printed cell starts with a capital (vocabularies keep English names lower case)
    return text[:1].upper() + text[1:]


def _pair(named: tuple[str, str]) -> tuple[str, str]:
    return named[0], _cap(named[1])


def treatment_disclosure(code: str) -> Disclosure:
    """A treatment code of ``gems.TREATMENTS`` (or a free-text method) as printed."""
    term = gems.TREATMENTS.find(code)
    return Disclosure(term.zh, _cap(term.en)) if term else Disclosure(code, code)


def _both(named: tuple[str, str]) -> str:
    zh, en = _pair(named)
    return f"{zh} {en}".strip() if zh != en else zh


def _add(rows: list[FactRow], zh: str, en: str, value: Any) -> None:
    if value is not None and value != "":
        rows.append(FactRow(zh, en, str(value)))


def jewelry_fact_rows(m: Mapping[str, Any]) -> tuple[FactRow, ...]:
    """Rows from measured jewelry facts; keys: total_mass_g (required), main_stone_ct, shape,
    colour, specific_gravity, refractive_index, fineness_mark, diamond_colour,
    diamond_clarity, diamond_cut, observations. Missing keys are left out."""
    mass = Decimal(m["total_mass_g"])
    # Printed with the digits measured (0.30 ct stays 0.30); 1 ct = 0.2 g exactly.
    rows: list[FactRow] = [FactRow("总质量", "Total mass", mass_text(mass, m.get("total_mass_u_g")))]
    if m.get("main_stone_ct") is not None:
        _add(rows, "主石质量", "Main stone", f"{Decimal(m['main_stone_ct']):f} ct")
    _add(rows, "形状", "Shape", m.get("shape"))
    _add(rows, "颜色", "Colour", m.get("colour"))
    if m.get("specific_gravity") is not None:
        _add(rows, "比重", "Specific gravity", sg_text(m["specific_gravity"], m.get("specific_gravity_u")))
    if m.get("refractive_index") is not None:
        _add(rows, "折射率", "Refractive index", decimal_text(m["refractive_index"]))
    _add(rows, "成色（测定）", "Fineness determined", m.get("fineness_mark"))
    _add(rows, "钻石颜色", "Diamond colour", m.get("diamond_colour"))
    _add(rows, "钻石净度", "Diamond clarity", m.get("diamond_clarity"))
    _add(rows, "钻石切工", "Diamond cut", m.get("diamond_cut"))
    _add(rows, "观察", "Observations", m.get("observations"))
    return tuple(rows)


def mass_text(mass: Decimal, expanded: Decimal | None) -> str:
    if expanded is None:
        return f"{mass:f} g ({mass * 5:f} ct)"
    shown = mass.quantize(Decimal(expanded))
    return f"{shown:f} g ± {Decimal(expanded):f} g (k=2) ({mass * 5:f} ct)"


def sg_text(sg: Decimal | str, expanded: Decimal | str | None) -> str:
    return decimal_text(sg) if expanded is None else f"{decimal_text(sg)} ± {decimal_text(expanded)}"


def jewelry_disclosures(m: Mapping[str, Any]) -> tuple[Disclosure, ...]:
    """Treatments (codes of ``TREATMENTS`` or free text) become disclosures, always printed."""
    out = [treatment_disclosure(t) for t in m.get("treatments", ())]
    return tuple(out) + tuple(Disclosure(*d) for d in m.get("other_disclosures", ()))


def phone_fact_rows(m: Mapping[str, Any]) -> tuple[FactRow, ...]:
    """Rows from measured phone facts; keys: model, storage_gb, colour, imei, serial,
    battery_health_pct, battery_cycles, parts {part: state}, failed_functions [code],
    cosmetic_grade, warranty_until (date)."""
    rows: list[FactRow] = []
    _add(rows, "型号", "Model", m.get("model"))
    if m.get("storage_gb") is not None:
        _add(rows, "存储容量", "Storage", f"{m['storage_gb']} GB")
    _add(rows, "颜色", "Colour", m.get("colour"))
    _add(rows, "IMEI", "IMEI", mask_imei(m["imei"]) if m.get("imei") else None)
    _add(rows, "序列号", "Serial no.", m.get("serial"))
    if m.get("battery_health_pct") is not None:
        cycles = m.get("battery_cycles")
        tail = f" · {cycles} 次循环 cycles" if cycles is not None else ""
        _add(rows, "电池健康", "Battery health", f"{m['battery_health_pct']}%{tail}")
    for part, state in m.get("parts", {}).items():
        zh, en = _pair(phone.part_name(part))
        rows.append(FactRow(zh, en, _both(phone.part_status_name(state))))
    failed = [_both(phone.function_test_name(f)) for f in m.get("failed_functions", ())]
    _add(rows, "功能异常", "Failed functions", "、".join(failed) if failed else "无 None")
    _add(rows, "成色等级", "Cosmetic grade", m.get("cosmetic_grade"))
    if m.get("warranty_until") is not None:
        _add(rows, "保修截止", "Warranty until", m["warranty_until"].isoformat())
    return tuple(rows)


def phone_disclosures(m: Mapping[str, Any]) -> tuple[Disclosure, ...]:
    """Every part that is not original, and every failed function, is disclosed."""
    out: list[Disclosure] = []
    for part, state in m.get("parts", {}).items():
        if state != "original":
            pzh, pen = _pair(phone.part_name(part))
            szh, sen = _pair(phone.part_status_name(state))
            out.append(Disclosure(f"{pzh}：{szh}", f"{pen}: {sen}"))
    for code in m.get("failed_functions", ()):
        fzh, fen = _pair(phone.function_test_name(code))
        out.append(Disclosure(f"{fzh}功能异常", f"{fen} does not work"))
    return tuple(out) + tuple(Disclosure(*d) for d in m.get("other_disclosures", ()))
