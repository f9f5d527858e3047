"""Small dialogs of the review station: a reason (return, void), the signing-key passphrase.

They are opened with ``open()`` (window-modal, never a nested event loop) and report through
``submitted``; the screen runs the operation and closes the dialog when it succeeded, or
shows the error inside it so the person can correct and try again.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.ui.style import set_status


class _Dialog(QDialog):
    def __init__(self, title: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(460)
        self.layout_ = QVBoxLayout(self)
        self.message = QLabel("")
        self.message.setWordWrap(True)
        self.message.setObjectName("dialogMessage")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)

    def _finish_layout(self) -> None:
        self.layout_.addWidget(self.message)
        self.layout_.addWidget(self.buttons)

    def show_error(self, text: str) -> None:
        self.message.setText(text)
        set_status(self.message, "error")
        self.buttons.setEnabled(True)

    def busy(self) -> None:
        self.message.setText(self.tr("Working…"))
        set_status(self.message, "")
        self.buttons.setEnabled(False)

    def _submit(self) -> None:
        raise NotImplementedError


class ReasonDialog(_Dialog):
    """A reason that must not be empty; optionally "issue a replacement" (void and reissue)."""

    submitted = Signal(str, bool)

    def __init__(self, title: str, prompt: str, parent: QWidget | None = None, reissue_option: bool = False) -> None:
        super().__init__(title, parent)
        label = QLabel(prompt)
        label.setWordWrap(True)
        self.reason = QPlainTextEdit()
        self.reason.setObjectName("reasonEdit")
        self.reason.setFixedHeight(110)
        self.layout_.addWidget(label)
        self.layout_.addWidget(self.reason)
        self.reissue = QCheckBox(self.tr("Issue a replacement certificate at once"))
        self.reissue.setChecked(reissue_option)
        self.reissue.setVisible(reissue_option)
        self.layout_.addWidget(self.reissue)
        self._finish_layout()

    def _submit(self) -> None:
        text = self.reason.toPlainText().strip()
        if not text:
            self.show_error(self.tr("Please write the reason."))
            return
        self.busy()
        self.submitted.emit(text, self.reissue.isChecked())


class KeyDialog(_Dialog):
    """Unlock the warehouse signing key, or (first use) create it with a new passphrase."""

    submitted = Signal(str)

    def __init__(self, create: bool, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Create the signing key") if create else self.tr("Unlock the signing key"), parent)
        self.creating = create  # not ``create``: that name is QWidget.create(), which it would hide
        intro = QLabel(
            self.tr(
                "No signing key exists yet. Choose a passphrase of at least 8 characters; you will "
                "type it once per session to sign certificates."
            )
            if create
            else self.tr("Type the signing key's passphrase. It stays unlocked until you log out.")
        )
        intro.setWordWrap(True)
        self.layout_.addWidget(intro)
        form = QFormLayout()
        self.passphrase = QLineEdit()
        self.passphrase.setObjectName("passphraseEdit")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat = QLineEdit()
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("Passphrase"), self.passphrase)
        if create:
            form.addRow(self.tr("Repeat"), self.repeat)
        self.layout_.addLayout(form)
        self._finish_layout()

    def _submit(self) -> None:
        text = self.passphrase.text()
        if not text:
            self.show_error(self.tr("Please type the passphrase."))
            return
        if self.creating and self.repeat.text() != text:
            self.show_error(self.tr("The two passphrases differ."))
            return
        self.busy()
        self.submitted.emit(text)
