"""The intake screen's parts: the open parcel (large header and progress, its lines) and
the board of expected parcels."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.parcels import ParcelState as P
from app.core.tags import TAG_SAMPLE
from app.services.views import BoardEntry, LineView, ShipmentView
from app.ui.style import OK_COLOR, WARN_COLOR, set_status


def declared_text(declared: dict, lang: str | None = None) -> str:
    from app.core.declared import one_line
    from app.ui.ops import LANG

    return one_line(declared, lang or LANG["value"])


def state_text(state: str, lang: str) -> str:
    """An item's state in words (app/core/lifecycle.py's names), never the code."""
    from app.core.lifecycle import STATE_NAMES, ItemState

    try:
        zh, en = STATE_NAMES[ItemState(state)]
    except ValueError:
        return state
    return zh if lang.startswith("zh") else en


# A row of the parcel's table: its cells, the tag's colour and whether it is the piece just received.
_Row = tuple[tuple[str, ...], str | None, bool]


class ParcelPanel(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "banner")
        lay = QVBoxLayout(self)
        top = QHBoxLayout()
        left = QVBoxLayout()
        self.waybill = QLabel()
        self.waybill.setObjectName("parcelWaybill")
        self.waybill.setProperty("role", "big")
        self.facts = QLabel()
        self.facts.setObjectName("parcelFacts")
        self.facts.setStyleSheet("font-size: 17px;")
        self.facts.setWordWrap(True)  # a long merchant name wraps instead of widening the window
        left.addWidget(self.waybill)
        left.addWidget(self.facts)
        top.addLayout(left, 1)
        self.progress = QLabel()
        self.progress.setObjectName("parcelProgress")
        self.progress.setStyleSheet("font-size: 44px; font-weight: 700;")
        self.progress.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        top.addWidget(self.progress)
        lay.addLayout(top)
        self.table = QTableWidget(0, 6)
        self.table.setObjectName("linesTable")
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setStyleSheet("font-size: 16px;")
        self.table.verticalHeader().setDefaultSectionSize(36)
        lay.addWidget(self.table, 1)
        self.lines: list[LineView] = []
        self.unexpected: tuple[str, ...] = ()
        self._headers: list[str] = []
        # What each row shows (cells, colour, bold), and for which parcel: a scan changes one
        # line, and only changed rows are rebuilt (rebuilding every row cost O(lines) per scan).
        self._rows: list[_Row] = []
        self._rows_of: int | None = None
        # The tag of the piece just received here, shown in bold until another piece is: a
        # refresh after someone else's change keeps it (ChangeWatcher, 120 ms after a commit).
        self.highlighted: str | None = None
        self.show_parcel(None)

    def retranslate_headers(self) -> None:
        labels = [
            self.tr("Line"),
            self.tr("Order no."),
            self.tr("Title"),
            self.tr("Category"),
            self.tr("Declared"),
            self.tr("Tag"),
        ]
        if labels == self._headers:
            return
        self._headers = labels
        self.table.setHorizontalHeaderLabels(labels)
        h = self.table.horizontalHeader()
        h.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        h.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)

    def show_parcel(self, view: ShipmentView | None, highlight: str | None = None) -> None:
        self.retranslate_headers()
        if view is None:
            self.waybill.setText(self.tr("Scan a parcel's waybill"))
            self.facts.setText(self.tr("Expected parcels are listed on the right."))
            self.progress.setText("")
            self.table.setRowCount(0)
            self.lines, self.unexpected = [], ()
            self._rows, self._rows_of = [], None
            self.highlighted = None
            return
        self.waybill.setText(view.waybill_no)
        words: dict[str, str] = {
            P.RECEIVING: self.tr("receiving"),
            P.UNANNOUNCED: self.tr("UNANNOUNCED — a supervisor must resolve it"),
            P.CLOSED: self.tr("closed", "parcel"),
            P.RESOLVED: self.tr("resolved"),
            P.ANNOUNCED: self.tr("announced"),
            P.CANCELLED: self.tr("cancelled"),
        }
        status = words.get(view.status, view.status)
        from app.core.carriers import carrier_name
        from app.ui.ops import LANG

        parts = [view.merchant_name or self.tr("unknown merchant"), view.asn_id or "—", status]
        if view.carrier:
            parts.insert(1, carrier_name(view.carrier, LANG["value"]))
        if view.package_condition == "damaged":
            parts.append(self.tr("package damaged"))
        if view.has_pending_revision:
            parts.append(self.tr("notice changed — supervisor must confirm"))
        self.facts.setText("  ·  ".join(parts))
        done, total = view.received_count, view.expected_count
        extra = f" +{len(view.unexpected_tags)}" if view.unexpected_tags else ""
        self.progress.setText(f"{done}/{total}{extra}")
        set_status(self.progress, "ok" if total and done == total else ("warn" if view.status == P.UNANNOUNCED else ""))
        # A line equal to the one shown in its place keeps its cells (its declared value is
        # not described again): a scan changes one line of the parcel.
        same = view.id == self._rows_of
        before = {ln.line_id: (ln, row[0]) for ln, row in zip(self.lines, self._rows, strict=False)} if same else {}
        self.lines = [ln for ln in view.lines if not ln.withdrawn]
        self.unexpected = view.unexpected_tags
        rows: list[_Row] = [
            (
                shown[1] if (shown := before.get(ln.line_id)) and shown[0] == ln else self._cells(ln),
                OK_COLOR if ln.item_tag else None,
                bool(highlight and ln.item_tag == highlight),
            )
            for ln in self.lines
        ]
        rows += [
            (("—", "", self.tr("Unexpected piece"), "", "", tag), WARN_COLOR, tag == highlight)
            for tag in self.unexpected
        ]
        self._show_rows(view.id, rows)
        fresh, self.highlighted = highlight != self.highlighted, highlight
        if fresh and highlight:  # the piece just received is on screen, however long the parcel:
            # once the table has laid out the rows just set (its scroll range may still be the old one)
            QTimer.singleShot(0, self.table, self._show_highlighted)

    def _show_highlighted(self) -> None:
        at = next((i for i, row in enumerate(self._rows) if row[2]), None)
        if at is None:
            return
        index = self.table.model().index(at, 0)
        if not self.table.viewport().rect().contains(self.table.visualRect(index)):
            self.table.scrollTo(index)  # (it also repaints the cell, so only when it is out of sight)

    def _cells(self, ln: LineView) -> tuple[str, ...]:
        category = {"jewelry": self.tr("Jewelry"), "phone": self.tr("Phone")}.get(ln.category, ln.category)
        tag = ln.item_tag or self.tr("expected")
        return (ln.line_id, ln.order_no or "", ln.title, category, declared_text(ln.declared), tag)

    def _show_rows(self, parcel_id: int, rows: list[_Row]) -> None:
        """Rebuild only the rows that changed since this parcel was last shown; a new parcel is
        drawn whole and its columns sized to their contents."""
        whole = parcel_id != self._rows_of
        shown = [] if whole else self._rows
        self.table.setRowCount(len(rows))
        for i, row in enumerate(rows):
            if i < len(shown) and shown[i] == row:
                continue
            self._row(i, *row)
            if not whole:
                self._widen(i, row[0], row[2])
        self._rows, self._rows_of = rows, parcel_id
        if whole:
            for col in (0, 1, 5):
                self.table.resizeColumnToContents(col)
            # Room for a tag in bold from the start: the first piece received no longer widens the
            # column, which redrew the whole table (6 ms, a tenth of every parcel's scans).
            room = QFontMetrics(self._font(bold=True)).horizontalAdvance(TAG_SAMPLE) + 24
            self.table.setColumnWidth(5, max(self.table.columnWidth(5), room))

    def _font(self, bold: bool) -> QFont:
        """The font the table's cells are drawn in (its stylesheet's size), bold for the piece just
        received: cells are measured and emboldened from it, not from an item's default font,
        which is the application's and a size smaller."""
        self.table.ensurePolished()
        font = QFont(self.table.font())
        font.setBold(bold)
        return font

    def _widen(self, row: int, cells: tuple[str, ...], bold: bool) -> None:
        """A changed row's text wider than its sized column widens it (columns never shrink
        while the same parcel is shown)."""
        metrics = QFontMetrics(self._font(bold))
        for col in (0, 1, 5):
            needed = metrics.horizontalAdvance(cells[col]) + 24
            if needed > self.table.columnWidth(col):
                self.table.setColumnWidth(col, needed)

    def _row(self, row: int, cells: tuple[str, ...], colour: str | None, bold: bool) -> None:
        font = self._font(bold=True) if bold else None
        for col, text in enumerate(cells):
            item = QTableWidgetItem(text)
            if colour and col == 5:
                item.setForeground(QBrush(QColor(colour)))
            if font is not None:
                item.setFont(font)
                item.setBackground(QBrush(QColor("#e7f5ec")))
            self.table.setItem(row, col, item)

    def selected_line(self) -> LineView | None:
        row = self.table.currentRow()
        return self.lines[row] if 0 <= row < len(self.lines) else None

    def selected_tag(self) -> str | None:
        row = self.table.currentRow()
        if 0 <= row < len(self.lines):
            return self.lines[row].item_tag
        k = row - len(self.lines)
        return self.unexpected[k] if 0 <= k < len(self.unexpected) else None


class ParcelBoard(QListWidget):
    """Expected parcels; cancelled ones stay visible, marked as cancelled.

    Read again after every commit (the screen's ChangeWatcher): only entries whose text or
    state changed are rebuilt, so a scan that changed one parcel's count redraws one entry
    (rebuilding a hundred entries took the GUI thread from the next scan), and a selection
    stays where it was."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._shown: list[tuple[str, str, str]] = []  # per row: text, waybill, status

    def show_board(self, views: list[BoardEntry]) -> None:
        names: dict[str, str] = {
            P.ANNOUNCED: self.tr("expected"),
            P.RECEIVING: self.tr("receiving"),
            P.UNANNOUNCED: self.tr("unannounced"),
            P.CANCELLED: self.tr("CANCELLED"),
        }
        rows = [
            (
                f"{v.waybill_no}\n{v.merchant_name or '—'} · {names.get(v.status, v.status)} · "
                f"{v.received_count}/{v.expected_count}",
                v.waybill_no,
                v.status,
            )
            for v in views
        ]
        for i, row in enumerate(rows):
            if i < len(self._shown) and self._shown[i] == row:
                continue
            if i < self.count():
                self.takeItem(i)
            self.insertItem(i, self._entry(*row))
        while self.count() > len(rows):
            self.takeItem(len(rows))
        self._shown = rows

    def _entry(self, text: str, waybill: str, status: str) -> QListWidgetItem:
        item = QListWidgetItem(text)
        item.setData(Qt.ItemDataRole.UserRole, waybill)
        if status == P.CANCELLED:
            item.setForeground(QBrush(QColor("#9ca3af")))
            f = item.font()
            f.setStrikeOut(True)
            item.setFont(f)
        elif status == P.UNANNOUNCED:
            item.setForeground(QBrush(QColor(WARN_COLOR)))
        return item
