"""The supervisor station: the exceptions queue and the day's dashboard, side by side as tabs."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from app.ui.context import UiContext
from app.ui.screen import StationScreen
from app.ui.supervisor.dashboard import DashboardPanel
from app.ui.supervisor.exceptions import ExceptionsPanel


class SupervisorScreen(StationScreen):
    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ui, parent)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 6, 6, 6)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("supervisorTabs")
        self.exceptions = ExceptionsPanel(ui)
        self.dashboard = DashboardPanel(ui)
        self.tabs.addTab(self.exceptions, self.tr("Exceptions"))
        self.tabs.addTab(self.dashboard, self.tr("Today's work"))
        self.tabs.currentChanged.connect(lambda _i: self.activated())
        lay.addWidget(self.tabs)
        self.exceptions.go_to_station.connect(self._go_to)

    def activated(self) -> None:
        (self.exceptions if self.tabs.currentIndex() == 0 else self.dashboard).refresh()

    def handle_scan(self, code: str) -> bool:
        """A scanned tag opens that piece's dossier."""
        from app.core.errors import TWError
        from app.core.tags import validate_tag
        from app.ui.dossier import open_dossier

        try:
            tag = validate_tag(code)
        except TWError:
            return False
        open_dossier(self.ui, tag, self)
        return True

    def _go_to(self, key: str, scan: str) -> None:
        window = self.window()
        show = getattr(window, "show_station", None)
        if show is None:
            return
        screen = show(key)
        if scan:
            screen.handle_scan(scan)


Screen = SupervisorScreen
