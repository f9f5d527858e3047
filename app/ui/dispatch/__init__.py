"""Dispatch station. The navigation title lives in the shell's "Stations" context; it is
declared here so lupdate puts its translation in dispatch_zh_CN.ts."""

from PySide6.QtCore import QCoreApplication

_ = QCoreApplication.translate("Stations", "Dispatch")
