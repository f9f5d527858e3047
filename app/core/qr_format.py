"""The certificate QR text: what it carries, the exact bytes its signature covers, and how a
scanned text is read back. Specified in ``docs/certificate-qr-format.md``; change both
together.

Two versions exist. Version 2 (issued now) fits the platform's 256-character limit for an
event's string fields (platform-api.md §3, 1.1: ``certificate.issued`` carries the text as
``qr_payload``): the ASCII facts travel as plain URL-safe text instead of base64, dates as
``yymmdd``, the category as one letter, the phone IMEI digest in 12 hex, and the UTF-8 name
stays on the paper and in the signed PDF. Version 1 texts (up to 2026-12) are still read and
verified: certificates printed with them stay valid for as long as records are kept.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from urllib.parse import parse_qs, urlsplit

from app.core.errors import ValidationError
from app.core.limits import MAX_TEXT

QR_V1 = "TW-CERT-QR/1"
QR_V2 = "TW-CERT-QR/2"
CURRENT_VERSION = 2
# Demo certificates sign another first line: their signature can never check out as a real
# warehouse's, whatever key list a verifier holds (docs/certificate-qr-format.md §3a).
DEMO_SUFFIX = " DEMO"
MAX_QR_TEXT = MAX_TEXT  # the whole text is one event string: at most 256 characters
SIGNATURE_CHARS = 86  # base64url of 64 bytes, no padding
FIELD_SEPARATOR = "~"  # unreserved in URLs (RFC 3986) and never inside a field
CATEGORY_LETTERS = {"jewelry": "J", "phone": "P"}
IMEI_DIGEST_HEX = 12  # v2; v1 carried 16
MAX_TAG_CHARS = 32
MAX_MASS_FACT_CHARS = 20  # "1234.56789g" is 11; a mass needing more is not a jewel's
# The budget (docs/certificate-qr-format.md §1b): with a warehouse id of at most 12
# characters, every v2 text fits 256 when the base URL has at most this many characters.
BUDGET_WAREHOUSE_ID_CHARS = 12
BUDGET_BASE_URL_CHARS = 36
V1_NAMES = ("item_tag", "category", "name", "key_fact", "issued_on", "warranty_until")
V2_NAMES = ("item_tag", "category", "key_fact", "issued_on", "warranty_until")

_TAG = re.compile(rf"[A-Z0-9]{{1,{MAX_TAG_CHARS}}}")
_MASS = re.compile(r"(0|[1-9][0-9]*)(\.[0-9]*[1-9])?g")
_PHONE_V1 = re.compile(r"([0-9]{4})\*{6}([0-9]{5})#([0-9a-f]{16})")
_PHONE_V2 = re.compile(r"([0-9]{4})([0-9]{5})-([0-9a-f]{12})")
_YYMMDD = re.compile(r"[0-9]{6}")
_B64URL = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64url_decode(text: str) -> bytes:
    if not text or any(c not in _B64URL for c in text):
        raise ValueError("not base64url")
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def version_line(version: int, demo: bool) -> str:
    return (QR_V1 if version == 1 else QR_V2) + (DEMO_SUFFIX if demo else "")


# ---------------------------------------------------------------- the facts a version carries
def yymmdd(day: date) -> str:
    if not 2000 <= day.year <= 2099:
        raise ValidationError(f"日期超出范围：{day}", f"date out of range: {day}")
    return day.strftime("%y%m%d")


def from_yymmdd(text: str) -> date:
    if not _YYMMDD.fullmatch(text):
        raise ValueError(f"not yymmdd: {text!r}")
    return date(2000 + int(text[:2]), int(text[2:4]), int(text[4:]))


def compact_key_fact(category: str, key_fact: str) -> str:
    """v2 form of the certificate's key fact: the mass as it is; for a phone the 4 + 5 visible
    IMEI digits and the first 12 hex of the same digest (``3567******67891#aa24…`` ->
    ``356767891-aa249c51f2dd``)."""
    if category == "phone":
        match = _PHONE_V1.fullmatch(key_fact)
        if not match:
            raise ValidationError(
                f"手机关键事实格式不对：{key_fact!r}", f"phone key fact not in its form: {key_fact!r}"
            )
        return f"{match[1]}{match[2]}-{match[3][:IMEI_DIGEST_HEX]}"
    if not _MASS.fullmatch(key_fact) or len(key_fact) > MAX_MASS_FACT_CHARS:
        raise ValidationError(
            f"质量格式不对或位数过多：{key_fact!r}", f"mass not in its form or too many digits: {key_fact!r}"
        )
    return key_fact


def readable_key_fact(category: str, compact: str) -> str:
    """How a v2 key fact is shown to a person: the phone's masked IMEI as on the paper."""
    match = _PHONE_V2.fullmatch(compact) if category == "phone" else None
    return f"{match[1]}******{match[2]}#{match[3]}" if match else compact


def fields_for(
    version: int, item_tag: str, category: str, name: str, key_fact: str, issued_on: date, warranty_until: date | None
) -> tuple[str, ...]:
    """The signed fact fields of ``version``, in their fixed order (see ``V1_NAMES``/``V2_NAMES``)."""
    if version == 1:
        return (
            item_tag,
            category,
            name,
            key_fact,
            issued_on.isoformat(),
            warranty_until.isoformat() if warranty_until else "",
        )
    if not _TAG.fullmatch(item_tag):
        raise ValidationError(f"物品编号不能放进二维码：{item_tag!r}", f"item tag cannot go into the QR: {item_tag!r}")
    return (
        item_tag,
        category,
        compact_key_fact(category, key_fact),
        yymmdd(issued_on),
        yymmdd(warranty_until) if warranty_until else "",
    )


def _v2_fields(text: str) -> tuple[str, ...]:
    parts = text.split(FIELD_SEPARATOR)
    letters = {v: k for k, v in CATEGORY_LETTERS.items()}
    if len(parts) != 5 or parts[1] not in letters:
        raise ValueError("wrong number of fields or unknown category")
    tag, letter, key_fact, issued, warranty = parts
    category = letters[letter]
    if not _TAG.fullmatch(tag):
        raise ValueError("item tag")
    if not (_PHONE_V2 if category == "phone" else _MASS).fullmatch(key_fact) or len(key_fact) > MAX_MASS_FACT_CHARS + 2:
        raise ValueError("key fact")
    from_yymmdd(issued)
    if (category == "phone") != bool(warranty):
        raise ValueError("a phone and only a phone carries a warranty date")
    if warranty:
        from_yymmdd(warranty)
    return (tag, category, key_fact, issued, warranty)


# ---------------------------------------------------------------- the text
def qr_message(
    certificate_no: str, key_id: str, fields: Sequence[str], demo: bool = False, version: int = CURRENT_VERSION
) -> bytes:
    """The exact bytes the QR signature covers (UTF-8, "\\n" separated, no trailing newline).
    v1 signs each field on its own line; v2 signs the ``f`` parameter exactly as it is printed."""
    body = fields if version == 1 else (_f_text(fields),)
    return "\n".join((version_line(version, demo), certificate_no, key_id, *body)).encode("utf-8")


def _f_text(fields: Sequence[str]) -> str:
    tag, category, key_fact, issued, warranty = fields
    return FIELD_SEPARATOR.join((tag, CATEGORY_LETTERS[category], key_fact, issued, warranty))


@dataclass(frozen=True)
class QrPayload:
    base_url: str
    certificate_no: str
    key_id: str
    fields: tuple[str, ...]
    signature: bytes
    demo: bool = False  # signed in the demo domain (not visible in the text: found by verifying)
    version: int = CURRENT_VERSION

    @property
    def message(self) -> bytes:
        return qr_message(self.certificate_no, self.key_id, self.fields, self.demo, self.version)

    @property
    def text(self) -> str:
        head = f"{self.base_url.rstrip('/')}/verify/{self.certificate_no}?k={self.key_id}"
        if self.version == 1:
            return f"{head}&d={b64url(chr(10).join(self.fields).encode('utf-8'))}&s={b64url(self.signature)}"
        return f"{head}&f={_f_text(self.fields)}&s={b64url(self.signature)}"

    def named_fields(self) -> dict[str, str]:
        """The facts for a person: dates as ``YYYY-MM-DD`` and the phone's IMEI masked, in both versions."""
        if self.version == 1:
            return dict(zip(V1_NAMES, self.fields, strict=True))
        tag, category, key_fact, issued, warranty = self.fields
        return {
            "item_tag": tag,
            "category": category,
            "key_fact": readable_key_fact(category, key_fact),
            "issued_on": from_yymmdd(issued).isoformat(),
            "warranty_until": from_yymmdd(warranty).isoformat() if warranty else "",
        }


def text_length(base_url: str, certificate_no: str, key_id: str, fields: Sequence[str]) -> int:
    """Length of the v2 text these parts make (the signature's length is fixed)."""
    return len(QrPayload(base_url, certificate_no, key_id, tuple(fields), bytes(64)).text)


def check_fits(base_url: str, certificate_no: str, key_id: str, fields: Sequence[str]) -> None:
    """Refuse, before anything is signed, a text the platform would reject (over 256 characters)."""
    length = text_length(base_url, certificate_no, key_id, fields)
    if length > MAX_QR_TEXT:
        base = base_url.rstrip("/")
        room = max(0, MAX_QR_TEXT - (length - len(base)))
        raise ValidationError(
            f"无法签发：二维码文本 {length} 个字符，超过平台上限 {MAX_QR_TEXT}。验证地址 {base} 有 {len(base)} 个字符，"
            f"这张证书最多只能用 {room} 个字符；请管理员配置较短的平台地址（仓库编号 {key_id.rpartition('-')[0]}）",
            f"Cannot issue: the QR text would be {length} characters, over the platform's limit of {MAX_QR_TEXT}. "
            f"The verification address {base} has {len(base)} characters; this certificate allows at most {room}. "
            f"An administrator must configure a shorter platform address (warehouse id {key_id.rpartition('-')[0]})",
            code="qr_too_long",
        )


def parse_qr_text(text: str) -> QrPayload:
    """Split a scanned QR text (v1 or v2) into its parts; ValidationError (code ``malformed``) otherwise."""
    from app.core.certificate import CATEGORIES, validate_certificate_no

    def bad(zh: str, en: str) -> ValidationError:
        return ValidationError(f"二维码格式错误：{zh}", f"malformed QR code: {en}", code="malformed")

    parts = urlsplit(text.strip())
    if parts.scheme not in ("http", "https") or "/verify/" not in parts.path:
        raise bad("不是证书验证地址", "not a certificate verification address")
    base_path, _, cert_no = parts.path.rpartition("/verify/")
    query = parse_qs(parts.query, keep_blank_values=True, strict_parsing=False)
    version = 2 if "f" in query else 1
    if "f" in query and "d" in query:
        raise bad("同时有 d 和 f 参数", "both d and f present")
    data_key = "f" if version == 2 else "d"
    if version == 2 and (
        [p.partition("=")[0] for p in parts.query.split("&")] != ["k", "f", "s"]
        or "%" in parts.query
        or "+" in parts.query
        or parts.fragment
    ):
        # one certificate, one text: exactly k, f, s in this order, as printed (every value is
        # URL-safe, so an escaped spelling, an extra parameter or a fragment is a second text)
        raise bad("参数须依次为 k、f、s，不得转义或重复", "parameters must be exactly k, f, s in order, unescaped")
    if any(len(query.get(k, ())) != 1 for k in ("k", data_key, "s")):
        raise bad(f"缺少 k、{data_key} 或 s 参数", f"parameter k, {data_key} or s missing or repeated")
    try:
        validate_certificate_no(cert_no)
        if version == 1:
            fields = tuple(b64url_decode(query["d"][0]).decode("utf-8").split("\n"))
            if len(fields) != 6 or fields[1] not in CATEGORIES:
                raise bad("证书事实字段数目或品类不对", "wrong number of fact fields or unknown category")
        else:
            fields = _v2_fields(query["f"][0])
        signature = b64url_decode(query["s"][0])
    except ValidationError as exc:
        if exc.code == "malformed":
            raise
        raise bad(exc.zh, exc.en) from None
    except (ValueError, UnicodeDecodeError) as exc:
        raise bad(f"{data_key} 或 s 无效（{exc}）", f"{data_key} or s is not valid ({exc})") from None
    base = f"{parts.scheme}://{parts.netloc}{base_path}"
    return QrPayload(base, cert_no, query["k"][0], fields, signature, version=version)
