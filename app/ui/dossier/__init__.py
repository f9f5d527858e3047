"""Search and the item dossier, from every station.

    open_dossier(ui, "TW2611210000017")       # the item's window (raised if already open)
    open_search(ui, parent=window)             # Ctrl+F anywhere in the main window
    search_scan(ui, code, window)              # a scan no station claimed

Every query runs off the GUI thread (``app.ui.ops.Op``); windows and dialogs only show.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from app.ui.context import UiContext

_open: dict[str, QWidget] = {}  # tag -> its dossier window (one per tag)


def open_dossier(ui: UiContext, item_tag: str, parent: QWidget | None = None) -> None:
    """Open the dossier window of ``item_tag`` (or raise it if already open); it loads in the
    background and shows a reason, not a traceback, when the tag is wrong or unknown."""
    import shiboken6

    from app.ui.dossier.window import DossierWindow

    key = item_tag.strip().upper()
    window = _open.get(key)
    if window is not None and shiboken6.isValid(window):
        window.showNormal()
        window.raise_()
        window.activateWindow()
        return
    window = DossierWindow(ui, key, parent)
    _open[key] = window
    window.destroyed.connect(lambda _o=None, k=key: _open.pop(k, None))
    window.show()
    window.load()


def open_windows() -> dict[str, QWidget]:
    """For tests and the shell: the dossier windows open now, by tag."""
    import shiboken6

    return {k: w for k, w in _open.items() if shiboken6.isValid(w)}


def open_search(ui: UiContext, text: str = "", parent: QWidget | None = None) -> QWidget:
    from app.ui.dossier.search import SearchDialog

    dialog = SearchDialog.instance(ui, parent)
    dialog.start(text)
    return dialog


def search_scan(ui: UiContext, code: str, parent: QWidget | None = None) -> None:
    """A scan no station used: one item opens its dossier, several are listed, none is said."""
    from app.ui.dossier.search import SearchDialog

    SearchDialog.instance(ui, parent).scan(code)


def install_search(window: QWidget, ui: UiContext) -> QWidget:
    """The Search button (Ctrl+F) in the corner of a main window's menu bar."""
    from app.ui.dossier.search import search_button

    return search_button(window, ui)
