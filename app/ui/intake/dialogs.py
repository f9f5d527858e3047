"""Dialogs that need a reason and, for supervisor operations, a supervisor's credentials
(the supervisor walks over and signs in the dialog; the operation checks the role)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QWidget,
)

from app.core.roles import Actor, Role
from app.ui.context import UiContext


class ReasonDialog(QDialog):
    """A reason, plus supervisor sign-in when ``supervisor`` and the user is not one."""

    def __init__(
        self, ui: UiContext, title: str, prompt: str, *, supervisor: bool = False, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ui = ui
        self.setObjectName("reasonDialog")
        self.setWindowTitle(title)
        self.setMinimumWidth(460)
        self.form = QFormLayout(self)
        self.form.addRow(QLabel(prompt))
        self.reason = QLineEdit()
        self.reason.setObjectName("reason")
        self.form.addRow(self.tr("Reason"), self.reason)
        self.username = QLineEdit()
        self.username.setObjectName("supervisorUser")
        self.password = QLineEdit()
        self.password.setObjectName("supervisorPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.needs_login = supervisor and Role.SUPERVISOR not in ui.actor.roles
        if self.needs_login:
            self.form.addRow(QLabel(self.tr("A supervisor signs here:")))
            self.form.addRow(self.tr("Supervisor"), self.username)
            self.form.addRow(self.tr("Password"), self.password)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def finish_layout(self) -> None:
        self.form.addRow(self.buttons)

    def actor_fn(self) -> Callable[[], Actor]:
        """Runs on the worker: signs the supervisor in (a wrong password is an error there)."""
        if not self.needs_login:
            return lambda: self.ui.actor
        users, name, pw = self.ui.station.users, self.username.text().strip(), self.password.text()
        return lambda: users.authenticate(name, pw)


class ResolveDialog(ReasonDialog):
    """Link an unannounced parcel to a notice, or mark it for return to the sender."""

    def __init__(self, ui: UiContext, waybill: str, notices: list[Any], parent: QWidget | None = None) -> None:
        super().__init__(
            ui,
            self.tr("Resolve unannounced parcel"),
            self.tr("Unannounced parcel %1").replace("%1", waybill),
            supervisor=True,
            parent=parent,
        )
        self.link = QRadioButton(self.tr("Link to notice"))
        self.ret = QRadioButton(self.tr("Return to sender"))
        group = QButtonGroup(self)
        group.addButton(self.link)
        group.addButton(self.ret)
        self.asn = QComboBox()
        self.asn.setObjectName("asnChoice")
        for n in notices:
            self.asn.addItem(f"{n.asn_id} · {n.waybill_no} · {n.merchant_name or ''}", n.asn_id)
        self.link.setChecked(bool(notices))
        self.ret.setChecked(not notices)
        self.form.insertRow(1, self.link, self.asn)
        self.form.insertRow(2, self.ret)
        self.finish_layout()

    def choice(self) -> dict[str, Any]:
        if self.link.isChecked() and self.asn.currentData():
            return {"asn_id": self.asn.currentData()}
        return {"return_to_merchant": True}
