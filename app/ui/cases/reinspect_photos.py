"""The re-inspection's camera: a live preview and one button per view the certified
fingerprint has (front, back, … in the order the stations take them), each still taken on the
"io" pool and shown beside its button."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QGridLayout, QGroupBox, QHBoxLayout, QLabel, QPushButton, QWidget

from app.services.photos import VIEWS
from app.ui.context import UiContext
from app.ui.devices.bridge import CameraBridge, CameraFeed
from app.ui.intake.hardware import take_still
from app.ui.ops import Op, error_text

THUMB = 104


class PhotosPanel(QGroupBox):
    """The camera part of the re-inspection: ``photos`` maps each view taken to its image
    bytes. ``said`` carries a message for the window's status line; ``changed`` tells the
    window to re-enable its buttons."""

    said = Signal(str, str)
    changed = Signal()

    def __init__(self, ui: UiContext, view_name: Callable[[str], str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Photograph the certified views"))
        self.ui = ui
        self.view_name = view_name
        self.tag: str | None = None
        self.views: tuple[str, ...] = ()
        self.photos: dict[str, bytes] = {}
        pl = QHBoxLayout(self)
        self.preview = QLabel(self.tr("No camera preview"))
        self.preview.setObjectName("rePreview")
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setFixedSize(184, 138)
        self.preview.setStyleSheet("background: #111827; color: #d1d5db; border-radius: 6px;")
        pl.addWidget(self.preview)
        shots = QWidget()
        self.shot_grid = QGridLayout(shots)
        self.shot_grid.setContentsMargins(0, 0, 0, 0)
        pl.addWidget(shots, 1)
        self.view_buttons: dict[str, QPushButton] = {}
        self.thumbs: dict[str, QLabel] = {}
        self.cam_bridge = CameraBridge(self, max_width=184)
        self.cam_bridge.frame.connect(self._on_frame)
        camera = getattr(ui.devices, "camera", None) if ui.devices is not None else None
        self.feed = CameraFeed(camera, self.cam_bridge)

    def set_piece(self, tag: str | None) -> None:
        """Another piece (or none): its photos and views are dropped until its certified
        views are known (``set_views``)."""
        if tag != self.tag:
            self.photos, self.views = {}, ()
            self._build_views()
        self.tag = tag

    def set_views(self, views: tuple[str, ...]) -> None:
        """The views of the certified fingerprint, in the order the stations take them."""
        order = {v: i for i, v in enumerate(VIEWS)}
        self.views = tuple(sorted(views, key=lambda v: order.get(v, len(order))))
        self._build_views()

    def refresh(self) -> None:
        for button in self.view_buttons.values():
            button.setEnabled(bool(self.tag))

    def start(self) -> None:
        self.feed.attach()
        camera = self.feed.camera
        if camera is not None and getattr(camera, "state", "") == "stopped":
            Op(self, camera.start, kind="io").failure(self._failed).run()

    def stop(self) -> None:
        self.feed.detach()

    def _build_views(self) -> None:
        while self.shot_grid.count():
            item = self.shot_grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.view_buttons, self.thumbs = {}, {}
        for i, view in enumerate(self.views):
            thumb = QLabel(self.view_name(view))
            thumb.setObjectName(f"reThumb_{view}")
            thumb.setFixedSize(THUMB, THUMB * 3 // 4)
            thumb.setAlignment(Qt.AlignmentFlag.AlignCenter)
            thumb.setStyleSheet("border: 1px solid #9ca3af; border-radius: 4px;")
            button = QPushButton(self.tr("Take %1").replace("%1", self.view_name(view)))
            button.setObjectName(f"re_take_{view}")
            button.clicked.connect(lambda _=False, v=view: self.take(v))
            row, col = 2 * (i // 3), i % 3  # three a row: four views still fit 1366 px
            self.shot_grid.addWidget(thumb, row, col)
            self.shot_grid.addWidget(button, row + 1, col)
            self.view_buttons[view], self.thumbs[view] = button, thumb

    def _on_frame(self, image: QImage) -> None:
        self.preview.setPixmap(QPixmap.fromImage(image).scaled(self.preview.size(), Qt.AspectRatioMode.KeepAspectRatio))

    def take(self, view: str) -> None:
        tag = self.tag
        if not tag:
            return
        self.said.emit(self.tr("Taking the photo…"), "warn")
        Op(self, take_still, self.ui, kind="io").success(lambda data: self._taken(tag, view, data)).failure(
            self._failed
        ).run()

    def _taken(self, tag: str, view: str, data: bytes) -> None:
        if tag != self.tag or view not in self.thumbs:
            return
        self.photos[view] = data
        image = QImage.fromData(data)
        thumb = self.thumbs[view]
        if not image.isNull():
            thumb.setPixmap(QPixmap.fromImage(image).scaled(thumb.size(), Qt.AspectRatioMode.KeepAspectRatio))
        self.view_buttons[view].setText(self.tr("Retake %1").replace("%1", self.view_name(view)))
        self.said.emit(self.tr("Photo taken: %1").replace("%1", self.view_name(view)), "ok")
        self.changed.emit()

    def _failed(self, error: BaseException) -> None:
        self.said.emit(error_text(error, self.ui.lang), "error")
