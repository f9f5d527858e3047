"""Is the piece in this photo the piece in that one? (dispatch desk and after-sale cases)

One matcher, two uses:

* ``match_view`` (cases): per view a ``PhotoScore`` for ``app.core.fingerprint`` — the
  number of geometrically consistent feature matches and a similarity — and a PNG with
  the matched features drawn (``cv2.drawMatches``), for the person who decides.
* ``compare`` (dispatch): the quick yes/no the dispatch desk has used since issue 9.

How: both photos go grey, are scaled to at most 640 px and have their light evened out
(CLAHE), so another lamp or exposure changes little. ORB features (rotation invariant)
are matched both ways with Lowe's ratio test; one consistent geometry is fitted
(RANSAC homography, which takes rotation, offset and a tilted camera). A different piece
of the same design still matches on the design (a logo, a stone's outline); what tells
the piece itself are its scratches and dents, so the similarity is then measured on the
fine detail: the candidate is warped onto the reference with that geometry and the
high-pass images are correlated over the piece. Design-only matches align the outline but
not the wear, and score low.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # OpenCV and numpy load at the first comparison, not at start-up
    import cv2
    import numpy as np

from app.core.errors import ValidationError
from app.core.fingerprint import PhotoScore, photo_verdict

MAX_SIDE = 640
MIN_INLIERS = 25  # dispatch: consistent ORB matches that make a match
MIN_FEATURES = 40  # dispatch: below this, ORB cannot judge and the hash decides
MAX_HASH_DISTANCE = 10  # of 64 bits
ORB_FEATURES = 1500
RATIO = 0.8
RANSAC_PX = 4.0


@dataclass(frozen=True)
class MatchResult:
    ok: bool
    score: float  # 0..1, higher is more alike
    method: str  # orb | dhash
    inliers: int
    hash_distance: int

    def summary(self) -> dict[str, object]:
        return {
            "ok": self.ok,
            "score": round(self.score, 3),
            "method": self.method,
            "inliers": self.inliers,
            "hash_distance": self.hash_distance,
        }


@dataclass(frozen=True)
class Features:
    keypoints: tuple[cv2.KeyPoint, ...]
    descriptors: np.ndarray | None
    shape: tuple[int, int]


@dataclass(frozen=True)
class ViewMatch:
    score: PhotoScore
    drawn_png: bytes  # the two photos side by side, consistent matches drawn


def _grey(data: bytes) -> np.ndarray:
    _load()
    try:
        img = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_GRAYSCALE) if data else None
    except cv2.error:
        img = None
    if img is None or min(img.shape[:2]) < 16:
        raise ValidationError("无法读取照片，请重新拍照", "Cannot read the photo; take it again")
    scale = MAX_SIDE / max(img.shape[:2])
    if scale < 1:
        img = cv2.resize(img, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    return img


def _even(grey: np.ndarray) -> np.ndarray:
    _load()
    return cv2.createCLAHE(clipLimit=2.0, tileGridSize=(8, 8)).apply(grey)


def features(grey: np.ndarray) -> Features:
    _load()
    orb = cv2.ORB_create(nfeatures=ORB_FEATURES, fastThreshold=10)  # type: ignore[attr-defined]  # opencv's bundled stubs omit ORB_create
    kp, desc = orb.detectAndCompute(_even(grey), None)
    return Features(tuple(kp or ()), desc, (int(grey.shape[0]), int(grey.shape[1])))


def features_bytes(data: bytes) -> bytes:
    """A photo's ORB features as a small .npz (kept with the certified fingerprint)."""
    _load()
    f = features(_grey(data))
    pts = np.array([(k.pt[0], k.pt[1], k.size, k.angle, k.response, k.octave) for k in f.keypoints], np.float32)
    buf = io.BytesIO()
    np.savez_compressed(
        buf,
        keypoints=pts.reshape(-1, 6),
        descriptors=(f.descriptors if f.descriptors is not None else np.zeros((0, 32), np.uint8)),
        shape=np.array(f.shape),
    )
    return buf.getvalue()


def load_features(blob: bytes) -> Features:
    _load()
    with np.load(io.BytesIO(blob)) as z:
        kps = tuple(
            cv2.KeyPoint(float(x), float(y), float(s), float(a), float(r), int(o))
            for x, y, s, a, r, o in z["keypoints"]
        )
        desc = z["descriptors"]
        return Features(kps, desc if len(desc) else None, (int(z["shape"][0]), int(z["shape"][1])))


def dhash(grey: np.ndarray) -> int:
    _load()
    small = cv2.resize(grey, (9, 8), interpolation=cv2.INTER_AREA)
    bits = (small[:, 1:] > small[:, :-1]).flatten()
    return int("".join("1" if b else "0" for b in bits), 2)


def _good_matches(fa: Features, fb: Features) -> list[cv2.DMatch]:
    _load()
    if fa.descriptors is None or fb.descriptors is None or len(fa.keypoints) < 2 or len(fb.keypoints) < 2:
        return []
    matcher = cv2.BFMatcher(cv2.NORM_HAMMING)
    forward = matcher.knnMatch(fa.descriptors, fb.descriptors, k=2)
    backward = {p[0].queryIdx: p[0].trainIdx for p in matcher.knnMatch(fb.descriptors, fa.descriptors, k=1) if p}
    return [
        p[0]
        for p in forward
        if len(p) == 2 and p[0].distance < RATIO * p[1].distance and backward.get(p[0].trainIdx) == p[0].queryIdx
    ]


def _geometry(fa: Features, fb: Features, good: list[cv2.DMatch]) -> tuple[np.ndarray | None, list[cv2.DMatch]]:
    _load()
    if len(good) < 8:
        return None, []
    src = np.array([fa.keypoints[m.queryIdx].pt for m in good], np.float32).reshape(-1, 1, 2)
    dst = np.array([fb.keypoints[m.trainIdx].pt for m in good], np.float32).reshape(-1, 1, 2)
    h, mask = cv2.findHomography(src, dst, cv2.RANSAC, RANSAC_PX, maxIters=2000, confidence=0.995)
    if h is None or mask is None or not _plausible(h):
        return None, []
    return h, [m for m, keep in zip(good, mask.ravel(), strict=True) if keep]


def _plausible(h: np.ndarray) -> bool:
    """A camera moved around a piece: no mirror image, no collapse, no wild stretch."""
    _load()
    a = h[:2, :2] / h[2, 2]
    det = float(np.linalg.det(a))
    return 0.2 < det < 5 and abs(float(h[2, 0])) < 0.005 and abs(float(h[2, 1])) < 0.005


def _detail(grey: np.ndarray) -> np.ndarray:
    _load()
    g = _even(grey).astype(np.float32)
    return g - cv2.GaussianBlur(g, (0, 0), 3)


def _detail_similarity(a: np.ndarray, b: np.ndarray, h: np.ndarray) -> float:
    """Correlation of the fine detail (wear) of ``a`` and ``b`` warped onto ``a``, over the piece."""
    _load()
    inverse = np.linalg.inv(h)
    warped = cv2.warpPerspective(_detail(b), inverse, (a.shape[1], a.shape[0]))
    cover = cv2.warpPerspective(np.ones(b.shape, np.uint8), inverse, (a.shape[1], a.shape[0])) > 0
    da = _detail(a)
    # the piece: where the reference has structure (the background is smooth and dark)
    texture = cv2.GaussianBlur(np.abs(da), (0, 0), 6) > 2.0
    region = cover & texture
    if region.sum() < 500:
        return 0.0
    x, y = da[region], warped[region]
    x, y = x - x.mean(), y - y.mean()
    denominator = float(np.sqrt((x * x).sum() * (y * y).sum()))
    return max(0.0, float((x * y).sum()) / denominator) if denominator else 0.0


def match_view(reference: bytes, candidate: bytes, reference_features: bytes | None = None) -> ViewMatch:
    """The certified photo of a view against the one taken now: score and drawn matches."""
    a, b = _grey(reference), _grey(candidate)
    fa = load_features(reference_features) if reference_features else features(a)
    if fa.shape != (a.shape[0], a.shape[1]):
        fa = features(a)  # stored for another scaling: recompute rather than mis-place points
    fb = features(b)
    good = _good_matches(fa, fb)
    h, inliers = _geometry(fa, fb, good)
    similarity = _detail_similarity(a, b, h) if h is not None else 0.0
    score = PhotoScore(
        similarity=round(similarity, 4), inliers=len(inliers), features=min(len(fa.keypoints), len(fb.keypoints))
    )
    return ViewMatch(score, _drawn(a, fa, b, fb, inliers, photo_verdict(score)))


_COLOURS = {"same": (60, 170, 60), "different": (40, 40, 220), "unknown": (0, 160, 230)}  # BGR


def _drawn(a: np.ndarray, fa: Features, b: np.ndarray, fb: Features, inliers: list[cv2.DMatch], verdict: str) -> bytes:
    _load()
    colour = _COLOURS.get(verdict, (200, 200, 200))
    img = cv2.drawMatches(
        cv2.cvtColor(a, cv2.COLOR_GRAY2BGR),
        list(fa.keypoints),
        cv2.cvtColor(b, cv2.COLOR_GRAY2BGR),
        list(fb.keypoints),
        inliers[:150],
        None,
        matchColor=colour,
        singlePointColor=(150, 150, 150),
        flags=cv2.DrawMatchesFlags_NOT_DRAW_SINGLE_POINTS,
    )
    ok, data = cv2.imencode(".png", img)
    assert ok
    return bytes(data)


def _orb_inliers(a: np.ndarray, b: np.ndarray) -> tuple[int, int]:
    _load()
    fa, fb = features(a), features(b)
    count = min(len(fa.keypoints), len(fb.keypoints))
    if count < MIN_FEATURES:
        return 0, count
    good = _good_matches(fa, fb)
    if len(good) < 8:
        return len(good) // 4, count
    return len(_geometry(fa, fb, good)[1]), count


def compare(reference: bytes, candidate: bytes) -> MatchResult:
    """Dispatch: the certificate photo against the photo at the desk."""
    a, b = _grey(reference), _grey(candidate)
    distance = bin(dhash(a) ^ dhash(b)).count("1")
    inliers, count = _orb_inliers(a, b)
    if count >= MIN_FEATURES:
        score = min(1.0, inliers / (MIN_INLIERS * 4))
        return MatchResult(inliers >= MIN_INLIERS, score, "orb", inliers, distance)
    return MatchResult(distance <= MAX_HASH_DISTANCE, 1 - distance / 64, "dhash", inliers, distance)


def _load() -> None:
    """Import OpenCV and numpy into this module on first use (about 0.3 s and 60 MB)."""
    global cv2, np
    import cv2
    import numpy as np
