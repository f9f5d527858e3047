"""Open an item's dossier from any row that names it.

Placeholder until the dossier station lands (NAME=dossier owns this package): shows the
review station's dossier of the item in a window of its own, loaded off the GUI thread."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QDialog, QVBoxLayout, QWidget


def open_dossier(ui: Any, item_tag: str, parent: QWidget | None = None) -> QDialog:
    from app.ui.ops import Op
    from app.ui.review.dossier import DossierView

    st = ui.station
    dialog = QDialog(parent)
    dialog.setObjectName("dossierDialog")
    dialog.setWindowTitle(item_tag)
    view = DossierView(ui.zh, time_zone=ui.config.time_zone)
    QVBoxLayout(dialog).addWidget(view)

    def load():  # type: ignore[no-untyped-def]
        d = st.review.dossier(item_tag)
        return d, {v: st.photos.image(d.photos[v].sha256) for v in sorted(d.photos)}

    Op(dialog, load).success(lambda loaded: view.show_dossier(*loaded)).run()
    dialog.resize(900, 640)
    dialog.open()
    return dialog
