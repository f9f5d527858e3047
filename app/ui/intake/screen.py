"""Intake: the clerk scans a waybill, then each piece; the workstation tags, labels and
records it. Works from the scanner alone; buttons are for the exceptions.

A scan is decided by one read (``intake.lookup``), then one operation. Scans that
arrive while a piece is still being tagged wait their turn, so a double scan is
answered "already received" instead of racing the first.
"""

from __future__ import annotations

import time
from collections import deque
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.core import parcels
from app.core.parcels import ParcelState
from app.services.intake_scan import ScanMatch
from app.services.views import BoardEntry, ItemView, ShipmentView
from app.ui import keys
from app.ui.context import UiContext
from app.ui.intake import hardware
from app.ui.intake.actions import IntakeActions
from app.ui.intake.changes import ChangeWatcher
from app.ui.intake.feedback import Banner
from app.ui.intake.widgets import ParcelBoard, ParcelPanel, state_text
from app.ui.ops import Op, error_text
from app.ui.screen import StationScreen

LINE_PICK = "\x00line:"


class IntakeScreen(StationScreen):
    # Emitted once a scan's outcome is shown (tests and the benchmark wait on it).
    scan_did_finish = Signal(str, str)  # code, status

    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ui, parent)
        self.shipment: ShipmentView | None = None
        self.queue: deque[str] = deque()
        self.busy = False
        self.pending_confirm: str | None = None  # an unknown code scanned once, awaiting a second scan
        self.last_item: ItemView | None = None
        self.timings: list[float] = []
        # The next tag, reserved in the background after each piece, so a scan waits for one
        # commit (the receipt), not two. An unused reservation leaves a gap, never a duplicate.
        self.reserved_tag: str | None = None
        # Dialogs and questions about the open parcel; closed when it closes or changes.
        self.prompts: list[QDialog] = []
        self.parcel_actions = IntakeActions(self)  # the exceptions behind the buttons
        self._build()
        self.watcher = ChangeWatcher(ui.signals, self._refresh_after_change, self)

    # Each main action: (key, label, slot, shortcut); the shortcut is shown on the button.
    ACTIONS = (
        ("receive", "Receive selected line", "receive_selected", "F2"),
        ("reprint", "Reprint label", "reprint_label", "F4"),
        ("damaged", "Damaged: photo", "mark_damaged", "F6"),
        ("void", "Void receipt…", "void_selected", "F7"),
        ("close", "Close parcel", "close_parcel", "F8"),
        ("aside", "Set parcel aside", "set_aside", "F9"),
        ("resolve", "Resolve…", "resolve_parcel", "F10"),
        ("revision", "Accept notice change…", "accept_revision", "F11"),
    )

    def _build(self) -> None:
        root = QHBoxLayout(self)
        root.setContentsMargins(0, 0, 0, 0)
        split = QSplitter()
        split.setChildrenCollapsible(False)
        root.addWidget(split)
        left = QWidget()
        main = QVBoxLayout(left)
        main.setContentsMargins(0, 0, 6, 0)
        self.banner = Banner()
        self.banner.show_message("info", self.tr("Ready: scan a parcel's waybill"), sound=False)
        main.addWidget(self.banner)
        self.panel = ParcelPanel()
        main.addWidget(self.panel, 1)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Unexpected pieces are:")))
        self.category = QComboBox()
        self.category.setObjectName("unexpectedCategory")
        self.category.addItem(self.tr("Jewelry"), "jewelry")
        self.category.addItem(self.tr("Phone"), "phone")
        row.addWidget(self.category)
        row.addStretch(1)
        main.addLayout(row)
        grid = QGridLayout()
        self.buttons: dict[str, QPushButton] = {}
        labels = {
            "receive": self.tr("Receive selected line"),
            "reprint": self.tr("Reprint label"),
            "damaged": self.tr("Damaged: photo"),
            "void": self.tr("Void receipt…"),
            "close": self.tr("Close parcel"),
            "aside": self.tr("Set parcel aside"),
            "resolve": self.tr("Resolve…"),
            "revision": self.tr("Accept notice change…"),
        }
        for n, (key, _text, slot, shortcut) in enumerate(self.ACTIONS):
            b = QPushButton(labels[key])
            b.setObjectName(f"btn_{key}")
            action = getattr(self if slot == "receive_selected" else self.parcel_actions, slot)
            b.clicked.connect(lambda _c=False, fn=action: fn())
            keys.bind(b, shortcut, command=f"intake_{key}")
            grid.addWidget(b, n // 3, n % 3)  # three columns: fits 1366x768 at 125% in English too
            self.buttons[key] = b
        self.buttons["close"].setProperty("role", "primary")
        main.addLayout(grid)
        split.addWidget(left)
        side_w = QWidget()
        side = QVBoxLayout(side_w)
        side.setContentsMargins(6, 0, 0, 0)
        title = QLabel(self.tr("Expected parcels"))
        title.setProperty("role", "title")
        side.addWidget(title)
        self.board = ParcelBoard()
        self.board.setObjectName("parcelBoard")
        self.board.setMinimumWidth(180)
        self.board.setWordWrap(True)
        self.board.setSpacing(4)
        # Enter or a double click opens the parcel, as if its waybill had been scanned.
        self.board.itemActivated.connect(lambda it: self.handle_scan(it.data(0x0100)))
        side.addWidget(self.board, 1)
        imp = QPushButton(self.tr("Import notices…"))
        imp.setObjectName("btn_import")
        imp.clicked.connect(lambda: self.parcel_actions.import_notices())
        keys.bind(imp, "Ctrl+I", command="intake_import")
        side.addWidget(imp)
        split.addWidget(side_w)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        split.setSizes([820, 300])
        self.panel.table.activated.connect(lambda _i: self.receive_selected())
        self._update_buttons()

    # --- life cycle ---------------------------------------------------------------
    def activated(self) -> None:
        self.refresh_board()

    def refresh_board(self) -> None:
        Op(self, self.ui.station.intake.board).success(self.board.show_board).failure(lambda e: None).run()

    def _refresh_after_change(self, done: Any) -> None:
        """Records changed (here or at another station): the board, and the open parcel
        unless a scan is being worked on (its own result will show it)."""
        intake, sid = self.ui.station.intake, self.shipment.id if self.shipment else None

        def load() -> tuple[list[BoardEntry], ShipmentView | None]:
            return intake.board(), intake.parcel(sid) if sid is not None else None

        def shown(result: tuple[list[BoardEntry], ShipmentView | None]) -> None:
            board, view = result
            self.board.show_board(board)
            if view is not None and not self.busy and self.shipment is not None and self.shipment.id == view.id:
                self.show_parcel(view, self.panel.highlighted, keep_selection=True)
            done()

        Op(self, load).success(shown).failure(lambda e: done()).run()

    def _update_buttons(self) -> None:
        s = self.shipment
        open_ = s is not None and s.status in parcels.OPEN
        for key in ("receive", "damaged", "void", "aside"):
            self.buttons[key].setEnabled(open_)
        self.buttons["close"].setEnabled(s is not None and s.status == ParcelState.RECEIVING)
        self.buttons["resolve"].setEnabled(s is not None and s.status == ParcelState.UNANNOUNCED)
        self.buttons["revision"].setEnabled(s is not None and s.has_pending_revision)
        self.buttons["reprint"].setEnabled(self.last_item is not None)

    def show_parcel(
        self, view: ShipmentView | None, highlight: str | None = None, keep_selection: bool = False
    ) -> None:
        before = self.shipment
        if view is None or before is None or _identity(view) != _identity(before):
            self.clear_prompts()  # a question about another parcel, or an older state of this one
        self.shipment = view
        row = self.panel.table.currentRow()
        self.panel.show_parcel(view, highlight)
        if keep_selection and 0 <= row < self.panel.table.rowCount():
            self.panel.table.selectRow(row)
        self._update_buttons()

    def clear_prompts(self) -> None:
        """The open parcel closed, was set aside or changed: "scan again to confirm" and
        every open question about it no longer apply."""
        self.pending_confirm = None
        prompts, self.prompts = self.prompts, []
        for dialog in prompts:
            if dialog.isVisible():
                dialog.reject()

    def add_prompt(self, dialog: QDialog) -> None:
        self.prompts = [d for d in self.prompts if d.isVisible()] + [dialog]

    # --- scanning -----------------------------------------------------------------
    def handle_scan(self, code: str) -> bool:
        self.queue.append(code)
        if not self.busy:
            self._next()
        return True

    def _next(self) -> None:
        if not self.queue:
            self.busy = False
            return
        self.busy = True
        code = self.queue.popleft()
        self._t0 = time.perf_counter()
        if code.startswith(LINE_PICK):  # a line picked by hand waits in the same queue as scans
            return self._receive_piece(code, code[len(LINE_PICK) :], None)
        sid = self.shipment.id if self.shipment and self.shipment.status in parcels.OPEN else None
        Op(self, self.ui.station.intake.lookup, code, sid).success(self._route).failure(
            lambda e: self.finish(code, "error", error_text(e))
        ).run()

    def finish(self, code: str, status: str, text: str, detail: str = "") -> None:
        """Every scan ends here: show, sound, then take the next waiting scan."""
        self.banner.show_message(status, text, detail)
        self.timings.append((time.perf_counter() - self._t0) * 1000)
        self.scan_did_finish.emit(code, status)
        self._next()

    def _route(self, m: ScanMatch) -> None:
        confirm, self.pending_confirm = self.pending_confirm, None
        if m.kind == "waybill" and m.shipment is not None:
            if (
                self.shipment is not None
                and m.shipment.id == self.shipment.id
                and m.shipment.status == ParcelState.RECEIVING
            ):
                self.show_parcel(m.shipment)
                return self.finish(m.code, "info", self.tr("This parcel is already open"))
            return self._open_parcel(m.code)
        if m.kind == "tag" and m.item is not None:
            it = m.item
            return self.finish(
                m.code,
                "warn",
                self.tr("Already received: %1").replace("%1", it.tag),
                f"{it.title} · {it.waybill_no} · {it.line_id or self.tr('unexpected')} · "
                f"{state_text(it.state, self.ui.lang)}",
            )
        if m.kind == "tag_voided" and m.item is not None:
            return self.finish(
                m.code,
                "error",
                self.tr("Label %1 is VOID: its receipt was voided").replace("%1", m.code),
                self.tr("Discard this label; the piece needs a new one. %1").replace(
                    "%1", f"{m.item.title} · {m.item.waybill_no}"
                ),
            )
        if m.kind == "tag_unknown":
            return self.finish(
                m.code, "error", self.tr("Tag %1 is not recorded; discard this label").replace("%1", m.code)
            )
        if m.kind == "received" and m.item is not None:
            self.show_parcel(self.shipment, m.item.tag)
            return self.finish(
                m.code,
                "warn",
                self.tr("Already received as %1").replace("%1", m.item.tag),
                self.tr("Nothing was recorded again."),
            )
        if m.kind == "line":
            return self._receive_piece(m.code, m.line_id, m.code)
        if m.kind == "other_parcel_line" and m.shipment is not None:
            return self.finish(
                m.code,
                "warn",
                self.tr("This piece belongs to parcel %1").replace("%1", m.shipment.waybill_no),
                self.tr("Scan that parcel's waybill first, or set it aside."),
            )
        # Unknown: a second scan of the same code confirms, so a partial scan never records anything.
        if self.shipment is not None and self.shipment.status in parcels.OPEN:
            if self.shipment.status == ParcelState.UNANNOUNCED:
                return self.finish(m.code, "warn", self.tr("Unannounced parcel: a supervisor must resolve it first"))
            if confirm == m.code:
                return self._receive_piece(m.code, None, m.code)
            self.pending_confirm = m.code
            return self.finish(
                m.code,
                "warn",
                self.tr("%1 is not on this parcel's notice").replace("%1", m.code),
                self.tr("Scan it again to record an unexpected piece (%1), or pick its line.").replace(
                    "%1", self.category.currentText()
                ),
            )
        if confirm == m.code:
            return self._open_parcel(m.code)
        self.pending_confirm = m.code
        return self.finish(
            m.code,
            "warn",
            self.tr("Waybill %1 was not announced").replace("%1", m.code),
            self.tr("Scan it again to record an unannounced parcel for a supervisor."),
        )

    def _open_parcel(self, code: str) -> None:
        def opened(result: Any) -> None:
            self.show_parcel(result.shipment)
            self.reserve_tag()
            self.refresh_board()
            if result.outcome == "unannounced":
                return self.finish(
                    code,
                    "warn",
                    self.tr("Unannounced parcel recorded: %1").replace("%1", code),
                    self.tr("Put it aside for a supervisor to resolve."),
                )
            text = self.tr("Parcel open: %1") if result.outcome == "received" else self.tr("Parcel continued: %1")
            self.finish(code, "ok", text.replace("%1", code), self.tr("Scan each piece's label, or pick its line."))

        Op(self, self.ui.station.intake.receive_parcel, self.ui.actor, code).success(opened).failure(
            lambda e: self.finish(code, "error", error_text(e))
        ).run()

    # --- one piece: tag, label, record --------------------------------------------
    def _receive_piece(self, code: str, line_id: str | None, merchant_ref: str | None) -> None:
        ship = self.shipment
        assert ship is not None
        line = next((ln for ln in ship.lines if ln.line_id == line_id), None)
        title = line.title if line else self.tr("Unexpected piece")
        category = None if line else self.category.currentData()
        intake = self.ui.station.intake

        def allocated(tag: str) -> None:
            Op(self, hardware.print_tag_label, self.ui, tag, title, kind="io").success(
                lambda _where: record(tag, True, "")
            ).failure(lambda e: record(tag, False, error_text(e))).run()

        def record(tag: str, printed: bool, print_error: str) -> None:
            def work() -> tuple[ItemView, ShipmentView]:
                item = intake.receive_item(
                    self.ui.actor,
                    ship.id,
                    line_id=line_id,
                    tag=tag,
                    tag_printed=printed,
                    merchant_ref=merchant_ref,
                    category=category,
                )
                return item, intake.parcel(ship.id)

            def done(result: tuple[ItemView, ShipmentView]) -> None:
                item, view = result
                self.last_item = item
                self.reserve_tag()
                self.show_parcel(view, item.tag)
                detail = f"{item.title} · {item.line_id or self.tr('unexpected')}"
                if not printed:
                    return self.finish(
                        code,
                        "warn",
                        self.tr("Received %1 — label NOT printed").replace("%1", item.tag),
                        print_error + " " + self.tr("Press Reprint label when the printer is back."),
                    )
                self.finish(code, "ok", self.tr("Received %1").replace("%1", item.tag), detail)

            def failed(e: BaseException) -> None:
                extra = self.tr("Discard the label %1.").replace("%1", tag) if printed else ""
                self.finish(code, "error", error_text(e), extra)

            Op(self, work).success(done).failure(failed).run()

        tag, self.reserved_tag = self.reserved_tag, None
        if tag is not None and tag[2:8] == f"{self.ui.station.ctx.clock():%y%m%d}":
            return allocated(tag)
        Op(self, intake.allocate_tag, self.ui.actor).success(allocated).failure(
            lambda e: self.finish(code, "error", error_text(e))
        ).run()

    def reserve_tag(self) -> None:
        if self.reserved_tag is None:
            Op(self, self.ui.station.intake.allocate_tag, self.ui.actor).success(
                lambda tag: setattr(self, "reserved_tag", tag)
            ).failure(lambda e: None).run()

    def receive_selected(self) -> None:
        line = self.panel.selected_line()
        if line is None or self.shipment is None:
            self.banner.show_message("warn", self.tr("Pick a line first"))
            return
        if line.item_tag:
            self.banner.show_message("warn", self.tr("Already received as %1").replace("%1", line.item_tag))
            return
        self.queue.append(LINE_PICK + line.line_id)
        if not self.busy:
            self._next()


def _identity(view: ShipmentView) -> tuple[object, ...]:
    """What a pending question about a parcel depends on."""
    return view.id, view.status, view.revision, view.has_pending_revision


Screen = IntakeScreen
