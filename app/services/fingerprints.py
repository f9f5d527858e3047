"""The certified fingerprint: kept when a certificate is issued, compared after the sale.

``capture`` runs inside the certificate's transaction (``CertificateService._write``), with
the photos' features made beforehand (``photo_features``, in ``_prepare``): it reads what
the certificate rests on — the appraisal photos of every view (with their ORB
features stored as a blob), the mass with the certifying balance's uncertainty, SG,
dimensions, and for phones the box report's identity, parts and battery — and writes one
``certified_fingerprints`` row with its audit entry. Photos and measurements cannot change
after certification (the life cycle refuses them), so a certificate issued before this
table existed gets the same fingerprint composed from its records (without stored
features) when asked.

``compare`` is a read: the photos taken at re-inspection are matched view by view against
the certified ones (``photo_match``) and the facts judged by ``app.core.fingerprint``. The
cases operations record the outcome (``case.inspected``) with the drawn match images.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core import fingerprint as fpc
from app.core.errors import NotFound, ValidationError
from app.core.gravity import GRAMS_PER
from app.services.base import ServiceContext, Tx
from app.services.items import load_item
from app.services.photos import MAX_PHOTO_BYTES, VIEWS
from app.store.models import (
    Certificate,
    CertifiedFingerprint,
    InspectionReport,
    Item,
    Measurement,
    Photo,
)

FEATURES_CONTENT_TYPE = "application/x-npz"
DRAWN_CONTENT_TYPE = "image/png"


class FingerprintService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    # ------------------------------------------------------------ capture (inside the certificate's tx)

    def photo_features(self, tag: str) -> dict[str, bytes]:
        """ORB features of the item's current appraisal photos (photo sha -> .npz bytes).
        Slow (a full-size still takes a few hundred ms): the certificate service calls it
        before its transaction, on the worker thread, and hands the result to ``capture``."""
        from app.services import photo_match

        with self.ctx.db.read() as s:
            photos = _latest_photos(s, load_item(s, tag).id)
        out: dict[str, bytes] = {}
        for sha in set(photos.values()):
            try:
                out[sha] = photo_match.features_bytes(self.ctx.blobs.get(sha))
            except ValidationError:
                continue  # an unreadable photo: matched without stored features later
        return out

    def capture(
        self, tx: Tx, item: Item, certificate_no: str, features: Mapping[str, bytes] | None = None
    ) -> fpc.Fingerprint:
        """Inside the certificate's transaction: the row and its audit entry. ``features``
        come from ``photo_features``; a photo without them is matched from its pixels later."""
        made = dict(features or {})

        def stored(photo_sha: str) -> str | None:
            return tx.put_blob(made[photo_sha], FEATURES_CONTENT_TYPE) if photo_sha in made else None

        fp = compose(tx.session, item, certificate_no, stored)
        row = CertifiedFingerprint(
            item_id=item.id,
            certificate_no=certificate_no,
            data=fp.to_dict(),
            captured_by=tx.actor.user_id,
            captured_at=tx.now,
        )
        tx.session.add(row)
        tx.session.flush()
        tx.audit(
            "item",
            item.tag,
            {
                "certificate_no": certificate_no,
                "fingerprint": row.id,
                "views": sorted(fp.views),
                "mass_g": None if fp.mass_g is None else str(fp.mass_g),
                "mass_u_g": None if fp.mass_u_g is None else str(fp.mass_u_g),
                "imei": fp.phone.imei if fp.phone else None,
            },
            action="capture_fingerprint",
        )
        return fp

    # ------------------------------------------------------------ reads

    def certified(self, tag: str) -> fpc.Fingerprint | None:
        """The fingerprint of the item's valid certificate, or None when it has none."""
        with self.ctx.db.read() as s:
            item = load_item(s, tag)
            cert = (
                s.execute(
                    select(Certificate)
                    .where(Certificate.item_id == item.id, Certificate.status == "valid")
                    .order_by(Certificate.id.desc())
                )
                .scalars()
                .first()
            )
            if cert is None:
                return None
            row = s.execute(
                select(CertifiedFingerprint).where(CertifiedFingerprint.certificate_no == cert.certificate_no)
            ).scalar_one_or_none()
            if row is not None:
                return fpc.Fingerprint.from_dict(row.data)
            return compose(s, item, cert.certificate_no, None)  # issued before fingerprints were kept

    def compare(
        self, tag: str, found: fpc.Found, photos: Mapping[str, bytes]
    ) -> tuple[fpc.Comparison, Mapping[str, bytes]]:
        """The comparison and, per view compared, a PNG with the matched features drawn."""
        from app.services import photo_match

        for view, data in photos.items():
            if view not in VIEWS:
                raise ValidationError(f"未知照片视角：{view}", f"Unknown photo view: {view}")
            if not isinstance(data, bytes | bytearray) or not data or len(data) > MAX_PHOTO_BYTES:
                raise ValidationError("照片为空或超过 20 MB", "The photo is empty or larger than 20 MB")
        fp = self.certified(tag)
        if fp is None:
            raise NotFound(
                f"物品 {tag} 没有有效证书，无法比对",
                f"Item {tag} has no valid certificate to compare with",
                code="no_fingerprint",
            )
        scores: dict[str, fpc.PhotoScore] = {}
        drawn: dict[str, bytes] = {}
        for view, ref in fp.views.items():
            if view not in photos:
                continue
            features = self.ctx.blobs.get(ref.features_sha256) if ref.features_sha256 else None
            match = photo_match.match_view(self.ctx.blobs.get(ref.sha256), bytes(photos[view]), features)
            scores[view], drawn[view] = match.score, match.drawn_png
        return fpc.compare(fp, found, scores), drawn


# ------------------------------------------------------------ composing from the records


def compose(session: Session, item: Item, certificate_no: str, features: Any) -> fpc.Fingerprint:
    """The fingerprint the item's records give; ``features(photo_sha) -> blob sha | None``."""
    photos = []
    for view, sha in sorted(_latest_photos(session, item.id).items()):
        photos.append(fpc.PhotoRef(view, sha, features(sha) if features else None))
    latest = _latest_measurements(session, item.id)
    mass, mass_u = _mass(latest.get("mass"))
    sg = latest.get("specific_gravity")
    dims = latest.get("dimensions")
    phone = None
    if item.category == "phone":
        report = (
            session.execute(
                select(InspectionReport).where(InspectionReport.item_id == item.id).order_by(InspectionReport.id.desc())
            )
            .scalars()
            .first()
        )
        phone = fpc.PhoneFacts.from_report(report.report if report is not None else {})
    return fpc.Fingerprint(
        item_tag=item.tag,
        category=item.category,
        certificate_no=certificate_no,
        photos=tuple(photos),
        mass_g=mass,
        mass_u_g=mass_u,
        sg=Decimal(sg.value) if sg is not None else None,
        sg_u=Decimal(str((sg.extra or {}).get("uncertainty", "0"))) if sg is not None else None,
        dimensions_mm=_dimensions(dims),
        phone=phone,
    )


def found_mass(value: Decimal, unit: str, shown: str | None = None) -> tuple[Decimal, Decimal]:
    """A re-inspection weighing as (grams, standard uncertainty in g), the same rule as at
    certification: the readability is the last digit of the reading as shown."""
    grams = value * GRAMS_PER[unit]
    readability = fpc.readability_of(shown if shown is not None else value) * GRAMS_PER[unit]
    return grams, fpc.balance_uncertainty(grams, readability)


def _latest_photos(session: Session, item_id: int) -> dict[str, str]:
    rows = session.execute(
        select(Photo.view, Photo.sha256)
        .where(Photo.item_id == item_id, Photo.purpose == "appraisal")
        .order_by(Photo.id)
    )
    return {view: sha for view, sha in rows}


def _latest_measurements(session: Session, item_id: int) -> dict[str, Measurement]:
    out: dict[str, Measurement] = {}
    for m in session.execute(
        select(Measurement).where(Measurement.item_id == item_id).order_by(Measurement.id)
    ).scalars():
        out[m.kind] = m
    return out


def _mass(m: Measurement | None) -> tuple[Decimal | None, Decimal | None]:
    if m is None:
        return None, None
    grams = Decimal(m.value)
    shown = (m.extra or {}).get("as_read") or {}
    unit = str(shown.get("unit")) if shown.get("unit") in GRAMS_PER else "g"
    readability = fpc.readability_of(shown.get("value", m.value)) * GRAMS_PER[unit]
    return grams, fpc.balance_uncertainty(grams, readability)


def _dimensions(m: Measurement | None) -> dict[str, Decimal]:
    if m is None:
        return {}
    import json

    try:
        raw = json.loads(m.value)
    except ValueError:
        return {}
    return {k: Decimal(str(v)) for k, v in raw.items()} if isinstance(raw, dict) else {}
