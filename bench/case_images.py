"""Synthetic photographs of pieces for the after-sale comparison (tests and ``bench_cases``).

A *design* (a ring model, a bangle, a pendant, a phone model in one colour) is drawn the
same for every instance; an *instance* adds what makes one piece itself — scratches,
dents, polishing marks and a fine surface grain, as wear and manufacturing leave them. A
*photograph* of an instance changes light (brightness, contrast, gamma, a gradient), turns
it, shifts it, tilts it (a perspective transform), and adds sensor noise and JPEG.

The same piece is one instance photographed twice; an honestly hard different piece is
another instance of the same design (same model, colour and size), photographed the same
way. Everything is seeded: the same arguments give the same bytes.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

SIZE = 640  # the instance canvas (square)
PHOTO = (640, 480)  # width, height of a photograph
KINDS = ("ring", "bangle", "pendant", "phone_back")


@dataclass(frozen=True)
class Piece:
    kind: str
    design: int  # which model (the same number draws the same design)
    instance: int  # which physical piece of that design


def _design(kind: str, design: int) -> np.ndarray:
    rng = np.random.default_rng(10_000 + design * 7 + KINDS.index(kind))
    img = np.zeros((SIZE, SIZE, 3), np.uint8)
    c = SIZE // 2
    metal = tuple(int(x) for x in rng.integers(120, 230, 3))
    if kind == "ring":
        cv2.ellipse(img, (c, c + 40), (200, 150), 0, 0, 360, metal, 46, cv2.LINE_AA)
        cv2.ellipse(img, (c, c + 40), (200, 150), 0, 0, 360, tuple(v // 2 for v in metal), 3, cv2.LINE_AA)
        stone = tuple(int(x) for x in rng.integers(60, 255, 3))
        cv2.circle(img, (c, c - 120), 62, metal, -1, cv2.LINE_AA)
        cv2.circle(img, (c, c - 120), 48, stone, -1, cv2.LINE_AA)
        for k in range(8):  # facets
            a = k * np.pi / 4
            cv2.line(
                img,
                (c, c - 120),
                (int(c + 48 * np.cos(a)), int(c - 120 + 48 * np.sin(a))),
                tuple(min(255, v + 50) for v in stone),
                2,
                cv2.LINE_AA,
            )
        for dx in (-60, 60):  # prongs
            cv2.circle(img, (c + dx, c - 120), 12, metal, -1, cv2.LINE_AA)
    elif kind == "bangle":
        cv2.circle(img, (c, c), 250, metal, 60, cv2.LINE_AA)
        for k in range(int(rng.integers(10, 16))):  # engraved pattern, part of the design
            a = 2 * np.pi * k / 12
            p = (int(c + 250 * np.cos(a)), int(c + 250 * np.sin(a)))
            cv2.circle(img, p, 14, tuple(v // 2 for v in metal), 2, cv2.LINE_AA)
    elif kind == "pendant":
        pts = np.array([[c, c - 230], [c + 170, c - 40], [c, c + 240], [c - 170, c - 40]], np.int32)
        cv2.fillPoly(img, [pts], metal, cv2.LINE_AA)
        stone = tuple(int(x) for x in rng.integers(60, 255, 3))
        cv2.ellipse(img, (c, c), (70, 100), 0, 0, 360, stone, -1, cv2.LINE_AA)
        cv2.circle(img, (c, c - 260), 24, metal, 8, cv2.LINE_AA)  # bail
    else:  # phone back: a body colour, a camera bump with lenses, a logo
        body = tuple(int(x) for x in rng.integers(40, 220, 3))
        cv2.rectangle(img, (150, 40), (490, 600), body, -1, cv2.LINE_AA)
        cv2.rectangle(img, (170, 60), (330, 220), tuple(max(0, v - 30) for v in body), -1, cv2.LINE_AA)
        for x, y in ((210, 100), (290, 100), (210, 180)):
            cv2.circle(img, (x, y), 30, (30, 30, 30), -1, cv2.LINE_AA)
            cv2.circle(img, (x, y), 16, (70, 70, 90), -1, cv2.LINE_AA)
        cv2.circle(img, (290, 180), 8, (230, 230, 200), -1, cv2.LINE_AA)  # flash
        cv2.circle(img, (320, 330), 40, tuple(max(0, v - 50) for v in body), -1, cv2.LINE_AA)  # logo
        cv2.putText(
            img, "TW", (290, 520), cv2.FONT_HERSHEY_SIMPLEX, 1.2, tuple(max(0, v - 40) for v in body), 2, cv2.LINE_AA
        )
    return img


def instance(piece: Piece) -> np.ndarray:
    """The design with this piece's own wear: scratches, dents, grain (only on the piece)."""
    img = _design(piece.kind, piece.design).astype(np.int16)
    mask = (img.sum(axis=2) > 0).astype(np.uint8)
    rng = np.random.default_rng(1_000_003 * (piece.design + 1) + piece.instance * 97 + KINDS.index(piece.kind))
    marks = np.zeros(img.shape[:2], np.int16)
    ys, xs = np.nonzero(mask)
    for _ in range(int(rng.integers(35, 55))):  # scratches
        k = int(rng.integers(len(xs)))
        x, y = int(xs[k]), int(ys[k])
        a, n = rng.uniform(0, np.pi), rng.uniform(8, 45)
        cv2.line(
            marks, (x, y), (int(x + n * np.cos(a)), int(y + n * np.sin(a))), int(rng.choice([-70, 70])), 1, cv2.LINE_AA
        )
    for _ in range(int(rng.integers(25, 40))):  # dents and pits
        k = int(rng.integers(len(xs)))
        cv2.circle(marks, (int(xs[k]), int(ys[k])), int(rng.integers(2, 5)), int(rng.choice([-60, 60])), -1)
    grain = cv2.GaussianBlur(rng.normal(0, 14, img.shape[:2]).astype(np.float32), (0, 0), 1.2)
    wear = (marks + grain.astype(np.int16)) * mask
    out = np.clip(img + wear[:, :, None], 0, 255).astype(np.uint8)
    return out


def photograph(img: np.ndarray, seed: int) -> bytes:
    """One shot of an instance: another angle, position, tilt and light; JPEG bytes."""
    rng = np.random.default_rng(seed)
    w, h = PHOTO
    bg = np.full((h, w, 3), int(rng.integers(25, 60)), np.uint8)
    angle, scale = rng.uniform(-35, 35), rng.uniform(0.62, 0.78)
    shift = rng.uniform(-0.04, 0.04, 2) * (w, h)
    rot = cv2.getRotationMatrix2D((SIZE / 2, SIZE / 2), angle, scale)
    rot[:, 2] += (w / 2 - SIZE / 2 + shift[0], h / 2 - SIZE / 2 + shift[1])
    src = np.float32([[0, 0], [SIZE, 0], [SIZE, SIZE], [0, SIZE]])
    placed = cv2.transform(src[None], rot)[0]
    tilt = placed + rng.uniform(-0.05, 0.05, (4, 2)).astype(np.float32) * SIZE * scale
    m = cv2.getPerspectiveTransform(src, tilt.astype(np.float32))
    warped = cv2.warpPerspective(img, m, (w, h), flags=cv2.INTER_LINEAR)
    cover = cv2.warpPerspective(np.full(img.shape[:2], 255, np.uint8), m, (w, h)) > 0
    piece = cv2.warpPerspective((img.sum(axis=2) > 0).astype(np.uint8) * 255, m, (w, h)) > 127
    shot = np.where(piece[:, :, None] & cover[:, :, None], warped, bg).astype(np.float32)
    # light: gain, offset, gamma, a gradient across the frame (a lamp to one side)
    gain, offset, gamma = rng.uniform(0.7, 1.3), rng.uniform(-25, 25), rng.uniform(0.8, 1.25)
    gx = np.linspace(-1, 1, w)[None, :] * rng.uniform(-0.2, 0.2)
    gy = np.linspace(-1, 1, h)[:, None] * rng.uniform(-0.2, 0.2)
    shot = shot * gain * (1 + gx + gy)[:, :, None] + offset
    shot = 255 * (np.clip(shot, 0, 255) / 255) ** gamma
    shot += rng.normal(0, 3, shot.shape)
    ok, data = cv2.imencode(".jpg", np.clip(shot, 0, 255).astype(np.uint8), [cv2.IMWRITE_JPEG_QUALITY, 90])
    assert ok
    return bytes(data)


def shot(piece: Piece, seed: int) -> bytes:
    return photograph(instance(piece), seed)


def same_pairs(n: int, start: int = 0) -> list[tuple[Piece, bytes, bytes]]:
    """n (piece, certified photo, re-inspection photo) of one piece."""
    out = []
    for i in range(start, start + n):
        piece = Piece(KINDS[i % len(KINDS)], design=i // len(KINDS) % 5, instance=i)
        img = instance(piece)
        out.append((piece, photograph(img, 2 * i + 1), photograph(img, 2 * i + 2)))
    return out


def different_pairs(n: int, start: int = 0) -> list[tuple[Piece, bytes, bytes]]:
    """n (piece, its certified photo, a photo of another instance of the same design)."""
    out = []
    for i in range(start, start + n):
        piece = Piece(KINDS[i % len(KINDS)], design=i // len(KINDS) % 5, instance=i)
        other = Piece(piece.kind, piece.design, instance=100_000 + i)
        out.append((piece, shot(piece, 5000 + 2 * i), shot(other, 5001 + 2 * i)))
    return out
