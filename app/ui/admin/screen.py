"""Admin: the people who use this station and their roles. The operations check that
only an administrator changes them; this screen only asks."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.core.roles import ROLE_NAMES, Action, Role
from app.services.users import UserView
from app.ui import i18n, keys
from app.ui.admin.keys import KeysPanel
from app.ui.admin.maintenance import MaintenancePanel
from app.ui.admin.settings import SettingsPanel
from app.ui.context import UiContext
from app.ui.ops import Op
from app.ui.screen import StationScreen


class RoleChecks(QWidget):
    def __init__(self, zh: bool, selected: frozenset[Role] = frozenset(), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.boxes: dict[Role, QCheckBox] = {}
        for role in Role:
            box = QCheckBox(ROLE_NAMES[role][0 if zh else 1])
            box.setChecked(role in selected)
            self.boxes[role] = box
            row.addWidget(box)

    def roles(self) -> frozenset[Role]:
        return frozenset(r for r, b in self.boxes.items() if b.isChecked())


class AddUserDialog(QDialog):
    def __init__(self, zh: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Add a person"))
        form = QFormLayout(self)
        self.username = QLineEdit()
        self.display = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.roles = RoleChecks(zh)
        form.addRow(self.tr("Username"), self.username)
        form.addRow(self.tr("Full name"), self.display)
        form.addRow(self.tr("Initial password"), self.password)
        form.addRow(self.tr("Roles"), self.roles)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)


class AdminScreen(StationScreen):
    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ui, parent)
        people = QWidget()
        layout = QVBoxLayout(people)
        title = QLabel(self.tr("People and roles"))
        title.setProperty("role", "title")
        layout.addWidget(title)
        self.table = QTableWidget(0, 5)
        self.table.setObjectName("usersTable")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Username"), self.tr("Full name"), self.tr("Roles"), self.tr("Active"), self.tr("Locked")]
        )
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        for text, slot, key in (
            (self.tr("Add person…"), self.add_user, "F5"),
            (self.tr("Change roles…"), self.change_roles, "F6"),
            (self.tr("Enable / disable"), self.toggle_active, "F7"),
            (self.tr("Reset password…"), self.reset_password, "F8"),
            (self.tr("Unlock"), self.unlock, "F9"),
        ):
            b = QPushButton(text)
            b.clicked.connect(slot)
            keys.bind(b, key)
            row.addWidget(b)
        row.addStretch(1)
        layout.addLayout(row)
        self.users: list[UserView] = []
        self.settings = SettingsPanel(ui)
        self.tabs = QTabWidget()
        self.tabs.addTab(people, self.tr("People and roles"))
        self.tabs.addTab(self.settings, self.tr("Settings"))
        self.maintenance = MaintenancePanel(ui)
        self.tabs.addTab(self.maintenance, self.tr("Audit, export, backup"))
        self.keys_panel = KeysPanel(ui)
        self.tabs.addTab(self.keys_panel, self.tr("Signing keys"))
        QVBoxLayout(self).addWidget(self.tabs)

    def activated(self) -> None:
        Op(self, self.ui.station.users.people, self.ui.actor).success(self._show).run()
        if self.ui.may(Action.MANAGE_KEYS):
            self.keys_panel.refresh()

    def _show(self, users: list[UserView]) -> None:
        self.users = users
        self.table.setRowCount(len(users))
        for i, u in enumerate(users):
            roles = i18n.join_list((ROLE_NAMES[r][0 if self.ui.zh else 1] for r in sorted(u.roles)), self.ui.zh)
            for j, text in enumerate(
                (
                    u.username,
                    u.display_name,
                    roles,
                    self.tr("yes") if u.active else self.tr("no"),
                    self.tr("locked") if u.locked else "",
                )
            ):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, u.id)
                self.table.setItem(i, j, item)
        self.table.resizeColumnsToContents()

    def _selected(self) -> UserView | None:
        row = self.table.currentRow()
        return self.users[row] if 0 <= row < len(self.users) else None

    def add_user(self) -> None:
        dlg = AddUserDialog(self.ui.zh, self)
        if dlg.exec() == QDialog.DialogCode.Accepted:
            Op(
                self,
                self.ui.station.users.add_user,
                self.ui.actor,
                dlg.username.text().strip(),
                dlg.password.text(),
                dlg.display.text().strip(),
                dlg.roles.roles(),
            ).success(lambda _: self.activated()).run()

    def change_roles(self) -> None:
        user = self._selected()
        if user is None:
            return
        dlg = QDialog(self)
        dlg.setWindowTitle(self.tr("Roles of %1").replace("%1", user.username))
        lay = QVBoxLayout(dlg)
        checks = RoleChecks(self.ui.zh, user.roles)
        lay.addWidget(checks)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(dlg.accept)
        buttons.rejected.connect(dlg.reject)
        lay.addWidget(buttons)
        if dlg.exec() == QDialog.DialogCode.Accepted:
            Op(self, self.ui.station.users.set_roles, self.ui.actor, user.id, checks.roles()).success(
                lambda _: self.activated()
            ).run()

    def toggle_active(self, confirm: Callable[[str], bool] | None = None) -> None:
        user = self._selected()
        if user is not None and user.active and self.ui.may(Action.MANAGE_USERS):
            ask = confirm or (
                lambda text: (
                    QMessageBox.question(self, self.tr("Disable account"), text) == QMessageBox.StandardButton.Yes
                )
            )
            if not ask(
                self.tr("Disable the account of %1? They can no longer log in.").replace(
                    "%1", f"{user.display_name} ({user.username})"
                )
            ):
                return
        if user is not None:
            Op(self, self.ui.station.users.set_active, self.ui.actor, user.id, not user.active).success(
                lambda _: self.activated()
            ).run()

    def unlock(self) -> None:
        user = self._selected()
        if user is not None:
            Op(self, self.ui.station.users.unlock, self.ui.actor, user.id).success(lambda _: self.activated()).run()

    def reset_password(self) -> None:
        user = self._selected()
        if user is None:
            return
        text, ok = QInputDialog.getText(
            self,
            self.tr("Reset password"),
            self.tr("New password for %1").replace("%1", user.username),
            QLineEdit.EchoMode.Password,
        )
        if ok:
            Op(self, self.ui.station.users.reset_password, self.ui.actor, user.id, text).run()


Screen = AdminScreen
