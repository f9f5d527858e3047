"""Review & certificates: the supervisor's queue, one item side by side with its declaration,
approve / return with a reason, and issuing, printing and voiding certificates.

The signing key is unlocked once per session (a small dialog; created at first use). Every
query, signature, PDF and rasterisation runs off the GUI thread through ``Op``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.core.certificate import validate_certificate_no
from app.core.errors import TWError
from app.core.roles import Action
from app.core.tags import validate_tag
from app.services.review import Dossier
from app.ui import keys
from app.ui.context import UiContext
from app.ui.intake.changes import ChangeWatcher
from app.ui.ops import Op, error_text
from app.ui.review.actions import KEY_GONE, CertificateActions
from app.ui.review.dialogs import KeyDialog, ReasonDialog
from app.ui.review.dossier import DossierView
from app.ui.review.printing import CertificatePrinting
from app.ui.screen import StationScreen
from app.ui.style import set_status


def _table(columns: list[str], name: str, multi: bool = False) -> QTableWidget:
    t = QTableWidget(0, len(columns))
    t.setObjectName(name)
    t.setHorizontalHeaderLabels(columns)
    t.horizontalHeader().setStretchLastSection(True)
    t.verticalHeader().setVisible(False)
    t.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    t.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
    t.setSelectionMode(
        QTableWidget.SelectionMode.ExtendedSelection if multi else QTableWidget.SelectionMode.SingleSelection
    )
    return t


class ReviewScreen(StationScreen):
    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ui, parent)
        self.current: Dossier | None = None
        self.dialog: ReasonDialog | KeyDialog | None = None
        self.printing = CertificatePrinting(self)
        self.certificate_actions = CertificateActions(self)  # the signing key, issue, print, void
        outer = QHBoxLayout(self)
        split = QSplitter(Qt.Orientation.Horizontal)
        outer.addWidget(split)
        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        title = QLabel(self.tr("Review & certificates"))
        title.setProperty("role", "title")
        lv.addWidget(title)
        self.tabs = QTabWidget()
        self.tabs.setUsesScrollButtons(False)  # every tab stays in view (the pane widens instead)
        self.review_table = _table([self.tr("Tag"), self.tr("Name"), self.tr("Graded by")], "reviewQueue")
        self.certify_table = _table([self.tr("Tag"), self.tr("Name"), self.tr("Graded by")], "certifyQueue")
        self.certs_table = _table([self.tr("Certificate"), self.tr("Tag"), self.tr("Status")], "certificateList", True)
        for table in (self.review_table, self.certify_table, self.certs_table):
            table.cellClicked.connect(lambda row, _c, t=table: self._open_row(t, row))
        self.tabs.addTab(self.review_table, self.tr("To review"))
        self.tabs.addTab(self.certify_table, self.tr("To certify"))
        certs = QWidget()
        cv = QVBoxLayout(certs)
        cv.addWidget(self.certs_table)
        self.batch_button = QPushButton(self.tr("Print selected…"))
        self.batch_button.clicked.connect(lambda: self.certificate_actions.print_selected())
        keys.bind(self.batch_button, "Ctrl+Shift+P", command="review_print_selected")
        cv.addWidget(self.batch_button)
        self.tabs.addTab(certs, self.tr("Certificates"))
        lv.addWidget(self.tabs)
        right = QWidget()
        rv = QVBoxLayout(right)
        rv.setContentsMargins(12, 0, 0, 0)
        self.dossier = DossierView(ui.zh, time_zone=ui.config.time_zone)
        rv.addWidget(self.dossier, 1)
        self.banner = QFrame()
        self.banner.setProperty("role", "banner")
        bl = QHBoxLayout(self.banner)
        self.status = QLabel("")
        self.status.setObjectName("reviewStatus")
        self.status.setWordWrap(True)
        bl.addWidget(self.status)
        rv.addWidget(self.banner)
        self.banner.setVisible(False)
        row = QGridLayout()  # three columns: all actions fit 1366x768 at 125% in English too
        self.buttons: dict[str, QPushButton] = {}
        for n, (key, text, slot, role, shortcut) in enumerate(
            (
                ("approve", self.tr("Approve"), self.approve, "primary", "F9"),
                ("return", self.tr("Return for rework…"), self.return_item, "", "F7"),
                ("issue", self.tr("Issue certificate"), self.certificate_actions.issue, "primary", "F10"),
                ("print", self.tr("Print…"), self.certificate_actions.print_current, "", "Ctrl+P"),
                ("void", self.tr("Void…"), self.certificate_actions.void, "danger", "Ctrl+F12"),
                ("history", self.tr("Whole history…"), self.open_history, "", "Ctrl+H"),
            )
        ):
            b = QPushButton(text)
            b.setObjectName(f"{key}Button")
            b.setProperty("role", role)
            b.clicked.connect(lambda _c=False, fn=slot: fn())
            keys.bind(b, shortcut, command=f"review_{key}")
            row.addWidget(b, n // 3, n % 3)
            self.buttons[key] = b
        row.setColumnStretch(3, 1)
        rv.addLayout(row)
        split.addWidget(left)
        split.addWidget(right)
        split.setSizes([380, 1020])
        # Lists follow the records (any commit, here or by another screen), not a timer.
        self.watcher = ChangeWatcher(ui.signals, self.refresh, self)
        self._update_buttons()

    # ------------------------------------------------------------ lists and opening

    def activated(self) -> None:
        self.refresh()

    def refresh(self, done: Callable[[], None] | None = None) -> None:
        st = self.ui.station

        def load() -> tuple[list[Any], list[Any], list[Any], dict[str, str]]:
            names = {u.username: u.display_name or u.username for u in st.users.list_users()}
            return st.review.queue(), st.review.queue("approved"), st.certificates.listing(limit=300), names

        def shown(lists: tuple[list[Any], list[Any], list[Any], dict[str, str]]) -> None:
            self.names = lists[3]  # people are shown by name, not by their log-in
            self._show_lists(lists[:3])
            if done is not None:
                done()

        def failed(e: BaseException) -> None:
            self.fail(e)
            if done is not None:
                done()

        Op(self, load).success(shown).failure(failed).run()

    def _show_lists(self, lists: tuple[list[Any], list[Any], list[Any]]) -> None:
        review, certify, certs = lists
        for table, rows in ((self.review_table, review), (self.certify_table, certify)):
            names = getattr(self, "names", {})
            self._put(
                table,
                [(r.tag, r.tag, r.name or r.title, names.get(r.graded_by or "", r.graded_by or "")) for r in rows],
            )
        self._put(
            self.certs_table,
            [
                (
                    c.item_tag,
                    c.certificate_no,
                    c.item_tag,
                    self.tr("valid") if c.status == "valid" else self.tr("voided"),
                )
                for c in certs
            ],
        )
        self.tabs.setTabText(0, self.tr("To review (%1)").replace("%1", str(len(review))))
        self.tabs.setTabText(1, self.tr("To certify (%1)").replace("%1", str(len(certify))))

    @staticmethod
    def _put(table: QTableWidget, rows: list[tuple[str, ...]]) -> None:
        table.setRowCount(len(rows))
        for i, (key, *cells) in enumerate(rows):
            for j, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                cell.setData(Qt.ItemDataRole.UserRole, key)
                table.setItem(i, j, cell)
        table.resizeColumnsToContents()

    def _open_row(self, table: QTableWidget, row: int) -> None:
        cell = table.item(row, 0)
        if cell is not None:
            self.open(cell.data(Qt.ItemDataRole.UserRole))

    def handle_scan(self, code: str) -> bool:
        code = code.strip()
        try:
            self.open(validate_tag(code))
            return True
        except TWError:
            pass
        try:
            number = validate_certificate_no(code.upper())
        except TWError:
            return False
        Op(self, self.ui.station.certificates.get, number).success(lambda c: self.open(c.item_tag)).run()
        return True

    def open(self, tag: str) -> None:
        st = self.ui.station

        def load() -> tuple[Dossier, dict[str, bytes]]:
            d = st.review.dossier(tag)
            order = sorted(d.photos, key=lambda v: (v != "front", v))
            return d, {v: st.photos.image(d.photos[v].sha256) for v in order}

        Op(self, load).success(self._show).run()

    def _show(self, loaded: tuple[Dossier, dict[str, bytes]]) -> None:
        self.current = loaded[0]
        self.dossier.show_dossier(*loaded)
        self._update_buttons()

    def reopen(self, message: str) -> None:
        self.say(message, "ok")
        if self.current is not None:
            self.open(self.current.item.tag)
        self.refresh()

    def say(self, text: str, status: str = "") -> None:
        self.status.setText(text)
        self.banner.setVisible(bool(text))
        set_status(self.banner, status)

    def fail(self, error: BaseException) -> None:
        if getattr(error, "code", None) in KEY_GONE:
            self.certificate_actions.forget_key()  # rotated or retired meanwhile
        self.say(error_text(error, self.ui.lang), "error")

    def valid_certificate(self) -> Any:
        return next((c for c in (self.current.certificates if self.current else []) if c.status == "valid"), None)

    def _update_buttons(self) -> None:
        state = self.current.item.state if self.current else None
        graded = bool(self.current and self.current.grading)
        may = self.ui.may
        enabled = {
            "approve": state == "in_review" and graded and may(Action.APPROVE),
            "return": state == "in_review" and graded and may(Action.RETURN_FOR_REWORK),
            "issue": state == "approved" and may(Action.ISSUE_CERTIFICATE),
            "print": self.valid_certificate() is not None and may(Action.PRINT_CERTIFICATE),
            "void": self.valid_certificate() is not None and may(Action.VOID_CERTIFICATE),
            "history": self.current is not None,
        }
        for key, on in enabled.items():  # only what can be done now is shown (a greyed red button still alarms)
            self.buttons[key].setVisible(bool(on))
        self.batch_button.setEnabled(may(Action.PRINT_CERTIFICATE))

    # ------------------------------------------------------------ actions

    def approve(self) -> None:
        if self.current is None or self.current.grading is None:
            return
        tag, rev = self.current.item.tag, self.current.grading.revision
        Op(
            self, self.ui.station.review.approve, self.ui.actor, tag, rev, acknowledged=self.dossier.acknowledged()
        ).success(lambda _v: self.reopen(self.tr("%1 approved").replace("%1", tag))).failure(self.fail).run()

    def return_item(self) -> None:
        if self.current is None or self.current.grading is None:
            return
        tag, rev = self.current.item.tag, self.current.grading.revision
        dialog = ReasonDialog(self.tr("Return for rework"), self.tr("What must the appraiser redo? (required)"), self)
        dialog.setObjectName("returnDialog")

        def returned(_v: object) -> None:
            dialog.accept()
            self.reopen(self.tr("%1 returned to appraisal").replace("%1", tag))

        def submit(reason: str, _reissue: bool) -> None:
            Op(self, self.ui.station.review.return_for_rework, self.ui.actor, tag, rev, reason).success(
                returned
            ).failure(lambda e: dialog.show_error(error_text(e, self.ui.lang))).run()

        dialog.submitted.connect(submit)
        self.open_dialog(dialog)

    def open_history(self) -> None:
        """The item's whole life in its dossier window (app.ui.dossier, one place for it)."""
        if self.current is not None:
            from app.ui.dossier import open_dossier

            open_dossier(self.ui, self.current.item.tag, self.window())

    def open_dialog(self, dialog: ReasonDialog | KeyDialog) -> None:
        self.dialog = dialog
        dialog.open()

    def shutdown(self) -> None:
        self.certificate_actions.forget_key()  # the unlocked key does not outlive the session


Screen = ReviewScreen
