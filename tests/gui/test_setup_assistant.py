"""The setup assistant against real things: balance and box simulators on ptys, the
reference platform over HTTP, an unreachable database; every failed test says why."""

from __future__ import annotations

import tomllib

import pytest
from PySide6.QtWidgets import QWizard

from app.refplatform import PlatformServer
from app.sync import secrets

TOKEN, WS = "tw-assistant-token-77", "WS-HZ-01-05"


@pytest.fixture(autouse=True)
def _no_keyring(monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setattr(secrets, "_keyring", lambda: None)


@pytest.fixture
def assistant(qtbot, data_dir):  # type: ignore[no-untyped-def]
    from app.ui import ops
    from app.ui.setup.assistant import SetupAssistant

    ops.LANG["value"] = "en"
    wizard = SetupAssistant(data_dir, "en")
    qtbot.addWidget(wizard)
    wizard.show()
    yield wizard
    ops.LANG["value"] = "zh_CN"


def _result(qtbot, row):  # type: ignore[no-untyped-def]
    row.run()
    qtbot.waitUntil(lambda: row.ok is not None, timeout=20_000)
    return row.ok, row.result.text()


def test_every_failed_test_says_why(qtbot, assistant):
    assistant.database.url.setText("postgresql+psycopg://tw:pw@127.0.0.1:1/tw")
    ok, text = _result(qtbot, assistant.database.test)
    assert not ok and "Cannot use the database 127.0.0.1:1/tw" in text and "pw" not in text
    with PlatformServer(tokens={TOKEN: WS}) as platform:
        assistant.warehouse.workstation_id.setText(WS)
        assistant.platform.url.setText(platform.url)
        assistant.platform.token.setText("tw-wrong")
        ok, text = _result(qtbot, assistant.platform.test)
        assert not ok and "refused this workstation's token" in text
        assistant.platform.token.setText(TOKEN)
        assert _result(qtbot, assistant.platform.test)[0]
    ok, text = _result(qtbot, assistant.platform.test)  # the platform is gone now
    assert not ok and "Cannot reach the platform" in text
    assistant.devices.scale_port.setEditText("/dev/tty-no-such-balance")
    ok, text = _result(qtbot, assistant.devices.scale_test)
    assert not ok and "not found" in text.lower()


def test_devices_are_detected_and_tested_on_the_spot(qtbot, assistant, tmp_path):
    import cv2
    import numpy as np

    from app.devices.sim.box import BoxSimulator
    from app.devices.sim.scale import ScaleSimulator

    with ScaleSimulator("and", settle_s=0.05) as scale, BoxSimulator(None) as box:
        scale.scale.put("7.4402")
        assistant.devices.scale_port.setEditText(scale.path)
        ok, text = _result(qtbot, assistant.devices.scale_test)
        assert ok and "7.4402 g" in text and assistant.devices.protocol.currentData() == "and"
        assistant.devices.box_port.setEditText(box.path)
        ok, text = _result(qtbot, assistant.devices.box_test)
        assert ok and "TWB-2" in text
    pictures = tmp_path / "frames"
    pictures.mkdir()
    cv2.imwrite(str(pictures / "a.jpg"), np.full((360, 640, 3), 128, np.uint8))
    assistant.outputs.camera.setText(str(pictures))
    ok, text = _result(qtbot, assistant.outputs.camera_test)
    assert ok and "640×360" in text and not assistant.outputs.preview.pixmap().isNull()
    ok, text = _result(qtbot, assistant.outputs.printer_test)
    assert ok and "labels" in text


def test_finish_saves_the_settings_the_token_and_the_administrator(qtbot, assistant, data_dir, monkeypatch):
    from app.ui import ops
    from app.ui.setup import assistant as module

    pools: dict[str, str | None] = {}

    def on(name, fn):  # type: ignore[no-untyped-def]
        def run(*args, **kwargs):  # type: ignore[no-untyped-def]
            pools[name] = ops.current_pool()
            return fn(*args, **kwargs)

        return run

    monkeypatch.setattr(module, "prepare_plan", on("prepare", module.prepare_plan))
    monkeypatch.setattr(module, "record_plan", on("record", module.record_plan))
    with PlatformServer(tokens={TOKEN: WS}) as platform:
        url = platform.url
        w = assistant.warehouse
        w.warehouse_id.setText("WH-HZ-01")
        w.warehouse_name.setText("珍宝仓杭州一号仓")
        w.workstation_id.setText(WS)
        assistant.platform.url.setText(platform.url)
        assistant.platform.token.setText(TOKEN)
        while assistant.currentPage() is not assistant.admin:
            assistant.next()
        assistant.admin.password.setText("first-pass-1")
        assistant.admin.repeat.setText("first-pass-2")
        assert not assistant.button(QWizard.WizardButton.FinishButton).isEnabled()  # passwords differ
        assistant.admin.repeat.setText("first-pass-1")
        assistant.accept()
        qtbot.waitUntil(lambda: assistant.saved, timeout=30_000)
    saved = tomllib.loads((data_dir / "settings.toml").read_text(encoding="utf-8"))
    assert saved["warehouse_name"] == "珍宝仓杭州一号仓" and saved["platform_url"] == url
    assert TOKEN not in (data_dir / "settings.toml").read_text(encoding="utf-8")
    assert secrets.load_token(data_dir, WS) == TOKEN

    from app.config import load_config
    from app.services.station import Station

    station = Station.open(load_config(data_dir, env={}))
    try:
        assert station.users.authenticate("admin", "first-pass-1").username == "admin"
    finally:
        station.close()
    # testing devices and the platform waits on the I/O pool; the administrator and the audit
    # entry are written by the one database worker
    assert pools == {"prepare": "io", "record": "db"}


def test_a_failed_finish_keeps_the_assistant_open_with_the_reason(qtbot, assistant, data_dir):
    assistant.warehouse.warehouse_name.setText("珍宝仓")
    assistant.database.url.setText("postgresql+psycopg://tw@127.0.0.1:1/tw")
    assistant.admin.password.setText("first-pass-1")
    assistant.admin.repeat.setText("first-pass-1")
    assistant.accept()
    qtbot.waitUntil(lambda: "nothing was saved" in assistant.message.text(), timeout=30_000)
    assert assistant.isVisible() and not (data_dir / "settings.toml").exists()
