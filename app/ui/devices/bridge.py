"""Device callbacks arrive on device threads; these QObjects carry them to the GUI
thread as signals. Widgets connect to the signals and never touch a driver."""

from __future__ import annotations

from typing import Any

import numpy as np
import shiboken6
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage


def frame_to_image(frame: np.ndarray, max_width: int = 640) -> QImage:
    """BGR frame (OpenCV) to a scaled QImage, done on the camera thread, not the GUI's."""
    import cv2

    h, w = frame.shape[:2]
    if w > max_width:
        frame = cv2.resize(frame, (max_width, int(h * max_width / w)), interpolation=cv2.INTER_AREA)
        h, w = frame.shape[:2]
    rgb = cv2.cvtColor(frame, cv2.COLOR_BGR2RGB)
    return QImage(rgb.data, w, h, 3 * w, QImage.Format.Format_RGB888).copy()


def _alive(obj: QObject) -> bool:
    """A device thread may call back once more after the screen went away (its stop request
    is still queued): such a late callback is dropped, not raised on the device thread."""
    return shiboken6.isValid(obj)


class WeightBridge(QObject):
    reading = Signal(object)  # WeightReading or DeviceError

    def stream_callback(self, value: Any) -> None:
        if _alive(self):
            self.reading.emit(value)


class CameraBridge(QObject):
    frame = Signal(QImage)
    codes = Signal(list)
    state = Signal(str)

    def __init__(self, parent: QObject | None = None, max_width: int = 640) -> None:
        super().__init__(parent)
        self.max_width = max_width

    def on_frame(self, frame: np.ndarray) -> None:
        if _alive(self):
            self.frame.emit(frame_to_image(frame, self.max_width))

    def on_codes(self, codes: list) -> None:
        if _alive(self):
            self.codes.emit(codes)

    def on_state(self, state: str) -> None:
        if _alive(self):
            self.state.emit(state)


class CameraFeed:
    """Borrow the camera's callbacks while a screen is visible, give them back after."""

    def __init__(self, camera: Any, bridge: CameraBridge) -> None:
        self.camera, self.bridge = camera, bridge
        self._saved: tuple[Any, Any, Any] | None = None

    def attach(self) -> None:
        cam = self.camera
        if cam is None or self._saved is not None:
            return
        self._saved = (cam.on_frame, cam.on_codes, cam.on_state)
        cam.on_frame, cam.on_codes, cam.on_state = self.bridge.on_frame, self.bridge.on_codes, self.bridge.on_state

    def detach(self) -> None:
        if self.camera is not None and self._saved is not None:
            self.camera.on_frame, self.camera.on_codes, self.camera.on_state = self._saved
            self._saved = None
