"""The dossier window of one item: its whole life as a timeline, its photos (click for full
size with the SHA-256), its certificates (verify, export the signed original), the appraisal
side by side (the review station's panel, for those who may see it), and exports of the
dossier itself (signed PDF, JSON) to a folder or USB stick. It follows the records: another
operation on the item refreshes it. Everything it reads runs off the GUI thread."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QCloseEvent, QIcon, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.core.clock import format_local
from app.core.dossier import Section
from app.core.roles import Action
from app.ui import keys
from app.ui.context import UiContext
from app.ui.dossier.photo import PhotoDialog
from app.ui.dossier.search import state_text
from app.ui.intake.changes import ChangeWatcher
from app.ui.ops import Op, error_text
from app.ui.style import set_status

THUMB = 150


def choose_save_path(parent: QWidget, title: str, suggested: str, pattern: str) -> str:
    """The file dialog (a folder or a USB stick); tests replace this function."""
    path, _filter = QFileDialog.getSaveFileName(parent, title, suggested, pattern)
    return path


def _write_file(path: str, data: bytes) -> str:
    """Write atomically beside the target (a pulled USB stick leaves no half file)."""
    import os

    target = Path(path)
    tmp = target.with_name(target.name + ".part")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, target)
    except OSError as exc:
        from app.core.errors import ValidationError

        tmp.unlink(missing_ok=True)
        raise ValidationError(f"无法写入 {target}：{exc.strerror}", f"Cannot write {target}: {exc.strerror}") from None
    return str(target)


def _table(columns: list[str], name: str) -> QTableWidget:
    t = QTableWidget(0, len(columns))
    t.setObjectName(name)
    t.setHorizontalHeaderLabels(columns)
    t.horizontalHeader().setStretchLastSection(True)
    t.verticalHeader().setVisible(False)
    t.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    t.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
    t.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
    t.setWordWrap(True)
    return t


class DossierWindow(QWidget):
    def __init__(self, ui: UiContext, tag: str, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.ui, self.tag = ui, tag
        self.dossier: Any = None
        self.thumbs: dict[str, bytes] = {}
        self.key: Any = None  # the unlocked signing key, for this window's exports only
        self.setObjectName("dossierWindow")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(self.tr("Dossier %1").replace("%1", tag))
        layout = QVBoxLayout(self)
        self.heading = QLabel(tag)
        self.heading.setObjectName("dossierWindowHeading")
        self.heading.setProperty("role", "title")
        self.heading.setWordWrap(True)
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.sub = QLabel(self.tr("Loading…"))
        self.sub.setObjectName("dossierWindowSub")
        self.sub.setWordWrap(True)
        self.sub.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.heading)
        layout.addWidget(self.sub)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("dossierTabs")
        self.timeline = _table(
            [self.tr("When"), self.tr("What"), self.tr("Details"), self.tr("Who"), self.tr("Sync")], "dossierTimeline"
        )
        self.timeline.cellDoubleClicked.connect(self._timeline_photo)
        self.tabs.addTab(self.timeline, self.tr("Timeline"))
        self.photos = QListWidget()
        self.photos.setObjectName("dossierPhotos")
        self.photos.setViewMode(QListWidget.ViewMode.IconMode)
        self.photos.setIconSize(QSize(THUMB, THUMB))
        self.photos.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.photos.setMovement(QListWidget.Movement.Static)
        self.photos.setSpacing(6)
        self.photos.itemActivated.connect(lambda it: self.show_photo(it.data(Qt.ItemDataRole.UserRole)))
        self.photos.itemClicked.connect(lambda it: self.show_photo(it.data(Qt.ItemDataRole.UserRole)))
        self.tabs.addTab(self.photos, self.tr("Photos"))
        certs = QWidget()
        cv = QVBoxLayout(certs)
        self.certs = _table(
            [
                self.tr("Certificate"),
                self.tr("Status"),
                self.tr("Platform"),
                self.tr("Stored PDF"),
                self.tr("Replaced by"),
                self.tr("Key"),
            ],
            "dossierCertificates",
        )
        cv.addWidget(self.certs)
        crow = QHBoxLayout()
        self.verify_button = QPushButton(self.tr("Verify signature"))
        self.verify_button.setObjectName("verifyCertificateButton")
        self.verify_button.clicked.connect(self.verify_certificate)
        self.cert_export_button = QPushButton(self.tr("Export signed certificate PDF…"))
        self.cert_export_button.setObjectName("exportCertificateButton")
        self.cert_export_button.clicked.connect(self.export_certificate)
        crow.addWidget(self.verify_button)
        crow.addWidget(self.cert_export_button)
        crow.addStretch(1)
        cv.addLayout(crow)
        self.cert_result = QLabel("")
        self.cert_result.setObjectName("certificateCheck")
        self.cert_result.setWordWrap(True)
        self.cert_result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        cv.addWidget(self.cert_result)
        self.tabs.addTab(certs, self.tr("Certificates"))
        self.summary: Any = None  # the review station's side-by-side panel, built when allowed
        layout.addWidget(self.tabs, 1)
        self.banner = QLabel("")
        self.banner.setObjectName("dossierStatus")
        self.banner.setWordWrap(True)
        self.banner.setProperty("role", "banner")
        self.banner.hide()
        layout.addWidget(self.banner)
        row = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for key, text, slot, shortcut in (
            ("pdf", self.tr("Export PDF…"), self.export_pdf, "Ctrl+E"),
            ("json", self.tr("Export JSON…"), self.export_json, "Ctrl+Shift+E"),
            ("refresh", self.tr("Refresh"), self.load, "F5"),
            ("close", self.tr("Close"), self.close, "Esc"),
        ):
            b = QPushButton(text)
            b.setObjectName(f"dossier_{key}Button")
            b.clicked.connect(lambda _c=False, fn=slot: fn())
            keys.bind(b, shortcut, command=f"dossier_{key}")
            row.addWidget(b)
            self.buttons[key] = b
        row.insertStretch(2, 1)
        layout.addLayout(row)
        may_export = ui.may(Action.EXPORT_DOSSIER)
        for key in ("pdf", "json"):
            self.buttons[key].setVisible(may_export)
        self.cert_export_button.setVisible(may_export)
        QShortcut(QKeySequence("Ctrl+F"), self, self._search)
        self.watcher = ChangeWatcher(ui.signals, lambda done: self.load(done), self)
        self.resize(1180, 700)

    # ------------------------------------------------------------ loading

    def load(self, done: Any = None) -> None:
        st, actor, tag = self.ui.station, self.ui.actor, self.tag

        def read() -> tuple[Any, dict[str, bytes]]:
            d = st.dossiers.dossier(actor, tag)
            return d, st.dossiers.thumbnails(d, THUMB)

        def shown(result: tuple[Any, dict[str, bytes]]) -> None:
            self.show_dossier(*result)
            if done is not None:
                done()

        def failed(error: BaseException) -> None:
            self.say(error_text(error, self.ui.lang), "error")
            self.sub.setText("")
            if done is not None:
                done()

        Op(self, read).success(shown).failure(failed).run()

    def show_dossier(self, d: Any, thumbs: dict[str, bytes]) -> None:
        self.dossier, self.thumbs = d, thumbs
        zh, zone = self.ui.zh, self.ui.config.time_zone
        self.heading.setText(f"{d.tag} · {d.title}")
        parts = [
            state_text(d.state, d.held_from, zh),
            " ".join(x for x in (d.merchant_name, d.merchant_id) if x),
            self.tr("Waybill %1").replace("%1", d.waybill_no),
            d.asn_id or "",
            self.tr("Order %1").replace("%1", d.order_no) if d.order_no else "",
            self.tr("Received %1").replace("%1", format_local(d.received_at, zone)),
        ]
        self.sub.setText(" · ".join(p for p in parts if p))
        self.timeline.setRowCount(len(d.entries))
        for i, e in enumerate(d.entries):
            cells = (format_local(e.at, zone, seconds=True), e.title(zh), e.summary(zh), e.actor, e.sync_text(zh))
            for j, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                cell.setData(Qt.ItemDataRole.UserRole, e.photo_sha256)
                if j == 2 and e.photo_sha256:
                    cell.setToolTip(self.tr("Double-click to see the photo"))
                if j == 4 and e.sync == "rejected":
                    cell.setForeground(Qt.GlobalColor.red)
                self.timeline.setItem(i, j, cell)
        self.timeline.resizeColumnToContents(0)
        self.timeline.resizeColumnToContents(1)
        self.timeline.setColumnWidth(2, max(420, self.timeline.width() - 520))
        self.timeline.resizeColumnToContents(3)
        self.timeline.resizeRowsToContents()
        self.photos.clear()
        for p in d.photos:
            pix = QPixmap()
            if p.sha256 in thumbs:
                pix.loadFromData(thumbs[p.sha256])
            label = f"{p.view} · {p.purpose}" + (self.tr(" (replaced)") if p.superseded else "")
            if p.sha256 not in thumbs:
                label += "\n" + self.tr("file missing or damaged")
            item = QListWidgetItem(QIcon(pix), label)
            item.setData(Qt.ItemDataRole.UserRole, p.sha256)
            item.setToolTip(f"SHA-256 {p.sha256}")
            self.photos.addItem(item)
        self.tabs.setTabVisible(1, Section.PHOTOS in d.sections)
        self.certs.setRowCount(len(d.certificates))
        for i, c in enumerate(d.certificates):
            status = self.tr("valid") if c.status == "valid" else self.tr("voided")
            platform = {None: self.tr("not heard yet"), "valid": self.tr("valid"), "voided": self.tr("voided")}.get(
                c.platform_status, c.platform_status or ""
            )
            stored = self.tr("intact") if c.pdf_intact else self.tr("MISSING OR DAMAGED")
            for j, text in enumerate((c.certificate_no, status, platform, stored, c.replaced_by or "", c.key_id)):
                cell = QTableWidgetItem(text)
                cell.setData(Qt.ItemDataRole.UserRole, c.certificate_no)
                self.certs.setItem(i, j, cell)
        self.certs.resizeColumnsToContents()
        if d.certificates and self.certs.currentRow() < 0:
            self.certs.selectRow(len(d.certificates) - 1)
        self.tabs.setTabVisible(2, Section.CERTIFICATES in d.sections)
        self.verify_button.setEnabled(bool(d.certificates))
        self.cert_export_button.setEnabled(bool(d.certificates))
        self.tabs.setTabText(0, self.tr("Timeline (%1)").replace("%1", str(len(d.entries))))
        self.tabs.setTabText(1, self.tr("Photos (%1)").replace("%1", str(len(d.photos))))
        if Section.GRADING in d.sections:
            self._load_summary()

    def _load_summary(self) -> None:
        """The appraisal side by side (the review station's panel, one place for it)."""
        st, actor, tag = self.ui.station, self.ui.actor, self.tag

        def read() -> tuple[Any, dict[str, bytes]]:
            d = st.dossiers.appraisal(actor, tag, st.review)
            order = sorted(d.photos, key=lambda v: (v != "front", v))
            return d, {v: st.photos.image(d.photos[v].sha256) for v in order}

        def shown(loaded: tuple[Any, dict[str, bytes]]) -> None:
            if self.summary is None:
                from app.ui.review.dossier import DossierView

                self.summary = DossierView(self.ui.zh, time_zone=self.ui.config.time_zone)
                self.summary.setObjectName("dossierSummary")
                self.tabs.addTab(self.summary, self.tr("Appraisal"))
            self.summary.show_dossier(*loaded)

        Op(self, read).success(shown).failure(lambda e: self.say(error_text(e, self.ui.lang), "error")).run()

    # ------------------------------------------------------------ photos

    def _timeline_photo(self, row: int, _col: int) -> None:
        cell = self.timeline.item(row, 0)
        sha = cell.data(Qt.ItemDataRole.UserRole) if cell is not None else None
        if sha:
            self.show_photo(sha)

    def show_photo(self, sha256: str) -> None:
        if self.dossier is None or not sha256:
            return
        ref = next((p for p in self.dossier.photos if p.sha256 == sha256), None)
        if ref is None:
            return  # not a photo this person may see (a dispatch photo for an administrator)
        dialog = PhotoDialog(self.ui, ref, self)
        dialog.open()
        Op(dialog, self.ui.station.dossiers.image, self.ui.actor, self.dossier, sha256, kind="io").success(
            dialog.show_image
        ).failure(lambda e: dialog.show_error(error_text(e, self.ui.lang))).run()

    # ------------------------------------------------------------ certificates

    def _certificate_no(self) -> str | None:
        row = self.certs.currentRow()
        cell = self.certs.item(row if row >= 0 else 0, 0)
        return cell.data(Qt.ItemDataRole.UserRole) if cell is not None else None

    def verify_certificate(self) -> None:
        number = self._certificate_no()
        if number is None:
            return
        self.cert_result.setText(self.tr("Checking %1…").replace("%1", number))
        Op(self, self.ui.station.dossiers.verify_certificate, number, kind="io").success(
            lambda r: self.cert_result.setText(f"{number}: {r.summary(self.ui.config.time_zone)}")
        ).failure(lambda e: self.cert_result.setText(error_text(e, self.ui.lang))).run()

    def export_certificate(self) -> None:
        number = self._certificate_no()
        if number is None:
            return
        path = choose_save_path(self, self.tr("Export the signed certificate"), f"{number}.pdf", "PDF (*.pdf)")
        if path:
            self._export(lambda: self.ui.station.dossiers.certificate_pdf(self.ui.actor, number), path)

    # ------------------------------------------------------------ exports

    def export_json(self) -> None:
        path = choose_save_path(
            self, self.tr("Export the dossier as JSON"), f"{self.tag}-dossier.json", "JSON (*.json)"
        )
        if path:
            self._export(lambda: self.ui.station.dossiers.export_json(self.ui.actor, self.tag), path)

    def export_pdf(self) -> None:
        path = choose_save_path(
            self, self.tr("Export the dossier as a signed PDF"), f"{self.tag}-dossier.pdf", "PDF (*.pdf)"
        )
        if not path:
            return

        def make() -> bytes:
            return self.ui.station.dossiers.export_pdf(self.ui.actor, self.tag, self.key, self.ui.config.time_zone)

        self._with_key(lambda: self._export(make, path))

    def _with_key(self, then: Any) -> None:
        if self.key is not None:
            then()
            return
        from app.ui.review.dialogs import KeyDialog

        certs = self.ui.station.certificates
        if not certs.has_key():
            self.say(self.tr("No signing key yet: a supervisor creates it at the review station first."), "error")
            return
        dialog = KeyDialog(create=False, parent=self)
        dialog.setObjectName("keyDialog")

        def unlocked(issuer: Any) -> None:
            self.key = issuer.key
            dialog.accept()
            then()

        dialog.submitted.connect(
            lambda phrase: (
                Op(self, certs.unlock, self.ui.actor, phrase)
                .success(unlocked)
                .failure(lambda e: dialog.show_error(error_text(e, self.ui.lang)))
                .run()
            )
        )
        dialog.open()

    def _export(self, make: Any, path: str) -> None:
        """Make the bytes on the database worker (the export is audited), write on the I/O pool."""
        self.say(self.tr("Exporting…"))

        def written(where: str) -> None:
            self.say(self.tr("Saved %1").replace("%1", where), "ok")

        def made(data: bytes) -> None:
            Op(self, _write_file, path, data, kind="io").success(written).failure(
                lambda e: self.say(error_text(e, self.ui.lang), "error")
            ).run()

        Op(self, make).success(made).failure(lambda e: self.say(error_text(e, self.ui.lang), "error")).run()

    # ------------------------------------------------------------ misc

    def say(self, text: str, status: str = "") -> None:
        self.banner.setText(text)
        self.banner.setVisible(bool(text))
        set_status(self.banner, status)

    def _search(self) -> None:
        from app.ui.dossier import open_search

        open_search(self.ui, parent=self.parentWidget() or self)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        self.key = None  # the unlocked key does not outlive the window
        super().closeEvent(event)
