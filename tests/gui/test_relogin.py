"""Logging out and in again leaves nothing of the old session listening: the application's
signals reach the live window only, and no slot of a destroyed window is called (that
printed "Internal C++ object already deleted" on every scan after a re-login)."""

from __future__ import annotations

import argparse
import logging

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QTimer
from PySide6.QtWidgets import QApplication

from app.sync.worker import SyncStatus
from app.ui import ops
from app.ui.shell import MainWindow


@pytest.fixture
def devices(data_dir):
    from app.config import load_config
    from app.devices.factory import build_devices

    config = load_config(data_dir, env={}, demo=True)  # the simulators: demo only
    config.set("camera_width", 640)
    config.set("camera_height", 360)
    ds = build_devices(config, sim_session_s=1.0, sim_settle_s=0.2)
    yield ds
    ds.close()


def _destroy(window: MainWindow) -> None:
    """As run_gui does after a log-out: let the screens' last requests finish, then destroy."""
    ops.wait_idle(10_000)
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def _record_scans(window: MainWindow) -> list[str]:
    seen: list[str] = []
    for screen in window.screens.values():
        screen.handle_scan = lambda code, seen=seen: seen.append(code) or True  # type: ignore[method-assign]
    return seen


def _errors(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]


@pytest.fixture
def chinese(qapp):
    from app.ui import i18n

    installed = i18n.install_translators(qapp, "zh_CN")
    yield
    for tr in installed:
        qapp.removeTranslator(tr)


def test_ten_sessions_then_only_the_live_window_hears_the_application(
    qtbot, ui_factory, sqlite_people, devices, caplog, chinese
):
    caplog.set_level(logging.INFO)
    people = [sqlite_people.clerk, sqlite_people.appraiser, sqlite_people.supervisor, sqlite_people.admin]
    closed_but_kept = None
    for i in range(10):
        ui = ui_factory(people[i % len(people)])
        ui.devices = devices
        window = MainWindow(ui)
        window.show()
        for key in ("devices", "sync", "review", "admin"):  # every screen connects what it connects
            window.show_station(key)
            ops.wait_idle(10_000)
        window.close()
        if i == 9:
            closed_but_kept = window  # closed, still referenced: must not react either
        else:
            _destroy(window)
    assert closed_but_kept is not None
    live_ui = ui_factory(sqlite_people.supervisor)
    live_ui.devices = devices
    live = MainWindow(live_ui)
    qtbot.addWidget(live)
    live.show()
    live.show_station("devices")
    ops.wait_idle(10_000)
    app_signals = live_ui.signals  # the application's own, as run_gui makes them
    live_scans, old_scans = _record_scans(live), _record_scans(closed_but_kept)
    old_sync, old_devices = closed_but_kept.sync_label.text(), closed_but_kept.devices_label.text()

    app_signals.scan_did_arrive.emit("TW2611210000017")
    app_signals.records_did_change.emit(["item.received"])
    app_signals.device_state_did_change.emit("balance", "not_answering")
    app_signals.sync_status_did_change.emit(SyncStatus(state="offline", pending_events=3))
    ops.wait_idle(10_000)
    qtbot.wait(50)

    assert live_scans == ["TW2611210000017"] and old_scans == []
    assert "离线" in live.sync_label.text() and "3" in live.sync_label.text()
    assert "天平 无响应" in live.devices_label.text()
    assert (closed_but_kept.sync_label.text(), closed_but_kept.devices_label.text()) == (old_sync, old_devices)
    live.close()
    _destroy(closed_but_kept)
    ops.wait_idle(10_000)
    devices.balance.close()  # the balance announces "closed" to whoever still listens on the driver
    assert _errors(caplog) == []


def test_run_gui_ten_log_outs_then_scans_reach_the_live_window_only(qapp, data_dir, monkeypatch, caplog, capfd):
    """The real start-up path: log in, log out, ten times; then scan in the eleventh session."""
    from app.demo.data import DEMO_PASSWORD
    from app.ui.login import LoginDialog
    from app.ui.main import run_gui

    caplog.set_level(logging.INFO)
    monkeypatch.setenv("TW_PLATFORM_URL", "embedded")
    sessions: list[MainWindow] = []
    result: dict[str, object] = {}

    def visible(kind):  # type: ignore[no-untyped-def]
        return next((w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()), None)

    def tick() -> None:
        dlg = visible(LoginDialog)
        win = visible(MainWindow)
        if dlg is not None and dlg.buttons.isEnabled() and dlg.actor is None:
            if len(sessions) > 10:
                dlg.reject()
                return
            dlg.username.setText(("clerk", "appraiser", "supervisor", "admin")[len(sessions) % 4])
            dlg.password.setText(DEMO_PASSWORD)
            dlg.try_login()
        elif win is not None and (not sessions or sessions[-1] is not win):
            sessions.append(win)
            if len(sessions) <= 10:
                win._logout()
            else:
                seen = _record_scans(win)
                win.app_signals.scan_did_arrive.emit("TW2611210000017")
                win.app_signals.records_did_change.emit(["item.received"])
                win.app_signals.device_state_did_change.emit("box", "disconnected")
                win.app_signals.sync_status_did_change.emit(SyncStatus(state="idle"))
                result["scans"] = list(seen)
                result["devices"] = win.devices_label.text()
                win._logout()
        QTimer.singleShot(30, tick)

    QTimer.singleShot(30, tick)
    args = argparse.Namespace(data_dir=str(data_dir), config=None, lang=None, demo=True)
    assert run_gui(args) == 0
    assert len(sessions) == 11
    assert result["scans"] == ["TW2611210000017"]
    assert "检测盒 未连接" in str(result["devices"])
    assert _errors(caplog) == []
    err = capfd.readouterr().err
    assert "Traceback" not in err and "already deleted" not in err


def test_a_device_calling_back_after_its_screen_went_away_is_ignored(qtbot):
    from PySide6.QtWidgets import QWidget

    from app.ui.devices.bridge import CameraBridge, WeightBridge

    owner = QWidget()
    weights, camera = WeightBridge(owner), CameraBridge(owner)
    owner.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    # as the balance's and the camera's threads would, once more after the window closed
    weights.stream_callback(object())
    camera.on_codes([])
    camera.on_state("stopped")
