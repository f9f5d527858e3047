"""The base of every station screen."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from app.ui.context import UiContext


class StationScreen(QWidget):
    """A station. The shell shows one at a time and hands it scanner input first."""

    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui

    def handle_scan(self, code: str) -> bool:
        """Return True when this screen used the scanned code."""
        return False

    def activated(self) -> None:
        """Called when the screen becomes visible: refresh what it shows (off the GUI thread)."""

    def shutdown(self) -> None:
        """Called once when the window closes: stop timers, release devices."""


class PlaceholderScreen(StationScreen):
    """Shown for a station whose work has not landed yet: navigable, says so plainly."""

    def __init__(self, ui: UiContext, title: str, parent: QWidget | None = None) -> None:
        super().__init__(ui, parent)
        layout = QVBoxLayout(self)
        heading = QLabel(title)
        heading.setProperty("role", "title")
        note = QLabel(self.tr("This station is being built and is not available yet."))
        note.setProperty("role", "hint")
        layout.addWidget(heading)
        layout.addWidget(note)
        layout.addStretch(1)
