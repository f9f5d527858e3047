"""A verifier written only from docs/certificate-qr-format.md: stdlib + cryptography, no app code.

If this test and the app disagree, either the document or the app is wrong. The app is used
only to produce certificates (the fixtures), never to check them."""

from __future__ import annotations

import base64
import hashlib
import re
from datetime import date
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

DOC = Path(__file__).resolve().parents[2] / "docs" / "certificate-qr-format.md"
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
P256_N = int("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", 16)  # as §3 gives it


def check_char_ok(no: str) -> bool:
    if len(no) not in (16, 17) or not no.startswith("TWC") or any(c not in ALPHABET for c in no):
        return False
    if not no[3:15].isdigit():
        return False
    try:
        day = date(2000 + int(no[3:5]), int(no[5:7]), int(no[7:9]))
    except ValueError:
        return False
    if len(no) == 17:  # MOD 97-10, from 2026-12-02 on
        return day >= date(2026, 12, 2) and no[15:].isdigit() and int(no[3:]) % 97 == 1
    p = 36
    for c in no[:15]:
        t = (p + ALPHABET.index(c)) % 36 or 36
        p = (2 * t) % 37
    return day < date(2026, 12, 2) and ALPHABET[(37 - p) % 36] == no[15]


def b64url_decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _v2_facts(f: str) -> list[str] | None:
    """§2: five `~`-separated fields, or None when they are not in their forms."""
    parts = f.split("~")
    if len(parts) != 5:
        return None
    tag, letter, key_fact, issued, warranty = parts
    if not re.fullmatch(r"[A-Z0-9]{1,32}", tag) or letter not in ("J", "P"):
        return None
    if letter == "J" and not (re.fullmatch(r"(0|[1-9][0-9]*)(\.[0-9]*[1-9])?g", key_fact) and len(key_fact) <= 20):
        return None
    if letter == "P" and not re.fullmatch(r"[0-9]{9}-[0-9a-f]{12}", key_fact):
        return None
    if (letter == "P") != (warranty != ""):  # a phone always has a warranty date, jewelry never
        return None
    for day in (issued, warranty) if warranty else (issued,):
        try:
            assert re.fullmatch(r"[0-9]{6}", day)
            date(2000 + int(day[:2]), int(day[2:4]), int(day[4:]))
        except (AssertionError, ValueError):
            return None
    return parts


def verify(text: str, keys: dict[str, tuple[str, str, str | None]]) -> tuple[str, list[str]]:
    """keys: key_id -> (algorithm, public_key_pem, revoked_at). Returns (verdict, fields):
    version 2 (§1-§3, §5) and version 1 (§8)."""
    url = urlsplit(text)
    if url.scheme not in ("http", "https") or "/verify/" not in url.path:
        return "malformed", []
    no = url.path.rsplit("/verify/", 1)[1]
    q = parse_qs(url.query)
    if not check_char_ok(no):
        return "malformed", []
    if "f" in q:  # version 2: exactly k, f, s in this order, unescaped, no fragment (§1)
        names = [part.split("=", 1)[0] for part in url.query.split("&")]
        if names != ["k", "f", "s"] or "%" in url.query or "+" in url.query or url.fragment:
            return "malformed", []
        f = q["f"][0]
        fields = _v2_facts(f)
        if fields is None:
            return "malformed", []
        first_line = "TW-CERT-QR/2"
        signed_facts = f.encode()
    else:  # version 1 (§8)
        if any(len(q.get(name, [])) != 1 for name in "kds"):
            return "malformed", []
        fields = b64url_decode(q["d"][0]).decode("utf-8").split("\n")
        if len(fields) != 6 or fields[1] not in ("jewelry", "phone"):
            return "malformed", []
        first_line = "TW-CERT-QR/1"
        signed_facts = b64url_decode(q["d"][0])
    key_id = q["k"][0]
    if key_id not in keys:
        return "unknown_key", fields
    algorithm, pem, revoked_at = keys[key_id]
    spki = serialization.load_pem_public_key(pem.encode()).public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    if key_id != key_id.rsplit("-", 1)[0] + "-" + hashlib.sha256(spki).hexdigest()[:16]:
        return "untrusted_key", fields  # §3: the id is recomputed from the key
    message = (first_line + "\n" + no + "\n" + key_id + "\n").encode() + signed_facts
    signature = b64url_decode(q["s"][0])
    public = serialization.load_pem_public_key(pem.encode())
    try:
        if algorithm == "ES256":
            assert isinstance(public, ec.EllipticCurvePublicKey) and len(signature) == 64
            assert int.from_bytes(signature[32:], "big") <= P256_N // 2  # §3: low-S only
            der = encode_dss_signature(int.from_bytes(signature[:32], "big"), int.from_bytes(signature[32:], "big"))
            public.verify(der, message, ec.ECDSA(hashes.SHA256()))
        elif algorithm == "Ed25519":
            assert isinstance(public, ed25519.Ed25519PublicKey)
            public.verify(signature, message)
        else:
            return "unknown_key", fields
    except (InvalidSignature, AssertionError):
        return "bad_signature", fields
    if revoked_at:
        return "revoked_key", fields
    return "valid", fields


def keys_from(body: dict) -> dict:
    return {k["key_id"]: (k["algorithm"], k["public_key_pem"], k["revoked_at"]) for k in body["keys"]}


def _doc_key(doc: str) -> tuple[str, str]:
    pem = re.search(r"-----BEGIN PUBLIC KEY-----.*?-----END PUBLIC KEY-----", doc, re.S).group(0)
    key_id = re.search(r"key id is `(WH-HZ-01-[0-9a-f]{16})`", doc).group(1)
    spki = serialization.load_pem_public_key(pem.encode()).public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    assert key_id == "WH-HZ-01-" + hashlib.sha256(spki).hexdigest()[:16]
    return pem, key_id


def test_the_documents_worked_examples_verify():
    doc = DOC.read_text(encoding="utf-8")
    pem, key_id = _doc_key(doc)
    v2_text, v1_text = re.findall(r"^https://platform\.example/\S+$", doc, re.M)
    verdict, fields = verify(v2_text, {key_id: ("ES256", pem, None)})
    assert verdict == "valid" and len(v2_text) <= 256
    assert fields == ["TW2612020000174", "J", "2.347g", "261202", ""]
    m_hex = "".join(re.search(r"`M` in hex:\n\n```\n(.*?)```", doc, re.S).group(1).split())
    assert (
        bytes.fromhex(m_hex).decode() == f"TW-CERT-QR/2\nTWC26120200001734\n{key_id}\nTW2612020000174~J~2.347g~261202~"
    )
    verdict, fields = verify(v1_text, {key_id: ("ES256", pem, None)})  # §8: v1 texts stay readable
    assert verdict == "valid"
    assert fields == ["TW2611210000017", "jewelry", "18K金镶钻石吊坠", "2.347g", "2026-11-21", ""]


def test_the_documents_length_budget_holds_for_the_longest_parts():
    """§1b: base + warehouse id <= 48 keeps every text within 256."""
    base = "https://platform.example/tw/api/v1xx"  # 36
    text = (
        f"{base}/verify/TWC26120200001734?k={'W' * 12}-{'0' * 16}"
        f"&f={'T' * 32}~P~123456789-{'a' * 12}~261202~270531&s={'A' * 86}"
    )
    assert len(base) == 36 and len(text) == 256


def test_app_issued_qr_codes_verify_here(jewelry, phone, platform_list, key):
    keys = keys_from(platform_list(key))
    for cert in (jewelry, phone):
        verdict, fields = verify(cert.qr.text, keys)
        assert verdict == "valid" and len(cert.qr.text) <= 256
        assert fields[0] == cert.facts.item_tag and fields[1] == cert.facts.category[0].upper()
        assert cert.facts.name not in cert.qr.text  # §1c: the name is on the paper, not in the QR
    _, phone_fields = verify(phone.qr.text, keys)
    visible, digest = phone_fields[2].split("-")
    imei = "356789104567891"  # the sample phone's IMEI, as someone holding the phone would read it
    assert visible == imei[:4] + imei[-5:]
    assert digest == hashlib.sha256(f"IMEI:{imei}:{phone.certificate_no}".encode()).hexdigest()[:12]
    assert phone_fields[4] == "270520"


def test_tampering_is_caught_here_too(jewelry, platform_list, key):
    keys = keys_from(platform_list(key))
    text = jewelry.qr.text
    assert verify(text.replace("~2.347g~", "~2.947g~"), keys)[0] == "bad_signature"
    assert verify(text.replace("~J~", "~P~"), keys)[0] == "malformed"  # a phone without warranty
    assert verify(text, {})[0] == "unknown_key"
    revoked = {k: (a, p, "2026-12-01T00:00:00.000Z") for k, (a, p, _) in keys.items()}
    assert verify(text, revoked)[0] == "revoked_key"
    typo = text.replace("TWC2611210000178", "TWC2611210000718")
    assert verify(typo, keys)[0] == "malformed"
    assert verify(text + "&x=1", keys)[0] == "malformed"
    assert verify(text.replace("~J~", "%7EJ%7E"), keys)[0] == "malformed"


def _v1_text(cert, key) -> str:
    """A version 1 text as issued until 2026-12, made with the format kept for reading."""
    from app.certs.samples import BASE_URL
    from app.core.qr_format import QrPayload

    fields = cert.facts.qr_fields(1)
    unsigned = QrPayload(BASE_URL, cert.certificate_no, key.key_id, fields, b"", version=1)
    return QrPayload(BASE_URL, cert.certificate_no, key.key_id, fields, key.sign_qr(unsigned.message), version=1).text


def test_v1_texts_still_verify_here(jewelry, phone, platform_list, key):
    keys = keys_from(platform_list(key))
    verdict, fields = verify(_v1_text(jewelry, key), keys)
    assert verdict == "valid" and fields[2] == jewelry.facts.name
    verdict, fields = verify(_v1_text(phone, key), keys)
    assert verdict == "valid" and fields[5] == "2027-05-20"
    d = re.search(r"[?&]d=([^&]+)", text := _v1_text(jewelry, key)).group(1)
    heavier = base64.urlsafe_b64encode(b64url_decode(d).replace(b"2.347g", b"2.947g")).rstrip(b"=").decode()
    assert verify(text.replace(d, heavier), keys)[0] == "bad_signature"


@pytest.mark.parametrize(
    "no, ok",
    [
        ("TWC2611210000178", True),
        ("TWC2611210000179", False),
        ("TWC26120300019016", True),
        ("TWC26120300019061", False),
        ("TWC2612030001901", False),
        ("TWC26112100001700", False),
    ],
)
def test_check_character(no, ok):
    assert check_char_ok(no) is ok
