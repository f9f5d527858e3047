"""Re-inspection with the station's own devices, as the appraisal and phone stations use them:
weigh on the balance (``WeighPanel``), photograph the views the certificate's fingerprint has
(``PhotosPanel``), and for a phone run the inspection box (``BoxPanel``). This panel composes
the three, shows their messages on one status line, and turns what they captured into
``Found`` and the photos for ``station.fingerprints.compare``. Nothing here waits on a device
on the GUI thread: readings and box messages arrive through Qt signals, stills and sessions
run on the "io" pool."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.core import fingerprint as fpc
from app.ui.cases.reinspect_box import BoxPanel
from app.ui.cases.reinspect_photos import PhotosPanel
from app.ui.cases.reinspect_weigh import WeighPanel
from app.ui.context import UiContext
from app.ui.ops import Op, error_text
from app.ui.style import set_status


class ReinspectPanel(QWidget):
    compare_requested = Signal()
    reproduced = Signal(object)  # bool | None: the claimed defect reproduced by the box
    compare_btn: QPushButton

    def __init__(self, ui: UiContext, view_name: Callable[[str], str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = ui
        self.tag: str | None = None
        self.category = ""

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        layout = QHBoxLayout()
        outer.addLayout(layout)
        self.weigh_panel = WeighPanel(ui)
        layout.addWidget(self.weigh_panel, 1)
        self.photo_panel = PhotosPanel(ui, view_name)
        layout.addWidget(self.photo_panel, 2)
        self.box_panel = BoxPanel(ui)
        self.box_panel.reproduced.connect(self.reproduced.emit)
        self.box_panel.finished.connect(
            lambda: self.compare_btn.setFocus()
        )  # the next step; the scroll area stays here
        outer.addWidget(self.box_panel)  # below: the three devices side by side would not fit 1366 px
        for part in (self.weigh_panel, self.photo_panel):
            part.said.connect(self._say)
        for panel in (self.weigh_panel, self.photo_panel, self.box_panel):
            panel.changed.connect(self._refresh)

        self.status = QLabel("")
        self.status.setObjectName("reStatus")
        self.status.setWordWrap(True)
        self.compare_btn = QPushButton(self.tr("Compare with the certificate"))
        self.compare_btn.setObjectName("btn_re_compare")
        self.compare_btn.setProperty("role", "primary")
        self.compare_btn.clicked.connect(self.compare_requested.emit)
        side = QHBoxLayout()
        side.addWidget(self.compare_btn)
        side.addWidget(self.status, 1)
        outer.addLayout(side)
        self.set_case(None)

    # ---------------------------------------------------------------- the case

    def set_case(self, view: Any) -> None:
        tag = view.item_tag if view is not None else None
        changed = tag != self.tag
        self.weigh_panel.set_piece(tag)
        self.photo_panel.set_piece(tag)
        self.box_panel.set_piece(
            tag, view.kind if view is not None else "", dict(view.claimed or {}) if view is not None else {}
        )
        if changed:
            self._say("", "ok")
            if tag:
                Op(self, self.ui.station.fingerprints.certified, tag).success(
                    lambda fp: self._certified(tag, fp)
                ).failure(self._failed).run()
        self.tag = tag
        self.category = view.category if view is not None else ""
        self.box_panel.setVisible(self.category == "phone")
        self._refresh()

    def _certified(self, tag: str | None, fp: Any) -> None:
        if tag != self.tag:
            return
        if fp is None:
            self._say(self.tr("No certified fingerprint for this piece: nothing to compare with"), "warn")
            self.photo_panel.set_views(())
        else:
            self.photo_panel.set_views(tuple(p.view for p in fp.photos))
        self._refresh()

    def _refresh(self) -> None:
        for part in (self.weigh_panel, self.photo_panel, self.box_panel):
            part.refresh()
        captured = (
            self.weigh_panel.mass is not None or bool(self.photo_panel.photos) or self.box_panel.report is not None
        )
        self.compare_btn.setEnabled(bool(self.tag) and captured)

    # ---------------------------------------------------------------- devices on and off

    def start(self) -> None:
        self.weigh_panel.start()
        self.photo_panel.start()
        self._refresh()

    def stop(self) -> None:
        self.photo_panel.stop()
        self.weigh_panel.stop()
        self.box_panel.cancel()

    # ---------------------------------------------------------------- what was found

    def found(self) -> fpc.Found:
        mass = self.weigh_panel.mass
        mass_g, mass_u = mass if mass is not None else (None, None)
        report = self.box_panel.report
        phone = fpc.PhoneFacts.from_report(report) if report is not None else None
        return fpc.Found(mass_g=mass_g, mass_u_g=mass_u, phone=phone)

    def photos(self) -> dict[str, bytes]:
        """The views photographed for this piece (a copy)."""
        return dict(self.photo_panel.photos)

    def reports(self) -> list[bytes]:
        return self.box_panel.reports()

    def _failed(self, error: BaseException) -> None:
        self._say(error_text(error, self.ui.lang), "error")

    def _say(self, text: str, status: str) -> None:
        self.status.setText(text)
        set_status(self.status, status)
