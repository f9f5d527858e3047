"""Synthetic camera frames: a drawn ring with a stone on a graduated backdrop, a little
sensor noise, and optionally a QR / Code 128 / DataMatrix of a given text in the corner."""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np

# (metal, stone) colours in BGR: yellow gold/white diamond, jade green, platinum/sapphire, rose/ruby...
PIECE_LOOKS = (
    ((40, 160, 215), (235, 225, 245)),
    ((90, 170, 60), (110, 200, 90)),
    ((200, 200, 205), (160, 60, 20)),
    ((120, 140, 220), (60, 40, 200)),
    ((230, 230, 235), (240, 245, 250)),
    ((180, 180, 190), (40, 200, 230)),
)


def code_image(text: str, kind: str = "qr", scale: int = 6) -> np.ndarray:
    import zxingcpp

    fmt = {
        "qr": zxingcpp.BarcodeFormat.QRCode,
        "code128": zxingcpp.BarcodeFormat.Code128,
        "datamatrix": zxingcpp.BarcodeFormat.DataMatrix,
        "ean13": zxingcpp.BarcodeFormat.EAN13,
    }[kind]
    import warnings

    with warnings.catch_warnings():  # write_barcode is deprecated in zxing-cpp 2.3 but still present
        warnings.simplefilter("ignore", DeprecationWarning)
        img = np.asarray(zxingcpp.write_barcode(fmt, text, width=0, height=0, quiet_zone=2))
    if img.ndim == 3:
        img = img[..., 0]
    h = img.shape[0] if kind not in ("code128", "ean13") else max(img.shape[0], 30)
    img = (
        np.repeat(
            np.repeat(img[:h] if img.shape[0] >= h else np.repeat(img, h, 0), scale, 0),
            scale // 2 + 1 if kind in ("code128", "ean13") else scale,
            1,
        )
        if kind in ("code128", "ean13")
        else np.repeat(np.repeat(img, scale, 0), scale, 1)
    )
    return np.pad(img, 3 * scale, constant_values=255).astype(np.uint8)


class SyntheticSource:
    """Stands in for cv2.VideoCapture: ``read()`` gives (True, frame) at ``fps``."""

    def __init__(
        self,
        width: int = 1280,
        height: int = 720,
        fps: float = 30.0,
        code_text: str | None = None,
        code_kind: str = "qr",
        seed: int = 0,
        scene: Callable[[], int] | None = None,
    ) -> None:
        self.width, self.height, self.fps = width, height, fps
        self.rng = np.random.default_rng(seed)
        self.code_text, self.code_kind = code_text, code_kind
        self.scene = scene  # demo: the index of the piece under the camera
        self._scene_index = scene() if scene is not None else 0
        self.base = self._draw(self._scene_index)
        self.n = 0

    def _draw(self, index: int) -> np.ndarray:
        """A piece on a backdrop; ``index`` varies the backdrop, the metal, the stone and its size."""
        import cv2

        width, height = self.width, self.height
        y = np.linspace(200, 120, height, dtype=np.float32)[:, None]
        base = np.repeat(np.repeat(y, width, 1)[..., None], 3, 2)
        base[..., index % 3] += 20  # backdrops differ a little from piece to piece
        base = base.clip(0, 255).astype(np.uint8)
        metal, stone = PIECE_LOOKS[index % len(PIECE_LOOKS)]
        cx, cy = width // 2 + (index % 3 - 1) * width // 10, height // 2
        r = min(width, height) // (4 + index % 3)
        cv2.ellipse(base, (cx, cy + r // 3), (r, int(r * 0.45)), 0, 0, 360, metal, max(6, r // 8))
        cv2.ellipse(base, (cx, cy + r // 3), (r, int(r * 0.45)), 0, 200, 340, (255, 255, 255), max(2, r // 30))
        pts = np.array(
            [
                [cx, cy - r // 2 - r // 3],
                [cx + r // 4, cy - r // 2],
                [cx, cy - r // 2 + r // 5],
                [cx - r // 4, cy - r // 2],
            ],
            np.int32,
        )
        cv2.fillConvexPoly(base, pts, stone)
        cv2.polylines(base, [pts], True, (90, 80, 100), 2)
        if self.code_text:
            code = code_image(self.code_text, self.code_kind, scale=max(3, height // 160))
            h, w = code.shape
            h, w = min(h, height - 20), min(w, width - 20)
            base[20 : 20 + h, 20 : 20 + w] = code[:h, :w, None]
        return base

    def isOpened(self) -> bool:  # noqa: N802 - the cv2.VideoCapture name
        return True

    def read(self) -> tuple[bool, np.ndarray]:
        self.n += 1
        if self.scene is not None and self.scene() != self._scene_index:
            self._scene_index = self.scene()
            self.base = self._draw(self._scene_index)
        frame = self.base.copy()
        shift = int(3 * math.sin(self.n / 10))  # the operator's hand is never perfectly still
        frame = np.roll(frame, shift, axis=1)
        return True, frame

    def set(self, prop: int, value: float) -> bool:
        return False

    def get(self, prop: int) -> float:
        import cv2

        return {
            cv2.CAP_PROP_FPS: self.fps,
            cv2.CAP_PROP_FRAME_WIDTH: self.width,
            cv2.CAP_PROP_FRAME_HEIGHT: self.height,
        }.get(prop, 0.0)

    def release(self) -> None:
        pass
