"""One stylesheet for the whole workstation: large, calm, legible for an eight-hour shift."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QWidget

from app import resources

OK_COLOR = "#1b7f3b"
WARN_COLOR = "#b26a00"
ERROR_COLOR = "#b3261e"
FOCUS_COLOR = "#f59e0b"  # amber: distinct from every state colour, visible on white and on blue

STYLESHEET = f"""
QWidget {{ font-size: 15px; }}
QMainWindow, QDialog {{ background: #f6f7f9; }}
QListWidget#nav {{ background: #1f2a37; color: #e5e7eb; border: none; font-size: 16px; padding-top: 8px; }}
QListWidget#nav::item {{ padding: 12px 16px; }}
QListWidget#nav::item:selected {{ background: #374151; color: white; border-left: 4px solid #d4a017; }}
QLabel[role="title"] {{ font-size: 24px; font-weight: 600; color: #111827; }}
QLabel[role="big"] {{ font-size: 32px; font-weight: 700; color: #111827; }}
QLabel[role="hint"] {{ color: #6b7280; }}
QLabel[status="ok"] {{ color: {OK_COLOR}; font-weight: 600; }}
QLabel[status="warn"] {{ color: {WARN_COLOR}; font-weight: 600; }}
QLabel[status="error"] {{ color: {ERROR_COLOR}; font-weight: 600; }}
QFrame[role="banner"] {{ border-radius: 6px; padding: 8px; background: white; border: 1px solid #e5e7eb; }}
QFrame[role="banner"][status="ok"] {{ background: #e7f5ec; border-color: {OK_COLOR}; }}
QFrame[role="banner"][status="warn"] {{ background: #fff4e0; border-color: {WARN_COLOR}; }}
QFrame[role="banner"][status="error"] {{ background: #fdecea; border-color: {ERROR_COLOR}; }}
QPushButton {{ padding: 8px 16px; border-radius: 4px; background: white; border: 1px solid #cbd5e1; }}
QPushButton:hover {{ background: #f1f5f9; }}
QPushButton[role="primary"] {{ background: #1d4ed8; color: white; border: none; font-weight: 600; }}
QPushButton[role="primary"]:disabled {{ background: #93a4c8; }}
QPushButton[role="danger"] {{ background: {ERROR_COLOR}; color: white; border: none; }}
QTableView, QTableWidget, QTreeWidget {{ background: white; gridline-color: #e5e7eb; selection-background-color: #dbeafe; selection-color: #111827; }}
QHeaderView::section {{ background: #eef0f3; padding: 6px; border: none; border-bottom: 1px solid #d1d5db; font-weight: 600; }}
QLineEdit, QComboBox, QSpinBox, QDoubleSpinBox, QPlainTextEdit {{ padding: 6px; border: 1px solid #cbd5e1; border-radius: 4px; background: white; }}
QStatusBar {{ background: #e5e7eb; }}
QStatusBar QLabel {{ padding: 0 10px; }}
/* Focus is always visible (a clerk works from the keyboard): a 2 px amber frame, with the
   padding reduced by the extra border so nothing moves when focus arrives. */
QPushButton:focus {{ border: 2px solid {FOCUS_COLOR}; padding: 7px 15px; }}
QPushButton[role="primary"]:focus, QPushButton[role="danger"]:focus {{ border: 2px solid {FOCUS_COLOR}; padding: 6px 14px; }}
QLineEdit:focus, QComboBox:focus, QSpinBox:focus, QDoubleSpinBox:focus, QPlainTextEdit:focus, QTextEdit:focus,
QDateEdit:focus, QTimeEdit:focus {{ border: 2px solid {FOCUS_COLOR}; padding: 5px; }}
QTableView:focus, QTableWidget:focus, QTreeView:focus, QTreeWidget:focus, QListView:focus, QListWidget:focus {{ border: 2px solid {FOCUS_COLOR}; }}
QListWidget#nav:focus {{ border: 2px solid {FOCUS_COLOR}; }}
QCheckBox:focus, QRadioButton:focus, QToolButton:focus, QTabBar::tab:focus {{ border: 2px solid {FOCUS_COLOR}; border-radius: 3px; }}
QGroupBox:focus {{ border: 2px solid {FOCUS_COLOR}; }}
"""


def load_fonts() -> str:
    """Register the bundled CJK font; without it Chinese renders as empty boxes."""
    family = "WenQuanYi Micro Hei"
    fid = QFontDatabase.addApplicationFont(str(resources.cjk_font()))
    fams = QFontDatabase.applicationFontFamilies(fid) if fid >= 0 else []
    if fams:
        family = fams[0]
    return family


def apply(app: QApplication) -> None:
    family = load_fonts()
    font = QFont(family, 11)
    app.setFont(font)
    app.setStyleSheet(STYLESHEET)


def set_status(widget: QWidget, status: str) -> None:
    """Re-polish after changing the dynamic 'status' property so the stylesheet applies (only
    when it changed: a re-polish restyles the widget and lays its window out again)."""
    if widget.property("status") == status:
        return
    widget.setProperty("status", status)
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
