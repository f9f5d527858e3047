"""What a clerk sees and hears after each scan: one large banner coloured by outcome and
a beep pattern (one for done, two for look, three for stop). Shared by intake and
dispatch. Essentials has no multimedia module, so sound is QApplication.beep, and a
system without a bell simply stays quiet."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QFrame, QLabel, QVBoxLayout, QWidget

from app.ui.style import set_status

BEEPS = {"ok": 1, "warn": 2, "error": 3, "info": 0}


def beep(status: str) -> None:
    for i in range(BEEPS.get(status, 0)):
        QTimer.singleShot(i * 180, QApplication.beep)


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
        self.status = status
        self.text.setText(text)
        self.detail.setText(detail)
        self.detail.setVisible(bool(detail))
        set_status(self, status)
        set_status(self.text, status if status != "info" else "")
        if sound:
            beep(status)
