"""Focus is always visible: the widget with keyboard focus wears the focus frame, the
others do not (the stylesheet had no :focus rule; Fusion's hint vanished under it)."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QLineEdit,
    QListWidget,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from app.ui import style


def _focus_pixels(widget: QWidget) -> int:
    image = widget.grab().toImage()
    want = QColor(style.FOCUS_COLOR)
    count = 0
    for x in range(image.width()):
        for y in (0, 1, image.height() - 1, image.height() - 2):
            if QColor(image.pixel(x, y)) == want:
                count += 1
    return count


@pytest.mark.parametrize(
    "make",
    [
        lambda: QPushButton("通过"),
        lambda: _primary(),
        QLineEdit,
        QComboBox,
        lambda: QTableWidget(3, 3),
        lambda: QListWidget(),
        lambda: QCheckBox("拼合石"),
    ],
    ids=["button", "primary", "line-edit", "combo", "table", "list", "check"],
)
def test_the_focused_widget_shows_a_focus_frame(qtbot, make):
    window = QWidget()
    window.setStyleSheet(style.STYLESHEET)
    layout = QVBoxLayout(window)
    other, target = QPushButton("另一个"), make()
    layout.addWidget(other)
    layout.addWidget(target)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=3000)
    other.setFocus()
    qtbot.waitUntil(other.hasFocus, timeout=3000)
    assert _focus_pixels(target) == 0
    target.setFocus()
    qtbot.waitUntil(target.hasFocus, timeout=3000)
    assert _focus_pixels(target) >= target.width()  # a frame along the top and bottom edges
    assert _focus_pixels(other) == 0


def _primary() -> QPushButton:
    button = QPushButton("签发证书")
    button.setProperty("role", "primary")
    return button
