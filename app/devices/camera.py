"""Camera on its own thread: live preview frames, full-resolution stills (JPEG + SHA-256),
optional barcode decoding on a second thread that always takes the newest frame (so the
preview never waits for the decoder). Sources: a device index, a video file, a folder of
images, or "simulated". A missing or busy camera is a state, not a crash.
"""

from __future__ import annotations

import hashlib
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .errors import CameraError

log = logging.getLogger(__name__)
IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".bmp"}


@dataclass(frozen=True)
class Still:
    jpeg: bytes
    sha256: str
    width: int
    height: int


class FolderSource:
    def __init__(self, folder: Path, fps: float = 10.0) -> None:
        import cv2

        self.files = sorted(p for p in folder.iterdir() if p.suffix.lower() in IMAGE_SUFFIXES)
        self.fps, self.i, self._cv2 = fps, 0, cv2

    def isOpened(self) -> bool:  # noqa: N802
        return bool(self.files)

    def read(self):
        frame = self._cv2.imread(str(self.files[self.i % len(self.files)]))
        self.i += 1
        return frame is not None, frame

    def get(self, prop):
        return self.fps if prop == self._cv2.CAP_PROP_FPS else 0.0

    def set(self, prop, value):
        return False

    def release(self):
        pass


def open_source(
    source: str | int, width: int, height: int, code_text: str | None = None, scene: Callable[[], int] | None = None
):
    import cv2

    if source == "simulated":
        from .camsim import SyntheticSource

        return SyntheticSource(width, height, code_text=code_text, scene=scene)
    if isinstance(source, int) or str(source).isdigit():
        cap = cv2.VideoCapture(int(source))
        cap.set(cv2.CAP_PROP_FRAME_WIDTH, width)
        cap.set(cv2.CAP_PROP_FRAME_HEIGHT, height)
        return cap
    path = Path(source)
    if path.is_dir():
        return FolderSource(path)
    return cv2.VideoCapture(str(path))


def encode_still(frame: np.ndarray, quality: int = 92) -> Still:
    import cv2

    ok, buf = cv2.imencode(".jpg", frame, [cv2.IMWRITE_JPEG_QUALITY, quality])
    if not ok:
        raise CameraError("照片编码失败", "Could not encode the photo")
    data = buf.tobytes()
    return Still(data, hashlib.sha256(data).hexdigest(), frame.shape[1], frame.shape[0])


class Camera:
    def __init__(
        self,
        source: str | int = "simulated",
        *,
        width: int = 1280,
        height: int = 720,
        on_frame: Callable[[np.ndarray], None] | None = None,
        on_codes: Callable[[list], None] | None = None,
        on_state: Callable[[str], None] | None = None,
        decode: bool = False,
        pace: bool = True,
        code_text: str | None = None,
        scene: Callable[[], int] | None = None,
    ) -> None:
        self.source, self.width, self.height = source, width, height
        self.on_frame, self.on_codes, self.on_state = on_frame, on_codes, on_state
        self.decode, self.pace, self.code_text = decode, pace, code_text
        self.scene = scene  # demo: which piece lies under the simulated camera
        self.state = "stopped"
        self.frames = 0
        self.decoded = 0
        self._latest: np.ndarray | None = None
        self._lock = threading.Lock()
        self._new = threading.Event()
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []

    def _set_state(self, state: str) -> None:
        if state != self.state:
            self.state = state
            if self.on_state:
                self.on_state(state)

    def start(self) -> None:
        self._stop.clear()
        self._threads = [threading.Thread(target=self._capture, name="device-camera", daemon=True)]
        if self.decode:
            self._threads.append(threading.Thread(target=self._decoder, name="device-camera-decode", daemon=True))
        for t in self._threads:
            t.start()

    def stop(self) -> None:
        self._stop.set()
        self._new.set()
        for t in self._threads:
            t.join(3.0)
        self._set_state("stopped")

    def select(self, source: str | int, width: int | None = None, height: int | None = None) -> None:
        """Switch to another camera or resolution (restarts the capture thread)."""
        self.stop()
        self.source, self.width, self.height = source, width or self.width, height or self.height
        self.start()

    def latest(self) -> np.ndarray | None:
        with self._lock:
            return None if self._latest is None else self._latest.copy()

    def capture_still(self, timeout: float = 2.0) -> Still:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            frame = self.latest()
            if frame is not None:
                return encode_still(frame)
            time.sleep(0.01)
        raise CameraError(f"相机不可用（{self.state}）", f"Camera not available ({self.state})")

    def _capture(self) -> None:
        try:
            cap = open_source(self.source, self.width, self.height, self.code_text, self.scene)
        except Exception as exc:  # an unknown backend must not kill the thread silently
            log.warning("camera open failed: %s", exc)
            self._set_state("missing")
            return
        if not cap.isOpened():
            self._set_state("missing")
            return
        fps = cap.get(5) or 30.0  # cv2.CAP_PROP_FPS == 5
        period = 1.0 / fps if fps > 0 else 0.0
        next_t = time.monotonic()
        failures = 0
        try:
            while not self._stop.is_set():
                ok, frame = cap.read()
                if not ok or frame is None:
                    failures += 1
                    if isinstance(self.source, str) and Path(self.source).is_file():
                        cap.release()  # a video file loops
                        cap = open_source(self.source, self.width, self.height, scene=self.scene)
                        if failures < 3:
                            continue
                    self._set_state("busy" if failures < 10 else "missing")
                    if failures >= 10:
                        return
                    time.sleep(0.05)
                    continue
                failures = 0
                self._set_state("running")
                with self._lock:
                    self._latest = frame
                self.frames += 1
                self._new.set()
                if self.on_frame:
                    self.on_frame(frame)
                if self.pace and period:
                    next_t += period
                    delay = next_t - time.monotonic()
                    if delay > 0:
                        time.sleep(delay)
                    else:
                        next_t = time.monotonic()
        finally:
            cap.release()

    def _decoder(self) -> None:
        from .decode import decode_frame

        while not self._stop.is_set():
            self._new.wait(0.2)
            self._new.clear()
            frame = self.latest()
            if frame is None:
                continue
            codes = decode_frame(frame)
            self.decoded += 1
            if codes and self.on_codes:
                self.on_codes(codes)
