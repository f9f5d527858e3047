"""Start the GUI: settings, fonts and language, database, first administrator, log-in,
main window; the runtime (devices, embedded platform, sync) starts in the background."""

from __future__ import annotations

import argparse
import logging
import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from app import resources
from app.config import Config, config_from_args
from app.logging_setup import log_path
from app.ui import i18n, ops, style
from app.ui.context import AppSignals, UiContext
from app.ui.login import FirstAdminDialog, LoginDialog
from app.ui.setup.crash import install_crash_reporter
from app.ui.setup.password import password_settled

if TYPE_CHECKING:  # the database and the runtime load after the log-in window is up
    from app.runtime.station import Runtime
    from app.services.station import Station
    from app.ui.shell import MainWindow

log = logging.getLogger("tw.ui")


def make_app(config: Config, *, icon: bool = True) -> QApplication:
    """The application object, styled and translated; ``icon=False`` leaves the window icon to
    ``set_icon`` (the start sets it once the log-in window is on screen: QIcon costs ~5 ms)."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName("Treasure Warehouse")
    app.setOrganizationName("TreasureWarehouse")
    style.apply(app)
    if icon:
        set_icon(app)
    from app.ui import gc as gui_gc

    gui_gc.install(app)  # collect cycles on the GUI thread only (see app/ui/gc.py)
    ops.LANG["value"] = config.language
    app._tw_translators = i18n.install_translators(app, config.language)  # type: ignore[attr-defined]  # kept on the application object for its lifetime; Qt has no slot for it
    return app


def set_icon(app: QApplication) -> None:
    from PySide6.QtGui import QIcon

    app.setWindowIcon(QIcon(str(resources.icon("png"))))


def install_scanner(app: QApplication, config: Config, signals: AppSignals) -> QObject | None:
    """Scans work whichever widget has focus: an application-wide key filter. A burst that
    breaks off is shown and sounded; the sounds follow the volume setting."""
    from app.devices.qt import ScanEventFilter
    from app.devices.wedge import SUFFIXES
    from app.ui import sound

    sound.install(config.sound_volume)
    suffix = SUFFIXES.get(str(config.scanner_suffix).strip().lower())
    if suffix is None:
        log.error("scanner_suffix %r is not one of %s; using enter", config.scanner_suffix, ", ".join(SUFFIXES))
        suffix = SUFFIXES["enter"]
    filt = ScanEventFilter(
        app,
        burst_gap_ms=config.scanner_burst_gap_ms,
        min_length=config.scanner_min_length,
        suffix=suffix,
        prefix=config.scanner_prefix,
    )
    filt.scanned.connect(signals.scan_did_arrive)
    filt.garbled.connect(sound.garbled_scan)
    app.installEventFilter(filt)
    return filt


def _dispose(*widgets: QWidget) -> None:
    """Destroy a closed session's windows now, not at some later garbage collection,
    so nothing of the previous person's session outlives the log-out."""
    from PySide6.QtCore import QEvent  # its Type enum is large: not on the way to the log-in window

    for w in widgets:
        w.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def run_gui(args: argparse.Namespace) -> int:
    config = config_from_args(args)  # also configures logging (app/logging_setup.py)
    app = make_app(config, icon=False)  # the icon once the log-in window is up (_Opening.start)
    crash_reporter = install_crash_reporter(app, log_path(config.data_dir), config.language)
    try:
        return _run_gui(app, config, args)
    finally:
        crash_reporter.uninstall()


def needs_setup(config: Config) -> bool:
    """An empty data folder outside demo mode: no settings file and no local records yet."""
    if config.demo or (config.path is not None and config.path.exists()) or config.database_url:
        return False
    db = config.data_dir / "workstation.sqlite3"
    return not db.exists() or db.stat().st_size == 0


def first_start_setup(app: QApplication, args: argparse.Namespace, config: Config) -> Config | None:
    """The setup assistant, then the settings it saved (None: the person cancelled)."""
    from app.ui.setup.assistant import SetupAssistant

    assistant = SetupAssistant(config.data_dir, config.language)
    if assistant.exec() != QDialog.DialogCode.Accepted:
        return None
    fresh = config_from_args(args)
    if fresh.language != config.language:
        for tr in getattr(app, "_tw_translators", []):
            app.removeTranslator(tr)
        ops.LANG["value"] = fresh.language
        app._tw_translators = i18n.install_translators(app, fresh.language)  # type: ignore[attr-defined]  # kept on the application object for its lifetime; Qt has no slot for it
    return fresh


def relaunch_window(app: QApplication, config: Config, ui: UiContext) -> MainWindow:
    """The Admin station changed the language or the devices: the same person, a new window."""
    from dataclasses import replace

    from app.ui.shell import MainWindow

    for tr in getattr(app, "_tw_translators", []):
        app.removeTranslator(tr)
    ops.LANG["value"] = config.language
    app._tw_translators = i18n.install_translators(app, config.language)  # type: ignore[attr-defined]  # kept on the application object for its lifetime; Qt has no slot for it
    runtime = ui.runtime
    window = MainWindow(replace(ui, lang=config.language, devices=getattr(runtime, "devices", None)))
    window.show_for_screen()
    return window


class _Opening:
    """The database, the demo accounts, the first administrator, then the runtime (devices,
    sync) and the scanner — all after the log-in window is on screen. The slow parts (SQLAlchemy
    and the services loading, the schema check, demo data) run on a worker while the person
    types; a failure closes the window and is shown by ``_run_gui``."""

    def __init__(
        self, app: QApplication, config: Config, args: argparse.Namespace, signals: AppSignals, login: LoginDialog
    ) -> None:
        self.app, self.config, self.args, self.signals, self.login = app, config, args, signals, login
        self.station: Station | None = None
        self.runtime: Runtime | None = None
        self.scanner_filter: QObject | None = None
        self.error: BaseException | None = None
        self.cancelled = False
        self._waits = 0

    def start(self) -> None:
        """Called from the event loop's first turn; goes ahead once the log-in window is exposed
        (painted), or after about a second whatever the window does: a worker importing and
        opening the database competes with the GUI thread for the interpreter, so it does not
        start while the window is still being put on screen."""
        if self.cancelled:
            return
        handle = self.login.windowHandle()
        if handle is not None and not handle.isExposed() and self.login.isVisible() and self._waits < 100:
            self._waits += 1
            QTimer.singleShot(10, self.start)
            return
        set_icon(self.app)
        ops.Op(self.login, self._open, self.config, bool(getattr(self.args, "demo", False))).success(
            self._opened
        ).failure(self._failed).run()

    @staticmethod
    def _open(config: Config, demo: bool) -> Station:
        from app.runtime.station import open_station

        return open_station(config, demo)

    def _failed(self, exc: BaseException) -> None:
        log.error("cannot open the database", exc_info=exc)
        self.error = exc
        self.login.reject()

    def _opened(self, station: Station) -> None:
        self.station = station
        if self.cancelled:  # the person closed the log-in window meanwhile
            return
        signals = self.signals
        station.ctx.on_committed.append(lambda types: signals.records_did_change.emit(types))
        station.ctx.before_write.append(ops.refuse_write_off_db_worker)  # operations, naming their action
        station.db.before_write.append(ops.refuse_write_off_db_worker)  # and every other write transaction
        if not station.users.has_users():
            self.login.hide()
            first = FirstAdminDialog(station)
            if first.exec() != QDialog.DialogCode.Accepted:
                self.cancelled = True
                self.login.reject()
                return
            self.login.show()
        from app.runtime.station import Runtime

        self.runtime = Runtime(self.config, station, signals)
        self.runtime.start()
        self.scanner_filter = install_scanner(self.app, self.config, signals)
        self.login.set_station(station)

    def close(self) -> None:
        """Nobody logged in: stop what was started and leave the application as it was."""
        if self.runtime is not None:
            self.runtime.stop()
        if self.scanner_filter is not None:
            self.app.removeEventFilter(self.scanner_filter)
        if self.station is not None:
            self.station.close()


def _run_gui(app: QApplication, config: Config, args: argparse.Namespace) -> int:
    if needs_setup(config):
        chosen = first_start_setup(app, args, config)
        if chosen is None:
            return 0
        config = chosen
    signals = AppSignals()
    login = LoginDialog(None, config.display_name)
    login.show()  # the window first; everything else opens behind it
    opening = _Opening(app, config, args, signals, login)
    QTimer.singleShot(0, opening.start)  # once the event loop has put the window on screen
    first_login = login.exec() == QDialog.DialogCode.Accepted and login.actor is not None
    if not first_login:
        opening.cancelled = True
        ops.wait_idle(60_000)  # closed while the database was still opening: let it finish
    if opening.error is not None:
        opening.close()
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.critical(
            None, "珍宝仓 Treasure Warehouse", ops.error_text(opening.error) + f"\n\n{config.db_url.split('@')[-1]}"
        )
        return 1
    station, runtime, scanner_filter = opening.station, opening.runtime, opening.scanner_filter
    if not first_login or station is None or runtime is None:
        opening.close()
        for tr in getattr(app, "_tw_translators", []):
            app.removeTranslator(tr)
        return 0
    from app.ui import gc as gui_gc
    from app.ui.shell import MainWindow

    code = 0
    while True:
        if first_login:
            first_login = False
        else:
            login = LoginDialog(station, config.display_name)
            if login.exec() != QDialog.DialogCode.Accepted or login.actor is None:
                break
        actor = login.actor
        if actor is None:  # the first log-in was accepted with an actor (checked above)
            break
        if not password_settled(station, actor):
            continue
        ui = UiContext(
            station=station,
            actor=actor,
            config=config,
            signals=signals,
            lang=config.language,
            devices=getattr(runtime, "devices", None),
            runtime=runtime,
        )
        window = MainWindow(ui)
        window.show_for_screen()
        QTimer.singleShot(0, gui_gc.install(app).settle)  # once the window is on screen
        code = app.exec()
        while getattr(window, "relaunch_requested", False):
            closed = window
            window = relaunch_window(app, config, ui)
            _dispose(closed)
            QTimer.singleShot(0, gui_gc.install(app).settle)
            code = app.exec()
        again = window.logout_requested
        ops.wait_idle(5000)  # the screens' last requests (stop the balance stream...) finish first
        _dispose(window, login)
        if not again:
            break
    runtime.stop()
    ops.wait_idle(5000)
    # Leave the application object as we found it (tests and a re-run in one process).
    if scanner_filter is not None:
        app.removeEventFilter(scanner_filter)
    for tr in getattr(app, "_tw_translators", []):
        app.removeTranslator(tr)
    station.close()
    return code
