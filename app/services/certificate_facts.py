"""What goes on an item's certificate, composed from the stored records in one read.

Everything printed comes from rows written by the appraisal and inspection operations (the
approved grading revision, the latest measurements, the latest inspection report, the front
photo) through the vocabularies, so a certificate never says something nobody recorded.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core import certificate as c
from app.core.errors import ValidationError
from app.core.grading import GradingResult, JewelryResult, PhoneResult
from app.core.naming import certificate_name
from app.core.standards import quality_rows, result_categories, standards_for
from app.core.vocab import diamond as dia
from app.core.vocab import gems, jadeite, metals, phone, pieces
from app.store.models import GradingResult as GradingRow
from app.store.models import InspectionReport, Item, Measurement, Photo, Review, User

OBSERVATION_NAMES = {
    "magnification": "放大检查",
    "fluorescence": "荧光",
    "polariscope": "偏光镜",
    "spectroscope": "分光镜",
    "inclusions": "内含物",
    "hallmark_text": "印记",
    "metal_content": "贵金属含量",
    "condition": "状况",
    "note": "备注",
}


@dataclass(frozen=True)
class Basis:
    """The records a certificate rests on, read inside the caller's session."""

    item: Item
    grading: GradingRow
    review: Review
    appraiser: str
    reviewer: str
    photo_sha256: str | None


def _both(term: Any) -> str:
    return term.zh if term.zh == term.en else f"{term.zh} {term.en}"


def approved_basis(session: Session, item: Item) -> Basis:
    """The latest grading revision and the approving review of exactly that revision."""
    grading = (
        session.execute(select(GradingRow).where(GradingRow.item_id == item.id).order_by(GradingRow.revision.desc()))
        .scalars()
        .first()
    )
    review = (
        session.execute(select(Review).where(Review.item_id == item.id).order_by(Review.id.desc())).scalars().first()
    )
    if grading is None or review is None or review.decision != "approved" or review.grading_id != grading.id:
        raise ValidationError(
            "该物品的最新分级结果尚未复核通过", "The item's latest grading has not been approved", code="not_approved"
        )
    names = dict(
        session.execute(
            select(User.id, User.display_name).where(User.id.in_((grading.graded_by, review.reviewer_id)))
        ).all()
    )
    photo = (
        session.execute(
            select(Photo.sha256)
            .where(Photo.item_id == item.id, Photo.view == "front", Photo.purpose == "appraisal")
            .order_by(Photo.id.desc())
        )
        .scalars()
        .first()
    )
    return Basis(item, grading, review, names[grading.graded_by], names[review.reviewer_id], photo)


def compose_facts(
    session: Session, basis: Basis, certificate_no: str, issued_at: datetime, warehouse_id: str, warehouse_name: str
) -> c.CertificateFacts:
    result = GradingResult.from_payload(basis.grading.result)
    warranty: date | None = None
    if result.jewelry is not None:
        measured = _jewelry_measured(session, basis.item.id, result.jewelry)
        key_fact = c.mass_key_fact(measured["total_mass_g"])
        rows, disclosures = c.jewelry_fact_rows(measured) + quality_rows(measured), _jewelry_disclosures(result.jewelry)
        name = certificate_name(result.jewelry)
        remarks = "；".join(name.remarks_zh)
        verdict = f"{name.zh}（{name.en}）" + (f"。{remarks}" if remarks else "")
    else:
        assert result.phone is not None
        warranty = c.warranty_end(issued_at.astimezone(UTC).date())
        measured = _phone_measured(session, basis.item.id, result.phone, warranty)
        key_fact = c.imei_key_fact(str(result.phone.imei), certificate_no)
        rows = c.phone_fact_rows(measured)
        disclosures = tuple(c.Disclosure(d.zh, d.en) for d in result.phone.disclosures)
        verdict = (
            "检测合格，如实披露如下。Inspected and passed; disclosures below."
            if disclosures
            else "检测合格，功能正常。Inspected and passed; fully working."
        )
    return c.CertificateFacts(
        certificate_no=certificate_no,
        item_tag=basis.item.tag,
        category=basis.item.category,
        name=basis.grading.name or basis.item.title,
        key_fact=key_fact,
        facts=rows,
        disclosures=disclosures,
        verdict=verdict,
        appraiser=basis.appraiser,
        reviewer=basis.reviewer,
        issued_at=issued_at,
        warranty_until=warranty,
        warehouse_id=warehouse_id,
        warehouse_name=warehouse_name,
        photo_sha256=basis.photo_sha256,
    )


def _latest(session: Session, item_id: int) -> dict[str, Measurement]:
    out: dict[str, Measurement] = {}
    for m in session.execute(
        select(Measurement).where(Measurement.item_id == item_id).order_by(Measurement.id)
    ).scalars():
        out[f"other:{(m.extra or {}).get('field')}" if m.kind == "other" else m.kind] = m
    return out


def _jewelry_measured(session: Session, item_id: int, j: JewelryResult) -> dict[str, Any]:
    latest = _latest(session, item_id)
    if j.total_mass_g is None:
        raise ValidationError("分级结果缺少总质量", "The grading result has no total mass", code="no_mass")
    m: dict[str, Any] = {"total_mass_g": Decimal(j.total_mass_g)}
    stone = j.main_stone
    if stone is not None:
        if stone.mass_ct is not None:
            m["main_stone_ct"] = stone.mass_ct
        if stone.shape:
            m["shape"] = _both(pieces.SHAPES.get(stone.shape))
        if stone.diamond is not None:
            m["diamond_colour"] = stone.diamond.colour
            m["diamond_clarity"] = stone.diamond.clarity
            if stone.diamond.cut:
                m["diamond_cut"] = _both(dia.DIAMOND_CUTS.get(stone.diamond.cut))
        if stone.jadeite is not None:
            m["colour"] = _both(jadeite.JADEITE_COLOURS.get(stone.jadeite.colour))
    mass = latest.get("mass")
    basis = (mass.extra or {}).get("balance_check") if mass is not None else None
    if basis and basis.get("uncertainty_g"):
        m["total_mass_u_g"] = Decimal(basis["uncertainty_g"])  # k=2, from the check it stood on
    if "specific_gravity" in latest:
        sg = latest["specific_gravity"]
        m["specific_gravity"] = Decimal(sg.value)
        if (sg.extra or {}).get("uncertainty"):
            m["specific_gravity_u"] = Decimal(sg.extra["uncertainty"])
    if "refractive_index" in latest:
        m["refractive_index"] = Decimal(latest["refractive_index"].value)
    if j.metal and j.metal != "base":
        term = metals.METALS.get(j.metal)
        m["fineness_mark"] = f"{term.code}（{term.zh}）"
    for key, slot in (("hallmark_found", "other:hallmark_text"), ("metal_content", "other:metal_content")):
        if slot in latest and (latest[slot].extra or {}).get("text"):
            m[key] = latest[slot].extra["text"]  # printed in its own row, apart from the fineness determined
    m["standards"] = standards_for(result_categories(j, metal_content_tested="metal_content" in m))
    notes = [
        f"{OBSERVATION_NAMES.get(k[6:], k[6:])}：{row.extra.get('text')}"
        for k, row in sorted(latest.items())
        if k.startswith("other:")
        and (row.extra or {}).get("text")
        and k not in ("other:hallmark_text", "other:metal_content")
    ]
    if notes:
        m["observations"] = "；".join(notes)
    return m


def _jewelry_disclosures(j: JewelryResult) -> tuple[c.Disclosure, ...]:
    out: list[c.Disclosure] = []
    for stone in (j.main_stone, *j.side_stones):
        for t in stone.treatments if stone is not None else ():
            out.append(c.treatment_disclosure(gems.TREATMENTS.get(t).code))
    return tuple(dict.fromkeys(out))


def _phone_measured(session: Session, item_id: int, p: PhoneResult, warranty: date) -> dict[str, Any]:
    row = (
        session.execute(
            select(InspectionReport).where(InspectionReport.item_id == item_id).order_by(InspectionReport.id.desc())
        )
        .scalars()
        .first()
    )
    report: dict[str, Any] = dict(row.report) if row is not None else {}
    identity, battery = report.get("identity") or {}, report.get("battery") or {}
    model_no = identity.get("model_number")
    brand = phone.BRANDS.get(p.brand)
    return {
        "model": f"{brand.en} {p.model}" + (f" ({model_no})" if model_no else ""),
        "storage_gb": p.storage_gb,
        "colour": _both(phone.COLOURS.get(p.colour)) if p.colour else identity.get("color"),
        "imei": p.imei,
        "serial": identity.get("serial"),
        "battery_health_pct": p.battery_health_pct,
        "battery_cycles": battery.get("cycle_count"),
        "parts": {e["part"]: e.get("status") or "unknown" for e in report.get("parts") or []},
        "failed_functions": [e["test"] for e in report.get("functions") or [] if e.get("result") == "fail"],
        "cosmetic_grade": _both(phone.COSMETIC_GRADES.get(p.cosmetic_grade)),
        "warranty_until": warranty,
    }


def issued_day(when: datetime) -> date:
    return when.astimezone(UTC).date()
