"""Admin: the warehouse signing keys — which key signs, when it expires, whether the platform
has it; create a new key (rotating the old one out), retire a key with a reason.

The passphrase is typed here only to protect a new key; it is never stored. Signing itself
unlocks the key once per session at the review station. The rules (validity, warning,
passphrase policy) are in ``app.core.signing_keys``; the operations check the permission.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.clock import format_local
from app.core.signing_keys import (
    DEFAULT_VALIDITY_YEARS,
    MIN_PASSPHRASE,
    STATE_NAMES,
    VALIDITY_YEARS,
    KeyState,
)
from app.services.certificates import KeyView
from app.ui import style
from app.ui.context import UiContext
from app.ui.ops import Op, error_text

_STATUS = {KeyState.CURRENT: "ok", KeyState.EXPIRING: "warn", KeyState.EXPIRED: "error"}


class NewKeyDialog(QDialog):
    """Passphrase twice and the validity; reports through ``submitted`` and stays open with the
    error inside it when the operation refuses (weak passphrase), so nothing typed is lost."""

    submitted = Signal(str, int)

    def __init__(self, rotating: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("newKeyDialog")
        self.setWindowTitle(self.tr("New signing key"))
        self.setMinimumWidth(480)
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "The new key signs every certificate from now on. The current key is retired: it "
                "signs nothing more, and the certificates it signed keep verifying."
            )
            if rotating
            else self.tr("The key signs the warehouse's certificates.")
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        policy = QLabel(
            self.tr(
                "Passphrase: at least %1 characters, at least 4 of them different. Supervisors "
                "type it once per session to sign; it is not stored."
            ).replace("%1", str(MIN_PASSPHRASE))
        )
        policy.setWordWrap(True)
        layout.addWidget(policy)
        form = QFormLayout()
        self.passphrase, self.repeat = QLineEdit(), QLineEdit()
        for edit in (self.passphrase, self.repeat):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setObjectName("newKeyPassphrase")
        self.repeat.setObjectName("newKeyRepeat")
        self.validity = QComboBox()
        self.validity.setObjectName("newKeyValidity")
        for years in VALIDITY_YEARS:
            self.validity.addItem(self.tr("%1 year(s)").replace("%1", str(years)), years)
        self.validity.setCurrentIndex(VALIDITY_YEARS.index(DEFAULT_VALIDITY_YEARS))
        form.addRow(self.tr("Passphrase"), self.passphrase)
        form.addRow(self.tr("Repeat"), self.repeat)
        form.addRow(self.tr("Valid for"), self.validity)
        layout.addLayout(form)
        self.message = QLabel("")
        self.message.setWordWrap(True)
        self.message.setObjectName("dialogMessage")
        layout.addWidget(self.message)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def show_error(self, text: str) -> None:
        self.message.setText(text)
        style.set_status(self.message, "error")
        self.buttons.setEnabled(True)

    def _submit(self) -> None:
        if not self.passphrase.text():
            self.show_error(self.tr("Please type the passphrase."))
            return
        if self.passphrase.text() != self.repeat.text():
            self.show_error(self.tr("The two passphrases differ."))
            return
        self.message.setText(self.tr("Creating the key…"))
        style.set_status(self.message, "")
        self.buttons.setEnabled(False)
        self.submitted.emit(self.passphrase.text(), int(self.validity.currentData()))


class RetireKeyDialog(QDialog):
    submitted = Signal(str)

    def __init__(self, key_id: str, current: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("retireKeyDialog")
        self.setWindowTitle(self.tr("Retire signing key"))
        self.setMinimumWidth(480)
        layout = QVBoxLayout(self)
        text = self.tr("Retire %1? It signs nothing more; certificates it signed keep verifying.").replace("%1", key_id)
        if current:
            text += "\n" + self.tr("It is the key in use: no certificate can be signed until a new key is created.")
        label = QLabel(text)
        label.setWordWrap(True)
        layout.addWidget(label)
        layout.addWidget(QLabel(self.tr("Reason")))
        self.reason = QPlainTextEdit()
        self.reason.setObjectName("retireReason")
        self.reason.setFixedHeight(90)
        layout.addWidget(self.reason)
        self.message = QLabel("")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._submit)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def show_error(self, text: str) -> None:
        self.message.setText(text)
        style.set_status(self.message, "error")

    def _submit(self) -> None:
        if not self.reason.toPlainText().strip():
            self.show_error(self.tr("Please write the reason."))
            return
        self.submitted.emit(self.reason.toPlainText().strip())


class KeysPanel(QWidget):
    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui
        self.keys: list[KeyView] = []
        layout = QVBoxLayout(self)
        self.summary = QLabel("")
        self.summary.setObjectName("keySummary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.table = QTableWidget(0, 5)
        self.table.setObjectName("keysTable")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Key"),
                self.tr("State"),
                self.tr("Created"),
                self.tr("Expires"),
                self.tr("Registered with the platform"),
            ]
        )
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.new_button = QPushButton(self.tr("New key…"))
        self.new_button.setObjectName("newKeyButton")
        self.new_button.clicked.connect(lambda: self.new_key())
        self.retire_button = QPushButton(self.tr("Retire…"))
        self.retire_button.setObjectName("retireKeyButton")
        self.retire_button.clicked.connect(lambda: self.retire())
        row.addWidget(self.new_button)
        row.addWidget(self.retire_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.result = QLabel("")
        self.result.setObjectName("keysResult")
        self.result.setWordWrap(True)
        layout.addWidget(self.result)

    def refresh(self) -> None:
        Op(self, self.ui.station.certificates.signing_keys, self.ui.actor).success(self._show).failure(
            lambda e: self._say(error_text(e, self.ui.lang), "error")
        ).run()

    def _say(self, text: str, status: str = "ok") -> None:
        self.result.setText(text)
        style.set_status(self.result, status)

    def _show(self, keys: list[KeyView]) -> None:
        self.keys = keys
        zone = self.ui.config.time_zone
        self.table.setRowCount(len(keys))
        for i, k in enumerate(keys):
            state = STATE_NAMES[k.state][0 if self.ui.zh else 1] + (self.tr(" (demo)") if k.demo else "")
            registered = {True: self.tr("yes"), False: self.tr("waiting for sync"), None: self.tr("unknown")}
            for j, text in enumerate(
                (
                    k.key_id,
                    state,
                    format_local(k.created_at, zone),
                    format_local(k.expires_at, zone),
                    registered[k.registered],
                )
            ):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, k.key_id)
                self.table.setItem(i, j, item)
        self.table.resizeColumnsToContents()
        signing = next((k for k in keys if k.state in (KeyState.CURRENT, KeyState.EXPIRING)), None)
        if signing is None:
            self.summary.setText(self.tr("No key signs certificates. Create a new key before the next certificate."))
            style.set_status(self.summary, "error")
        else:
            text = (
                self.tr("Certificates are signed with %1 until %2.")
                .replace("%1", signing.key_id)
                .replace("%2", format_local(signing.expires_at, zone))
            )
            if signing.state is KeyState.EXPIRING:
                text += " " + self.tr("It expires soon: create a new key.")
            self.summary.setText(text)
            style.set_status(self.summary, _STATUS[signing.state])
        self.new_button.setText(self.tr("Replace with a new key…") if signing else self.tr("New key…"))

    def _selected(self) -> KeyView | None:
        row = self.table.currentRow()
        return self.keys[row] if 0 <= row < len(self.keys) else None

    def new_key(self, answer: Callable[[NewKeyDialog], None] | None = None) -> None:
        """``answer`` fills the dialog instead of a person (tests)."""
        rotating = any(k.state in (KeyState.CURRENT, KeyState.EXPIRING) for k in self.keys)
        dialog = NewKeyDialog(rotating, self)

        def done(_issuer: object) -> None:
            dialog.accept()
            self._say(self.tr("The new key is in use. It is registered with the platform at the next sync."))
            self.refresh()

        def submit(passphrase: str, years: int) -> None:
            Op(self, self.ui.station.certificates.generate_key, self.ui.actor, passphrase, valid_years=years).success(
                done
            ).failure(lambda e: dialog.show_error(error_text(e, self.ui.lang))).run()

        dialog.submitted.connect(submit)
        dialog.open()
        if answer is not None:
            answer(dialog)

    def retire(self, answer: Callable[[RetireKeyDialog], None] | None = None) -> None:
        key = self._selected()
        if key is None:
            self._say(self.tr("Choose a key in the list first."), "warn")
            return
        if key.state in (KeyState.RETIRED,):
            self._say(self.tr("This key is already retired."), "warn")
            return
        dialog = RetireKeyDialog(key.key_id, key.state in (KeyState.CURRENT, KeyState.EXPIRING), self)

        def done(_: object) -> None:
            dialog.accept()
            self._say(self.tr("%1 is retired.").replace("%1", key.key_id))
            self.refresh()

        def submit(reason: str) -> None:
            Op(self, self.ui.station.certificates.retire_key, self.ui.actor, key.key_id, reason).success(done).failure(
                lambda e: dialog.show_error(error_text(e, self.ui.lang))
            ).run()

        dialog.submitted.connect(submit)
        dialog.open()
        if answer is not None:
            answer(dialog)
