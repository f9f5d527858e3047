"""Small layout pieces shared by the appraisal and phone stations, so each fits a
1366×768 window: panels scroll instead of demanding a large minimum size."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QGroupBox, QScrollArea, QVBoxLayout, QWidget

from app.ui import wheel


def group(title: str, widget: QWidget) -> QGroupBox:
    box = QGroupBox(title)
    QVBoxLayout(box).addWidget(widget)
    return box


def scrolled(widget: QWidget) -> QScrollArea:
    """``widget`` in a scroll area; its drop-downs and number boxes let the wheel scroll it
    (``wheel.guard``) instead of changing their value in passing."""
    wheel.guard(widget)
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setWidget(widget)
    return scroll


def column(*widgets: QWidget) -> QWidget:
    col = QWidget()
    lay = QVBoxLayout(col)
    lay.setContentsMargins(0, 0, 0, 0)
    for w in widgets:
        lay.addWidget(w)
    lay.addStretch(1)
    return col
