"""The certified fingerprint of a piece and its comparison with what a re-inspection found.

At certification the station keeps what identifies the piece (``Fingerprint``); after the
sale (platform-api 1.1 §6) a returned piece is measured again (``Found``) and ``compare``
says, field by field, whether it is the same, different or cannot be told, and proposes
``same_piece`` for the ``case.inspected`` event. Pure Python: photo similarity arrives as
``PhotoScore`` figures computed elsewhere (``app.services.photo_match``); every rule and
threshold of the judgement lives here, once. The facts themselves (``Fingerprint``,
``Found``, ``PhoneFacts``, ``PhotoRef``, ``PhotoScore``) are ``app.core.fingerprint_facts``.

Rules (each gives a ``Finding`` with verdict ``same`` | ``different`` | ``unknown``):

* mass: the difference against the combined standard uncertainty of the two weighings,
  u_c = sqrt(u_cert² + u_found²). |Δ| ≤ 2·u_c is the same (k = 2, about 95 %),
  |Δ| > 3·u_c is different (k = 3: a same piece falls there about 3 times in 1000),
  in between cannot be told. A balance reading's standard uncertainty is its readability
  (the last digit shown) plus a relative 0.01 % for calibration, linearity and a worn
  piece's film of dirt (``balance_uncertainty``).
* specific gravity: its recorded uncertainty is a worst-case bound, so two values are
  the same when their intervals overlap and different when they do not.
* dimensions (mm, per axis): within 0.1 mm + 1 % the same, beyond twice that different.
* photos, per view: enough geometrically consistent feature matches *and* fine detail
  (wear) that correlates once aligned is the same; with plenty of features on both photos
  but almost no consistent matches, or detail that does not correlate while the matches
  are not plentiful (a poor photo of the same piece still matches at many points), it is
  different;
  too few features to judge (a blurred or dark photo) is unknown, never different.
* phones: IMEI(s), serial, model, colour and storage differ or not; each part's
  originality and serial (a part original at certification now replaced, or another
  serial); battery cycles that went backwards (the counter only grows: a lower count means
  another battery or another phone); battery health that rose by more than 3 points.

``same_piece``: an electronic identity (IMEI, IMEI 2, serial) that differs says ``no``; one
that is the same says ``yes`` unless another identifying fact (model, colour, storage, a
photo) differs, which leaves it ``undetermined``. Without an electronic identity
(jewellery, or a box that could not read the phone) any identifying fact that differs
says ``no``; ``yes`` needs at least one photo view and one other independent fact (mass,
SG, another view, dimensions) the same. Everything else is ``undetermined``. Condition
facts (parts, battery) are reported but do not decide identity: a phone whose screen was
replaced after the sale is still the phone that was sold.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal

from app.core.fingerprint_facts import (
    FINGERPRINT_VERSION,
    Fingerprint,
    Found,
    Part,
    PhoneFacts,
    PhotoRef,
    PhotoScore,
)

# The facts compared are defined in app.core.fingerprint_facts; named here too, as what
# compare() takes.
__all__ = [
    "BALANCE_RELATIVE_UNCERTAINTY",
    "DIFFERENT",
    "FINGERPRINT_VERSION",
    "SAME",
    "SAME_PIECE",
    "UNKNOWN",
    "VERDICTS",
    "Comparison",
    "Finding",
    "Fingerprint",
    "Found",
    "Part",
    "PhoneFacts",
    "PhotoRef",
    "PhotoScore",
    "SamePiece",
    "Verdict",
    "balance_uncertainty",
    "compare",
    "is_identifying",
    "photo_verdict",
    "readability_of",
]

Verdict = Literal["same", "different", "unknown"]
SamePiece = Literal["yes", "no", "undetermined"]
SAME: Verdict = "same"
DIFFERENT: Verdict = "different"
UNKNOWN: Verdict = "unknown"
VERDICTS: tuple[Verdict, ...] = (SAME, DIFFERENT, UNKNOWN)
SAME_PIECE: tuple[SamePiece, ...] = ("yes", "no", "undetermined")


# ---------------------------------------------------------------- thresholds (the only place)
MASS_K_SAME = Decimal(2)
MASS_K_DIFFERENT = Decimal(3)
BALANCE_RELATIVE_UNCERTAINTY = Decimal("0.0001")  # 0.01 % of the reading
DIMENSION_TOLERANCE_MM = Decimal("0.1")
DIMENSION_TOLERANCE_RELATIVE = Decimal("0.01")
DIMENSION_DIFFERENT_FACTOR = Decimal(2)
BATTERY_HEALTH_RISE_PCT = 3
# Photo similarity: RANSAC-consistent ORB matches and the correlation of the aligned fine
# detail (wear), measured on the generated pairs of ``bench/case_images.py``: the same
# piece gave 85–350 matches and mostly 0.56–0.87 (one low-contrast shot 0.27); another
# piece of the same design 0–85 matches (it matches on the design) but then below 0.35.
PHOTO_MIN_FEATURES = 60  # on each photo; fewer and the view cannot be judged
PHOTO_SAME_INLIERS = 60
PHOTO_SAME_SIMILARITY = 0.45
PHOTO_DIFFERENT_INLIERS = 15
PHOTO_DIFFERENT_SIMILARITY = 0.35
# So many consistent matches that a low detail correlation is more likely a poor photo
# (glare, low contrast) than another piece: then the view cannot be told, not different.
PHOTO_MANY_INLIERS = 120

ELECTRONIC_IDENTITY = ("imei", "imei2", "serial")
PHONE_IDENTITY = ("model", "colour", "storage_gb")
PHOTO_PREFIX = "photo."
PART_PREFIX = "part."


# ---------------------------------------------------------------- the comparison


@dataclass(frozen=True)
class Finding:
    field: str
    certified: Any  # a JSON scalar (text, number, bool) or None
    found: Any
    verdict: Verdict

    def payload(self) -> dict[str, Any]:
        """The ``case.inspected`` finding: exactly ``field``, ``certified``, ``found``."""
        return {"field": self.field, "certified": self.certified, "found": self.found}


@dataclass(frozen=True)
class Comparison:
    same_piece: SamePiece
    findings: tuple[Finding, ...]
    evidence: dict[str, Any]

    def payload_findings(self) -> list[dict[str, Any]]:
        return [f.payload() for f in self.findings]

    def inspected_payload(self, case_id: str, same_piece: SamePiece | None = None) -> dict[str, Any]:
        """The ``case.inspected`` payload (platform-api 1.1 §6). ``same_piece`` is the
        inspector's answer when it overrides the proposal; the proposal stays in the evidence."""
        answer = same_piece or self.same_piece
        if answer not in SAME_PIECE:
            raise ValueError(f"same_piece must be one of {SAME_PIECE}")
        return {
            "case_id": case_id,
            "same_piece": answer,
            "findings": self.payload_findings(),
            "evidence": dict(self.evidence, proposed_same_piece=self.same_piece),
        }

    def finding(self, name: str) -> Finding | None:
        return next((f for f in self.findings if f.field == name), None)

    @property
    def differences(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.verdict == DIFFERENT)


def balance_uncertainty(reading: Decimal, readability: Decimal) -> Decimal:
    """Standard uncertainty (g) of one balance reading: its readability plus 0.01 % of it."""
    return abs(readability) + abs(reading) * BALANCE_RELATIVE_UNCERTAINTY


def readability_of(shown: str | Decimal) -> Decimal:
    """The last digit of a reading as shown: "12.340" → 0.001 (the trailing zero counts)."""
    value = Decimal(str(shown))
    exponent = value.as_tuple().exponent
    return Decimal(1).scaleb(exponent if isinstance(exponent, int) else 0)


def compare(fp: Fingerprint, found: Found, photo_scores: Mapping[str, PhotoScore]) -> Comparison:
    findings: list[Finding] = []
    evidence: dict[str, Any] = {"rules_version": FINGERPRINT_VERSION}
    if fp.mass_g is not None or found.mass_g is not None:
        finding, evidence["mass"] = _mass(fp, found)
        findings.append(finding)
    if fp.sg is not None or found.sg is not None:
        findings.append(_sg(fp, found))
    for axis in sorted(set(fp.dimensions_mm) | set(found.dimensions_mm)):
        findings.append(_dimension(axis, fp.dimensions_mm.get(axis), found.dimensions_mm.get(axis)))
    if fp.phone is not None or found.phone is not None:  # a phone's electronic identity comes first
        findings.extend(_phone(fp.phone or PhoneFacts(), found.phone or PhoneFacts()))
    photos: dict[str, Any] = {}
    for view in sorted(fp.views):
        score = photo_scores.get(view)
        verdict = photo_verdict(score)
        findings.append(
            Finding(
                PHOTO_PREFIX + view,
                fp.views[view].sha256,
                None if score is None else round(score.similarity, 3),
                verdict,
            )
        )
        photos[view] = (
            None
            if score is None
            else {
                "similarity": round(score.similarity, 3),
                "inliers": score.inliers,
                "features": score.features,
                "verdict": verdict,
            }
        )
    if photos:
        evidence["photos"] = photos
        evidence["photo_thresholds"] = {
            "min_features": PHOTO_MIN_FEATURES,
            "same_inliers": PHOTO_SAME_INLIERS,
            "same_similarity": PHOTO_SAME_SIMILARITY,
            "different_inliers": PHOTO_DIFFERENT_INLIERS,
            "different_similarity": PHOTO_DIFFERENT_SIMILARITY,
            "many_inliers": PHOTO_MANY_INLIERS,
        }
    verdicts = {f.field: f.verdict for f in findings}
    evidence["verdicts"] = verdicts
    evidence["identity"] = {k: verdicts[k] for k in ELECTRONIC_IDENTITY if k in verdicts}
    same_piece = _same_piece(findings)
    evidence["same_piece_rule"] = _rule_text(same_piece, findings)
    return Comparison(same_piece, tuple(findings), evidence)


def photo_verdict(score: PhotoScore | None) -> Verdict:
    if score is None or score.features < PHOTO_MIN_FEATURES:
        return UNKNOWN
    if score.inliers >= PHOTO_SAME_INLIERS and score.similarity >= PHOTO_SAME_SIMILARITY:
        return SAME
    if score.inliers < PHOTO_DIFFERENT_INLIERS:
        return DIFFERENT
    if score.similarity < PHOTO_DIFFERENT_SIMILARITY and score.inliers < PHOTO_MANY_INLIERS:
        return DIFFERENT
    return UNKNOWN


def _mass(fp: Fingerprint, found: Found) -> tuple[Finding, dict[str, Any]]:
    a, b = fp.mass_g, found.mass_g
    if a is None or b is None:
        return Finding("mass_g", _num(a), _num(b), UNKNOWN), {"certified_g": _num(a), "found_g": _num(b)}
    ua, ub = fp.mass_u_g or Decimal(0), found.mass_u_g or Decimal(0)
    u_c = (ua * ua + ub * ub).sqrt()
    diff = b - a
    if u_c == 0:
        verdict: Verdict = SAME if diff == 0 else UNKNOWN  # no uncertainty known: only equality tells
    elif abs(diff) <= MASS_K_SAME * u_c:
        verdict = SAME
    elif abs(diff) > MASS_K_DIFFERENT * u_c:
        verdict = DIFFERENT
    else:
        verdict = UNKNOWN
    evidence = {
        "certified_g": _num(a),
        "found_g": _num(b),
        "difference_g": _num(diff),
        "uncertainty_certified_g": _num(ua),
        "uncertainty_found_g": _num(ub),
        "combined_uncertainty_g": _num(u_c),
        "k_same": int(MASS_K_SAME),
        "k_different": int(MASS_K_DIFFERENT),
        "k": None if u_c == 0 else _num(abs(diff) / u_c, 2),
        "verdict": verdict,
    }
    return Finding("mass_g", _num(a), _num(b), verdict), evidence


def _sg(fp: Fingerprint, found: Found) -> Finding:
    a, b = fp.sg, found.sg
    if a is None or b is None:
        return Finding("specific_gravity", _num(a), _num(b), UNKNOWN)
    bound = (fp.sg_u or Decimal(0)) + (found.sg_u or Decimal(0))
    return Finding("specific_gravity", _num(a), _num(b), SAME if abs(b - a) <= bound else DIFFERENT)


def _dimension(axis: str, a: Decimal | None, b: Decimal | None) -> Finding:
    name = f"dimensions.{axis}_mm"
    if a is None or b is None:
        return Finding(name, _num(a), _num(b), UNKNOWN)
    tolerance = DIMENSION_TOLERANCE_MM + abs(a) * DIMENSION_TOLERANCE_RELATIVE
    diff = abs(b - a)
    verdict: Verdict = (
        SAME if diff <= tolerance else (DIFFERENT if diff > tolerance * DIMENSION_DIFFERENT_FACTOR else UNKNOWN)
    )
    return Finding(name, _num(a), _num(b), verdict)


def _equal(name: str, a: Any, b: Any, normalise: Any = None) -> Finding:
    if a is None or b is None:
        return Finding(name, a, b, UNKNOWN)
    na, nb = (normalise(a), normalise(b)) if normalise else (a, b)
    return Finding(name, a, b, SAME if na == nb else DIFFERENT)


def _phone(a: PhoneFacts, b: PhoneFacts) -> list[Finding]:
    def norm(text: str) -> str:
        return "".join(str(text).split()).upper()

    out = [_equal("imei", a.imei, b.imei, norm), _equal("serial", a.serial, b.serial, norm)]
    if a.imei2 is not None or b.imei2 is not None:
        out.insert(1, _equal("imei2", a.imei2, b.imei2, norm))
    out += [
        _equal("model", a.model, b.model, norm),
        _equal("colour", a.colour, b.colour, norm),
        _equal("storage_gb", a.storage_gb, b.storage_gb),
    ]
    found_parts = {p.part: p for p in b.parts}
    for part in a.parts:
        now = found_parts.get(part.part, Part(part.part))
        status = _equal(f"{PART_PREFIX}{part.part}.status", part.status, now.status)
        if status.verdict == DIFFERENT and part.status != "original" and now.status == "original":
            status = Finding(status.field, status.certified, status.found, UNKNOWN)  # the box now reads it better
        if "unknown" in (part.status, now.status):
            status = Finding(status.field, status.certified, status.found, UNKNOWN)
        out.append(status)
        if part.serial is not None or now.serial is not None:
            out.append(_equal(f"{PART_PREFIX}{part.part}.serial", part.serial, now.serial, norm))
    for name in sorted(set(found_parts) - {p.part for p in a.parts}):
        out.append(Finding(f"{PART_PREFIX}{name}.status", None, found_parts[name].status, UNKNOWN))
    cycles: Verdict = UNKNOWN
    if a.battery_cycles is not None and b.battery_cycles is not None:
        cycles = DIFFERENT if b.battery_cycles < a.battery_cycles else SAME
    out.append(Finding("battery.cycle_count", a.battery_cycles, b.battery_cycles, cycles))
    health: Verdict = UNKNOWN
    if a.battery_health_pct is not None and b.battery_health_pct is not None:
        health = DIFFERENT if b.battery_health_pct > a.battery_health_pct + BATTERY_HEALTH_RISE_PCT else SAME
    out.append(Finding("battery.health_pct", a.battery_health_pct, b.battery_health_pct, health))
    return out


def is_identifying(name: str) -> bool:
    """Fields that tell which piece this is (as opposed to its condition: parts, battery)."""
    return (
        name in ELECTRONIC_IDENTITY
        or name in PHONE_IDENTITY
        or name.startswith(PHOTO_PREFIX)
        or name in ("mass_g", "specific_gravity")
        or name.startswith("dimensions.")
    )


def _same_piece(findings: list[Finding]) -> SamePiece:
    verdicts = {f.field: f.verdict for f in findings}
    electronic = [verdicts[k] for k in ELECTRONIC_IDENTITY if k in verdicts]
    other = {k: v for k, v in verdicts.items() if is_identifying(k) and k not in ELECTRONIC_IDENTITY}
    if DIFFERENT in electronic:
        return "no"
    if SAME in electronic:
        return "undetermined" if DIFFERENT in other.values() else "yes"
    if DIFFERENT in other.values():
        return "no"
    same = [k for k, v in other.items() if v == SAME]
    photos_same = [k for k in same if k.startswith(PHOTO_PREFIX)]
    if photos_same and len(same) >= 2:
        return "yes"
    return "undetermined"


def _rule_text(same_piece: SamePiece, findings: list[Finding]) -> str:
    """Which facts decided, for the evidence (names of fields, not prose)."""
    deciding = [f.field for f in findings if is_identifying(f.field) and f.verdict != UNKNOWN]
    return f"{same_piece}: " + ", ".join(deciding) if deciding else f"{same_piece}: nothing identifying compared"


# ---------------------------------------------------------------- helpers


def _num(value: Decimal | None, places: int = 4) -> float | int | None:
    """A JSON number (platform masses: 4 decimals)."""
    if value is None:
        return None
    q = value.quantize(Decimal(1).scaleb(-places))
    return int(q) if q == q.to_integral_value() else float(q)
