"""Admin: verify the audit chain, export a certificate's signed PDF, back up and restore.
Each button runs an operation (permission and audit in app/services) off the GUI thread."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QFileDialog,
    QGridLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.services.backup import BackupService
from app.services.maintenance import ChainCheck, MaintenanceService
from app.ui import style
from app.ui.context import UiContext
from app.ui.ops import Op, error_text


class MaintenancePanel(QWidget):
    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui
        self.ops = MaintenanceService(ui.station.ctx, ui.station.certificates)
        self.backups = BackupService(ui.station.ctx)
        layout = QVBoxLayout(self)
        grid = QGridLayout()
        for i, (text, slot) in enumerate(
            (
                (self.tr("Verify the audit chain"), self.verify_chain),
                (self.tr("Export a certificate PDF…"), self.export_certificate),
                (self.tr("Back up…"), self.back_up),
                (self.tr("Restore…"), self.restore),
            )
        ):
            button = QPushButton(text)
            button.clicked.connect(slot)
            grid.addWidget(button, i // 2, i % 2)
        layout.addLayout(grid)
        self.result = QLabel("")
        self.result.setObjectName("maintenanceResult")
        self.result.setWordWrap(True)
        layout.addWidget(self.result)
        layout.addStretch(1)

    def _show(self, text: str, status: str = "ok") -> None:
        self.result.setText(text)
        style.set_status(self.result, status)

    def _failed(self, error: BaseException) -> None:
        self._show(error_text(error, self.ui.lang), "error")

    def verify_chain(self) -> None:
        Op(self, self.ops.verify_audit_chain, self.ui.actor).success(self._chain).failure(self._failed).run()

    def _chain(self, check: ChainCheck) -> None:
        if check.ok:
            self._show(self.tr("The audit chain is intact: %1 entries checked.").replace("%1", str(check.entries)))
        else:
            problem = check.problem_zh if self.ui.zh else check.problem_en
            self._show(self.tr("The audit chain is broken: %1").replace("%1", problem), "error")

    def export_certificate(self, number: str | None = None, folder: str | None = None) -> None:
        if not number:
            number, ok = QInputDialog.getText(self, self.tr("Export a certificate PDF"), self.tr("Certificate number"))
            if not ok or not number.strip():
                return
        if not folder:
            folder = QFileDialog.getExistingDirectory(self, self.tr("Export to folder"))
            if not folder:
                return
        Op(self, self.ops.export_certificate, self.ui.actor, number.strip(), Path(folder), kind="db").success(
            lambda path: self._show(self.tr("Exported: %1").replace("%1", str(path)))
        ).failure(self._failed).run()

    def back_up(self, folder: str | None = None) -> None:
        folder = folder or QFileDialog.getExistingDirectory(self, self.tr("Back up to folder"))
        if folder:
            self._show(self.tr("Backing up…"), "warn")
            Op(self, self.backups.backup, self.ui.actor, Path(folder), kind="db").success(
                lambda info: self._show(self.tr("Backup verified: %1").replace("%1", str(info.folder)))
            ).failure(self._failed).run()

    def restore(self, folder: str | None = None, confirm: Any = None) -> None:
        folder = folder or QFileDialog.getExistingDirectory(self, self.tr("Restore from a backup folder"))
        if folder:
            Op(self, self.backups.restore_preview, self.ui.actor, Path(folder), kind="io").success(
                lambda preview: self._confirm_restore(Path(folder), preview, confirm)
            ).failure(self._failed).run()

    def _confirm_restore(self, folder: Path, preview: Any, confirm: Any) -> None:
        info, current = preview
        lines = [f"{name}: {current[name]} → {info.counts[name]}" for name in info.counts]
        text = (
            self.tr(
                "Restore the backup of %1 made %2?\nIt replaces the current records:\n%3\n"
                "The current database is kept beside it."
            )
            .replace("%1", info.warehouse_id)
            .replace("%2", info.created_at)
            .replace("%3", "\n".join(lines))
        )
        ask = confirm or (
            lambda message: QMessageBox.question(self, self.tr("Restore"), message) == QMessageBox.StandardButton.Yes
        )
        if ask(text):
            Op(self, self.backups.restore, self.ui.actor, folder, kind="db").success(
                lambda kept: self._show(
                    self.tr("Restored. The previous database is kept as %1. Restart the workstation.").replace(
                        "%1", str(kept)
                    )
                )
            ).failure(self._failed).run()
