"""Check a certificate PDF or a scanned QR text and say exactly what is wrong.

Checks run from "can we read it" to "is it still in force", and the first failure is the
answer: malformed → not signed → bad signature → modified after signing → unknown key →
revoked key → facts differ → voided. Each result has a stable code for logs and tests
and a message in both interface languages.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from app.certs.sign import FACTS_FILE
from app.certs.trust import TrustedKeys
from app.core.certificate import CertificateFacts, QrPayload, parse_qr_text
from app.core.errors import ValidationError

log = logging.getLogger(__name__)

# status_lookup(certificate_no) -> "valid" | "voided" | "unknown" (platform-api.md §5) or None
StatusLookup = Callable[[str], str | None]

REASONS: dict[str, tuple[str, str]] = {
    "valid": ("证书有效", "certificate is valid"),
    "malformed": ("文件或二维码格式错误，无法读取", "the file or QR text is malformed and cannot be read"),
    "not_signed": ("PDF 没有数字签名", "the PDF carries no digital signature"),
    "bad_signature": ("签名无效：内容在签名后被改动，或签名是伪造的",
                      "bad signature: the content was changed after signing, or the signature is forged"),
    "modified_after_signing": ("签名之后文件又被追加修改", "the file was changed after it was signed"),
    "unknown_key": ("签名密钥不在平台公布的密钥中", "the signing key is not among the platform's published keys"),
    "revoked_key": ("签名密钥已被吊销", "the signing key has been revoked"),
    "facts_differ": ("二维码内容与证书内容不一致", "the QR code's facts differ from the certificate's facts"),
    "voided": ("证书已作废", "the certificate has been voided"),
    "unknown_certificate": ("平台查无此证书", "the platform does not know this certificate"),
    "wrong_site": ("二维码指向的不是平台的验证地址", "the QR code points to a site other than the platform"),
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

    @property
    def ok(self) -> bool:
        return self.code == "valid"

    def summary(self) -> str:
        head = f"{self.zh} / {self.en}"
        if self.detail:
            head += f" ({self.detail})"
        who = " · ".join(x for x in (self.certificate_no, self.key_id and f"key {self.key_id}") if x)
        return f"{head}\n{who}" if who else head


def _result(code: str, detail: str = "", **kw: Any) -> VerifyResult:
    zh, en = REASONS[code]
    return VerifyResult(code, zh, en, detail=detail, **kw)


def _status_problem(cert_no: str, status_lookup: StatusLookup | None, **kw: Any) -> VerifyResult | None:
    if status_lookup is None:
        return None
    status = status_lookup(cert_no)
    if status == "voided":
        return _result("voided", **kw)
    if status == "unknown":
        return _result("unknown_certificate", **kw)
    return None


def verify_qr(text: str, trusted_keys: TrustedKeys, status_lookup: StatusLookup | None = None,
              expected_base: str | None = None) -> VerifyResult:
    """Offline check of a scanned QR text against the published keys (+ optional status)."""
    try:
        qr = parse_qr_text(text)
    except ValidationError as exc:
        return _result("malformed", exc.en)
    kw = {"certificate_no": qr.certificate_no, "key_id": qr.key_id, "facts": qr.named_fields()}
    if expected_base is not None and qr.base_url.rstrip("/") != expected_base.rstrip("/"):
        return _result("wrong_site", qr.base_url, **kw)
    key = trusted_keys.get(qr.key_id)
    if key is None:
        return _result("unknown_key", qr.key_id, **kw)
    if not key.verify(qr.signature, qr.message):
        return _result("bad_signature", "QR", **kw)
    if key.revoked_at:
        return _result("revoked_key", f"revoked at {key.revoked_at}", **kw)
    return _status_problem(qr.certificate_no, status_lookup, **kw) or _result("valid", **kw)


def verify_pdf(pdf: bytes, trusted_keys: TrustedKeys, status_lookup: StatusLookup | None = None,
               scanned_qr: str | None = None) -> VerifyResult:
    """Check the PAdES signature, the signing key, the embedded facts against the QR printed
    on the page and, when given, against a QR scanned from the paper."""
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
    sig = signatures[-1]
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
    if len(signatures) != 1 or status.coverage != SignatureCoverageLevel.ENTIRE_FILE:
        return _result("modified_after_signing")
    try:
        container_problem = _unsigned_container_problem(sig)
    except Exception as exc:  # asn1crypto parses lazily: a damaged field fails only when read
        container_problem = f"damaged signature container ({type(exc).__name__})"
    if container_problem:
        return _result("bad_signature", container_problem)
    key = trusted_keys.by_public_key(sig.signer_cert.public_key.dump())
    if key is None:
        return _result("unknown_key", sig.signer_cert.subject.human_friendly)
    if key.revoked_at:
        return _result("revoked_key", f"revoked at {key.revoked_at}", key_id=key.key_id)
    try:
        facts, embedded_qr = _embedded_facts(reader)
    except (ValidationError, KeyError, TypeError, ValueError) as exc:
        return _result("malformed", f"{FACTS_FILE}: {exc}", key_id=key.key_id)
    kw = {"certificate_no": facts.certificate_no, "key_id": key.key_id, "facts": facts.to_dict()}
    for label, text in (("printed QR", embedded_qr), ("scanned QR", scanned_qr)):
        if text is None:
            continue
        qr_check = verify_qr(text, trusted_keys)
        if not qr_check.ok:
            return VerifyResult(qr_check.code, qr_check.zh, qr_check.en, detail=f"{label}: {qr_check.detail}", **kw)
        difference = qr_difference(parse_qr_text(text), facts)
        if difference:
            return _result("facts_differ", f"{label}: {difference}", **kw)
    return _status_problem(facts.certificate_no, status_lookup, **kw) or _result("valid", **kw)


def qr_difference(qr: QrPayload, facts: CertificateFacts) -> str:
    """Name the first field where a (validly signed) QR and the PDF's facts disagree. The QR's
    key may differ from the PDF's: a reprint after key rotation keeps the original QR."""
    if qr.certificate_no != facts.certificate_no:
        return f"certificate_no {qr.certificate_no} ≠ {facts.certificate_no}"
    for (name, value), expected in zip(qr.named_fields().items(), facts.qr_fields(), strict=True):
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
    if raw[len(header) + len(body):].strip(b"\0"):
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
