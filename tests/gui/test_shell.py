from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from app.ui import ops
from app.ui.login import LoginDialog
from app.ui.shell import MainWindow
from app.ui.stations import STATIONS
from tests.helpers import PASSWORD


def test_login_runs_off_the_gui_thread_and_accepts(qtbot, sqlite_station, sqlite_people):
    dlg = LoginDialog(sqlite_station, "测试仓")
    qtbot.addWidget(dlg)
    dlg.username.setText("clerk.wang")
    dlg.password.setText(PASSWORD)
    dlg.try_login()
    assert not dlg.buttons.isEnabled()  # waiting on the worker, the window stays responsive
    qtbot.waitUntil(lambda: dlg.actor is not None, timeout=10_000)
    assert dlg.actor.username == "clerk.wang"


def test_wrong_password_says_so_in_chinese(qtbot, sqlite_station, sqlite_people):
    ops.LANG["value"] = "zh_CN"
    dlg = LoginDialog(sqlite_station, "测试仓")
    qtbot.addWidget(dlg)
    dlg.username.setText("clerk.wang")
    dlg.password.setText("not-the-password")
    dlg.try_login()
    qtbot.waitUntil(lambda: "错误" in dlg.message.text(), timeout=10_000)
    assert dlg.actor is None and dlg.password.text() == ""


def test_every_station_is_navigable_and_scans_reach_the_current_one(qtbot, ui_factory, sqlite_people):
    window = MainWindow(ui_factory(sqlite_people.admin))
    qtbot.addWidget(window)
    window.show()
    for entry in STATIONS:
        screen = window.show_station(entry.key)
        assert window.current_screen() is screen
    seen = []
    screen = window.show_station("admin")
    screen.handle_scan = lambda code: seen.append(code) or True  # type: ignore[method-assign]
    window.ui.signals.scan_did_arrive.emit("TW2611210000017")
    assert seen == ["TW2611210000017"]


def test_first_station_follows_the_role(qtbot, ui_factory, sqlite_people):
    window = MainWindow(ui_factory(sqlite_people.supervisor))
    qtbot.addWidget(window)
    assert window.stack.currentWidget() is window.screens["intake"]  # supervisors also receive
    window2 = MainWindow(ui_factory(sqlite_people.appraiser))
    qtbot.addWidget(window2)
    assert window2.stack.currentWidget() is window2.screens["appraisal"]


def test_admin_screen_lists_people_and_refuses_non_admin_changes(qtbot, ui_factory, sqlite_people):
    window = MainWindow(ui_factory(sqlite_people.supervisor))
    qtbot.addWidget(window)
    admin = window.show_station("admin")
    qtbot.waitUntil(lambda: admin.table.rowCount() >= 6, timeout=10_000)
    admin.table.selectRow(1)
    admin.toggle_active()  # a supervisor asks; the operation refuses
    qtbot.waitUntil(lambda: any(isinstance(w, QMessageBox) and w.isVisible() for w in admin.findChildren(QMessageBox)),
                    timeout=10_000)
    box = next(w for w in admin.findChildren(QMessageBox) if w.isVisible())
    assert "无权" in box.text()
    assert all(u.active for u in window.ui.station.users.list_users())


def test_unexpected_errors_never_show_a_traceback():
    text = ops.error_text(KeyError("secret internals"), "zh_CN")
    assert "secret internals" not in text and "未丢失" in text
