"""The real start-up path, in-process and offscreen: settings, database, demo data,
log-in dialog, main window with the runtime's simulated devices, log-out."""

from __future__ import annotations

import argparse

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from app.demo.data import DEMO_PASSWORD


def _drive(steps: list) -> None:  # type: ignore[type-arg]
    """Run each step once its precondition holds, polling on the GUI thread."""

    def tick() -> None:
        if not steps:
            return
        cond, action = steps[0]
        found = cond()
        if found:
            steps.pop(0)
            action(found)
        QTimer.singleShot(50, tick)

    QTimer.singleShot(50, tick)


def test_start_log_in_see_devices_and_quit(qapp, data_dir, monkeypatch):
    from app.ui.login import LoginDialog
    from app.ui.main import run_gui
    from app.ui.shell import MainWindow

    monkeypatch.setenv("TW_PLATFORM_URL", "embedded")
    seen: dict[str, object] = {}

    def login_dialog():  # type: ignore[no-untyped-def]
        return next((w for w in QApplication.topLevelWidgets() if isinstance(w, LoginDialog) and w.isVisible()), None)

    def main_window():  # type: ignore[no-untyped-def]
        w = next((w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()), None)
        if w is None or w.ui.runtime is None or not w.ui.runtime.ready.is_set() or w.ui.runtime.sync is None:
            return None
        status = w.ui.runtime.sync.status()
        # the demo's records all reach the embedded platform (it learned the demo notices)
        return w if status.last_success is not None and status.pending_events == 0 else None

    def log_in(dlg) -> None:  # type: ignore[no-untyped-def]
        dlg.username.setText("supervisor")
        dlg.password.setText(DEMO_PASSWORD)
        dlg.try_login()

    def look_and_quit(win) -> None:  # type: ignore[no-untyped-def]
        seen["user"] = win.user_label.text()
        seen["station"] = win.current_screen().objectName()
        seen["devices"] = win.ui.devices is not None
        seen["rejected"] = win.ui.runtime.sync.status().rejected
        seen["sync_label"] = win.sync_label.text()
        win.close()

    _drive([(login_dialog, log_in), (main_window, look_and_quit)])
    args = argparse.Namespace(data_dir=str(data_dir), config=None, lang=None, demo=True)
    assert run_gui(args) == 0
    assert "陈主管" in str(seen["user"])
    assert seen["station"] == "station_intake"
    assert seen["devices"] is True
    assert seen["rejected"] == 0, seen["sync_label"]
