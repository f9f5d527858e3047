"""keys.bind: the shortcut shown on the button is the one that presses it."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QPushButton


def test_bind_sets_the_shortcut_and_shows_it(qtbot) -> None:  # type: ignore[no-untyped-def]
    from app.ui import keys

    button = QPushButton("Close parcel")
    qtbot.addWidget(button)
    keys.bind(button, "F8", command="close_parcel")
    assert button.text() == "Close parcel  [F8]"
    assert button.shortcut() == QKeySequence("F8")  # setText must not wipe it
    keys.bind(button, "F9")  # rebinding replaces, never doubles the hint
    assert button.text() == "Close parcel  [F9]" and button.shortcut() == QKeySequence("F9")
