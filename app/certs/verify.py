"""Check a certificate PDF or a scanned QR text and say exactly what is wrong.

Checks run from "can we read it" to "is it still in force", and the first failure is the
answer: malformed → wrong site → not signed → bad signature → modified after signing →
unknown/untrusted key → key of another warehouse → revoked key → demo → facts differ →
voided. Each result has a stable code for logs and tests and a message in both interface
languages. A signed file with harmless additions (bytes after the end, an update of the
document information only) is valid, with a note saying what was added.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from app.certs.keys import es256_low_s
from app.certs.pdf_changes import AfterSigning, changes_after_signing
from app.certs.sign import FACTS_FILE
from app.certs.trust import TrustedKeys
from app.core.certificate import CertificateFacts, key_id_warehouse
from app.core.clock import DEFAULT_TIME_ZONE, format_local, rfc3339
from app.core.errors import ValidationError
from app.core.qr_format import V1_NAMES, V2_NAMES, QrPayload, parse_qr_text

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class StatusAnswer:
    """What a status source knows: ``status`` is valid | voided | unknown, or None when the
    source has no entry; ``as_of`` is when a local copy was last brought up to date (None for
    a live answer); ``stale`` says the copy is older than the station accepts."""

    status: str | None
    as_of: datetime | None = None
    stale: bool = False


# status_lookup(certificate_no) -> "valid" | "voided" | "unknown" (platform-api.md §5), a
# StatusAnswer (offline: the local copy of the status feed), or None (no answer)
StatusLookup = Callable[[str], "str | StatusAnswer | None"]

REASONS: dict[str, tuple[str, str]] = {
    "valid": ("证书有效", "certificate is valid"),
    "malformed": ("文件或二维码格式错误，无法读取", "the file or QR text is malformed and cannot be read"),
    "not_signed": ("PDF 没有数字签名", "the PDF carries no digital signature"),
    "bad_signature": (
        "签名无效：内容在签名后被改动，或签名是伪造的",
        "bad signature: the content was changed after signing, or the signature is forged",
    ),
    "modified_after_signing": ("签名之后文件又被追加修改", "the file was changed after it was signed"),
    "unknown_key": ("签名密钥不在平台公布的密钥中", "the signing key is not among the platform's published keys"),
    "revoked_key": ("签名密钥已被吊销", "the signing key has been revoked"),
    "facts_differ": ("二维码内容与证书内容不一致", "the QR code's facts differ from the certificate's facts"),
    "voided": ("证书已作废", "the certificate has been voided"),
    "unknown_certificate": ("平台查无此证书", "the platform does not know this certificate"),
    "wrong_site": ("二维码指向的不是平台的验证地址", "the QR code points to a site other than the platform"),
    "untrusted_key": (
        "平台列出的该签名密钥未通过核验，不予信任",
        "the platform lists this signing key but it fails the key checks; it is not trusted",
    ),
    "wrong_warehouse": (
        "签名密钥属于另一个仓库，不是证书上写的签发仓库",
        "the signing key belongs to another warehouse than the one the certificate names",
    ),
    "demo_certificate": ("演示证书：不是任何真实仓库签发的证书", "demo certificate: not issued by any real warehouse"),
    "valid_as_of": (
        "签名有效；是否作废只知道到本地状态副本的时间",
        "signature valid; whether it was voided is known only as of the local status copy",
    ),
}
OK_CODES = frozenset({"valid", "valid_as_of"})
NOTES: dict[str, tuple[str, str]] = {
    "trailing_bytes": (
        "签名后的文件末尾多了与文档无关的字节（不影响内容）",
        "bytes were appended after the signed file; they are not part of the document",
    ),
    "info_update": (
        "签名后仅更新了文档信息（标题、作者等），证书内容未变",
        "after signing only the document information (title, author, ...) was updated; the "
        "certificate's content is unchanged",
    ),
    "demo": ("演示证书（本工作站处于演示模式）", "demo certificate (this station runs in demo mode)"),
}


@dataclass(frozen=True)
class VerifyResult:
    code: str
    zh: str
    en: str
    certificate_no: str | None = None
    key_id: str | None = None
    facts: dict[str, Any] = field(default_factory=dict)
    detail: str = ""
    as_of: datetime | None = None  # the status is known as of this time (offline copy)
    notes: tuple[str, ...] = ()  # keys of NOTES: harmless findings on a valid certificate

    @property
    def ok(self) -> bool:
        return self.code in OK_CODES

    def status_line(self, zone: str = DEFAULT_TIME_ZONE) -> str:
        if self.code not in ("valid_as_of", "voided") or (self.as_of is None and self.code == "voided"):
            return ""
        if self.as_of is None:
            return "作废状态从未同步 / void status never synchronised"
        when = format_local(self.as_of, zone)
        return f"状态截至 {when} / status as of {when}"

    def summary(self, zone: str = DEFAULT_TIME_ZONE) -> str:
        head = f"{self.zh} / {self.en}"
        if self.detail:
            head += f" ({self.detail})"
        lines = [head, *(f"{NOTES[n][0]} / {NOTES[n][1]}" for n in self.notes)]
        if self.status_line(zone):
            lines.append(self.status_line(zone))
        who = " · ".join(x for x in (self.certificate_no, self.key_id and f"key {self.key_id}") if x)
        return "\n".join([*lines, who] if who else lines)


def _result(code: str, detail: str = "", **kw: Any) -> VerifyResult:
    zh, en = REASONS[code]
    return VerifyResult(code, zh, en, detail=detail, **kw)


def _status_result(
    cert_no: str, status_lookup: StatusLookup | None, notes: tuple[str, ...] = (), **kw: Any
) -> VerifyResult:
    """The final answer once the signature holds: voided / unknown / valid / valid as of."""
    answer = status_lookup(cert_no) if status_lookup is not None else None
    if not isinstance(answer, StatusAnswer):
        answer = StatusAnswer(answer)
    if answer.status == "voided":
        at = f"as of {rfc3339(answer.as_of)}" if answer.as_of else ""
        return _result("voided", at, as_of=answer.as_of, notes=notes, **kw)
    if answer.status == "unknown":
        return _result("unknown_certificate", notes=notes, **kw)
    if answer.stale or (answer.status is None and answer.as_of is not None):
        # An old copy, or a copy that has not heard of this certificate yet: never a bare "valid".
        detail = "not in the local status copy" if answer.status is None else ""
        return _result("valid_as_of", detail, as_of=answer.as_of, notes=notes, **kw)
    return _result("valid", notes=notes, **kw)


def site_of(url: str) -> tuple[str, str, int | None, str] | None:
    """(scheme, host, port, path) of a verification address, or None when it cannot be trusted
    as one (user info such as ``https://platform.example@evil.example/`` hides the real host)."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.username or parts.password:
        return None
    default = {"http": 80, "https": 443}[parts.scheme]
    return parts.scheme, parts.hostname.lower().rstrip("."), port or default, parts.path.rstrip("/")


def verify_qr(
    text: str,
    trusted_keys: TrustedKeys,
    status_lookup: StatusLookup | None = None,
    expected_base: str | None = None,
    *,
    trusted_bases: Iterable[str] = (),
    accept_demo: bool = False,
) -> VerifyResult:
    """Offline check of a scanned QR text against the published keys (+ optional status).
    ``trusted_bases`` (and ``expected_base``) are the verification addresses this station
    trusts; a QR pointing anywhere else is ``wrong_site``, however good its signature."""
    try:
        qr = parse_qr_text(text)
    except ValidationError as exc:
        return _result("malformed", exc.en)
    kw = {"certificate_no": qr.certificate_no, "key_id": qr.key_id, "facts": qr.named_fields()}
    bases = [b for b in (expected_base, *trusted_bases) if b]
    if bases and site_of(qr.base_url) not in {site_of(b) for b in bases}:
        return _result("wrong_site", qr.base_url, **kw)
    key = trusted_keys.get(qr.key_id)
    if key is None:
        skipped = next((k for k in trusted_keys.skipped if k.key_id == qr.key_id), None)
        if skipped is not None:
            return _result("untrusted_key", skipped.en, **kw)
        return _result("unknown_key", qr.key_id, **kw)
    demo = key.demo
    if not key.verify(qr.signature, qr.message):
        if key.algorithm == "ES256" and not es256_low_s(qr.signature):
            return _result("bad_signature", "QR signature not normalised (high S)", **kw)
        demo = key.verify(qr.signature, replace(qr, demo=True).message)
        if not demo:
            return _result("bad_signature", "QR", **kw)
    if key.revoked_at:
        return _result("revoked_key", f"revoked at {key.revoked_at}", **kw)
    if demo and not accept_demo:
        return _result("demo_certificate", "DEMO", **kw)
    return _status_result(qr.certificate_no, status_lookup, ("demo",) if demo else (), **kw)


def verify_pdf(
    pdf: bytes,
    trusted_keys: TrustedKeys,
    status_lookup: StatusLookup | None = None,
    scanned_qr: str | None = None,
    *,
    trusted_bases: Iterable[str] = (),
    accept_demo: bool = False,
) -> VerifyResult:
    """Check the PAdES signature, what was added after it, the signing key and its warehouse,
    the embedded facts against the QR printed on the page and, when given, against a QR
    scanned from the paper."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    try:
        reader = PdfFileReader(io.BytesIO(pdf), strict=False)
        signatures = reader.embedded_signatures
    except Exception as exc:  # pyHanko raises many kinds on broken files; all mean "unreadable"
        return _result("malformed", type(exc).__name__)
    if not signatures:
        return _result("not_signed")
    sig = signatures[0]
    try:
        # Trust is decided by the platform's key list below, not by X.509 paths: the signer's
        # self-signed certificate is given as its own root so pyHanko checks only the maths.
        context = ValidationContext(trust_roots=[sig.signer_cert], allow_fetching=False)
        status = validate_pdf_signature(sig, signer_validation_context=context)
    except Exception as exc:
        log.info("signature validation failed: %r", exc)
        return _result("bad_signature", type(exc).__name__)
    if not (status.intact and status.valid):
        return _result("bad_signature", "digest mismatch" if not status.intact else "signature")
    if len(signatures) != 1:
        return _result("modified_after_signing", "another signature was added")
    if status.coverage not in (SignatureCoverageLevel.ENTIRE_FILE, SignatureCoverageLevel.ENTIRE_REVISION):
        return _result("modified_after_signing", "the signature does not cover its own revision")
    try:
        after = changes_after_signing(reader, sig, pdf)
    except Exception as exc:  # an update pyHanko cannot follow: never assume it is harmless
        after = AfterSigning("content", f"unreadable update ({type(exc).__name__})")
    if after.kind == "content":
        return _result("modified_after_signing", after.detail)
    notes = {"trailing": ("trailing_bytes",), "info": ("info_update",)}.get(after.kind, ())
    try:
        container_problem = _unsigned_container_problem(sig)
    except Exception as exc:  # asn1crypto parses lazily: a damaged field fails only when read
        container_problem = f"damaged signature container ({type(exc).__name__})"
    if container_problem:
        return _result("bad_signature", container_problem)
    spki = sig.signer_cert.public_key.dump()
    key = trusted_keys.by_public_key(spki)
    if key is None:
        return _result("unknown_key", sig.signer_cert.subject.human_friendly)
    if key.revoked_at:
        return _result("revoked_key", f"revoked at {key.revoked_at}", key_id=key.key_id)
    try:
        facts, embedded_qr = _embedded_facts(reader)
    except (ValidationError, KeyError, TypeError, ValueError) as exc:
        return _result("malformed", f"{FACTS_FILE}: {exc}", key_id=key.key_id)
    kw: dict[str, Any] = {"certificate_no": facts.certificate_no, "key_id": key.key_id, "facts": facts.to_dict()}
    if key_id_warehouse(key.key_id) != facts.warehouse_id:
        return _result("wrong_warehouse", f"{key.key_id} signed for {facts.warehouse_id}", **kw)
    if embedded_qr is None:  # every certificate embeds its QR text: the QR check is not optional
        return _result("malformed", f"{FACTS_FILE}: no qr_text", **kw)
    for label, text in (("printed QR", embedded_qr), ("scanned QR", scanned_qr)):
        if text is None:
            continue
        if _parses(text) and key_id_warehouse(parse_qr_text(text).key_id) != facts.warehouse_id:
            return _result("wrong_warehouse", f"{label} signed by another warehouse's key", **kw)
        qr_check = verify_qr(text, trusted_keys, trusted_bases=trusted_bases, accept_demo=accept_demo)
        if not qr_check.ok:
            return replace(qr_check, detail=f"{label}: {qr_check.detail}", **kw)
        if "demo" in qr_check.notes:
            notes = (*notes, "demo")
        difference = qr_difference(parse_qr_text(text), facts)
        if difference:
            return _result("facts_differ", f"{label}: {difference}", **kw)
    return _status_result(facts.certificate_no, status_lookup, tuple(dict.fromkeys(notes)), **kw)


def _parses(text: str) -> bool:
    try:
        parse_qr_text(text)
    except ValidationError:
        return False
    return True


def qr_difference(qr: QrPayload, facts: CertificateFacts) -> str:
    """Name the first field where a (validly signed) QR and the PDF's facts disagree. The QR's
    key may differ from the PDF's: a reprint after key rotation keeps the original QR."""
    if qr.certificate_no != facts.certificate_no:
        return f"certificate_no {qr.certificate_no} ≠ {facts.certificate_no}"
    names = V1_NAMES if qr.version == 1 else V2_NAMES
    try:
        expected_fields = facts.qr_fields(qr.version)
    except ValidationError as exc:  # facts that version cannot even carry
        return exc.en
    for name, value, expected in zip(names, qr.fields, expected_fields, strict=True):
        if value != expected:
            return f"{name} {value!r} ≠ {expected!r}"
    return ""


# EncapsulatedContentInfo of a detached signature: id-data, no content.
_DETACHED_DATA = bytes.fromhex("300b06092a864886f70d010701")


def _unsigned_container_problem(sig: Any) -> str:
    """Parts of /Contents the signature does not cover must still be exactly as written: the
    signer certificate is bound by its ESS signing-certificate-v2 hash, no other certificate
    may ride along, and the padding after the CMS must be zeros."""
    from asn1crypto import parser

    raw = bytes(sig.sig_object["/Contents"])
    _, _, _, header, body, _ = parser.parse(raw, strict=False)
    if raw[len(header) + len(body) :].strip(b"\0"):
        return "bytes after the signature container"
    signed, signer = sig.signed_data, sig.signer_info
    if signed["encap_content_info"].dump() != _DETACHED_DATA:
        return "encapsulated content altered"
    # Fields of the CMS outside the signed attributes: they must say exactly what the signer wrote.
    if signed["version"].dump() != b"\x02\x01\x01":  # CMS version 1, as written
        return "signature container version altered"
    if [a.dump() for a in signed["digest_algorithms"]] != [signer["digest_algorithm"].dump()]:
        return "digest algorithm list altered"
    if signed["crls"].native or signer["unsigned_attrs"].native:
        return "unsigned additions to the signature"
    if any(c.chosen.dump() != sig.signer_cert.dump() for c in signed["certificates"]):
        return "unexpected certificates in the signature"
    attrs = {a["type"].native: a["values"][0] for a in signer["signed_attrs"]}
    ess = attrs.get("signing_certificate_v2")
    if ess is None:
        return "no signing-certificate attribute"
    ess_cert = ess["certs"][0]
    algorithm = ess_cert["hash_algorithm"]["algorithm"].native
    if hashlib.new(algorithm, sig.signer_cert.dump()).digest() != ess_cert["cert_hash"].native:
        return "signer certificate altered"
    return ""


def _embedded_facts(reader: Any) -> tuple[CertificateFacts, str | None]:
    names = reader.root["/Names"]["/EmbeddedFiles"]["/Names"]
    for i in range(0, len(names), 2):
        if str(names[i]) == FACTS_FILE:
            data = names[i + 1].get_object()["/EF"]["/F"].get_object().data
            body = json.loads(data.decode("utf-8"))
            return CertificateFacts.from_dict(body["facts"]), body.get("qr_text")
    raise KeyError(f"{FACTS_FILE} not embedded")
