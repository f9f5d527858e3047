"""The Sync, Devices and Admin screens: main buttons on keys, times in the warehouse's
zone, states and platform codes in words."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtWidgets import QPushButton

from app.services.sync_port import RejectedEvent
from app.sync.worker import SyncStatus
from app.ui.admin.screen import AdminScreen
from app.ui.devices.screen import DevicesScreen
from app.ui.sync.screen import SyncScreen


@pytest.fixture
def chinese(qapp):
    from app.ui import i18n

    installed = i18n.install_translators(qapp, "zh_CN")
    yield
    for tr in installed:
        qapp.removeTranslator(tr)


def _keys(screen) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {b.text().split("  [")[0]: b.shortcut().toString() for b in screen.findChildren(QPushButton)}


@pytest.mark.parametrize(
    ("screen_class", "expected"),
    [
        (SyncScreen, {"Sync now": "F5"}),
        (
            DevicesScreen,
            {
                "Read stable": "F5",
                "Zero": "F6",
                "Tare": "F7",
                "Connect and ask status": "F8",
                "Take a test photo": "F9",
                "Print a test label": "F10",
            },
        ),
        (AdminScreen, {"Add person…": "F5", "Change roles…": "F6", "Enable / disable": "F7", "Reset password…": "F8"}),
    ],
)
def test_main_buttons_have_their_keys_shown(qtbot, ui_factory, sqlite_people, screen_class, expected):
    screen = screen_class(ui_factory(sqlite_people.admin, lang="en"))
    qtbot.addWidget(screen)
    keys = _keys(screen)
    assert {k: keys.get(k) for k in expected} == expected
    for button in screen.findChildren(QPushButton):
        if button.text().split("  [")[0] in expected:
            assert button.text().endswith(f"[{expected[button.text().split('  [')[0]]}]")


def test_sync_screen_shows_local_times_and_words(qtbot, ui_factory, sqlite_people, chinese):
    screen = SyncScreen(ui_factory(sqlite_people.supervisor))
    qtbot.addWidget(screen)
    screen.show_status(
        SyncStatus(
            state="backing_off",
            pending_events=2,
            pending_bytes=2048,
            last_success=datetime(2026, 11, 21, 17, 30, 5, tzinfo=UTC),
        )
    )
    assert screen.last_success.text() == "2026-11-22 01:30:05"  # Asia/Shanghai, the default setting
    assert screen.state.text() == "等待重试" and screen.state.property("status") == "warn"
    event = RejectedEvent(
        7,
        "e1",
        "certificate.voided",
        "TW2611210000017",
        "not_issuer",
        "WH-OTHER",
        datetime(2026, 11, 21, 23, 59, tzinfo=UTC),
    )
    screen._show_lists(([event], {}))
    row = [screen.rejected.item(0, j).text() for j in range(screen.rejected.columnCount())]
    assert row[1] == "2026-11-22 07:59"
    assert row[2] == "作废证书 (certificate.voided)" and row[4] == "此证书由其他仓库签发 (not_issuer)"


def test_sync_screen_follows_the_time_zone_setting(qtbot, ui_factory, sqlite_people):
    ui = ui_factory(sqlite_people.supervisor)
    ui.config.set("time_zone", "Europe/Berlin")
    screen = SyncScreen(ui)
    qtbot.addWidget(screen)
    screen.show_status(SyncStatus(state="idle", last_success=datetime(2026, 11, 21, 17, 30, 5, tzinfo=UTC)))
    assert screen.last_success.text() == "2026-11-21 18:30:05"


def test_devices_screen_follows_the_runtime_state_in_words(qtbot, ui_factory, sqlite_people, chinese):
    ui = ui_factory(sqlite_people.appraiser)
    screen = DevicesScreen(ui)
    qtbot.addWidget(screen)
    ui.signals.device_state_did_change.emit("balance", "not_answering")
    assert screen.balance_state.text() == "无响应" and screen.balance_state.property("status") == "error"
    ui.signals.device_state_did_change.emit("box", "connected")
    assert screen.box_state.text() == "正常" and screen.box_state.property("status") == "ok"
