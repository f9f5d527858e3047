"""The Admin station's own operations from the window: confirm before disabling, unlock,
verify the audit chain, back up and restore (with what it would replace)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox

from tests.helpers import PASSWORD


@pytest.fixture(autouse=True)
def chinese(qapp):  # type: ignore[no-untyped-def]
    from app.ui import i18n

    installed = i18n.install_translators(qapp, "zh_CN")
    yield
    for tr in installed:
        qapp.removeTranslator(tr)


@pytest.fixture
def admin_screen(qtbot, ui_factory, sqlite_people):  # type: ignore[no-untyped-def]
    from app.ui.admin.screen import AdminScreen

    screen = AdminScreen(ui_factory(sqlite_people.admin))
    qtbot.addWidget(screen)
    screen.activated()
    qtbot.waitUntil(lambda: screen.table.rowCount() >= 6, timeout=10_000)
    return screen


def _row(screen, username: str) -> int:  # type: ignore[no-untyped-def]
    return next(i for i, u in enumerate(screen.users) if u.username == username)


def test_disabling_asks_first_and_unlock_ends_a_lock_out(qtbot, admin_screen, sqlite_station):
    users = sqlite_station.users
    admin_screen.table.selectRow(_row(admin_screen, "clerk.wang"))
    asked: list[str] = []
    admin_screen.toggle_active(confirm=lambda text: asked.append(text) or False)
    assert asked and "王收货" in asked[0]
    qtbot.wait(200)
    assert next(u for u in users.list_users() if u.username == "clerk.wang").active  # said no: nothing changed
    admin_screen.toggle_active(confirm=lambda text: True)
    qtbot.waitUntil(
        lambda: not next(u for u in users.list_users() if u.username == "clerk.wang").active, timeout=10_000
    )
    for _ in range(5):
        with pytest.raises(Exception):  # noqa: B017 - wrong passwords
            users.authenticate("appraiser.li", "wrong password")
    admin_screen.activated()
    qtbot.waitUntil(lambda: any(u.locked for u in admin_screen.users), timeout=10_000)
    admin_screen.table.selectRow(_row(admin_screen, "appraiser.li"))
    admin_screen.unlock()
    qtbot.waitUntil(lambda: not any(u.locked for u in admin_screen.users), timeout=10_000)
    assert users.authenticate("appraiser.li", PASSWORD).username == "appraiser.li"


def test_a_clerk_is_refused_the_user_list(qtbot, ui_factory, sqlite_people):
    from app.ui.admin.screen import AdminScreen

    screen = AdminScreen(ui_factory(sqlite_people.clerk))
    qtbot.addWidget(screen)
    screen.activated()
    qtbot.waitUntil(lambda: any(w.isVisible() for w in screen.findChildren(QMessageBox)), timeout=10_000)
    assert screen.table.rowCount() == 0
    box = next(w for w in screen.findChildren(QMessageBox) if w.isVisible())
    assert "无权" in box.text()
    box.close()


def test_verify_back_up_and_restore_from_the_window(qtbot, admin_screen, tmp_path):
    panel = admin_screen.maintenance
    panel.verify_chain()
    qtbot.waitUntil(lambda: "审计链完整" in panel.result.text(), timeout=10_000)
    # Its own folder: tmp_path also holds the station's data folder, and a restore from that
    # ("not a backup") is what made this test time out on some runs (iterdir order).
    backups = tmp_path / "backups"
    backups.mkdir()
    panel.back_up(str(backups))
    qtbot.waitUntil(lambda: "备份已验证" in panel.result.text(), timeout=20_000)
    (folder,) = backups.iterdir()
    asked: list[str] = []
    panel.restore(str(folder), confirm=lambda text: asked.append(text) or True)
    qtbot.waitUntil(
        lambda: "已恢复" in panel.result.text() or panel.result.property("status") == "error", timeout=20_000
    )
    assert "已恢复" in panel.result.text(), panel.result.text()
    assert "audit_log" in asked[0] and "→" in asked[0]
