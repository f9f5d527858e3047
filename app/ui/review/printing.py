"""Printing certificates (and return slips) through the system's printer dialog, with a preview.

A preview costs nothing: what is counted (a certificate's original) is counted only when
a print job was accepted, so the preview's Print button reports ``printed`` and nothing
else does.

Qt cannot draw a PDF without QtPdf (PySide6-Addons, ~200 MB more in the bundle), so each page
is rasterised by PDFium (pypdfium2: wheels for Linux and Windows carry the library, so the
bundle needs no ``pdftoppm`` beside it) at 300 dpi on a worker thread; the GUI thread only
draws finished images onto the printer. A batch runs one certificate at a time (fetch + rasterise in the
background, draw in the foreground) behind a cancellable progress dialog.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRectF, Qt, Signal
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewWidget
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.errors import DeviceError
from app.ui import keys
from app.ui.ops import Op, error_text

DPI = 300


_PDFIUM = threading.Lock()  # PDFium is not thread-safe: one document at a time


def rasterise(pdf: bytes, dpi: int = DPI) -> list[QImage]:
    """Pages of a PDF as images (worker thread)."""
    import pypdfium2 as pdfium  # a native library: loaded when something is printed

    pages: list[QImage] = []
    with _PDFIUM:
        try:
            doc = pdfium.PdfDocument(pdf)
        except (pdfium.PdfiumError, ValueError, TypeError):
            raise DeviceError(
                "无法生成打印页面（文件损坏，不是 PDF）",
                "Could not render the pages for printing (the file is damaged or not a PDF)",
            ) from None
        try:
            for index in range(len(doc)):
                page = doc[index]
                bitmap = page.render(scale=dpi / 72, prefer_bgrx=True)
                # BGRx bytes are Qt's RGB32 on a little-endian machine; copy() owns the pixels.
                image = QImage(
                    bytes(bitmap.buffer), bitmap.width, bitmap.height, bitmap.stride, QImage.Format.Format_RGB32
                ).copy()
                bitmap.close()
                page.close()
                if not image.isNull():
                    pages.append(image)
        finally:
            doc.close()
    if not pages:
        raise DeviceError(
            "无法生成打印页面（文件没有页面）", "Could not render the pages for printing (the file has no pages)"
        )
    return pages


def new_printer() -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    printer.setFullPage(True)
    return printer


def draw_pages(painter: QPainter, printer: QPrinter, pages: list[QImage], first: bool) -> None:
    """Each image fills the paper (the certificate has its own margins)."""
    for n, image in enumerate(pages):
        if not (first and n == 0):
            printer.newPage()
        target = QRectF(printer.pageRect(QPrinter.Unit.DevicePixel))
        size = image.size().scaled(target.size().toSize(), Qt.AspectRatioMode.KeepAspectRatio)
        painter.drawImage(QRectF(target.x(), target.y(), size.width(), size.height()), image)


class PrintPreview(QDialog):
    """Pages as they will print, with Print and Close. ``printed`` is emitted once a print
    job was accepted (the printer was chosen and every page was handed to it)."""

    printed = Signal()

    def __init__(
        self,
        pages: list[QImage],
        title: str,
        printer_factory: Callable[[], QPrinter | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("printPreview")
        self.setWindowTitle(title)
        self.pages, self.printer_factory = pages, printer_factory
        self.preview_printer = new_printer()  # the widget does not own it: keep it alive
        lay = QVBoxLayout(self)
        self.view = QPrintPreviewWidget(self.preview_printer, self)
        self.view.paintRequested.connect(self._paint)
        lay.addWidget(self.view, 1)
        self.message = QLabel("")
        self.message.setObjectName("printMessage")
        self.message.setWordWrap(True)
        lay.addWidget(self.message)
        row = QHBoxLayout()
        row.addStretch(1)
        self.print_button = QPushButton(self.tr("Print…"))
        self.print_button.setObjectName("printButton")
        self.print_button.setDefault(True)
        self.print_button.clicked.connect(self.print_now)
        keys.bind(self.print_button, "Ctrl+P", command="print")
        close = QPushButton(self.tr("Close"))
        close.setObjectName("closeButton")
        close.clicked.connect(self.reject)
        keys.bind(close, "Esc")
        row.addWidget(self.print_button)
        row.addWidget(close)
        lay.addLayout(row)
        self.resize(760, 620)  # fits 1366x768 at 125%

    def _paint(self, printer: QPrinter) -> None:
        painter = QPainter(printer)
        try:
            draw_pages(painter, printer, self.pages, first=True)
        finally:
            painter.end()

    def print_now(self) -> None:
        printer = self.printer_factory()
        if printer is None:
            return  # the print dialog was cancelled: nothing printed, nothing counted
        painter = QPainter()
        if not painter.begin(printer):
            self.message.setText(self.tr("The printer did not accept the job; nothing was printed."))
            return
        draw_pages(painter, printer, self.pages, first=True)
        if not painter.end():
            self.message.setText(self.tr("The printer did not accept the job; nothing was printed."))
            return
        self.printed.emit()
        self.accept()


class CertificatePrinting(QObject):
    """``printer_factory`` returns a configured printer or None (cancelled): the system
    dialog by default, a PDF-file printer in tests."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.widget = parent
        self.printer_factory: Callable[[], QPrinter | None] = self._ask_printer
        self.preview: PrintPreview | None = None
        self.batch_printer: QPrinter | None = None
        self.progress: QProgressDialog | None = None
        self.failed: list[str] = []

    def _ask_printer(self) -> QPrinter | None:
        printer = new_printer()
        dialog = QPrintDialog(printer, self.widget)
        return printer if dialog.exec() == QPrintDialog.DialogCode.Accepted else None

    def show_preview(self, pages: list[QImage], title: str, printed: Callable[[], None] | None = None) -> PrintPreview:
        """Preview with a Print button; ``printed`` runs only when a print job was accepted."""
        preview = PrintPreview(pages, title, lambda: self.printer_factory(), self.widget)
        if printed is not None:
            preview.printed.connect(printed)
        self.preview = preview
        preview.open()
        return preview

    def print_batch(
        self, numbers: list[str], fetch: Callable[[str], Any], done: Callable[[list[Any], list[str]], None]
    ) -> None:
        """Print many certificates into one print job; ``fetch(no)`` runs on a worker and
        returns a document with ``.pdf``. ``done`` gets the documents that reached the
        printer (only when the job was accepted) and the failures."""
        printer = self.batch_printer = self.printer_factory()
        if printer is None or not numbers:
            return
        self.failed = []
        progress = QProgressDialog(self.tr("Printing certificates…"), self.tr("Cancel"), 0, len(numbers), self.widget)
        progress.setObjectName("batchProgress")
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(0)
        progress.setValue(0)
        self.progress = progress
        painter = QPainter()
        drawn_docs: list[Any] = []

        def finish() -> None:
            accepted = painter.end() if painter.isActive() else False
            progress.setValue(len(numbers))
            progress.close()
            done(drawn_docs if accepted else [], self.failed)

        def step(i: int) -> None:
            if i >= len(numbers) or progress.wasCanceled():
                finish()
                return
            progress.setLabelText(
                self.tr("Printing %1 (%2 of %3)…")
                .replace("%1", numbers[i])
                .replace("%2", str(i + 1))
                .replace("%3", str(len(numbers)))
            )

            def drawn(result: tuple[Any, list[QImage]]) -> None:
                doc, pages = result
                if progress.wasCanceled():
                    finish()
                    return
                first = not painter.isActive()
                if first and not painter.begin(printer):
                    self.failed.append(numbers[i])
                    finish()
                    return
                draw_pages(painter, printer, pages, first)
                drawn_docs.append(doc)
                progress.setValue(i + 1)
                step(i + 1)

            def failed(error: BaseException) -> None:
                self.failed.append(f"{numbers[i]}: {error_text(error)}")
                step(i + 1)

            def load() -> tuple[Any, list[QImage]]:
                doc = fetch(numbers[i])
                return doc, rasterise(doc.pdf)

            Op(self.widget, load, kind="io").success(drawn).failure(failed).run()

        step(0)
