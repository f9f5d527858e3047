"""The main window: a station list on the left, the current station, and a status bar
with who is working, which database, the devices and the sync."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from app.core.roles import ROLE_NAMES
from app.ui import i18n, states
from app.ui.context import UiContext
from app.ui.screen import StationScreen
from app.ui.setup.demo import install_demo_banner, simulated_suffix
from app.ui.stations import STATIONS, screen_class
from app.ui.statusbar import StatusField

if TYPE_CHECKING:
    from app.devices.factory import DeviceSet

NAV_MIN, NAV_MAX = 112, 216  # px; the widest station name sets it (zh ~120, en ~210)
PREFERRED_SIZE = QSize(1440, 900)


class StationStack(QStackedWidget):
    """Asks for the room the station on show needs, not the largest station's: a station
    that is not visible must not make the window bigger."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.currentChanged.connect(lambda _i: self.updateGeometry())

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        page = self.currentWidget()
        return page.sizeHint() if page is not None else super().sizeHint()

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        page = self.currentWidget()
        if page is None:
            return super().minimumSizeHint()
        return page.minimumSizeHint().expandedTo(page.minimumSize())


class MainWindow(QMainWindow):
    def __init__(self, ui: UiContext) -> None:
        super().__init__()
        # This window's own view of the application's signals: everything connected to
        # them goes away with the window (see AppSignals.relay).
        self.app_signals = ui.signals
        self.ui = ui = replace(ui, signals=ui.signals.relay(self))
        self.logout_requested = False
        self.setWindowTitle(self.tr("Treasure Warehouse workstation") + f" — {ui.config.display_name}")
        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        self.nav = QListWidget()
        self.nav.setObjectName("nav")
        self.nav.setWordWrap(True)
        self.nav.setTextElideMode(Qt.TextElideMode.ElideNone)  # a station name is never cut to "…"
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.stack = StationStack()
        row.addWidget(self.nav)
        row.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.screens: dict[str, StationScreen] = {}
        for entry in STATIONS:
            screen: StationScreen = screen_class(entry)(ui)
            screen.setObjectName(f"station_{entry.key}")
            self.screens[entry.key] = screen
            self.stack.addWidget(screen)
            item = QListWidgetItem(entry.title())
            item.setData(Qt.ItemDataRole.UserRole, entry.key)
            item.setToolTip(entry.title())
            self.nav.addItem(item)
        self._fit_nav()
        self.nav.currentRowChanged.connect(self._show_row)
        self._build_status_bar()
        self._build_menu()
        from app.ui.dossier import install_search

        self.search_button = install_search(self, ui)  # Ctrl+F from every station
        if ui.config.demo:
            install_demo_banner(self)
        ui.signals.scan_did_arrive.connect(self.route_scan)
        ui.signals.sync_status_did_change.connect(self._sync_status)
        ui.signals.device_state_did_change.connect(self._device_state)
        ui.signals.devices_did_start.connect(self._devices_started)
        self.nav.setCurrentRow(self._first_station_for_user())
        self.resize(self._initial_size())
        # The runtime may have started before this window (log-in comes after start-up).
        runtime = ui.runtime
        for name, state in dict(getattr(runtime, "states", {}) or {}).items():
            self._device_state(name, state)
        sync = getattr(runtime, "sync", None)
        status = (
            runtime.sync_status()
            if runtime is not None and hasattr(runtime, "sync_status")
            else (sync.status() if sync is not None else None)
        )
        if status is not None:
            self._sync_status(status)

    def _fit_nav(self) -> None:
        self.nav.ensurePolished()
        metrics = self.nav.fontMetrics()
        widest = max((metrics.horizontalAdvance(self.nav.item(i).text()) for i in range(self.nav.count())), default=0)
        self.nav.setFixedWidth(max(NAV_MIN, min(NAV_MAX, widest + 40)))

    def _devices_started(self, devices: DeviceSet) -> None:
        """Devices open in the background and may come up after this window: every screen
        shares ``self.ui`` and reads ``ui.devices`` when it needs a device."""
        self.ui.devices = devices

    def _first_station_for_user(self) -> int:
        for i, entry in enumerate(STATIONS):
            if entry.roles & self.ui.actor.roles:
                return i
        return 0

    def _available(self) -> QSize:
        screen = self.screen() or QGuiApplication.primaryScreen()
        return screen.availableGeometry().size() if screen is not None else PREFERRED_SIZE

    def _initial_size(self) -> QSize:
        """The preferred size where it fits, else the screen's available area."""
        return PREFERRED_SIZE.boundedTo(self._available())

    def show_for_screen(self) -> None:
        """Show maximised on a screen smaller than the preferred size (1366×768 laptops)."""
        avail = self._available()
        self.resize(self._initial_size())  # within the screen even where nothing maximises
        if avail.width() < PREFERRED_SIZE.width() or avail.height() < PREFERRED_SIZE.height():
            self.showMaximized()
        else:
            self.show()

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        bar.setSizeGripEnabled(False)
        roles = i18n.join_list((ROLE_NAMES[r][0 if self.ui.zh else 1] for r in sorted(self.ui.actor.roles)), self.ui.zh)
        self.user_label = StatusField(f"{self.ui.actor.display_name} ({roles})")
        self.user_label.setObjectName("statusUser")
        self.db_label = StatusField(self.tr("Database: %1").replace("%1", self.ui.station.db.describe()))
        self.db_label.setObjectName("statusDatabase")
        self.devices_label = StatusField(self.tr("Devices: %1").replace("%1", states.device_state("connecting")))
        self.devices_label.setObjectName("statusDevices")
        self.sync_label = StatusField(self.tr("Sync: %1").replace("%1", states.sync_state("not_started")))
        self.sync_label.setObjectName("statusSync")
        for w in (self.user_label, self.db_label, self.devices_label, self.sync_label):
            bar.addPermanentWidget(w)
        self._device_states: dict[str, str] = {}

    def _build_menu(self) -> None:
        menu = self.menuBar().addMenu(self.tr("&Session"))
        logout = QAction(self.tr("Log out"), self)
        logout.setShortcut(QKeySequence("Ctrl+Shift+L"))
        logout.triggered.connect(self._logout)
        menu.addAction(logout)
        quit_action = QAction(self.tr("Quit"), self)
        quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        quit_action.triggered.connect(self.close)
        menu.addAction(quit_action)

    def open_search(self) -> None:
        """Ctrl+F from every station: the one search (app.ui.dossier)."""
        from app.ui.dossier import open_search

        open_search(self.ui, parent=self)

    def _logout(self) -> None:
        self.logout_requested = True
        self.close()

    def _show_row(self, row: int) -> None:
        if row < 0:
            return
        self.stack.setCurrentIndex(row)
        screen = self.stack.currentWidget()
        if isinstance(screen, StationScreen):
            screen.activated()
        QTimer.singleShot(0, self._keep_on_screen)

    def _keep_on_screen(self) -> None:
        """A station that needed more room grew the window; the next one gives it back, so
        the window does not stay wider than the screen once a larger station is left."""
        central = self.centralWidget()
        if central is not None and (inner := central.layout()) is not None:
            inner.activate()  # the new station's needs, not the last one's
        if (outer := self.layout()) is not None:
            outer.activate()
        fitted = self.size().boundedTo(self._available()).expandedTo(self.minimumSizeHint())
        if fitted != self.size() and not self.isFullScreen():
            self.resize(fitted)

    def show_station(self, key: str) -> StationScreen:
        row = [e.key for e in STATIONS].index(key)
        self.nav.setCurrentRow(row)
        return self.screens[key]

    def current_screen(self) -> StationScreen:
        return self.stack.currentWidget()  # type: ignore[return-value]  # the stack holds only station screens

    def route_scan(self, code: str) -> None:
        """A scan goes to the current station, except a command barcode (``CMD:<name>``), which
        presses the visible, enabled button registered under that name (the open dialog's
        first) before any station sees it."""
        from PySide6.QtWidgets import QAbstractButton, QApplication

        from app.ui import keys, sound

        if code[: len(keys.COMMAND_PREFIX)].upper() == keys.COMMAND_PREFIX:
            name = code[len(keys.COMMAND_PREFIX) :].strip()
            roots = [w for w in (QApplication.activeModalWidget(), self) if w is not None]
            for root in roots:
                for candidate in dict.fromkeys((name, name.lower())):
                    if keys.press_command(root, keys.COMMAND_PREFIX + candidate):
                        self.statusBar().showMessage(self.tr("Command: %1").replace("%1", name), 3000)
                        return
            known = any(
                str(b.property("twCommand") or "").lower() == name.lower()
                for root in roots
                for b in root.findChildren(QAbstractButton)
            )
            text = self.tr("Command %1 is not available right now") if known else self.tr("Unknown command barcode: %1")
            self.statusBar().showMessage(text.replace("%1", name), 8000)
            sound.play("error")
            return
        if not self.current_screen().handle_scan(code):
            from app.ui.dossier import search_scan

            search_scan(self.ui, code, self)  # one item opens its dossier; none is said and sounded

    def _sync_status(self, status: object) -> None:
        state = str(getattr(status, "state", ""))
        summary = states.sync_state(state)
        pending = int(getattr(status, "pending_events", 0) or 0)
        if pending:
            summary += " · " + self.tr("%1 waiting").replace("%1", str(pending))
        rejected = int(getattr(status, "rejected", 0) or 0)
        if rejected:
            summary += " · " + self.tr("%1 rejected").replace("%1", str(rejected))
        self.sync_label.setText(self.tr("Sync: %1").replace("%1", summary))

    def _device_state(self, name: str, state: str) -> None:
        self._device_states[name] = state
        sim = simulated_suffix() if self.ui.config.demo else ""
        parts = [
            f"{states.device_name(k)} {states.device_state(v)}{sim if v not in ('not_configured', 'refused') else ''}"
            for k, v in sorted(self._device_states.items())
        ]
        self.devices_label.setText(self.tr("Devices: %1").replace("%1", self.tr(", ").join(parts)))

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        self.ui.signals.detach()  # a closed window no longer hears scans or state changes
        for screen in self.screens.values():
            screen.shutdown()
        super().closeEvent(event)
