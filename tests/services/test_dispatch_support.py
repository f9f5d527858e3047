"""Test-only helpers that put items where dispatch starts: certified (with a valid
certificate and a front photo) or rejected.

They go through the real operations (appraisal, review, certificates, holds), so the
dispatch tests exercise the same records the product makes."""

from __future__ import annotations

from decimal import Decimal as D

import cv2
import numpy as np


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
        img = (
            cv2.add(img, np.full(img.shape, light, np.uint8))
            if light > 0
            else cv2.subtract(img, np.full(img.shape, -light, np.uint8))
        )
    if noise:
        img = cv2.add(img, rng.integers(0, noise, img.shape, dtype=np.uint8))
    ok, buf = cv2.imencode(".jpg", img, [cv2.IMWRITE_JPEG_QUALITY, 90])
    assert ok
    return buf.tobytes()


SCALE = {"type": "scale", "model": "XPR204", "serial": "B912345678"}
PASSPHRASE = "dispatch test passphrase"


def _issuer(station, people):  # type: ignore[no-untyped-def]
    """One signing key per test station, unlocked once."""
    issuer = getattr(station, "_test_issuer", None)
    if issuer is None:
        issuer = station.certificates.generate_key(people.supervisor, PASSPHRASE)
        station._test_issuer = issuer
    return issuer


def _appraise(station, people, tag: str, photo_seed: int) -> None:
    from tests.services.test_review_support import photo

    station.appraisal.start(people.appraiser, tag)
    station.appraisal.record_measurement(people.appraiser, tag, "mass", D("2.3490"), "g", device=SCALE)
    station.photos.attach(people.appraiser, piece_photo(photo_seed), "front", tag=tag, device={"type": "camera"})
    for i, view in enumerate(("back", "hallmark", "detail")):
        station.photos.attach(people.appraiser, photo(photo_seed * 7 + i), view, tag=tag, device={"type": "camera"})


def certify(station, people, tag: str, *, photo_seed: int = 1) -> str:  # type: ignore[no-untyped-def]
    """Take a received pendant through appraisal, review and certification with the real
    operations; the certificate's front photo is ``piece_photo(photo_seed)``."""
    from app.core.grading import GradingResult
    from tests.services.test_review_support import pendant

    _appraise(station, people, tag, photo_seed)
    graded = station.appraisal.record_grading(
        people.appraiser, tag, GradingResult("jewelry", "pass", jewelry=pendant())
    )
    station.review.approve(people.supervisor, tag, graded.revision)
    return station.certificates.issue(people.supervisor, tag, _issuer(station, people)).certificate_no


def void_certificate(station, people, tag: str, reason: str = "证书信息有误") -> None:  # type: ignore[no-untyped-def]
    cert = [c for c in station.certificates.for_item(tag) if c.status == "valid"][0]
    station.certificates.void(people.supervisor, cert.certificate_no, reason)


def hold(station, people, tag: str, reason: str = "主管复查") -> None:  # type: ignore[no-untyped-def]
    station.holds.hold(people.supervisor, tag, reason)


def reject(
    station,
    people,
    tag: str,
    reason_code: str = "undisclosed_treatment",
    note: str = "翡翠经充填处理（B货）",
    photo_seed: int = 2,
) -> None:  # type: ignore[no-untyped-def]
    """Appraise, find it failing, and reject it through the appraisal operation."""
    _appraise(station, people, tag, photo_seed)
    station.appraisal.reject(people.appraiser, tag, reason_code, note)
