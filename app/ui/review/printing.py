"""Printing certificates through the system's printer dialog, with a preview.

Qt cannot draw a PDF without QtPdf (not in PySide6-Essentials), so each page is rasterised
by ``pdftoppm`` at 300 dpi on a worker thread; the GUI thread only draws finished images
onto the printer. A batch runs one certificate at a time (fetch + rasterise in the
background, draw in the foreground) behind a cancellable progress dialog.
"""

from __future__ import annotations

import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QRectF, Qt
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QProgressDialog, QWidget

from app.core.errors import DeviceError
from app.ui.ops import Op, error_text

DPI = 300


def rasterise(pdf: bytes, dpi: int = DPI) -> list[QImage]:
    """Pages of a PDF as images (worker thread)."""
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "c.pdf"
        src.write_bytes(pdf)
        try:
            subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(src), str(Path(tmp) / "p")], check=True,
                           capture_output=True, timeout=60)
        except (OSError, subprocess.SubprocessError):
            raise DeviceError("无法生成打印页面（缺少 pdftoppm 或文件损坏）",
                              "Could not render the pages for printing (pdftoppm missing or the file is damaged)"
                              ) from None
        pages = [QImage(str(p)) for p in sorted(Path(tmp).glob("p*.png"))]
    return [p for p in pages if not p.isNull()]


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


class CertificatePrinting(QObject):
    """``printer_factory`` returns a configured printer or None (cancelled): the system
    dialog by default, a PDF-file printer in tests."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.widget = parent
        self.printer_factory: Callable[[], QPrinter | None] = self._ask_printer
        self.preview: QPrintPreviewDialog | None = None
        self.preview_printer: QPrinter | None = None
        self.batch_printer: QPrinter | None = None
        self.progress: QProgressDialog | None = None
        self.failed: list[str] = []

    def _ask_printer(self) -> QPrinter | None:
        printer = new_printer()
        dialog = QPrintDialog(printer, self.widget)
        return printer if dialog.exec() == QPrintDialog.DialogCode.Accepted else None

    def show_preview(self, pages: list[QImage], title: str) -> QPrintPreviewDialog:
        """Preview with the dialog's own Print button (which prints through the system)."""
        printer = self.preview_printer = new_printer()  # the dialog does not own it: keep it alive
        preview = QPrintPreviewDialog(printer, self.widget)
        preview.setWindowTitle(title)
        preview.paintRequested.connect(lambda p: self._paint(p, pages))
        preview.resize(900, 1000)
        self.preview = preview
        preview.open()
        return preview

    def _paint(self, printer: QPrinter, pages: list[QImage]) -> None:
        painter = QPainter(printer)
        try:
            draw_pages(painter, printer, pages, first=True)
        finally:
            painter.end()

    def print_batch(self, numbers: list[str], fetch: Callable[[str], bytes],
                    done: Callable[[int, list[str]], None]) -> None:
        """Print many certificates into one print job; ``fetch(no)`` runs on a worker."""
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
        state = {"printed": 0}

        def finish() -> None:
            if painter.isActive():
                painter.end()
            progress.setValue(len(numbers))
            progress.close()
            done(state["printed"], self.failed)

        def step(i: int) -> None:
            if i >= len(numbers) or progress.wasCanceled():
                finish()
                return
            progress.setLabelText(self.tr("Printing %1 (%2 of %3)…").replace("%1", numbers[i])
                                  .replace("%2", str(i + 1)).replace("%3", str(len(numbers))))

            def drawn(pages: list[QImage]) -> None:
                if progress.wasCanceled():
                    finish()
                    return
                first = not painter.isActive()
                if first and not painter.begin(printer):
                    self.failed.append(numbers[i])
                    finish()
                    return
                draw_pages(painter, printer, pages, first)
                state["printed"] += 1
                progress.setValue(i + 1)
                step(i + 1)

            def failed(error: BaseException) -> None:
                self.failed.append(f"{numbers[i]}: {error_text(error)}")
                step(i + 1)

            Op(self.widget, lambda: rasterise(fetch(numbers[i])), kind="io").success(drawn).failure(failed).run()

        step(0)
