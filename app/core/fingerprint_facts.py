"""The facts of a certified fingerprint and of a re-inspection, as stored and compared: the
certified photos (``PhotoRef``), a phone's identity and condition as the inspection box reports
them (``PhoneFacts``, ``Part``), what a re-inspection found (``Found``), the fingerprint kept
with the certificate (``Fingerprint``, its stored JSON) and a photo pair's similarity figures
(``PhotoScore``). The rules that compare them are ``app.core.fingerprint``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, fields
from decimal import Decimal, InvalidOperation
from typing import Any

FINGERPRINT_VERSION = 1  # of the stored JSON (``Fingerprint.to_dict``)


@dataclass(frozen=True)
class PhotoRef:
    """A certified photo: its blob and the blob of its stored features (ORB keypoints)."""

    view: str
    sha256: str
    features_sha256: str | None = None


@dataclass(frozen=True)
class Part:
    part: str
    status: str | None = None  # original | replaced | unknown, as the box says; None = not read
    serial: str | None = None


@dataclass(frozen=True)
class PhoneFacts:
    """What the inspection box reports that identifies a phone and its condition."""

    imei: str | None = None
    imei2: str | None = None
    serial: str | None = None
    model: str | None = None
    colour: str | None = None
    storage_gb: int | None = None
    parts: tuple[Part, ...] = ()
    battery_cycles: int | None = None
    battery_health_pct: int | None = None

    @classmethod
    def from_report(cls, report: Mapping[str, Any]) -> PhoneFacts:
        """From a box report (inspection-box-protocol.md v2); unreadable fields are None."""
        identity: Mapping[str, Any] = report.get("identity") or {}
        battery: Mapping[str, Any] = report.get("battery") or {}
        identity = identity if isinstance(identity, Mapping) else {}
        battery = battery if isinstance(battery, Mapping) else {}
        parts: list[Part] = []
        for entry in report.get("parts") or ():
            if isinstance(entry, Mapping) and isinstance(entry.get("part"), str):
                parts.append(Part(entry["part"], _text(entry.get("status")), _text(entry.get("serial"))))
        model = _text(identity.get("model_number")) or _text(identity.get("marketing_name"))
        return cls(
            imei=_text(identity.get("imei")),
            imei2=_text(identity.get("imei2")),
            serial=_text(identity.get("serial")),
            model=model,
            colour=_text(identity.get("color")),
            storage_gb=_int(identity.get("storage_gb")),
            parts=tuple(parts),
            battery_cycles=_int(battery.get("cycle_count")),
            battery_health_pct=_int(battery.get("health_pct")),
        )


@dataclass(frozen=True)
class Found:
    """The same facts measured at re-inspection; any may be missing (None / empty)."""

    mass_g: Decimal | None = None
    mass_u_g: Decimal | None = None  # standard uncertainty of this weighing
    sg: Decimal | None = None
    sg_u: Decimal | None = None
    dimensions_mm: Mapping[str, Decimal] = field(default_factory=dict)
    phone: PhoneFacts | None = None


@dataclass(frozen=True)
class Fingerprint:
    """What identifies the certified piece, kept with the certificate."""

    item_tag: str
    category: str  # jewelry | phone
    certificate_no: str
    photos: tuple[PhotoRef, ...] = ()
    mass_g: Decimal | None = None
    mass_u_g: Decimal | None = None  # standard uncertainty of the certifying balance reading
    sg: Decimal | None = None
    sg_u: Decimal | None = None
    dimensions_mm: Mapping[str, Decimal] = field(default_factory=dict)
    phone: PhoneFacts | None = None

    @property
    def views(self) -> dict[str, PhotoRef]:
        return {p.view: p for p in self.photos}

    @property
    def hallmark(self) -> PhotoRef | None:
        return self.views.get("hallmark")

    def to_dict(self) -> dict[str, Any]:
        """JSON for the store (Decimals as text, exact)."""
        out: dict[str, Any] = {
            "version": FINGERPRINT_VERSION,
            "item_tag": self.item_tag,
            "category": self.category,
            "certificate_no": self.certificate_no,
            "photos": [asdict(p) for p in self.photos],
        }
        for name in ("mass_g", "mass_u_g", "sg", "sg_u"):
            value = getattr(self, name)
            out[name] = None if value is None else str(value)
        out["dimensions_mm"] = {k: str(v) for k, v in sorted(self.dimensions_mm.items())}
        if self.phone is not None:
            phone = asdict(self.phone)
            phone["parts"] = [asdict(p) for p in self.phone.parts]
            out["phone"] = phone
        else:
            out["phone"] = None
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Fingerprint:
        phone = data.get("phone")
        phone_facts = None
        if phone is not None:
            names = {f.name for f in fields(PhoneFacts)} - {"parts"}
            phone_facts = PhoneFacts(
                parts=tuple(Part(**p) for p in phone.get("parts") or ()), **{k: phone.get(k) for k in names}
            )
        return cls(
            item_tag=data["item_tag"],
            category=data["category"],
            certificate_no=data["certificate_no"],
            photos=tuple(PhotoRef(**p) for p in data.get("photos") or ()),
            mass_g=_dec(data.get("mass_g")),
            mass_u_g=_dec(data.get("mass_u_g")),
            sg=_dec(data.get("sg")),
            sg_u=_dec(data.get("sg_u")),
            dimensions_mm={k: Decimal(v) for k, v in (data.get("dimensions_mm") or {}).items()},
            phone=phone_facts,
        )


@dataclass(frozen=True)
class PhotoScore:
    """How alike one view's certified and found photos are (from ``photo_match``)."""

    similarity: float  # 0..1, share of good matches that agree on one geometry, scaled
    inliers: int  # geometrically consistent feature matches
    features: int  # the fewer of the two photos' feature counts


# ---------------------------------------------------------------- helpers


def _dec(value: Any) -> Decimal | None:
    if value is None:
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def _text(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return None
