"""Log-in, and the first start's administrator account."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.core.roles import Actor
from app.ui.ops import Op, error_text

if TYPE_CHECKING:  # loaded with the database, after the log-in window is up
    from app.services.station import Station


class LoginDialog(QDialog):
    """Checks the password off the GUI thread (Argon2 takes a noticeable moment).

    At start-up the window comes first and the database opens behind it (``station`` is
    None until ``set_station``): a person who logs in before that waits for it, nothing more."""

    def __init__(self, station: Station | None, warehouse: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("twNoScan", True)  # typed names and passwords are never taken for scans
        self.station = station
        self._waiting = False  # Log in was pressed before the database was open
        self.actor: Actor | None = None
        self.setWindowTitle(self.tr("Treasure Warehouse — log in"))
        self.setMinimumWidth(420)
        layout = QVBoxLayout(self)
        title = QLabel(self.tr("Treasure Warehouse appraisal workstation"))
        title.setProperty("role", "title")
        layout.addWidget(title)
        layout.addWidget(QLabel(warehouse))
        form = QFormLayout()
        self.username = QLineEdit()
        self.username.setObjectName("username")
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("Username"), self.username)
        form.addRow(self.tr("Password"), self.password)
        layout.addLayout(form)
        self.message = QLabel("")
        self.message.setObjectName("loginMessage")
        self.message.setProperty("status", "error")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        self.buttons = QDialogButtonBox()  # (the constructor taking buttons sets up Qt's namespace: ~15 ms)
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Log in"))
        self.buttons.accepted.connect(self.try_login)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.username.setFocus()  # (OtherFocusReason; naming Qt's namespace costs ~15 ms of enum set-up)

    def try_login(self) -> None:
        name, password = self.username.text().strip(), self.password.text()
        if not name or not password:
            self.message.setText(self.tr("Enter your username and password."))
            return
        self.buttons.setEnabled(False)
        if self.station is None:
            self._waiting = True
            self.message.setText(self.tr("Opening the database…"))
            return
        self.message.setText(self.tr("Checking…"))
        Op(self, self.station.users.authenticate, name, password).success(self._ok).failure(self._failed).run()

    def set_station(self, station: Station) -> None:
        """The database is open: a log-in that was waiting for it goes ahead."""
        self.station = station
        if self._waiting:
            self._waiting = False
            self.try_login()

    def _ok(self, actor: Actor) -> None:
        self.actor = actor
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.password.clear()
        self.password.setFocus()
        self.message.setText(error_text(error))


class FirstAdminDialog(QDialog):
    """Shown once, when the database has no account: creates the administrator."""

    def __init__(self, station: Station, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("twNoScan", True)  # typed names and passwords are never taken for scans
        self.station = station
        self.actor: Actor | None = None
        self.setWindowTitle(self.tr("First start: create the administrator"))
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("No account exists yet. Create the administrator, who then adds the staff."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.username = QLineEdit("admin")
        self.display = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat = QLineEdit()
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("Username"), self.username)
        form.addRow(self.tr("Full name"), self.display)
        form.addRow(self.tr("Password"), self.password)
        form.addRow(self.tr("Repeat password"), self.repeat)
        layout.addLayout(form)
        self.message = QLabel("")
        self.message.setProperty("status", "error")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.create_admin)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def create_admin(self) -> None:
        if self.password.text() != self.repeat.text():
            self.message.setText(self.tr("The two passwords differ."))
            return
        Op(
            self,
            self.station.users.create_first_admin,
            self.username.text().strip(),
            self.password.text(),
            self.display.text().strip(),
        ).success(self._ok).failure(lambda e: self.message.setText(error_text(e))).run()

    def _ok(self, actor: Actor) -> None:
        self.actor = actor
        self.accept()
