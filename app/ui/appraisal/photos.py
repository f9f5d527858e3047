"""Photos from the station camera: a live preview, the views this piece needs (front,
back, hallmark for a precious metal, detail) with what is taken, and take/retake. Each
photo is stored content-addressed (its SHA-256) through PhotoService."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.core.vocab.photo_views import JEWELRY_BASE_VIEWS, JEWELRY_VIEWS, view_name
from app.ui import keys
from app.ui.context import UiContext
from app.ui.devices.bridge import CameraBridge, CameraFeed
from app.ui.intake.hardware import take_still
from app.ui.ops import Op, error_text
from app.ui.style import set_status

ALL_VIEWS = JEWELRY_VIEWS
VIEW_KEYS = {"front": "F5", "back": "F6", "hallmark": "F7", "detail": "F8"}


class PhotoPanel(QWidget):
    attached = Signal(object)  # PhotoView

    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui
        self.tag: str | None = None
        self.required: tuple[str, ...] = JEWELRY_BASE_VIEWS
        self.taken: dict[str, Any] = {}
        self.preview = QLabel(self.tr("No camera preview"))
        self.preview.setObjectName("cameraPreview")
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setMinimumSize(200, 124)
        self.preview.setMaximumSize(360, 220)
        self.preview.setStyleSheet("background: #111827; color: #d1d5db; border-radius: 6px;")
        self.bridge = CameraBridge(self, max_width=360)
        self.bridge.frame.connect(self._on_frame)
        camera = getattr(ui.devices, "camera", None) if ui.devices is not None else None
        self.feed = CameraFeed(camera, self.bridge)
        self.status = QLabel("")
        self.status.setObjectName("photoStatus")
        self.status.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.preview)
        grid = QGridLayout()
        self.rows: dict[str, tuple[QLabel, QPushButton]] = {}
        for i, view in enumerate(ALL_VIEWS):
            name = view_name(view)[0 if ui.zh else 1]
            state = QLabel()
            state.setWordWrap(True)  # "✘ detail (required)" may take two lines in a narrow column
            button = QPushButton(self.tr("Take %1").replace("%1", name))
            button.setObjectName(f"take_{view}")
            button.clicked.connect(lambda _=False, v=view: self.take(v))
            keys.bind(button, VIEW_KEYS[view], command=f"photo_{view}")
            grid.addWidget(state, i, 0)
            grid.addWidget(button, i, 1)
            self.rows[view] = (state, button)
        layout.addLayout(grid)
        layout.addWidget(self.status)
        self._refresh()

    def start(self) -> None:
        self.feed.attach()
        camera = self.feed.camera
        if camera is not None and getattr(camera, "state", "") == "stopped":
            Op(self, camera.start, kind="io").failure(self._failed).run()

    def stop(self) -> None:
        self.feed.detach()

    def _on_frame(self, image: QImage) -> None:
        self.preview.setPixmap(QPixmap.fromImage(image).scaled(self.preview.size(), Qt.AspectRatioMode.KeepAspectRatio))

    def buttons(self) -> list[QPushButton]:
        return [button for _state, button in self.rows.values()]

    def set_tag(self, tag: str | None) -> None:
        if tag != self.tag:
            self.taken = {}
            self.required = JEWELRY_BASE_VIEWS
            self._say("", "ok")
        self.tag = tag
        self._refresh()

    def set_required(self, views: tuple[str, ...]) -> None:
        self.required = views
        self._refresh()

    def set_taken(self, taken: dict[str, Any]) -> None:
        self.taken = dict(taken)
        self._refresh()

    def missing(self) -> list[str]:
        return [v for v in self.required if v not in self.taken]

    def _refresh(self) -> None:
        for view, (state, button) in self.rows.items():
            name = view_name(view)[0 if self.ui.zh else 1]
            photo = self.taken.get(view)
            needed = view in self.required
            if photo is not None:
                state.setText(f"✔ {name}  {photo.sha256[:10]}…")
                set_status(state, "ok")
                button.setText(self.tr("Retake %1").replace("%1", name))
            else:
                state.setText(("✘ " if needed else "– ") + name + (self.tr(" (required)") if needed else ""))
                set_status(state, "error" if needed else "warn")
                button.setText(self.tr("Take %1").replace("%1", name))
            keys.bind(button, VIEW_KEYS[view], command=f"photo_{view}")  # setText cleared the shortcut
            button.setEnabled(bool(self.tag))

    def take(self, view: str) -> None:
        if not self.tag:
            return
        tag = self.tag
        self._say(self.tr("Taking the photo…"), "warn")
        Op(self, take_still, self.ui, kind="io").success(lambda data: self._attach(tag, view, data)).failure(
            lambda e: self._failed(e) if self.tag == tag else None
        ).run()

    def _attach(self, tag: str, view: str, data: bytes) -> None:
        Op(
            self,
            self.ui.station.photos.attach,
            self.ui.actor,
            data,
            view,
            tag=tag,
            device={"type": "camera", "source": str(getattr(self.feed.camera, "source", ""))},
        ).success(lambda photo: self._attached(tag, photo)).failure(
            lambda e: self._failed(e) if self.tag == tag else None
        ).run()

    def _attached(self, tag: str, photo: Any) -> None:
        if tag != self.tag:  # stored for the item it was taken of; another item is open now
            return
        self.taken[photo.view] = photo
        self._refresh()
        self._say(self.tr("Photo saved, SHA-256 %1").replace("%1", photo.sha256[:16]), "ok")
        self.attached.emit(photo)

    def _failed(self, error: BaseException) -> None:
        self._say(error_text(error, self.ui.lang), "error")

    def _say(self, text: str, status: str) -> None:
        self.status.setText(text)
        set_status(self.status, status)
