"""The exceptions queue: what waits for a supervisor, one row per fact, each leading to its
dossier and to the action that settles it (release a hold, resolve an unannounced parcel,
accept a notice change, go to the station that owns it). Refreshes as records change."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.clock import format_local
from app.core.supervision import EXCEPTION_KINDS, KIND, waiting_limits
from app.services.supervision import ExceptionQueue, ExceptionRow
from app.ui import states
from app.ui.context import UiContext
from app.ui.intake.changes import ChangeWatcher
from app.ui.ops import Op

COLUMNS = 7


class ReasonDialog(QDialog):
    """A reason (required) for a hold, a release or a resolution; optional extra rows."""

    def __init__(self, title: str, prompt: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("supervisorReason")
        self.setWindowTitle(title)
        self.setMinimumWidth(480)
        self.form = QFormLayout(self)
        label = QLabel(prompt)
        label.setWordWrap(True)
        self.form.addRow(label)
        self.reason = QLineEdit()
        self.reason.setObjectName("reason")
        self.form.addRow(self.tr("Reason"), self.reason)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def finish(self) -> ReasonDialog:
        self.form.addRow(self.buttons)
        self.reason.setFocus()
        return self


class ExceptionsPanel(QWidget):
    # A station the row's action belongs to (intake, sync) and what to scan there.
    go_to_station = Signal(str, str)

    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui
        self.queue: ExceptionQueue | None = None
        self.shown: list[ExceptionRow] = []
        self.dialog: ReasonDialog | None = None
        lay = QVBoxLayout(self)
        top = QHBoxLayout()
        self.summary = QLabel()
        self.summary.setObjectName("exceptionsSummary")
        self.summary.setWordWrap(True)
        self.kind_filter = QComboBox()
        self.kind_filter.setObjectName("kindFilter")
        self.kind_filter.addItem(self.tr("All kinds"), "")
        for kind in EXCEPTION_KINDS:
            self.kind_filter.addItem(kind.name(ui.lang), kind.code)
        self.kind_filter.currentIndexChanged.connect(lambda _i: self._fill())
        top.addWidget(self.summary, 1)
        top.addWidget(self.kind_filter)
        lay.addLayout(top)
        self.table = QTableWidget(0, COLUMNS)
        self.table.setObjectName("exceptionsTable")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Kind"),
                self.tr("Since"),
                self.tr("Waiting"),
                self.tr("Item"),
                self.tr("Parcel"),
                self.tr("Merchant"),
                self.tr("Detail"),
            ]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        for column in range(COLUMNS - 1):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COLUMNS - 1, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.cellDoubleClicked.connect(lambda _r, _c: self.open_dossier())
        lay.addWidget(self.table, 1)
        actions = QHBoxLayout()
        self.dossier_btn = self._button(self.tr("Open dossier"), "openDossier", self.open_dossier)
        self.hold_btn = self._button(self.tr("Put on hold…"), "hold", self.ask_hold)
        self.release_btn = self._button(self.tr("Release hold…"), "release", self.ask_release)
        self.resolve_btn = self._button(self.tr("Resolve parcel…"), "resolveParcel", self.ask_resolve)
        self.accept_btn = self._button(self.tr("Accept notice change…"), "acceptChange", self.ask_accept)
        self.goto_btn = self._button(self.tr("Go to station"), "goToStation", self.go_to)
        # Two rows: the piece (dossier, hold, release) and the parcel or station it leads to;
        # one row of six is wider than a 1366 px screen at 125 % in English.
        more = QHBoxLayout()
        for row, buttons in (
            (actions, (self.dossier_btn, self.hold_btn, self.release_btn)),
            (more, (self.resolve_btn, self.accept_btn, self.goto_btn)),
        ):
            for b in buttons:
                row.addWidget(b)
            row.addStretch(1)
            lay.addLayout(row)
        self.message = QLabel()
        self.message.setObjectName("exceptionsMessage")
        self.message.setWordWrap(True)
        lay.addWidget(self.message)
        self.watcher = ChangeWatcher(ui.signals, self.refresh, self)
        self._update_buttons()

    def _button(self, text: str, name: str, slot: Callable[[], None]) -> QPushButton:
        b = QPushButton(text)
        b.setObjectName(name)
        b.clicked.connect(slot)
        return b

    # -- reading -------------------------------------------------------------------------
    def refresh(self, done: Callable[[], None] | None = None) -> None:
        config = self.ui.config
        limits = waiting_limits(config.get)
        window = int(config.get("exceptions_window_days"))

        def shown(queue: ExceptionQueue) -> None:
            self.queue = queue
            self._fill()
            if done:
                done()

        def failed(error: BaseException) -> None:
            self.message.setText(states_error(error))
            if done:
                done()

        Op(self, self.ui.station.supervision.exceptions, waiting_hours=limits, window_days=window).success(
            shown
        ).failure(failed).run()

    def _fill(self) -> None:
        if self.queue is None:
            return
        wanted = self.kind_filter.currentData()
        selected = self.selected()
        self.shown = [r for r in self.queue.rows if not wanted or r.kind == wanted]
        counts = [f"{KIND[k].name(self.ui.lang)} {n}" for k, n in self.queue.counts.items() if n]
        self.summary.setText(
            self.tr("%1 open: %2").replace("%1", str(self.queue.total)).replace("%2", self.tr(", ").join(counts))
            if counts
            else self.tr("Nothing waits for a decision.")
        )
        self.table.setRowCount(len(self.shown))
        zone = self.ui.config.time_zone
        for i, r in enumerate(self.shown):
            cells = [
                KIND[r.kind].name(self.ui.lang),
                format_local(r.since, zone),
                self._age(r.since),
                self._item_text(r),
                r.waybill_no or r.asn_id or "",
                r.merchant or "",
                self._detail(r),
            ]
            for j, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                cell.setToolTip(text)
                self.table.setItem(i, j, cell)
        if selected is not None:
            for i, r in enumerate(self.shown):
                if (r.kind, r.item_tag, r.shipment_id, r.ref) == (
                    selected.kind,
                    selected.item_tag,
                    selected.shipment_id,
                    selected.ref,
                ):
                    self.table.selectRow(i)
        self._update_buttons()

    def _item_text(self, r: ExceptionRow) -> str:
        if not r.item_tag:
            return ""
        return f"{r.item_tag} · {states.item_state(r.state or '', r.held_from)}" if r.state else r.item_tag

    def _detail(self, r: ExceptionRow) -> str:
        if r.kind == "sync_rejected":
            event_type, _, rest = r.detail.partition(":")
            reason = rest.strip().split(" ", 1)
            return f"{states.event_name(event_type)} · {states.reject_reason(reason[0])}" + (
                f" · {reason[1]}" if len(reason) > 1 else ""
            )
        if r.kind == "notice_quarantined":
            zh, _, en = r.detail.partition(" / ")
            return zh if self.ui.zh else en
        return r.detail

    def _age(self, since: datetime) -> str:
        assert self.queue is not None
        minutes = max(0, int((self.queue.at - since).total_seconds() // 60))
        if minutes >= 48 * 60:
            return self.tr("%1 d").replace("%1", str(minutes // (24 * 60)))
        if minutes >= 60:
            return self.tr("%1 h").replace("%1", str(minutes // 60))
        return self.tr("%1 min").replace("%1", str(minutes))

    def selected(self) -> ExceptionRow | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows or rows[0].row() >= len(self.shown):
            return None
        return self.shown[rows[0].row()]

    def _update_buttons(self) -> None:
        r = self.selected()
        item_state = r.state if r is not None and r.item_tag else None
        self.dossier_btn.setEnabled(r is not None and bool(r.item_tag or r.shipment_id))
        self.hold_btn.setEnabled(item_state is not None and item_state not in ("on_hold", "dispatched", "voided"))
        self.release_btn.setEnabled(item_state == "on_hold")
        self.resolve_btn.setEnabled(r is not None and r.kind == "unannounced")
        self.accept_btn.setEnabled(r is not None and r.kind == "notice_change")
        # Where the piece waits, or the Sync station for the platform's refusals; a discrepancy or
        # a missing line of a closed parcel has no station to go back to (its dossier tells the story).
        self.goto_btn.setEnabled(r is not None and r.kind in ("sync_rejected", "notice_quarantined", "waiting"))

    # -- actions -------------------------------------------------------------------------
    def open_dossier(self) -> None:
        r = self.selected()
        if r is None:
            return
        from app.ui.dossier import open_dossier

        if r.item_tag:
            open_dossier(self.ui, r.item_tag, self)
        elif r.shipment_id is not None:

            def opened(tags: list[str]) -> None:
                if tags:
                    open_dossier(self.ui, tags[0], self)
                else:
                    self.say(self.tr("No piece of this parcel has been received yet."))

            Op(self, self.ui.station.supervision.parcel_tags, r.shipment_id).success(opened).run()

    def ask_hold(self) -> None:
        r = self.selected()
        if r is None or not r.item_tag:
            return
        tag = r.item_tag
        self._ask(
            self.tr("Put %1 on hold").replace("%1", tag),
            self.tr("Nothing moves the piece until a supervisor releases it. Why is it held?"),
            lambda reason: self._run(
                self.ui.station.holds.hold,
                self.ui.actor,
                tag,
                reason,
                done=self.tr("%1 is on hold.").replace("%1", tag),
            ),
        )

    def ask_release(self) -> None:
        r = self.selected()
        if r is None or not r.item_tag:
            return
        tag, back = r.item_tag, states.item_state(r.held_from or "")
        self._ask(
            self.tr("Release %1").replace("%1", tag),
            self.tr("The piece goes back to: %1. Why is the hold lifted?").replace("%1", back),
            lambda reason: self._run(
                self.ui.station.holds.release,
                self.ui.actor,
                tag,
                reason,
                done=self.tr("%1 released.").replace("%1", tag),
            ),
        )

    def ask_resolve(self) -> None:
        r = self.selected()
        if r is None or r.shipment_id is None:
            return
        dialog = ReasonDialog(
            self.tr("Resolve parcel %1").replace("%1", r.waybill_no or ""),
            self.tr("Link the parcel to the notice it belongs to, or send it back to the merchant."),
            self,
        )
        link = QRadioButton(self.tr("Link to notice (ASN id)"))
        link.setChecked(True)
        back = QRadioButton(self.tr("Return to the merchant"))
        asn = QLineEdit()
        asn.setObjectName("asnId")
        dialog.form.insertRow(1, link, asn)
        dialog.form.insertRow(2, back)
        dialog.finish()
        st, actor, sid = self.ui.station, self.ui.actor, r.shipment_id

        def go(reason: str) -> None:
            returned = back.isChecked()
            self._run(
                lambda: st.intake.resolve_unannounced(
                    actor, sid, reason=reason, asn_id=None if returned else asn.text(), return_to_merchant=returned
                ),
                done=self.tr("Parcel resolved."),
            )

        self._show(dialog, go)

    def ask_accept(self) -> None:
        r = self.selected()
        if r is None or r.shipment_id is None:
            return
        sid = r.shipment_id
        self._ask(
            self.tr("Accept the notice change of %1").replace("%1", r.asn_id or r.waybill_no or ""),
            self.tr(
                "New lines join the parcel; removed lines not yet received are withdrawn; what was "
                "received stays as received."
            ),
            lambda reason: self._run(
                self.ui.station.intake.accept_revision,
                self.ui.actor,
                sid,
                reason,
                done=self.tr("Notice change accepted."),
            ),
        )

    def go_to(self) -> None:
        r = self.selected()
        if r is None:
            return
        if r.kind in ("sync_rejected", "notice_quarantined"):
            self.go_to_station.emit("sync", "")
        elif r.kind == "waiting" and r.item_tag:
            station = {
                "received": "appraisal",
                "in_appraisal": "appraisal",
                "graded": "appraisal",
                "in_review": "review",
                "approved": "review",
                "certified": "dispatch",
                "rejected": "dispatch",
            }.get(r.state or "", "review")
            self.go_to_station.emit(station, r.item_tag)

    def _ask(self, title: str, prompt: str, then: Callable[[str], None]) -> None:
        self._show(ReasonDialog(title, prompt, self).finish(), then)

    def _show(self, dialog: ReasonDialog, then: Callable[[str], None]) -> None:
        self.dialog = dialog

        def accepted() -> None:
            then(dialog.reason.text())

        dialog.accepted.connect(accepted)
        dialog.open()

    def _run(self, fn: Callable[..., object], *args: object, done: str) -> None:
        def finished(_v: object) -> None:
            self.say(done)
            self.refresh()

        Op(self, fn, *args).success(finished).run()

    def say(self, text: str) -> None:
        self.message.setText(text)


def states_error(error: BaseException) -> str:
    from app.ui.ops import error_text

    return error_text(error)
