"""The main window: a station list on the left, the current station, and a status bar
with who is working, which database, the devices and the sync."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QCloseEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from app.core.roles import ROLE_NAMES
from app.ui.context import UiContext
from app.ui.screen import StationScreen
from app.ui.setup.demo import install_demo_banner, simulated_suffix
from app.ui.stations import STATIONS, screen_class


class MainWindow(QMainWindow):
    def __init__(self, ui: UiContext) -> None:
        super().__init__()
        self.ui = ui
        self.logout_requested = False
        self.setWindowTitle(self.tr("Treasure Warehouse workstation") + f" — {ui.config.display_name}")
        self.resize(1440, 900)
        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        self.nav = QListWidget()
        self.nav.setObjectName("nav")
        self.nav.setFixedWidth(220)
        self.stack = QStackedWidget()
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
            self.nav.addItem(item)
        self.nav.currentRowChanged.connect(self._show_row)
        self._build_status_bar()
        self._build_menu()
        if ui.config.demo:
            install_demo_banner(self)
        ui.signals.scan_did_arrive.connect(self.route_scan)
        ui.signals.sync_status_did_change.connect(self._sync_status)
        ui.signals.device_state_did_change.connect(self._device_state)
        self.nav.setCurrentRow(self._first_station_for_user())
        # The runtime may have started before this window (log-in comes after start-up).
        runtime = ui.runtime
        for name, state in dict(getattr(runtime, "states", {}) or {}).items():
            self._device_state(name, state)
        sync = getattr(runtime, "sync", None)
        status = runtime.sync_status() if runtime is not None and hasattr(runtime, "sync_status") else (
            sync.status() if sync is not None else None)
        if status is not None:
            self._sync_status(status)

    def _first_station_for_user(self) -> int:
        for i, entry in enumerate(STATIONS):
            if entry.roles & self.ui.actor.roles:
                return i
        return 0

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        roles = "、".join(ROLE_NAMES[r][0 if self.ui.zh else 1] for r in sorted(self.ui.actor.roles))
        self.user_label = QLabel(f"{self.ui.actor.display_name} ({roles})")
        self.user_label.setObjectName("statusUser")
        self.db_label = QLabel(self.tr("Database: %1").replace("%1", self.ui.station.db.describe()))
        self.devices_label = QLabel(self.tr("Devices: starting"))
        self.devices_label.setObjectName("statusDevices")
        self.sync_label = QLabel(self.tr("Sync: not started"))
        self.sync_label.setObjectName("statusSync")
        for w in (self.user_label, self.db_label, self.devices_label, self.sync_label):
            bar.addPermanentWidget(w)
        self._device_states: dict[str, str] = {}

    def _build_menu(self) -> None:
        menu = self.menuBar().addMenu(self.tr("&Session"))
        logout = QAction(self.tr("Log out"), self)
        logout.triggered.connect(self._logout)
        menu.addAction(logout)
        quit_action = QAction(self.tr("Quit"), self)
        quit_action.triggered.connect(self.close)
        menu.addAction(quit_action)

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

    def show_station(self, key: str) -> StationScreen:
        row = [e.key for e in STATIONS].index(key)
        self.nav.setCurrentRow(row)
        return self.screens[key]

    def current_screen(self) -> StationScreen:
        return self.stack.currentWidget()  # type: ignore[return-value]

    def route_scan(self, code: str) -> None:
        """A scan goes to the current station, except a command barcode (``CMD:<name>``), which
        presses the visible, enabled button registered under that name (the open dialog's
        first) before any station sees it."""
        from PySide6.QtWidgets import QAbstractButton, QApplication

        from app.ui import keys, sound

        if code[:len(keys.COMMAND_PREFIX)].upper() == keys.COMMAND_PREFIX:
            name = code[len(keys.COMMAND_PREFIX):].strip()
            roots = [w for w in (QApplication.activeModalWidget(), self) if w is not None]
            for root in roots:
                for candidate in dict.fromkeys((name, name.lower())):
                    if keys.press_command(root, keys.COMMAND_PREFIX + candidate):
                        self.statusBar().showMessage(self.tr("Command: %1").replace("%1", name), 3000)
                        return
            known = any(str(b.property("twCommand") or "").lower() == name.lower()
                        for root in roots for b in root.findChildren(QAbstractButton))
            text = self.tr("Command %1 is not available right now") if known else self.tr("Unknown command barcode: %1")
            self.statusBar().showMessage(text.replace("%1", name), 8000)
            sound.play("error")
            return
        if not self.current_screen().handle_scan(code):
            self.statusBar().showMessage(self.tr("Scan not used here: %1").replace("%1", code), 5000)
            sound.play("warn")

    def _sync_status(self, status: object) -> None:
        names = {"idle": self.tr("up to date"), "syncing": self.tr("sending"), "backing_off": self.tr("retrying"),
                 "auth_failed": self.tr("refused, tell a supervisor"), "offline": self.tr("offline"),
                 "stopped": self.tr("stopped"), "not_configured": self.tr("not configured"),
                 "refused": self.tr("refused: demo platform outside demo mode"), "error": self.tr("failed")}
        state = str(getattr(status, "state", ""))
        summary = names.get(state, state)
        pending = int(getattr(status, "pending_events", 0) or 0)
        if pending:
            summary += " · " + self.tr("%1 waiting").replace("%1", str(pending))
        rejected = int(getattr(status, "rejected", 0) or 0)
        if rejected:
            summary += " · " + self.tr("%1 rejected").replace("%1", str(rejected))
        self.sync_label.setText(self.tr("Sync: %1").replace("%1", summary))

    def _device_state(self, name: str, state: str) -> None:
        self._device_states[name] = state
        names = {"balance": self.tr("balance"), "box": self.tr("box"), "camera": self.tr("camera"),
                 "devices": self.tr("devices")}
        states = {"connected": self.tr("ok"), "ready": self.tr("ok"), "disconnected": self.tr("disconnected"),
                  "connecting": self.tr("connecting"), "reconnecting": self.tr("reconnecting"),
                  "not_answering": self.tr("not answering"), "error": self.tr("failed"),
                  "not_configured": self.tr("not configured"), "refused": self.tr("simulator refused")}
        sim = simulated_suffix() if self.ui.config.demo else ""
        parts = [f"{names.get(k, k)} {states.get(v, v)}{sim if v not in ('not_configured', 'refused') else ''}"
                 for k, v in sorted(self._device_states.items())]
        self.devices_label.setText(self.tr("Devices: %1").replace("%1", ", ".join(parts)))

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        for screen in self.screens.values():
            screen.shutdown()
        super().closeEvent(event)
