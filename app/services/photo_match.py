"""Is the piece at the dispatch desk the piece that was certified?

Two independent views of the same question, so neither a low-texture piece (a plain
gold bangle gives ORB few corners) nor a small shift in framing fools it alone:

* ORB features matched with Lowe's ratio test and checked for one consistent geometry
  (RANSAC homography); the score is the share of the certificate photo's good matches
  that agree on that geometry.
* A perceptual difference hash (dHash, 64 bits) on the grey image: robust to light and
  scale, used when ORB finds too few features to judge.

The decision is ``ok`` when ORB has enough consistent matches or, lacking features,
when the hashes are close. Anything else stops the dispatch for a supervisor.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from app.core.errors import ValidationError

if TYPE_CHECKING:  # OpenCV and numpy load at the first comparison, not at start-up
    import numpy as np

MAX_SIDE = 640
MIN_INLIERS = 25  # consistent ORB matches that make a match
MIN_FEATURES = 40  # below this, ORB cannot judge and the hash decides
MAX_HASH_DISTANCE = 10  # of 64 bits


@dataclass(frozen=True)
class MatchResult:
    ok: bool
    score: float  # 0..1, higher is more alike
    method: str  # orb | dhash
    inliers: int
    hash_distance: int

    def summary(self) -> dict[str, object]:
        return {"ok": self.ok, "score": round(self.score, 3), "method": self.method, "inliers": self.inliers,
                "hash_distance": self.hash_distance}


def _grey(data: bytes) -> np.ndarray:
    import cv2
    import numpy as np

    img = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_GRAYSCALE)
    if img is None:
        raise ValidationError("无法读取照片，请重新拍照", "Cannot read the photo; take it again")
    scale = MAX_SIDE / max(img.shape[:2])
    if scale < 1:
        img = cv2.resize(img, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    return img


def dhash(grey: np.ndarray) -> int:
    import cv2

    small = cv2.resize(grey, (9, 8), interpolation=cv2.INTER_AREA)
    bits = (small[:, 1:] > small[:, :-1]).flatten()
    return int("".join("1" if b else "0" for b in bits), 2)


def _orb_inliers(a: np.ndarray, b: np.ndarray) -> tuple[int, int]:
    import cv2
    import numpy as np

    orb = cv2.ORB_create(nfeatures=1000)  # type: ignore[attr-defined]
    ka, da = orb.detectAndCompute(a, None)
    kb, db = orb.detectAndCompute(b, None)
    features = min(len(ka or ()), len(kb or ()))
    if da is None or db is None or features < MIN_FEATURES:
        return 0, features
    pairs = cv2.BFMatcher(cv2.NORM_HAMMING).knnMatch(da, db, k=2)
    good = [p[0] for p in pairs if len(p) == 2 and p[0].distance < 0.75 * p[1].distance]
    if len(good) < 8:
        return len(good) // 4, features
    src = np.array([ka[m.queryIdx].pt for m in good], dtype=np.float32).reshape(-1, 1, 2)
    dst = np.array([kb[m.trainIdx].pt for m in good], dtype=np.float32).reshape(-1, 1, 2)
    _, mask = cv2.findHomography(src, dst, cv2.RANSAC, 5.0)
    return (int(mask.sum()) if mask is not None else 0), features


def compare(reference: bytes, candidate: bytes) -> MatchResult:
    a, b = _grey(reference), _grey(candidate)
    distance = bin(dhash(a) ^ dhash(b)).count("1")
    inliers, features = _orb_inliers(a, b)
    if features >= MIN_FEATURES:
        score = min(1.0, inliers / (MIN_INLIERS * 4))
        return MatchResult(inliers >= MIN_INLIERS, score, "orb", inliers, distance)
    return MatchResult(distance <= MAX_HASH_DISTANCE, 1 - distance / 64, "dhash", inliers, distance)
