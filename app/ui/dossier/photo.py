"""One photo of a dossier at full size (scaled to the screen), with what it is and its SHA-256,
so a person can compare it with a copy sent to a buyer or an auditor."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QPixmap
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QScrollArea, QVBoxLayout, QWidget

from app.core.clock import format_local
from app.ui.context import UiContext


class PhotoDialog(QDialog):
    def __init__(self, ui: UiContext, ref: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("photoDialog")
        self.setWindowTitle(self.tr("Photo %1").replace("%1", ref.view))
        layout = QVBoxLayout(self)
        self.image = QLabel(self.tr("Loading…"))
        self.image.setObjectName("photoImage")
        self.image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.image)
        layout.addWidget(scroll, 1)
        size = f"{ref.width}×{ref.height}" if ref.width and ref.height else ""
        info = QLabel(
            " · ".join(
                x
                for x in (ref.view, ref.purpose, size, ref.taken_by, format_local(ref.taken_at, ui.config.time_zone))
                if x
            )
            + "\nSHA-256 "
            + ref.sha256
        )
        info.setObjectName("photoInfo")
        info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        info.setWordWrap(True)
        layout.addWidget(info)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        screen = QGuiApplication.primaryScreen()
        avail = screen.availableGeometry().size() if screen is not None else None
        self.resize(min(1000, avail.width() - 80) if avail else 1000, min(720, avail.height() - 80) if avail else 720)

    def show_image(self, data: bytes) -> None:
        pix = QPixmap()
        if not pix.loadFromData(data):
            self.show_error(self.tr("The file is not a picture this station can show."))
            return
        box = holder.size() if (holder := self.image.parentWidget()) is not None else self.size()
        self.image.setPixmap(
            pix.scaled(
                box.width() - 8,
                box.height() - 8,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
            if pix.width() > box.width() or pix.height() > box.height()
            else pix
        )

    def show_error(self, text: str) -> None:
        self.image.setText(text)
        self.image.setProperty("role", "error")
