"""A real warehouse's first start (not demo): the setup assistant, then log-in; it shows
every device and the platform as not configured — nothing simulated, nothing healthy.
Demo mode says it is a demo: banner, title, "simulated" on every device."""

from __future__ import annotations

import argparse
import re

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication


def _drive(steps: list) -> None:  # type: ignore[type-arg]
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


def _visible(kind):  # type: ignore[no-untyped-def]
    return next((w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()), None)


def _window_when_settled(expected_parts: int):  # type: ignore[no-untyped-def]
    from app.ui.shell import MainWindow

    def find():  # type: ignore[no-untyped-def]
        w = _visible(MainWindow)
        if w is None or w.ui.runtime is None or not w.ui.runtime.ready.is_set():
            return None
        states = dict(w.ui.runtime.states)
        if len(states) < expected_parts or any(v in ("connecting", "disconnected") for v in states.values()):
            return None
        return w

    return find


def test_first_start_without_demo_shows_nothing_healthy(qapp, data_dir, monkeypatch):
    from app.ui.login import LoginDialog
    from app.ui.setup.assistant import SetupAssistant

    for var in ("TW_PLATFORM_URL", "TW_SCALE_PORT", "TW_BOX_PORT", "TW_CAMERA"):
        monkeypatch.delenv(var, raising=False)
    seen: dict[str, object] = {}

    def set_up(wizard) -> None:  # type: ignore[no-untyped-def]
        wizard.warehouse.warehouse_name.setText("珍宝仓杭州一号仓")
        while wizard.currentPage() is not wizard.admin:  # database, platform and devices left empty
            wizard.next()
        wizard.admin.display.setText("王管理")
        wizard.admin.password.setText("first-pass-1")
        wizard.admin.repeat.setText("first-pass-1")
        wizard.accept()

    def log_in(dlg) -> None:  # type: ignore[no-untyped-def]
        dlg.username.setText("admin")
        dlg.password.setText("first-pass-1")
        dlg.try_login()

    def look_and_quit(win) -> None:  # type: ignore[no-untyped-def]
        seen.update(
            title=win.windowTitle(),
            devices=win.devices_label.text(),
            sync=win.sync_label.text(),
            states=dict(win.ui.runtime.states),
            sims=win.ui.devices.simulators,
            platform=win.ui.runtime.platform,
            banner=win.findChild(object, "demoBanner"),
        )
        win.close()

    _drive(
        [
            (lambda: _visible(SetupAssistant), set_up),
            (lambda: _visible(LoginDialog), log_in),
            (_window_when_settled(3), look_and_quit),
        ]
    )
    from app.ui.main import run_gui

    assert run_gui(argparse.Namespace(data_dir=str(data_dir), config=None, lang="zh_CN", demo=False)) == 0
    assert seen["states"] == {"balance": "not_configured", "box": "not_configured", "camera": "not_configured"}
    assert seen["sims"] == {} and seen["platform"] is None and seen["banner"] is None
    assert "正常" not in str(seen["devices"]) and "模拟" not in str(seen["devices"])
    assert str(seen["devices"]).count("未配置") == 3, seen["devices"]
    assert "未配置" in str(seen["sync"]) and "已同步" not in str(seen["sync"]), seen["sync"]
    assert "演示" not in str(seen["title"]) and "珍宝仓杭州一号仓" in str(seen["title"])


def test_demo_says_so_everywhere(qapp, data_dir, monkeypatch):
    from app.demo.data import DEMO_PASSWORD
    from app.ui.login import LoginDialog

    monkeypatch.setenv("TW_PLATFORM_URL", "http://127.0.0.1:1")  # no platform needed for this look
    seen: dict[str, object] = {}

    def log_in(dlg) -> None:  # type: ignore[no-untyped-def]
        dlg.username.setText("admin")
        dlg.password.setText(DEMO_PASSWORD)
        dlg.try_login()

    def look_and_quit(win) -> None:  # type: ignore[no-untyped-def]
        from PySide6.QtWidgets import QLabel

        banner = win.findChild(QLabel, "demoBannerText")
        seen.update(
            title=win.windowTitle(),
            devices=win.devices_label.text(),
            banner=banner.text() if banner is not None else None,
        )
        win.close()

    _drive([(lambda: _visible(LoginDialog), log_in), (_window_when_settled(3), look_and_quit)])
    from app.ui.main import run_gui

    assert run_gui(argparse.Namespace(data_dir=str(data_dir), config=None, lang="zh_CN", demo=True)) == 0
    assert "演示" in str(seen["title"]) and "珍宝仓（演示仓）" in str(seen["title"])
    assert seen["banner"] and "演示" in str(seen["banner"])
    parts = re.split("[，,] ?", str(seen["devices"]).split("：", 1)[-1])
    assert len(parts) == 3 and all("模拟" in p for p in parts), seen["devices"]


def test_the_demo_banner_is_readable_and_never_widens_the_window(qtbot):
    from PySide6.QtWidgets import QLabel, QMainWindow

    from app.ui.setup.demo import install_demo_banner

    window = QMainWindow()
    qtbot.addWidget(window)
    before = window.minimumSizeHint().width()
    label = install_demo_banner(window)
    window.resize(900, 300)
    window.show()
    qtbot.waitExposed(window)
    assert isinstance(label, QLabel) and label.width() > 400  # the text has room, not a zero-width strip
    assert window.minimumSizeHint().width() <= max(before, 200)
