"""A returned piece beside its certified fingerprint: each fact certified vs found with its
verdict (coloured and in words), the photo pairs with their matched features drawn, and the
proposed answer to "is this the piece we certified?". Shows a ``Comparison``; computes
nothing (the station's ``fingerprints.compare`` does, off the GUI thread)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.fingerprint import Comparison, Finding
from app.ui.style import ERROR_COLOR, OK_COLOR, WARN_COLOR

VERDICT_COLOURS = {"same": OK_COLOR, "different": ERROR_COLOR, "unknown": WARN_COLOR}
SAME_PIECE_STATUS = {"yes": "ok", "no": "error", "undetermined": "warn"}


class ComparisonView(QWidget):
    PHOTO_HEIGHT = 170  # fits 1366x768 under the findings table

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.comparison: Comparison | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.banner = QFrame()
        self.banner.setObjectName("comparisonBanner")
        self.banner.setProperty("role", "banner")
        row = QHBoxLayout(self.banner)
        self.proposal = QLabel(self.tr("No comparison yet"))
        self.proposal.setObjectName("sameProposal")
        self.proposal.setProperty("role", "title")
        self.proposal.setWordWrap(True)
        row.addWidget(self.proposal, 1)
        layout.addWidget(self.banner)
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("comparisonFindings")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Fact"), self.tr("Certified"), self.tr("Found"), self.tr("Verdict")]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        for col in (1, 2):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.table, 1)
        photos = QGroupBox(self.tr("Photos: certified (left) and now (right), matching features joined"))
        box = QVBoxLayout(photos)
        strip = QWidget()
        self.photo_row = QHBoxLayout(strip)
        self.photo_row.setContentsMargins(0, 0, 0, 0)
        self.photo_row.addStretch(1)
        scroll = QScrollArea()
        scroll.setObjectName("comparisonPhotos")
        scroll.setWidget(strip)
        scroll.setWidgetResizable(True)
        scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setFixedHeight(self.PHOTO_HEIGHT + 60)
        box.addWidget(scroll)
        layout.addWidget(photos)

    # ------------------------------------------------------------ showing

    def show_comparison(self, comparison: Comparison, drawn: Mapping[str, bytes] | None = None) -> None:
        self.comparison = comparison
        status = SAME_PIECE_STATUS[comparison.same_piece]
        self.proposal.setText(self._proposal(comparison.same_piece))
        self.banner.setProperty("status", status)
        self.proposal.setProperty("status", status)
        for w in (self.banner, self.proposal):
            w.style().unpolish(w)
            w.style().polish(w)
        self.table.setRowCount(len(comparison.findings))
        for row, finding in enumerate(comparison.findings):
            self._row(row, finding)
        self._photos(comparison, drawn or {})

    def clear(self) -> None:
        self.comparison = None
        self.proposal.setText(self.tr("No comparison yet"))
        self.table.setRowCount(0)
        self._photos(None, {})

    def _row(self, row: int, f: Finding) -> None:
        cells = (
            self.field_name(f.field),
            self._value(f, f.certified),
            self._value(f, f.found),
            self.verdict_text(f.verdict),
        )
        for col, text in enumerate(cells):
            item = QTableWidgetItem(text)
            item.setToolTip(text)
            if col == 3:
                item.setForeground(QColor(VERDICT_COLOURS[f.verdict]))
                font = item.font()
                font.setBold(True)
                item.setFont(font)
            self.table.setItem(row, col, item)

    def _photos(self, comparison: Comparison | None, drawn: Mapping[str, bytes]) -> None:
        while self.photo_row.count() > 1:
            taken = self.photo_row.takeAt(0)
            if taken is not None and (gone := taken.widget()) is not None:
                gone.deleteLater()
        if comparison is None:
            return
        photos: dict[str, Any] = comparison.evidence.get("photos") or {}
        for view in sorted(photos):
            cell = QWidget()
            cell.setObjectName(f"comparisonPhoto_{view}")
            col = QVBoxLayout(cell)
            col.setContentsMargins(0, 0, 0, 0)
            picture = QLabel()
            picture.setObjectName(f"comparisonPicture_{view}")
            pixmap = QPixmap()
            if view in drawn and pixmap.loadFromData(drawn[view]):
                picture.setPixmap(pixmap.scaledToHeight(self.PHOTO_HEIGHT, Qt.TransformationMode.SmoothTransformation))
            else:
                picture.setText(self.tr("Not photographed again"))
                picture.setFixedHeight(self.PHOTO_HEIGHT)
            score = photos[view]
            verdict = score["verdict"] if score else "unknown"
            caption = self.view_name(view) + " — " + self.verdict_text(verdict)
            if score:
                caption += " · " + self.tr("similarity %1, %2 matches").replace(
                    "%1", f"{score['similarity']:.2f}"
                ).replace("%2", str(score["inliers"]))
            label = QLabel(caption)
            label.setStyleSheet(f"color: {VERDICT_COLOURS[verdict]}; font-weight: 600;")
            col.addWidget(picture)
            col.addWidget(label)
            self.photo_row.insertWidget(self.photo_row.count() - 1, cell)

    # ------------------------------------------------------------ words

    def _proposal(self, same_piece: str) -> str:
        return {
            "yes": self.tr("Proposed: the same piece as certified"),
            "no": self.tr("Proposed: NOT the piece that was certified"),
            "undetermined": self.tr("Proposed: cannot tell whether it is the certified piece"),
        }[same_piece]

    def verdict_text(self, verdict: str) -> str:
        return {"same": self.tr("Same"), "different": self.tr("Different"), "unknown": self.tr("Cannot tell")}[verdict]

    def view_name(self, view: str) -> str:
        return {
            "front": self.tr("Front"),
            "back": self.tr("Back"),
            "side": self.tr("Side"),
            "hallmark": self.tr("Hallmark"),
            "detail": self.tr("Detail"),
            "package": self.tr("Package"),
            "screen": self.tr("Screen on"),
        }.get(view, view)

    def part_name(self, part: str) -> str:
        return {
            "screen": self.tr("screen"),
            "battery": self.tr("battery"),
            "rear_camera": self.tr("rear camera"),
            "front_camera": self.tr("front camera"),
            "face_id": self.tr("Face ID"),
            "touch_id": self.tr("Touch ID"),
            "logic_board": self.tr("logic board"),
        }.get(part, part)

    def field_name(self, name: str) -> str:
        fixed = {
            "mass_g": self.tr("Mass (g)"),
            "specific_gravity": self.tr("Specific gravity"),
            "imei": self.tr("IMEI"),
            "imei2": self.tr("IMEI 2"),
            "serial": self.tr("Serial number"),
            "model": self.tr("Model"),
            "colour": self.tr("Colour"),
            "storage_gb": self.tr("Storage (GB)"),
            "battery.cycle_count": self.tr("Battery charge cycles"),
            "battery.health_pct": self.tr("Battery health (%)"),
            "dimensions.length_mm": self.tr("Length (mm)"),
            "dimensions.width_mm": self.tr("Width (mm)"),
            "dimensions.depth_mm": self.tr("Depth (mm)"),
        }
        if name in fixed:
            return fixed[name]
        if name.startswith("photo."):
            return self.tr("Photo: %1").replace("%1", self.view_name(name[6:]))
        if name.startswith("part."):
            part, _, what = name[5:].rpartition(".")
            text = self.tr("Part %1: serial") if what == "serial" else self.tr("Part %1: originality")
            return text.replace("%1", self.part_name(part))
        return name

    def _value(self, f: Finding, value: Any) -> str:
        if value is None:
            return self.tr("not known")
        if f.field.startswith("photo."):
            if isinstance(value, str):
                return self.tr("certified photo %1").replace("%1", value[:8])
            return self.tr("similarity %1").replace("%1", f"{value:.2f}")
        if f.field.startswith("part.") and f.field.endswith(".status"):
            return {
                "original": self.tr("original"),
                "replaced": self.tr("replaced"),
                "unknown": self.tr("unknown"),
            }.get(str(value), str(value))
        return str(value)
