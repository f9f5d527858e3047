"""A wheel turned over a drop-down or a number box scrolls the column it sits in; the value
changes only once the field has been clicked or tabbed into.

Seen under Xvfb: scrolling the appraisal station's measurement column with the wheel changed
the observation drop-down the pointer passed over. The grading form is such a column, its
drop-downs the recorded grades: a grade changed by a scroll nobody noticed would be signed.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractScrollArea, QAbstractSpinBox, QApplication, QComboBox, QWidget


class _WheelGuard(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.Wheel or not isinstance(watched, QWidget) or watched.hasFocus():
            return False
        # Handed to the scroll area it sits in (an ignored wheel is offered to the parents only
        # when it came from the windowing system, not when it was sent).
        parent = watched.parentWidget()
        while parent is not None and not isinstance(parent, QAbstractScrollArea):
            parent = parent.parentWidget()
        if parent is not None:
            QApplication.sendEvent(parent.viewport(), event)
        event.accept()
        return True


def guard(root: QWidget) -> None:
    """Every drop-down and number box under ``root`` (built by now) takes the wheel only when
    it has focus, and a wheel no longer gives it focus. Installed on the fields themselves,
    not the application: no other event pays for it."""
    fields: list[QWidget] = [*root.findChildren(QComboBox), *root.findChildren(QAbstractSpinBox)]
    if not fields:
        return
    keeper = _WheelGuard(root)
    for field in fields:
        field.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        field.installEventFilter(keeper)
