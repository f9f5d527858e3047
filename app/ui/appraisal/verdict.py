"""Declared against found, side by side, with the rules' findings; the appraiser's verdict:
pass sends the item to review, fail records the result and leads to the reject flow."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.declared import describe
from app.core.events import REJECT_REASONS
from app.core.grading import Evaluation, JewelryResult, is_red
from app.core.naming import stone_name
from app.core.vocab import metals
from app.core.vocab.reasons import reason_name


class DeclaredTable(QTableWidget):
    """Rows: metal, stone, total mass, main stone; columns: declared, found."""

    def __init__(self, zh: bool, parent: QWidget | None = None) -> None:
        super().__init__(4, 2, parent)
        self.setObjectName("declaredTable")
        self.zh = zh
        self.setHorizontalHeaderLabels([self.tr("Declared by merchant"), self.tr("Found")])
        self.setVerticalHeaderLabels(
            [self.tr("Metal"), self.tr("Stone"), self.tr("Total mass (g)"), self.tr("Main stone (ct)")]
        )
        self.horizontalHeader().setStretchLastSection(True)
        self.setColumnWidth(0, 200)
        self.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.setMaximumHeight(170)

    def show_comparison(
        self, declared: dict[str, Any], found: JewelryResult | None, evaluation: Evaluation | None
    ) -> None:
        metal = metals.METALS.get(found.metal) if found and found.metal else None
        stone = found.main_stone if found else None
        lang = "zh_CN" if self.zh else "en"

        def said(key: str) -> str | None:
            value = declared.get(key)
            return None if value in (None, "") else describe({key: value}, lang)[0][1]

        rows = [
            (said("material"), (metal.zh if self.zh else metal.en) if metal else None, ("metal", "fineness")),
            (
                said("stone"),
                (stone_name(stone).zh if self.zh else stone_name(stone).en) if stone else None,
                ("stone", "treat"),
            ),
            (declared.get("total_mass_g"), found.total_mass_g if found else None, ("total_mass",)),
            (declared.get("main_stone_ct"), stone.mass_ct if stone else None, ("main_stone",)),
        ]
        codes = {f.code: f.severity for f in (evaluation.findings if evaluation else ())}
        for r, (want, have, prefixes) in enumerate(rows):
            severity = next((s for c, s in codes.items() if c.startswith(prefixes)), None)
            for col, value in enumerate((want, have)):
                cell = QTableWidgetItem("—" if value is None else str(value))
                if col == 1 and severity in ("fail", "warning"):
                    cell.setForeground(QColor("#b3261e" if severity == "fail" else "#b26a00"))
                    cell.setBackground(QColor("#fdecea" if severity == "fail" else "#fff4e0"))
                self.setItem(r, col, cell)


def findings_text(evaluation: Evaluation | None, zh: bool) -> tuple[str, str]:
    """(text, status) for the findings label."""
    if evaluation is None:
        return "", "ok"
    if not evaluation.findings:
        return ("与申报一致" if zh else "Matches the declaration"), "ok"
    lines = [
        ("✘ " if is_red(f) else "⚠ " if f.severity == "warning" else "· ") + (f.zh if zh else f.en)
        for f in evaluation.findings
    ]
    return "\n".join(lines), "error" if any(is_red(f) for f in evaluation.findings) else "warn"


class RejectDialog(QDialog):
    """Reason code from the platform's list and a note; pre-selected from the findings."""

    def __init__(self, zh: bool, suggested: str | None, note: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("rejectDialog")
        self.setWindowTitle(self.tr("Fail and reject"))
        self.reason = QComboBox()
        for code in REJECT_REASONS:
            self.reason.addItem(reason_name(code, "zh_CN" if zh else "en"), code)
        if suggested:
            self.reason.setCurrentIndex(max(0, self.reason.findData(suggested)))
        self.note = QPlainTextEdit(note)
        self.note.setMaximumHeight(100)
        form = QFormLayout(self)
        form.addRow(QLabel(self.tr("The item will be rejected and returned to the merchant.")))
        form.addRow(self.tr("Reason"), self.reason)
        form.addRow(self.tr("Note"), self.note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def values(self) -> tuple[str, str]:
        return self.reason.currentData(), self.note.toPlainText().strip()


__all__ = ["DeclaredTable", "QVBoxLayout", "RejectDialog", "findings_text"]
