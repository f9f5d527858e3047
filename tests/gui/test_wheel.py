"""A wheel over a drop-down or number box in a scrolled column scrolls the column and leaves
the value alone, unless the field has focus (app/ui/wheel.py). Seen under Xvfb: scrolling the
appraisal station's measurement column changed the drop-down under the pointer."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QComboBox, QDoubleSpinBox, QLabel, QVBoxLayout, QWidget

from app.ui.appraisal.layout import scrolled


def _wheel_down(widget: QWidget) -> None:
    """One notch down, delivered as the windowing system delivers it (through QApplication's
    notify, which offers an unaccepted wheel to the parents)."""
    pos = QPointF(widget.rect().center())
    event = QWheelEvent(
        pos,
        QPointF(widget.mapToGlobal(pos.toPoint())),
        QPoint(0, 0),
        QPoint(0, -120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)


def _column(qtbot):  # type: ignore[no-untyped-def]
    body = QWidget()
    lay = QVBoxLayout(body)
    combo, spin = QComboBox(), QDoubleSpinBox()
    combo.addItems(["jade", "nephrite", "quartz"])
    spin.setValue(20.0)
    lay.addWidget(combo)
    lay.addWidget(spin)
    for n in range(40):
        lay.addWidget(QLabel(f"row {n}"))
    area = scrolled(body)
    area.resize(300, 200)
    qtbot.addWidget(area)
    area.show()
    qtbot.waitExposed(area)
    return area, combo, spin


def test_the_wheel_scrolls_the_column_not_the_field_under_the_pointer(qtbot) -> None:  # type: ignore[no-untyped-def]
    area, combo, spin = _column(qtbot)
    bar = area.verticalScrollBar()
    assert bar.maximum() > 0 and bar.value() == 0
    _wheel_down(combo)
    assert combo.currentIndex() == 0, "a wheel in passing changed the drop-down"
    assert bar.value() > 0, "the column did not scroll"
    before = bar.value()
    _wheel_down(spin)
    assert spin.value() == 20.0 and bar.value() > before


def test_a_field_with_focus_takes_the_wheel(qtbot) -> None:  # type: ignore[no-untyped-def]
    area, combo, _spin = _column(qtbot)
    area.activateWindow()
    combo.setFocus(Qt.FocusReason.MouseFocusReason)
    qtbot.waitUntil(combo.hasFocus)
    _wheel_down(combo)
    assert combo.currentIndex() == 1 and area.verticalScrollBar().value() == 0
    assert combo.focusPolicy() == Qt.FocusPolicy.StrongFocus  # a wheel alone never gives it focus
