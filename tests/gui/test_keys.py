"""keys.bind: the shortcut is shown on the button and presses it (it raised on every call)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QPushButton, QVBoxLayout, QWidget

from app.ui import keys


def test_bind_shows_the_key_and_the_key_presses_the_button(qtbot):
    window = QWidget()
    qtbot.addWidget(window)
    button = QPushButton("Sync now", window)
    QVBoxLayout(window).addWidget(button)
    keys.bind(button, "F5", command="sync_now")
    assert button.text() == "Sync now  [F5]" and button.toolTip() == "Sync now"
    keys.bind(button, "F6")  # binding again replaces the shown key, never stacks them
    assert button.text() == "Sync now  [F6]"
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=3000)
    with qtbot.waitSignal(button.clicked, timeout=3000):
        QTest.keyClick(window.windowHandle(), Qt.Key.Key_F6)  # through the window system, as a keyboard
    assert keys.press_command(window, "CMD:sync_now")
