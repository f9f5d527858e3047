"""Start the GUI: settings, fonts and language, database, first administrator, log-in,
main window; the runtime (devices, embedded platform, sync) starts in the background."""

from __future__ import annotations

import argparse
import logging
import sys

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

from app.config import Config, config_from_args
from app.core.errors import TWError
from app.services.station import Station
from app.ui import i18n, ops, style
from app.ui.context import AppSignals, UiContext
from app.ui.login import FirstAdminDialog, LoginDialog

log = logging.getLogger("tw.ui")


def make_app(config: Config) -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Treasure Warehouse")
    app.setOrganizationName("TreasureWarehouse")
    style.apply(app)
    from app.ui import gc as gui_gc

    gui_gc.install(app)  # collect cycles on the GUI thread only (see app/ui/gc.py)
    ops.LANG["value"] = config.language
    app._tw_translators = i18n.install_translators(app, config.language)  # type: ignore[attr-defined]
    return app  # type: ignore[return-value]


def install_scanner(app: QApplication, config: Config, signals: AppSignals) -> object | None:
    """Scans work whichever widget has focus: an application-wide key filter."""
    try:
        from app.devices.qt import ScanEventFilter
    except ImportError:
        return None
    filt = ScanEventFilter(app, burst_gap_ms=config.scanner_burst_gap_ms, min_length=config.scanner_min_length)
    filt.scanned.connect(signals.scan_did_arrive)
    app.installEventFilter(filt)
    return filt


def _dispose(*widgets: QWidget) -> None:
    """Destroy a closed session's windows now, not at some later garbage collection,
    so nothing of the previous person's session outlives the log-out."""
    for w in widgets:
        w.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def run_gui(args: argparse.Namespace) -> int:
    config = config_from_args(args)
    logging.basicConfig(filename=str(config.data_dir / "workstation.log"), level=logging.INFO,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    app = make_app(config)
    try:
        station = Station.open(config)
    except (TWError, OSError, Exception) as exc:  # noqa: BLE001 - shown, not raised
        log.exception("cannot open the database")
        QMessageBox.critical(None, "珍宝仓 Treasure Warehouse", ops.error_text(exc) + f"\n\n{config.db_url.split('@')[-1]}")
        return 1
    signals = AppSignals()
    station.ctx.on_committed.append(lambda types: signals.records_did_change.emit(types))
    if getattr(args, "demo", False) and not station.users.has_users():
        # Demo mode makes its own accounts (admin, clerk, appraiser, supervisor).
        from app.services.demo import ensure_demo_data

        ensure_demo_data(station, config)
    if not station.users.has_users():
        first = FirstAdminDialog(station)
        if first.exec() != QDialog.DialogCode.Accepted:
            return 0
    runtime = None
    try:
        from app.runtime import Runtime

        runtime = Runtime(config, station, signals)
        runtime.start()
    except ImportError:
        pass
    scanner_filter = install_scanner(app, config, signals)
    from app.ui.shell import MainWindow

    code = 0
    while True:
        login = LoginDialog(station, config.warehouse_name)
        if login.exec() != QDialog.DialogCode.Accepted or login.actor is None:
            break
        ui = UiContext(station=station, actor=login.actor, config=config, signals=signals, lang=config.language,
                       devices=getattr(runtime, "devices", None), runtime=runtime)
        window = MainWindow(ui)
        window.show_for_screen()
        code = app.exec()
        again = window.logout_requested
        ops.wait_idle(5000)  # the screens' last requests (stop the balance stream...) finish first
        _dispose(window, login)
        if not again:
            break
    if runtime is not None:
        runtime.stop()
    ops.wait_idle(5000)
    # Leave the application object as we found it (tests and a re-run in one process).
    if scanner_filter is not None:
        app.removeEventFilter(scanner_filter)  # type: ignore[arg-type]
    for tr in getattr(app, "_tw_translators", []):
        app.removeTranslator(tr)
    station.close()
    return code
