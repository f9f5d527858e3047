"""Pieces of the setup assistant: a "Test" button with its result line, and a port chooser
listing the serial ports actually present (with USB VID:PID and description)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QWidget

from app.setup.checks import serial_ports
from app.ui import style
from app.ui.ops import Op, error_text


class TestRow(QWidget):
    """Runs ``check()`` off the GUI thread; shows what answered or why it failed."""

    def __init__(
        self,
        text: str,
        check: Callable[[], Any],
        lang: str,
        parent: QWidget | None = None,
        on_ok: Callable[[Any], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.check, self.lang, self.on_ok = check, lang, on_ok
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.button = QPushButton(text)
        self.button.clicked.connect(self.run)
        self.result = QLabel("")
        self.result.setWordWrap(True)
        self.result.setObjectName("testResult")
        row.addWidget(self.button)
        row.addWidget(self.result, 1)
        self.ok: bool | None = None

    def run(self) -> None:
        self.ok = None
        self.button.setEnabled(False)
        self.result.setText(self.tr("Testing…"))
        style.set_status(self.result, "warn")
        Op(self, self.check, kind="io").success(self._passed).failure(self._failed).run()

    def _passed(self, value: Any) -> None:
        self.button.setEnabled(True)
        self.ok = True
        text = value if isinstance(value, str) else str(value[-1] if isinstance(value, tuple) else value)
        self.result.setText("✔ " + text)
        style.set_status(self.result, "ok")
        if self.on_ok is not None:
            self.on_ok(value)

    def _failed(self, error: BaseException) -> None:
        self.button.setEnabled(True)
        self.ok = False
        self.result.setText("✘ " + error_text(error, self.lang))
        style.set_status(self.result, "error")


class PortChooser(QComboBox):
    """Editable: a pyserial URL (socket://, rfc2217://) or a path may be typed as well."""

    def __init__(self, current: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setMinimumContentsLength(24)
        self.refresh(current)

    def refresh(self, current: str = "") -> None:
        self.clear()
        self.addItem(self.tr("(not connected)"), "")
        for port in serial_ports():
            self.addItem(port.label(), port.device)
        if current:
            index = self.findData(current)
            if index < 0:
                self.addItem(current, current)
                index = self.count() - 1
            self.setCurrentIndex(index)

    def port(self) -> str:
        text = self.currentText().strip()
        index = self.currentIndex()
        if index >= 0 and self.itemText(index) == text:
            return str(self.itemData(index) or "")
        return text  # typed by hand
