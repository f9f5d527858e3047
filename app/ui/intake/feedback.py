"""What a clerk sees and hears after each scan: one large banner coloured by outcome and
a sound (a chime for done, two beeps for look, three buzzes for stop; app/ui/sound.py).
Shared by intake and dispatch."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from app.ui import sound as sounds
from app.ui.style import set_status


class Banner(QFrame):
    """The last outcome, big enough to read from a step away."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "banner")
        self.setObjectName("banner")
        lay = QVBoxLayout(self)
        self.text = QLabel()
        self.text.setObjectName("bannerText")
        self.text.setWordWrap(True)
        self.text.setStyleSheet("font-size: 22px; font-weight: 600;")
        self.detail = QLabel()
        self.detail.setObjectName("bannerDetail")
        self.detail.setWordWrap(True)
        self.detail.setProperty("role", "hint")
        lay.addWidget(self.text)
        lay.addWidget(self.detail)
        self.status = "info"
        self.setMinimumHeight(96)

    def show_message(self, status: str, text: str, detail: str = "", sound: bool = True) -> None:
        """``status`` is ok | warn | error | info (info is silent)."""
        self.status = status
        self.text.setText(text)
        self.detail.setText(detail)
        self.detail.setVisible(bool(detail))
        set_status(self, status)
        set_status(self.text, status if status != "info" else "")
        if sound:
            sounds.play(status)
