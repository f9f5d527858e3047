"""Keyboard shortcuts shown on the buttons they press: one helper, so every station binds
and labels them the same way and a person can do the whole job without the mouse.

    keys.bind(self.pass_button, "F9")   # the button reads "通过 [F9]" and F9 presses it

A shortcut works while its button is visible and enabled anywhere in the window. Command
barcodes (printed sheets for a hand on the scanner) map to the same buttons through
``COMMAND_PREFIX``: a scan of ``CMD:<name>`` presses the button registered under that name.
"""

from __future__ import annotations

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QAbstractButton

COMMAND_PREFIX = "CMD:"


def bind(button: QAbstractButton, sequence: str, *, command: str | None = None) -> None:
    """Give ``button`` the shortcut ``sequence`` and show it on the button's text.

    The text is set first: QAbstractButton.setText replaces the shortcut with the text's
    mnemonic, so a later setText on the button needs ``bind`` again."""
    seq = QKeySequence(sequence)
    label = button.text().split("  [")[0]
    button.setText(f"{label}  [{seq.toString(QKeySequence.SequenceFormat.NativeText)}]")
    button.setShortcut(seq)  # a button's shortcut is window-wide while the button is visible
    button.setToolTip(button.toolTip() or label)
    if command:
        button.setProperty("twCommand", command)


def press_command(root: object, code: str) -> bool:
    """Press the visible, enabled button under ``root`` whose command barcode is ``code``."""
    if not code.startswith(COMMAND_PREFIX):
        return False
    name = code[len(COMMAND_PREFIX) :]
    finder = getattr(root, "findChildren", None)
    if finder is None:
        return False
    for button in finder(QAbstractButton):
        if button.property("twCommand") == name and button.isVisible() and button.isEnabled():
            button.click()
            return True
    return False
