"""What a certificate says, its number, and the exact bytes its QR code signs. The key facts
the QR signs are ``app.core.certificate_key_facts``; the printed rows and disclosures are
``app.core.certificate_rows``.

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
from typing import Any

from stdnum.iso7064 import mod_37_36, mod_97_10

from app.core import qr_format
from app.core.certificate_key_facts import (
    check_imei,
    decimal_text,
    imei_key_fact,
    imei_luhn_ok,
    mask_imei,
    mass_key_fact,
)
from app.core.certificate_rows import (
    Disclosure,
    FactRow,
    jewelry_disclosures,
    jewelry_fact_rows,
    mass_text,
    phone_disclosures,
    phone_fact_rows,
    sg_text,
    treatment_disclosure,
)
from app.core.clock import parse_rfc3339, rfc3339
from app.core.errors import ValidationError
from app.core.vocab.phone import WARRANTY_DAYS

# The key facts the QR signs (app.core.certificate_key_facts) and the printed rows
# (app.core.certificate_rows) are defined in their own modules; named here too, as parts of
# what a certificate says.
__all__ = [
    "CATEGORIES",
    "CERT_NO_LENGTH",
    "CERT_PREFIX",
    "LEGACY_CERT_NO_LENGTH",
    "MOD97_SINCE",
    "PRIVATE_ROWS",
    "SUMMARY_TEXT_MAX",
    "CertificateFacts",
    "Disclosure",
    "FactRow",
    "check_imei",
    "decimal_text",
    "imei_key_fact",
    "imei_luhn_ok",
    "jewelry_disclosures",
    "jewelry_fact_rows",
    "key_id_from_spki",
    "key_id_warehouse",
    "make_certificate_no",
    "mask_imei",
    "mass_key_fact",
    "mass_text",
    "mod37_36_check_char",
    "mod97_10_check_digits",
    "phone_disclosures",
    "phone_fact_rows",
    "sg_text",
    "summary_problem",
    "treatment_disclosure",
    "valid_warehouse_id",
    "validate_certificate_no",
    "warranty_end",
]

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
        raise ValidationError(
            f"仓库编号只能含字母、数字和连字符：{warehouse_id!r}",
            f"warehouse id may hold only letters, digits and '-': {warehouse_id!r}",
        )
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
        raise ValidationError(
            f"证书编号长度应为 {CERT_NO_LENGTH} 位（旧编号 {LEGACY_CERT_NO_LENGTH} 位）：{text!r}",
            f"certificate number must have {CERT_NO_LENGTH} characters "
            f"({LEGACY_CERT_NO_LENGTH} for older numbers): {text!r}",
        )
    if not text.startswith(CERT_PREFIX):
        raise ValidationError(
            f"证书编号应以 {CERT_PREFIX} 开头：{text!r}", f"certificate number must start with {CERT_PREFIX}: {text!r}"
        )
    digits = text[3:15]
    if not digits.isascii() or not digits.isdigit():
        raise ValidationError(
            f"证书编号第 4–15 位应为数字：{text!r}", f"certificate number characters 4–15 must be digits: {text!r}"
        )
    try:
        day = date(2000 + int(digits[:2]), int(digits[2:4]), int(digits[4:6]))  # %y would make 69-99 19xx
    except ValueError:
        raise ValidationError(
            f"证书编号中的日期无效：{text!r}", f"certificate number holds an invalid date: {text!r}"
        ) from None
    legacy = len(text) == LEGACY_CERT_NO_LENGTH
    if legacy != (day < MOD97_SINCE):
        raise ValidationError(
            f"证书编号格式与其日期不符（可能输错）：{text!r}",
            f"certificate number format does not fit its date (mistyped?): {text!r}",
        )
    check = mod37_36_check_char(text[:-1]) if legacy else mod97_10_check_digits(digits)
    if text[15:] != check:
        raise ValidationError(
            f"证书编号校验位错误（可能输错）：{text!r}",
            f"certificate number check character is wrong (mistyped?): {text!r}",
        )
    return text


# ---------------------------------------------------------------- facts
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
        return qr_format.fields_for(
            version,
            self.item_tag,
            self.category,
            self.name,
            self.key_fact,
            self.issued_at.astimezone(UTC).date(),
            self.warranty_until,
        )

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form; embedded in the signed PDF so a verifier can compare it with a QR."""
        return {
            "format": qr_format.version_line(qr_format.CURRENT_VERSION, demo=False),
            "certificate_no": self.certificate_no,
            "item_tag": self.item_tag,
            "category": self.category,
            "name": self.name,
            "key_fact": self.key_fact,
            "facts": [list(r) for r in self.facts],
            "disclosures": [list(d) for d in self.disclosures],
            "verdict": self.verdict,
            "appraiser": self.appraiser,
            "reviewer": self.reviewer,
            "issued_at": rfc3339(self.issued_at),
            "warranty_until": self.warranty_until.isoformat() if self.warranty_until else None,
            "warehouse_id": self.warehouse_id,
            "warehouse_name": self.warehouse_name,
            "photo_sha256": self.photo_sha256,
        }

    @classmethod
    def from_dict(cls, raw: Mapping[str, Any]) -> CertificateFacts:
        try:
            return cls(
                certificate_no=raw["certificate_no"],
                item_tag=raw["item_tag"],
                category=raw["category"],
                name=raw["name"],
                key_fact=raw["key_fact"],
                facts=tuple(FactRow(*r) for r in raw["facts"]),
                disclosures=tuple(Disclosure(*d) for d in raw["disclosures"]),
                verdict=raw["verdict"],
                appraiser=raw["appraiser"],
                reviewer=raw["reviewer"],
                issued_at=parse_rfc3339(raw["issued_at"]),
                warranty_until=date.fromisoformat(raw["warranty_until"]) if raw["warranty_until"] else None,
                warehouse_id=raw["warehouse_id"],
                warehouse_name=raw["warehouse_name"],
                photo_sha256=raw.get("photo_sha256"),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise ValidationError(f"证书内容格式错误：{exc}", f"certificate facts are malformed: {exc}") from None

    def public_summary(self) -> dict[str, Any]:
        """The optional ``summary`` of ``certificate.issued`` (platform-api.md §3, 1.1): what the
        public verification page shows. Identifiers other than the masked IMEI stay private."""
        facts = [
            {"label_zh": _clip(r.label_zh), "label_en": _clip(r.label_en), "value": _clip(r.value)}
            for r in self.facts
            if r.label_en not in PRIVATE_ROWS
        ]
        return {
            "name": _clip(self.name),
            "category": self.category,
            "facts": facts,
            "disclosures": [_clip(d.zh if d.zh == d.en else f"{d.zh} / {d.en}") for d in self.disclosures],
            "photo_sha256": self.photo_sha256,
        }

    def canonical_json(self) -> bytes:
        return json.dumps(self.to_dict(), ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


PRIVATE_ROWS = frozenset({"Serial no."})  # printed on the paper, not published on the open web
SUMMARY_TEXT_MAX = 256  # platform-api.md §3 limits: a string field other than note/reason/statement


def _clip(text: str) -> str:
    return text if len(text) <= SUMMARY_TEXT_MAX else text[: SUMMARY_TEXT_MAX - 1] + "…"


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
        isinstance(f, dict)
        and all(_short_text(f.get(k)) for k in ("label_zh", "label_en"))
        and _short_text(f.get("value"), empty=True)
        for f in facts
    ):
        return "summary.facts"
    disclosures = summary.get("disclosures", [])
    if not isinstance(disclosures, list) or not all(_short_text(d) for d in disclosures):
        return "summary.disclosures"
    photo = summary.get("photo_sha256")
    if photo is not None and not (
        isinstance(photo, str) and len(photo) == 64 and all(c in "0123456789abcdef" for c in photo)
    ):
        return "summary.photo_sha256"
    return None


def _short_text(value: Any, empty: bool = False) -> bool:
    return (
        isinstance(value, str)
        and (empty or bool(value.strip()))
        and len(value) <= SUMMARY_TEXT_MAX
        and "\x00" not in value
    )


def _check_field(name: str, value: str) -> None:
    # Fields are joined with "\n" in the signed message: control characters would make
    # two different fact sets sign the same bytes.
    if not value or any(ord(c) < 0x20 or c == "\x7f" for c in value):
        raise ValidationError(
            f"证书字段 {name} 为空或含控制字符", f"certificate field {name} is empty or holds control characters"
        )


def warranty_end(certified_on: date) -> date:
    return certified_on + timedelta(days=WARRANTY_DAYS)
