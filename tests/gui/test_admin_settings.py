"""The Admin station's settings: every declared setting with its title, value and origin;
changes validated, audited, refused without the permission, applied live or flagged as
needing a restart; the language switches by rebuilding the window, without logging in."""

from __future__ import annotations

import tomllib

import pytest

from app.config import SETTINGS, load_config
from app.core.errors import PermissionDenied
from app.setup.settings_change import change_setting


def _audit(station):  # type: ignore[no-untyped-def]
    from sqlalchemy import select

    from app.store.models import AuditEntry

    with station.db.read() as s:
        return [(a.action, a.actor, a.detail) for a in s.execute(select(AuditEntry)).scalars()]


@pytest.fixture(autouse=True)
def chinese(qapp):  # type: ignore[no-untyped-def]
    from app.ui import i18n, ops

    qapp._tw_translators = i18n.install_translators(qapp, "zh_CN")
    yield
    for tr in getattr(qapp, "_tw_translators", []):
        qapp.removeTranslator(tr)
    qapp._tw_translators = []
    ops.LANG["value"] = "zh_CN"


@pytest.fixture
def panel(qtbot, ui_factory, sqlite_people, data_dir):  # type: ignore[no-untyped-def]
    from app.ui.admin.settings import SettingsPanel

    ui = ui_factory(sqlite_people.admin)
    ui.config = load_config(data_dir, env={"TW_WORKSTATION_ID": "WS-ENV-07"})
    widget = SettingsPanel(ui)
    qtbot.addWidget(widget)
    return widget


def test_every_setting_is_listed_with_title_value_and_origin(panel):
    table = panel.table
    assert table.rowCount() == len(SETTINGS)
    rows = {table.item(i, 0).toolTip(): [table.item(i, j).text() for j in range(4)] for i in range(table.rowCount())}
    assert rows["warehouse_name"][0] == "仓库名称" and rows["warehouse_name"][2] == "默认"
    assert rows["workstation_id"][1] == "WS-ENV-07" and rows["workstation_id"][2] == "环境变量 (TW_WORKSTATION_ID)"
    assert rows["language"][3] == "立即生效" and rows["database_url"][3] == "重启后生效"
    assert rows["platform_token"][1] == "—"  # a secret is never shown


def test_a_change_is_validated_saved_and_audited(qtbot, panel, data_dir, sqlite_station):
    panel.submit("printer_port", "ninety")
    qtbot.waitUntil(lambda: "ninety" in panel.message.text(), timeout=10_000)
    assert not (data_dir / "settings.toml").exists()
    panel.submit("scale_port", "simulated")
    qtbot.waitUntil(lambda: "演示" in panel.message.text(), timeout=10_000)
    panel.submit("login_max_failures", "7")
    qtbot.waitUntil(lambda: "重启" in panel.message.text(), timeout=10_000)
    assert tomllib.loads((data_dir / "settings.toml").read_text(encoding="utf-8"))["login_max_failures"] == 7
    entries = [e for e in _audit(sqlite_station) if e[0] == "manage_settings"]
    assert entries == [("manage_settings", "admin", {"changes": {"login_max_failures": {"from": 5, "to": 7}}})]
    panel.submit("workstation_id", "WS-HZ-01-09")
    qtbot.waitUntil(lambda: "TW_WORKSTATION_ID" in panel.message.text(), timeout=10_000)


def test_the_operation_refuses_a_non_administrator(data_dir, sqlite_station, sqlite_people):
    config = load_config(data_dir, env={})
    with pytest.raises(PermissionDenied):
        change_setting(config, sqlite_station, sqlite_people.supervisor, "printer_port", "9101")
    assert not (data_dir / "settings.toml").exists()
    assert not [e for e in _audit(sqlite_station) if e[0] == "manage_settings"]


def test_the_language_switches_in_the_window_without_logging_in_again(qtbot, ui_factory, sqlite_people, data_dir):
    from PySide6.QtWidgets import QApplication

    from app.ui.main import relaunch_window
    from app.ui.shell import MainWindow

    ui = ui_factory(sqlite_people.admin)
    window = MainWindow(ui)
    qtbot.addWidget(window)
    window.show()
    admin = window.show_station("admin")
    assert window.windowTitle().startswith("珍宝仓")
    admin.settings.submit("language", "en")
    qtbot.waitUntil(lambda: getattr(window, "relaunch_requested", False) and not window.isVisible(), timeout=10_000)
    fresh = relaunch_window(QApplication.instance(), ui.config, window.ui)
    qtbot.addWidget(fresh)
    assert fresh.windowTitle().startswith("Treasure Warehouse workstation")
    assert fresh.ui.actor == ui.actor and fresh.ui.lang == "en"
    assert load_config(data_dir, env={}).language == "en"  # and it stays so after a restart
