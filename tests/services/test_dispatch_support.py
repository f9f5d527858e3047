"""Test-only helpers that put items where dispatch starts: certified (with a valid
certificate and a front photo) or rejected.

The appraisal, review and certificate services are a colleague's work in progress, so
these helpers write the state through the store session directly (never done by the
product). Replace them with the real operations when those land."""

from __future__ import annotations

import hashlib

import cv2
import numpy as np
from sqlalchemy import select

from app.core.clock import utcnow
from app.store.models import Blob, Certificate, GradingResult, Item, Rejection


def piece_photo(seed: int, *, angle: float = 0.0, scale: float = 1.0, light: int = 0, noise: int = 0) -> bytes:
    """A synthetic 'piece' with texture ORB can find; the same seed is the same piece."""
    rng = np.random.default_rng(seed)
    img = np.full((480, 640, 3), 235, np.uint8)
    for _ in range(60):
        colour = tuple(int(c) for c in rng.integers(0, 200, 3))
        x, y = int(rng.integers(40, 600)), int(rng.integers(40, 440))
        if rng.random() < 0.5:
            cv2.circle(img, (x, y), int(rng.integers(5, 40)), colour, -1)
        else:
            cv2.rectangle(img, (x, y), (x + int(rng.integers(8, 60)), y + int(rng.integers(8, 60))), colour, -1)
    if angle or scale != 1.0:
        m = cv2.getRotationMatrix2D((320, 240), angle, scale)
        img = cv2.warpAffine(img, m, (640, 480), borderValue=(235, 235, 235))
    if light:
        img = cv2.add(img, np.full(img.shape, light, np.uint8)) if light > 0 else cv2.subtract(img, np.full(img.shape, -light, np.uint8))
    if noise:
        img = cv2.add(img, rng.integers(0, noise, img.shape, dtype=np.uint8))
    ok, buf = cv2.imencode(".jpg", img, [cv2.IMWRITE_JPEG_QUALITY, 90])
    assert ok
    return buf.tobytes()


def _grading(s, item: Item, user_id: int, verdict: str) -> GradingResult:  # type: ignore[no-untyped-def]
    g = GradingResult(item_id=item.id, revision=1, result={"test": True}, verdict=verdict, graded_by=user_id,
                      graded_at=utcnow(), reason_code=None if verdict == "pass" else "counterfeit")
    s.add(g)
    s.flush()
    return g


def certify(station, people, tag: str, *, photo_seed: int = 1, cert_no: str | None = None) -> str:  # type: ignore[no-untyped-def]
    """Attach the appraisal front photo and give the item a valid certificate."""
    front = station.photos.attach(people.appraiser, piece_photo(photo_seed), "front", tag=tag, purpose="appraisal")
    pdf = b"%PDF-1.4 test certificate " + tag.encode()
    digest = station.ctx.blobs.put(pdf)
    cert_no = cert_no or f"TWC{tag[2:]}"
    with station.db.transaction() as s:
        item = s.execute(select(Item).where(Item.tag == tag)).scalar_one()
        if s.get(Blob, digest) is None:
            s.add(Blob(sha256=digest, size=len(pdf), content_type="application/pdf", created_at=utcnow()))
        g = _grading(s, item, people.appraiser.user_id, "pass")
        s.add(Certificate(certificate_no=cert_no, item_id=item.id, grading_id=g.id, key_id="test-key",
                          issued_at=utcnow(), issued_by=people.supervisor.user_id, qr_payload="test",
                          pdf_sha256=digest, facts={"photo_sha256": front.sha256}, status="valid"))
        item.state, item.updated_at = "certified", utcnow()
    assert hashlib.sha256(pdf).hexdigest() == digest
    return cert_no


def void_certificate(station, tag: str, reason: str = "证书信息有误") -> None:  # type: ignore[no-untyped-def]
    with station.db.transaction() as s:
        item = s.execute(select(Item).where(Item.tag == tag)).scalar_one()
        cert = s.execute(select(Certificate).where(Certificate.item_id == item.id)).scalars().first()
        cert.status, cert.voided_reason, cert.voided_at = "voided", reason, utcnow()
        item.state = "approved"


def set_state(station, tag: str, state: str, held_from: str | None = None) -> None:  # type: ignore[no-untyped-def]
    with station.db.transaction() as s:
        item = s.execute(select(Item).where(Item.tag == tag)).scalar_one()
        item.state, item.held_from = state, held_from


def reject(station, people, tag: str, reason_code: str = "undisclosed_treatment", note: str = "翡翠经充填处理（B货）",
           photo_seed: int = 2) -> None:  # type: ignore[no-untyped-def]
    station.photos.attach(people.appraiser, piece_photo(photo_seed), "front", tag=tag, purpose="appraisal")
    with station.db.transaction() as s:
        item = s.execute(select(Item).where(Item.tag == tag)).scalar_one()
        _grading(s, item, people.appraiser.user_id, "fail")
        s.add(Rejection(item_id=item.id, reason_code=reason_code, note=note, rejected_by=people.appraiser.user_id,
                        rejected_at=utcnow()))
        item.state = "rejected"
