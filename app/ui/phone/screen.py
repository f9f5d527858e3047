"""Placeholder until this station's issue lands."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from app.ui.context import UiContext
from app.ui.screen import PlaceholderScreen
from app.ui.stations import STATIONS


class Screen(PlaceholderScreen):
    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        entry = next(e for e in STATIONS if e.key == "phone")
        super().__init__(ui, entry.title(), parent)
