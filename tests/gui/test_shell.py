from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from app.ui import ops, states
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
    qtbot.waitUntil(
        lambda: any(isinstance(w, QMessageBox) and w.isVisible() for w in admin.findChildren(QMessageBox)),
        timeout=10_000,
    )
    box = next(w for w in admin.findChildren(QMessageBox) if w.isVisible())
    assert "无权" in box.text()
    assert all(u.active for u in window.ui.station.users.list_users())


def test_unexpected_errors_never_show_a_traceback():
    text = ops.error_text(KeyError("secret internals"), "zh_CN")
    assert "secret internals" not in text and "未丢失" in text


def test_status_bar_gives_way_instead_of_widening_the_window(qtbot, ui_factory, sqlite_people):
    window = MainWindow(ui_factory(sqlite_people.supervisor2))
    qtbot.addWidget(window)
    window.show_station("sync")
    window.resize(1000, 600)
    window.show()
    before = window.minimumSizeHint().width()
    for name in ("balance", "box", "camera", "scanner", "printer"):
        window._device_state(name, "not_answering")
    long_sync = type("S", (), {"state": "auth_failed", "pending_events": 123456, "rejected": 7890})()
    window._sync_status(long_sync)
    qtbot.wait(20)
    assert window.minimumSizeHint().width() == before  # the status bar never pushes the window wider
    assert window.statusBar().minimumSizeHint().width() < 400
    field = window.devices_label
    assert field.toolTip() == field.text() and states.device_state("not_answering") in field.text()
    assert field.is_elided()  # shown as "…", the whole text in the tooltip


def test_nav_is_narrow_and_shows_the_current_station_only_sized(qtbot, ui_factory, sqlite_people):
    from app.ui.shell import NAV_MAX

    window = MainWindow(ui_factory(sqlite_people.admin))
    qtbot.addWidget(window)
    assert window.nav.width() <= NAV_MAX
    window.show()
    window.show_station("admin")
    qtbot.wait(20)
    admin_hint = window.minimumSizeHint()
    window.show_station("devices")
    # the window asks for the room of the station on show, not of the largest station
    qtbot.waitUntil(lambda: window.minimumSizeHint() != admin_hint, timeout=3000)
    assert window.stack.minimumSizeHint() == window.screens["devices"].minimumSizeHint().expandedTo(
        window.screens["devices"].minimumSize()
    )


def test_leaving_a_large_station_gives_the_room_back(qtbot, ui_factory, sqlite_people):
    window = MainWindow(ui_factory(sqlite_people.admin))
    qtbot.addWidget(window)
    window.show_station("sync")
    window.resize(600, 500)
    window.show()  # a normal (not maximised) window: nothing else would shrink it again
    avail = window._available()
    window.screens["admin"].setMinimumWidth(avail.width() + 300)  # a station that does not fit grows the window...
    window.show_station("admin")
    qtbot.waitUntil(lambda: window.width() > avail.width(), timeout=3000)
    window.show_station("sync")  # ...and the next one that fits brings it back within the screen
    qtbot.waitUntil(lambda: window.width() <= avail.width() and window.height() <= avail.height(), timeout=3000)
