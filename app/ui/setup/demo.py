"""Demo mode says so everywhere: a banner across the window, the window title, and
"simulated" on every device state (the status bar adds it through ``simulated_suffix``)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QMainWindow, QSizePolicy, QToolBar


def simulated_suffix() -> str:
    return QCoreApplication.translate("DemoMode", " (simulated)")


def demo_title() -> str:
    return QCoreApplication.translate("DemoMode", "DEMO — simulated devices, local test platform, not for real pieces")


def install_demo_banner(window: QMainWindow) -> QLabel:
    """A fixed strip across the top of the window; it cannot be closed or moved."""
    bar = QToolBar(window)
    bar.setObjectName("demoBanner")
    bar.setMovable(False)
    bar.setFloatable(False)
    bar.toggleViewAction().setEnabled(False)
    bar.setContextMenuPolicy(Qt.ContextMenuPolicy.PreventContextMenu)
    label = QLabel(demo_title())
    label.setObjectName("demoBannerText")
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    label.setMinimumWidth(80)  # elided by the window, never widening it
    label.setToolTip(label.text())
    label.setStyleSheet("background:#b45309;color:white;font-weight:bold;padding:4px;")
    bar.addWidget(label)
    bar.setStyleSheet("QToolBar{background:#b45309;border:0;}")
    window.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
    window.setWindowTitle(window.windowTitle() + " — " + QCoreApplication.translate("DemoMode", "DEMO"))
    return label
