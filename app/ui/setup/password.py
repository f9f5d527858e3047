"""A password given by an administrator (new account, reset) is replaced at the first
log-in, before the window opens."""

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


class ChangePasswordDialog(QDialog):
    def __init__(self, station: Station, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.station, self.actor = station, actor
        self.setWindowTitle(self.tr("Choose your own password"))
        self.setObjectName("changePassword")
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("Your password was set by an administrator. Choose your own before you start."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.current, self.new, self.repeat = (QLineEdit() for _ in range(3))
        for edit in (self.current, self.new, self.repeat):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("Current password"), self.current)
        form.addRow(self.tr("New password"), self.new)
        form.addRow(self.tr("Repeat the new password"), self.repeat)
        layout.addLayout(form)
        self.message = QLabel("")
        self.message.setObjectName("changePasswordMessage")
        self.message.setProperty("status", "error")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.change)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def change(self) -> None:
        if self.new.text() != self.repeat.text():
            self.message.setText(self.tr("The two new passwords differ."))
            return
        Op(self, self.station.users.change_own_password, self.actor, self.current.text(), self.new.text()).success(
            lambda _: self.accept()
        ).failure(lambda e: self.message.setText(error_text(e))).run()


def password_settled(station: Station, actor: Actor) -> bool:
    """False when the person must choose a password and declined (back to the log-in)."""
    if not station.users.password_change_due(actor):
        return True
    return ChangePasswordDialog(station, actor).exec() == QDialog.DialogCode.Accepted
