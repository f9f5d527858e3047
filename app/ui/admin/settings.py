"""Admin: every declared setting with its translated title, current value and where it
comes from (default, file, environment, command line, demo). A change is validated and
audited by the operation; language, devices and printer apply at once (the window is
rebuilt in place), the rest after a restart, and the screen says which."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.config import SETTINGS, Setting
from app.setup.settings_change import DEVICE_KEYS, SettingChanged, change_setting
from app.ui import style
from app.ui.context import UiContext
from app.ui.ops import Op, error_text


class SettingsPanel(QWidget):
    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui
        layout = QVBoxLayout(self)
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("settingsTable")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Setting"), self.tr("Value"), self.tr("From"), self.tr("Takes effect")]
        )
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.doubleClicked.connect(lambda _index: self.change())
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.change_button = QPushButton(self.tr("Change…"))
        self.change_button.clicked.connect(self.change)
        row.addWidget(self.change_button)
        self.assistant_button = QPushButton(self.tr("Setup assistant…"))
        self.assistant_button.clicked.connect(self.run_assistant)
        row.addWidget(self.assistant_button)
        self.message = QLabel("")
        self.message.setObjectName("settingsMessage")
        self.message.setWordWrap(True)
        row.addWidget(self.message, 1)
        layout.addLayout(row)
        self.refresh()

    def _origin(self, key: str) -> str:
        return {
            "default": self.tr("default"),
            "file": self.tr("settings file"),
            "demo": self.tr("demo mode"),
            "environment": self.tr("environment"),
            "command line": self.tr("command line"),
        }[self.ui.config.origin(key)]

    def _value(self, s: Setting) -> str:
        value = self.ui.config.get(s.key)
        if s.secret:
            return self.tr("(kept in the keyring)") if value else "—"
        return str(value) if value != "" else "—"

    def refresh(self) -> None:
        self.table.setRowCount(len(SETTINGS))
        for i, s in enumerate(SETTINGS):
            env = f" ({s.env})" if self.ui.config.origin(s.key) == "environment" and s.env else ""
            cells = (
                s.title_zh if self.ui.zh else s.title_en,
                self._value(s),
                self._origin(s.key) + env,
                self.tr("now") if s.live else self.tr("after a restart"),
            )
            for j, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(s.key)
                self.table.setItem(i, j, item)
        self.table.resizeColumnsToContents()

    def selected(self) -> Setting | None:
        row = self.table.currentRow()
        return SETTINGS[row] if 0 <= row < len(SETTINGS) else None

    def change(self) -> None:
        s = self.selected()
        if s is None:
            return
        value = self.ask(s)
        if value is not None:
            self.submit(s.key, value)

    def ask(self, s: Setting) -> Any:
        title = s.title_zh if self.ui.zh else s.title_en
        current = str(self.ui.config.get(s.key))
        if s.choices:
            text, ok = QInputDialog.getItem(
                self,
                title,
                title,
                list(s.choices),
                max(0, list(s.choices).index(current)) if current in s.choices else 0,
                False,
            )
        else:
            text, ok = QInputDialog.getText(self, title, title, QLineEdit.EchoMode.Normal, current)
        return text if ok else None

    def submit(self, key: str, value: Any) -> None:
        Op(self, change_setting, self.ui.config, self.ui.station, self.ui.actor, key, value, kind="db").success(
            self._changed
        ).failure(self._failed).run()

    def _failed(self, error: BaseException) -> None:
        self.message.setText(error_text(error, self.ui.lang))
        style.set_status(self.message, "error")

    def _changed(self, change: SettingChanged) -> None:
        self.refresh()
        style.set_status(self.message, "ok")
        if change.overridden_by:
            self.message.setText(
                self.tr("Saved, but the environment variable %1 still decides on this computer.").replace(
                    "%1", change.overridden_by
                )
            )
            style.set_status(self.message, "warn")
        elif not change.live:
            self.message.setText(self.tr("Saved. It takes effect after the workstation is restarted."))
        elif change.key in DEVICE_KEYS and self.ui.runtime is not None:
            self.message.setText(self.tr("Saved. Reconnecting the devices…"))
            Op(self, self.ui.runtime.restart_devices, kind="io").success(lambda _: self.relaunch()).failure(
                self._failed
            ).run()
        else:
            self.relaunch()

    def run_assistant(self) -> None:
        """The first start's assistant again (without the administrator page); what it
        changes is audited under this administrator's name."""
        from app.ui.setup.assistant import SetupAssistant

        assistant = SetupAssistant(self.ui.config.data_dir, self.ui.lang, actor=self.ui.actor, parent=self)
        if assistant.exec():
            self.message.setText(self.tr("Saved. Restart the workstation to use the new database or platform."))
            style.set_status(self.message, "ok")
            from app.config import load_config

            fresh = load_config(self.ui.config.data_dir, self.ui.config.path, demo=bool(self.ui.config.demo))
            self.ui.config.values = fresh.values
            self.refresh()

    def relaunch(self) -> None:
        """Rebuild the main window in place (new language, new devices); nobody logs in again."""
        window = self.window()
        window.relaunch_requested = True  # type: ignore[attr-defined]  # the MainWindow's flag; Qt types window() as QWidget
        window.close()
