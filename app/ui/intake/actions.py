"""The intake screen's exceptions, each behind a button: reprint, damaged parcel with
photos, void a receipt, close (asking about missing lines), supervisor resolutions,
notice import. Held by IntakeScreen as ``parcel_actions``; every call goes through an
operation."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog, QMessageBox

from app.core import parcels
from app.core.errors import DomainError
from app.core.parcels import ParcelState
from app.ui.intake import hardware
from app.ui.intake.dialogs import ReasonDialog, ResolveDialog
from app.ui.ops import Op, error_text

if TYPE_CHECKING:
    from app.ui.intake.screen import IntakeScreen


class IntakeActions(QObject):
    """The exceptions on the screen's open parcel: reads the screen's parcel, last piece and
    selected line, and answers through its banner, its parcel view and its prompts."""

    def __init__(self, screen: IntakeScreen) -> None:
        super().__init__(screen)
        self.screen = screen

    def _fail(self, e: BaseException) -> None:
        self.screen.banner.show_message("error", error_text(e))

    def _ok(self, text: str, detail: str = "") -> None:
        self.screen.banner.show_message("ok", text, detail)

    def reprint_label(self) -> None:
        item = self.screen.last_item
        if item is None:
            return
        ui, intake = self.screen.ui, self.screen.ui.station.intake

        def work() -> str:
            where = hardware.print_tag_label(ui, item.tag, item.title)
            return where

        Op(self, work, kind="io").success(
            lambda _w: (
                Op(self, intake.mark_label_printed, ui.actor, item.tag)
                .success(lambda _r: self._ok(self.tr("Label reprinted: %1").replace("%1", item.tag)))
                .failure(self._fail)
                .run()
            )
        ).failure(self._fail).run()

    def mark_damaged(self) -> None:
        ship = self.screen.shipment
        if ship is None:
            return
        ui = self.screen.ui

        def marked(view: Any) -> None:
            self.screen.show_parcel(view)
            Op(self, hardware.take_still, ui, kind="io").success(photographed).failure(
                lambda e: self.screen.banner.show_message(
                    "warn", self.tr("Damage recorded; no photo taken"), error_text(e)
                )
            ).run()

        def photographed(jpeg: bytes) -> None:
            Op(
                self, ui.station.photos.attach, ui.actor, jpeg, "package", shipment_id=ship.id, purpose="intake"
            ).success(
                lambda _p: self._ok(self.tr("Damage recorded with a photo"), self.tr("Press again for another photo."))
            ).failure(self._fail).run()

        Op(self, ui.station.intake.mark_damaged, ui.actor, ship.id).success(marked).failure(self._fail).run()

    def void_selected(self) -> None:
        tag = self.screen.panel.selected_tag() or (self.screen.last_item.tag if self.screen.last_item else None)
        if tag is None:
            self.screen.banner.show_message("warn", self.tr("Pick a received line first"))
            return
        dlg = ReasonDialog(
            self.screen.ui,
            self.tr("Void receipt"),
            self.tr("Void the receipt of %1? The record stays; the line becomes expected again.").replace("%1", tag),
            parent=self.screen,
        )
        dlg.finish_layout()

        def go() -> None:
            ui, ship = self.screen.ui, self.screen.shipment

            def work() -> Any:
                ui.station.intake.void_receipt(ui.actor, tag, dlg.reason.text())
                # a receipt voided from the last item may have no open parcel on screen
                return ui.station.intake.parcel(ship.id) if ship is not None else None

            def voided(v: Any) -> None:
                self.screen.show_parcel(v)
                self._ok(self.tr("Receipt of %1 voided").replace("%1", tag))

            Op(self, work).success(voided).failure(self._fail).run()

        dlg.accepted.connect(go)
        self.screen.add_prompt(dlg)
        dlg.open()

    def close_parcel(self, accept_missing: bool = False) -> None:
        ship, ui = self.screen.shipment, self.screen.ui
        if ship is None:
            return

        def closed(view: Any) -> None:
            self.screen.show_parcel(None)
            self.screen.refresh_board()
            missing = view.expected_count - view.received_count
            self._ok(
                self.tr("Parcel %1 closed").replace("%1", view.waybill_no),
                self.tr("%1 missing line(s) recorded").replace("%1", str(missing)) if missing else "",
            )

        def failed(e: BaseException) -> None:
            if isinstance(e, DomainError) and e.code == "missing_lines":
                box = QMessageBox(
                    QMessageBox.Icon.Question,
                    self.tr("Close with missing lines?"),
                    error_text(e),
                    QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                    self.screen,
                )
                box.setObjectName("confirmMissing")
                box.finished.connect(lambda r: self.close_parcel(True) if r == QMessageBox.StandardButton.Yes else None)
                self.screen.add_prompt(box)
                box.open()
                return
            self._fail(e)

        Op(self, ui.station.intake.close_parcel, ui.actor, ship.id, accept_missing=accept_missing).success(
            closed
        ).failure(failed).run()

    def set_aside(self) -> None:
        self.screen.show_parcel(None)
        self.screen.banner.show_message("info", self.tr("Parcel set aside; scan the next waybill"), sound=False)

    def resolve_parcel(self) -> None:
        ship, ui = self.screen.shipment, self.screen.ui
        if ship is None:
            return

        def ask(board: list[Any]) -> None:
            notices = [v for v in board if v.status in parcels.NOTICE_ONLY and v.asn_id]
            dlg = ResolveDialog(ui, ship.waybill_no, notices, self.screen)

            def go() -> None:
                who, choice, reason = dlg.actor_fn(), dlg.choice(), dlg.reason.text()

                def resolved(v: Any) -> None:
                    self.screen.show_parcel(v if v.status == ParcelState.RECEIVING else None)
                    self.screen.refresh_board()
                    self._ok(self.tr("Unannounced parcel resolved"))

                Op(
                    self, lambda: ui.station.intake.resolve_unannounced(who(), ship.id, reason=reason, **choice)
                ).success(resolved).failure(self._fail).run()

            dlg.accepted.connect(go)
            self.screen.add_prompt(dlg)
            dlg.open()

        Op(self, ui.station.intake.board).success(ask).failure(self._fail).run()

    def accept_revision(self) -> None:
        ship, ui = self.screen.shipment, self.screen.ui
        if ship is None:
            return
        dlg = ReasonDialog(
            ui,
            self.tr("Accept notice change"),
            self.tr("The merchant changed the notice after receipt began. Received pieces stay as received."),
            supervisor=True,
            parent=self.screen,
        )
        dlg.finish_layout()

        def go() -> None:
            who, reason = dlg.actor_fn(), dlg.reason.text()

            def accepted(v: Any) -> None:
                self.screen.show_parcel(v)
                self._ok(self.tr("Notice change accepted"))

            Op(self, lambda: ui.station.intake.accept_revision(who(), ship.id, reason)).success(accepted).failure(
                self._fail
            ).run()

        dlg.accepted.connect(go)
        self.screen.add_prompt(dlg)
        dlg.open()

    def import_notices(self, path: str | None = None) -> None:
        ui = self.screen.ui
        if not path:
            path, _ = QFileDialog.getOpenFileName(
                self.screen, self.tr("Import shipping notices"), "", self.tr("Notices (*.json)")
            )
        if not path:
            return

        def done(outcomes: list[Any]) -> None:
            counts: dict[str, int] = {}
            for o in outcomes:
                counts[o.outcome] = counts.get(o.outcome, 0) + 1
            self.screen.refresh_board()
            self._ok(
                self.tr("Imported %1 notice(s)").replace("%1", str(len(outcomes))),
                self.tr("new %1 · updated %2 · cancelled %3 · kept as received %4 · other warehouse %5")
                .replace("%1", str(counts.get("created", 0)))
                .replace("%2", str(counts.get("updated", 0)))
                .replace("%3", str(counts.get("cancelled", 0)))
                .replace("%4", str(counts.get("kept_received", 0)))
                .replace("%5", str(counts.get("ignored_other_warehouse", 0))),
            )

        Op(self, ui.station.notices.import_file, ui.actor, path).success(done).failure(self._fail).run()
