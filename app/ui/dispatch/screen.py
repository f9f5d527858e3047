"""Dispatch: scan the piece's tag, then the outbound waybill; the station photographs the
piece, compares it with its certificate photo and records the dispatch. A piece that
may not leave says why; a photo that does not match waits for a supervisor."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.core.errors import TWError
from app.core.tags import looks_like_tag
from app.services.dispatch import DispatchCheck, DispatchOutcome, outbound_waybill
from app.ui import keys
from app.ui.context import UiContext
from app.ui.intake import hardware
from app.ui.intake.changes import ChangeWatcher
from app.ui.intake.dialogs import ReasonDialog
from app.ui.intake.feedback import Banner
from app.ui.intake.widgets import state_text
from app.ui.ops import Op, error_text
from app.ui.review.printing import CertificatePrinting, rasterise
from app.ui.screen import StationScreen


class DispatchScreen(StationScreen):
    scan_did_finish = Signal(str, str)  # code, status

    def __init__(self, ui: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ui, parent)
        self.check: DispatchCheck | None = None
        self.blocked: tuple[str, bytes] | None = None  # waybill and photo awaiting a supervisor
        self.busy = False
        self.printing = CertificatePrinting(self)  # the return slip: shown, then printed
        self.last_slip: bytes | None = None
        outer = QHBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        split = QSplitter()
        split.setChildrenCollapsible(False)
        outer.addWidget(split)
        left = QWidget()
        lay = QVBoxLayout(left)
        lay.setContentsMargins(0, 0, 6, 0)
        title = QLabel(self.tr("Dispatch"))
        title.setProperty("role", "title")
        lay.addWidget(title)
        self.banner = Banner()
        self.banner.show_message("info", self.tr("Scan the tag of the piece that leaves"), sound=False)
        lay.addWidget(self.banner)
        self.item_label = QLabel()
        self.item_label.setObjectName("dispatchItem")
        self.item_label.setProperty("role", "big")
        self.item_label.setWordWrap(True)
        self.facts = QLabel()
        self.facts.setObjectName("dispatchFacts")
        self.facts.setStyleSheet("font-size: 17px;")
        self.facts.setWordWrap(True)
        lay.addWidget(self.item_label)
        lay.addWidget(self.facts)
        grid = QGridLayout()
        self.photos: dict[str, QLabel] = {}
        self.captions: dict[str, QLabel] = {}
        for col, (key, text) in enumerate(
            (("reference", self.tr("Certificate photo")), ("now", self.tr("Photo at dispatch")))
        ):
            caption = QLabel(text)
            caption.setObjectName(f"caption_{key}")
            grid.addWidget(caption, 0, col)
            self.captions[key] = caption
            pic = QLabel()
            pic.setObjectName(f"photo_{key}")
            pic.setMinimumSize(240, 180)  # grows with the window; small enough for 1366x768 at 125%
            pic.setAlignment(Qt.AlignmentFlag.AlignCenter)
            pic.setStyleSheet("background: white; border: 1px solid #d1d5db;")
            grid.addWidget(pic, 1, col)
            self.photos[key] = pic
        grid.setRowStretch(1, 1)  # the photos take the height, not their captions
        lay.addLayout(grid, 1)
        # Typing instead of scanning (a torn label): the same path as a scan.
        entry = QHBoxLayout()
        self.code_edit = QLineEdit()
        self.code_edit.setObjectName("dispatchCode")
        self.code_edit.setPlaceholderText(self.tr("Tag, then outbound waybill (or scan)"))
        self.code_edit.returnPressed.connect(self.submit_typed)
        entry.addWidget(self.code_edit, 1)
        self.dispatch_btn = QPushButton(self.tr("Dispatch"))
        self.dispatch_btn.setObjectName("btn_dispatch")
        self.dispatch_btn.setProperty("role", "primary")
        self.dispatch_btn.clicked.connect(lambda: self.submit_typed())
        keys.bind(self.dispatch_btn, "F8", command="dispatch")
        entry.addWidget(self.dispatch_btn)
        lay.addLayout(entry)
        row = QHBoxLayout()
        self.override_btn = QPushButton(self.tr("Supervisor release…"))
        self.override_btn.setObjectName("btn_override")
        self.override_btn.setProperty("role", "danger")
        self.override_btn.clicked.connect(lambda: self.supervisor_release())
        self.override_btn.setEnabled(False)
        keys.bind(self.override_btn, "F10", command="dispatch_release")
        self.slip_btn = QPushButton(self.tr("Show return slip"))
        self.slip_btn.setObjectName("btn_slip")
        self.slip_btn.clicked.connect(lambda: self.show_slip())
        self.slip_btn.setEnabled(False)
        keys.bind(self.slip_btn, "Ctrl+P", command="dispatch_slip")
        clear = QPushButton(self.tr("Start over"))
        clear.setObjectName("btn_reset")
        clear.clicked.connect(lambda: self.reset())
        keys.bind(clear, "F9", command="dispatch_reset")
        row.addStretch(1)
        row.addWidget(clear)
        row.addWidget(self.slip_btn)
        row.addWidget(self.override_btn)
        lay.addLayout(row)
        split.addWidget(left)
        side_w = QWidget()
        side = QVBoxLayout(side_w)
        side.setContentsMargins(6, 0, 0, 0)
        ready = QLabel(self.tr("Ready to leave"))
        ready.setProperty("role", "title")
        side.addWidget(ready)
        self.ready_list = QListWidget()
        self.ready_list.setObjectName("readyList")
        self.ready_list.setMinimumWidth(170)
        self.ready_list.setWordWrap(True)
        self.ready_list.itemActivated.connect(lambda it: self.handle_scan(it.data(Qt.ItemDataRole.UserRole)))
        side.addWidget(self.ready_list, 1)
        split.addWidget(side_w)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        split.setSizes([840, 280])
        self.watcher = ChangeWatcher(ui.signals, self.refresh, self)

    def activated(self) -> None:
        self.refresh()

    def refresh(self, done: Callable[[], None] | None = None) -> None:
        """Pieces that may leave now: certified (to buyers) and rejected (back to merchants)."""
        items = self.ui.station.items

        def shown(views: list[Any]) -> None:
            self.ready_list.clear()
            for v in views:
                where = self.tr("to the buyer") if v.state == "certified" else self.tr("back to the merchant")
                it = QListWidgetItem(f"{v.tag}\n{v.title} · {state_text(v.state, self.ui.lang)} · {where}")
                it.setData(Qt.ItemDataRole.UserRole, v.tag)
                self.ready_list.addItem(it)
            if done is not None:
                done()

        Op(self, items.by_state, "certified", "rejected", limit=300).success(shown).failure(
            lambda e: done() if done else None
        ).run()

    def submit_typed(self) -> None:
        code = self.code_edit.text().strip()
        if code:
            self.code_edit.clear()
            self.handle_scan(code)

    def reset(self) -> None:
        self.check, self.blocked = None, None
        self.item_label.setText("")
        self.facts.setText("")
        for pic in self.photos.values():
            pic.clear()
        self.override_btn.setEnabled(False)
        self.banner.show_message("info", self.tr("Scan the tag of the piece that leaves"), sound=False)

    def _finish(self, code: str, status: str, text: str, detail: str = "") -> None:
        self.busy = False
        self.banner.show_message(status, text, detail)
        self.scan_did_finish.emit(code, status)

    # --- scanning -----------------------------------------------------------------
    def handle_scan(self, code: str) -> bool:
        if self.busy:
            self.banner.show_message("warn", self.tr("Still working on the last scan; scan again in a moment"))
            return True
        self.busy = True
        if looks_like_tag(code.strip().upper()):
            Op(self, self.ui.station.dispatch.check, code).success(lambda c: self._checked(code, c)).failure(
                lambda e: self._finish(code, "error", error_text(e))
            ).run()
        elif self.check is None:
            self._finish(code, "warn", self.tr("Scan the piece's tag first"))
        elif self.check.problem is not None:
            self._finish(code, "error", error_text(self.check.problem))
        else:
            try:  # the same rule as an inbound waybill, before a photo is taken
                waybill = outbound_waybill(code)
            except TWError as e:
                self._finish(code, "error", error_text(e, self.ui.lang))
                return True
            self._photograph(waybill)
        return True

    def _checked(self, code: str, check: DispatchCheck) -> None:
        self.check, self.blocked = check, None
        self.override_btn.setEnabled(False)
        it = check.item
        self.item_label.setText(f"{it.tag}  {it.title}")
        dest = {"buyer": self.tr("to the buyer"), "merchant_return": self.tr("back to the merchant")}
        facts = [it.merchant_name or "—", it.order_no or "—", state_text(it.state, self.ui.lang)]
        if check.certificate_no:
            facts.append(self.tr("certificate %1").replace("%1", check.certificate_no))
        if check.destination:
            facts.append(dest[check.destination])
        self.facts.setText("  ·  ".join(facts))
        self.photos["now"].clear()
        self._show_photo("reference", check.reference_photo)
        # A rejected piece has no certificate: its appraisal photo is shown for reference only.
        self.captions["reference"].setText(
            self.tr("Appraisal photo (no certificate)")
            if check.destination == "merchant_return"
            else self.tr("Certificate photo")
        )
        if check.problem is not None:
            return self._finish(code, "error", self.tr("This piece may not leave"), error_text(check.problem))
        self._finish(
            code, "ok", self.tr("Now scan the outbound waybill (%1)").replace("%1", dest[check.destination or "buyer"])
        )

    def _show_photo(self, key: str, sha: str | None, data: bytes | None = None) -> None:
        pic = self.photos[key]
        pic.clear()
        if data is not None:
            self._set_pixmap(pic, data)
        elif sha:
            Op(self, self.ui.station.photos.image, sha, kind="io").success(lambda b: self._set_pixmap(pic, b)).failure(
                lambda e: pic.setText(error_text(e))
            ).run()

    @staticmethod
    def _set_pixmap(pic: QLabel, data: bytes) -> None:
        pm = QPixmap()
        pm.loadFromData(data)
        pic.setPixmap(
            pm.scaled(
                pic.width(),
                pic.height(),
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        )

    def _photograph(self, waybill: str) -> None:
        Op(self, hardware.take_still, self.ui, kind="io").success(lambda jpeg: self._dispatch(waybill, jpeg)).failure(
            lambda e: self._finish(waybill, "error", error_text(e))
        ).run()

    def _dispatch(self, waybill: str, photo: bytes, override: str | None = None, who=None) -> None:
        assert self.check is not None
        self._show_photo("now", None, photo)
        tag, svc = self.check.item.tag, self.ui.station.dispatch
        actor_fn = who or (lambda: self.ui.actor)
        Op(self, lambda: svc.dispatch(actor_fn(), tag, waybill=waybill, photo=photo, override_reason=override)).success(
            lambda out: self._done(waybill, photo, out)
        ).failure(lambda e: self._finish(waybill, "error", error_text(e))).run()

    def _done(self, waybill: str, photo: bytes, out: DispatchOutcome) -> None:
        score = f"{out.match.score:.2f}" if out.match else "—"
        if out.status == "blocked":
            self.blocked = (waybill, photo)
            self.override_btn.setEnabled(True)
            return self._finish(
                waybill,
                "error",
                self.tr("STOP: the photo does not match the certified piece"),
                self.tr("Match %1. Keep the piece here until a supervisor looks.").replace("%1", score),
            )
        self.check, self.blocked = None, None
        self.override_btn.setEnabled(False)
        if out.slip_sha256:
            self._show_slip(out.slip_sha256)
            return self._finish(
                waybill,
                "ok",
                self.tr("Returned to merchant: %1").replace("%1", out.item.tag),
                self.tr("Print the return slip and put it in the parcel. Waybill %1").replace("%1", waybill),
            )
        # The piece's line shows what it is now (dispatched), not what it was when scanned.
        facts = self.facts.text().split("  ·  ")
        if len(facts) >= 3:
            facts[2] = state_text(out.item.state, self.ui.lang)
            self.facts.setText("  ·  ".join(facts))
        self._finish(
            waybill,
            "ok",
            self.tr("Dispatched to buyer: %1").replace("%1", out.item.tag),
            self.tr("Waybill %1 · photo match %2").replace("%1", waybill).replace("%2", score),
        )

    def _show_slip(self, sha: str) -> None:
        """The slip is shown with a Print button; it is not written anywhere silently."""
        svc = self.ui.station.dispatch

        def load() -> tuple[bytes, list[Any]]:
            pdf = svc.slip_pdf(sha)
            return pdf, rasterise(pdf)

        def shown(result: tuple[bytes, list[Any]]) -> None:
            self.last_slip, pages = result[0], result[1]
            self.slip_pages = pages
            self.slip_btn.setEnabled(True)
            self.show_slip()

        Op(self, load, kind="io").success(shown).failure(
            lambda e: self.banner.show_message("error", self.tr("The return slip cannot be shown"), error_text(e))
        ).run()

    def show_slip(self) -> None:
        pages = getattr(self, "slip_pages", None)
        if not pages:
            return
        preview = self.printing.show_preview(pages, self.tr("Return slip"))
        preview.printed.connect(
            lambda: self.banner.show_message("ok", self.tr("Return slip printed"), self.tr("Put it in the parcel."))
        )

    def supervisor_release(self) -> None:
        if self.blocked is None or self.check is None:
            return
        waybill, photo = self.blocked
        dlg = ReasonDialog(
            self.ui,
            self.tr("Supervisor release"),
            self.tr("Compare both photos. Release only if this is the certified piece."),
            supervisor=True,
            parent=self,
        )
        dlg.finish_layout()
        dlg.accepted.connect(lambda: self._dispatch(waybill, photo, dlg.reason.text(), dlg.actor_fn()))
        dlg.open()


Screen = DispatchScreen
