"""One search for the whole warehouse: type or scan a tag, IMEI/serial, waybill (in or out),
order number, ASN id, certificate number, merchant name or id. Partial input lists matches
as one types (in the background, the newest answer wins); a unique match opens its dossier."""

from __future__ import annotations

from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.dossier import MIN_SEARCH_CHARS, SEARCH_KEY_NAMES, search_weight
from app.ui import keys
from app.ui.context import UiContext
from app.ui.ops import Op, error_text

SHORTCUT = "Ctrl+F"


class SearchDialog(QDialog):
    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui
        self.setObjectName("searchDialog")
        self.setWindowTitle(self.tr("Search"))
        self.setModal(False)
        self._asked = 0  # the newest request; older answers are dropped
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        self.edit = QLineEdit()
        self.edit.setObjectName("searchEdit")
        self.edit.setPlaceholderText(self.tr("Tag, IMEI or serial, waybill, order, ASN, certificate, merchant…"))
        self.edit.setClearButtonEnabled(True)
        self.edit.textEdited.connect(lambda _t: self.timer.start())
        self.edit.returnPressed.connect(self.submit)
        row.addWidget(self.edit, 1)
        self.open_button = QPushButton(self.tr("Open"))
        self.open_button.setObjectName("searchOpenButton")
        self.open_button.clicked.connect(self.open_selected)
        row.addWidget(self.open_button)
        layout.addLayout(row)
        self.status = QLabel("")
        self.status.setObjectName("searchStatus")
        self.status.setWordWrap(True)
        self.status.setProperty("role", "hint")
        layout.addWidget(self.status)
        self.table = QTableWidget(0, 6)
        self.table.setObjectName("searchResults")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Tag"),
                self.tr("Title"),
                self.tr("State"),
                self.tr("Found by"),
                self.tr("Value"),
                self.tr("Merchant"),
            ]
        )
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.cellDoubleClicked.connect(lambda r, _c: self._open_row(r))
        layout.addWidget(self.table, 1)
        self.timer: QTimer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(250)  # while typing: ask once the hand pauses
        self.timer.timeout.connect(lambda: self.run(open_unique=False))
        self.resize(900, 480)
        self.hits: list[Any] = []
        self._shown_for = ""  # the text the listed hits answer

    @classmethod
    def instance(cls, ui: UiContext, parent: QWidget | None) -> SearchDialog:
        if parent is not None:
            for child in parent.findChildren(SearchDialog):
                if shiboken6.isValid(child):
                    return child
        return cls(ui, parent)

    def start(self, text: str = "") -> None:
        self.show()
        self.raise_()
        self.activateWindow()
        self.edit.setFocus()
        if text:
            self.edit.setText(text)
            self.run(open_unique=False)
        else:
            self.edit.selectAll()

    def submit(self) -> None:
        """Enter: a selected row opens; otherwise search now and open a unique match."""
        if (
            self.table.currentRow() >= 0
            and self.hits
            and not self.timer.isActive()
            and self._shown_for == self.edit.text()
        ):
            self.open_selected()
            return
        self.timer.stop()
        self.run(open_unique=True)

    def run(self, open_unique: bool, text: str | None = None, scanned: bool = False) -> None:
        text = self.edit.text() if text is None else text
        if search_weight(text) < MIN_SEARCH_CHARS and not scanned:
            self.status.setText(self.tr("Type at least %1 characters").replace("%1", str(MIN_SEARCH_CHARS)))
            self._show([])
            return
        self._asked += 1
        asked = self._asked
        self.status.setText(self.tr("Searching…"))
        Op(self, self.ui.station.search.search, text).success(
            lambda hits: self._answer(asked, text, hits, open_unique, scanned)
        ).failure(lambda e: self._failed(asked, text, e, scanned)).run()

    def scan(self, code: str) -> None:
        """A scan no station used: search it without showing the dialog first."""
        self.edit.setText(code.strip())
        self.run(open_unique=True, text=code, scanned=True)

    def _answer(self, asked: int, text: str, hits: list[Any], open_unique: bool, scanned: bool) -> None:
        if asked != self._asked:
            return  # a newer search is under way
        self._show(hits)
        self._shown_for = text
        exact = [h for h in hits if h.exact]
        unique = exact[0].tag if len({h.tag for h in exact}) == 1 else (hits[0].tag if len(hits) == 1 else None)
        if not hits:
            self.status.setText(self.tr("No item matches %1").replace("%1", text.strip()))
            if scanned:
                self._tell(self.tr("Scan not used here and no item matches it: %1").replace("%1", text.strip()))
                return
        else:
            self.status.setText(self.tr("%1 items found").replace("%1", str(len(hits))))
        if open_unique and unique is not None:
            from app.ui.dossier import open_dossier

            open_dossier(self.ui, unique, self.parentWidget())
            if scanned:
                return
            self.hide()
            return
        if (hits or not scanned) and not self.isVisible():
            self.start()  # a scan with several matches: list them (typing keeps its text and cursor)

    def _failed(self, asked: int, text: str, error: BaseException, scanned: bool) -> None:
        if asked != self._asked:
            return
        message = error_text(error, self.ui.lang)
        if scanned:
            self._tell(self.tr("Scan not used here: %1").replace("%1", text.strip()) + " — " + message)
            return
        self.status.setText(message)
        self._show([])

    def _tell(self, text: str) -> None:
        from app.ui import sound

        owner = self.parentWidget()
        if isinstance(owner, QMainWindow):
            owner.statusBar().showMessage(text, 8000)
        self.status.setText(text)
        sound.play("warn")

    def _show(self, hits: list[Any]) -> None:
        self.hits = hits
        self.table.setRowCount(len(hits))
        zh = self.ui.zh
        for i, h in enumerate(hits):
            state = state_text(h.state, h.held_from, zh)
            for j, text in enumerate(
                (h.tag, h.title, state, SEARCH_KEY_NAMES[h.key][0 if zh else 1], h.value, h.merchant_name or "")
            ):
                cell = QTableWidgetItem(text)
                cell.setData(Qt.ItemDataRole.UserRole, h.tag)
                self.table.setItem(i, j, cell)
        self.table.resizeColumnsToContents()
        if hits:
            self.table.selectRow(0)

    def open_selected(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self._open_row(row)

    def _open_row(self, row: int) -> None:
        cell = self.table.item(row, 0)
        if cell is None:
            return
        from app.ui.dossier import open_dossier

        open_dossier(self.ui, cell.data(Qt.ItemDataRole.UserRole), self.parentWidget())


def search_button(window: QWidget, ui: UiContext) -> QPushButton:
    """A Search button on the menu bar's corner: Ctrl+F opens the search from every station.
    It presses ``window.open_search`` (a bound slot: a lambda holding the window made the
    process abort at exit)."""
    button = QPushButton(QCoreApplication.translate("SearchDialog", "Search…"), window)
    button.setObjectName("searchButton")
    button.setFlat(True)
    keys.bind(button, SHORTCUT, command="search")
    button.clicked.connect(window.open_search)  # type: ignore[attr-defined]  # the MainWindow's; typed QWidget to spare an import cycle
    if isinstance(window, QMainWindow):
        window.menuBar().setCornerWidget(button, Qt.Corner.TopRightCorner)
    return button


def state_text(state: str, held_from: str | None, zh: bool) -> str:
    """An item's state in words; a hold says where the item was."""
    from app.core.lifecycle import STATE_NAMES, ItemState

    def name(s: str) -> str:
        try:
            return STATE_NAMES[ItemState(s)][0 if zh else 1]
        except ValueError:
            return s

    if state == "on_hold" and held_from:
        return f"{name(state)}（{name(held_from)}）" if zh else f"{name(state)} (was {name(held_from)})"
    return name(state)
