"""An uncaught exception is never lost: app.logging_setup writes it with its traceback to
the log file, and this shows it once in a dialog in the user's language (a second
occurrence of the same error does not stack up more dialogs). Exceptions from other
threads are carried to the GUI thread by a signal."""

from __future__ import annotations

from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QApplication

from app import logging_setup
from app.core.errors import TWError

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox


class CrashReporter(QObject):
    carried = Signal(str, str)  # (error summary, where)

    def __init__(self, app: QApplication, log_file: Path, lang: str) -> None:
        super().__init__(app)
        self.log_file, self.lang = log_file, lang
        self.shown: set[str] = set()
        self.dialog: QMessageBox | None = None
        self.carried.connect(self._show)
        self._remove = logging_setup.add_uncaught_listener(self._uncaught)

    def _uncaught(
        self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None, where: str
    ) -> None:
        text = exc.message(self.lang) if isinstance(exc, TWError) else f"{exc_type.__name__}: {exc}"
        self.carried.emit(text, where)  # queued to the GUI thread when raised elsewhere

    @Slot(str, str)
    def _show(self, text: str, where: str) -> None:
        if text in self.shown:
            return
        self.shown.add(text)
        # Imported only when there is something to show: its enums are a cost of every start.
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(
            QMessageBox.Icon.Critical,
            self.tr("Unexpected error"),
            self.tr(
                "Something went wrong that the workstation did not expect. What was saved "
                "before stays saved; the step that failed may need to be repeated.\n\n"
                "%1\n\nThe details were written to the log file:\n%2\n"
                "Please give this file to your supervisor or support."
            )
            .replace("%1", text)
            .replace("%2", str(self.log_file)),
        )
        box.setObjectName("crashDialog")
        box.setDetailedText(f"{where}: {text}")
        self.dialog = box
        box.open()  # not exec(): the event loop keeps running

    def uninstall(self) -> None:
        self._remove()


def install_crash_reporter(app: QApplication, log_file: Path, lang: str) -> CrashReporter:
    return CrashReporter(app, log_file, lang)
