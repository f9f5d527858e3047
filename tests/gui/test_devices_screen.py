"""The Devices screen against the in-process simulators (real pty byte streams)."""

from __future__ import annotations

import pytest

from app.ui.devices.screen import DevicesScreen


@pytest.fixture
def devices(data_dir):
    from app.config import load_config
    from app.devices.factory import build_devices

    config = load_config(data_dir, env={}, demo=True)  # the simulators
    config.set("camera_width", 640)
    config.set("camera_height", 360)
    ds = build_devices(config, sim_session_s=1.0, sim_settle_s=0.2)
    yield ds
    ds.close()


def test_live_weight_stable_read_label_photo_and_box(qtbot, ui_factory, sqlite_people, devices):
    ui = ui_factory(sqlite_people.appraiser)
    ui.devices = devices
    screen = DevicesScreen(ui)
    qtbot.addWidget(screen)
    screen.show()
    screen.activated()
    qtbot.waitUntil(lambda: " g" in screen.weight.text(), timeout=15_000)
    qtbot.waitUntil(lambda: "/" in screen.balance_identity.text(), timeout=15_000)
    screen.read_stable()
    qtbot.waitUntil(lambda: screen.weight_state.property("status") == "ok", timeout=15_000)
    assert "2.347" in screen.weight.text() and "ct" in screen.weight.text()
    screen.test_label()
    qtbot.waitUntil(lambda: bool(screen.printer_result.text()), timeout=10_000)
    assert "labels" in screen.printer_result.text()
    qtbot.waitUntil(
        lambda: screen.preview.pixmap() is not None and not screen.preview.pixmap().isNull(), timeout=15_000
    )
    screen.test_photo()
    qtbot.waitUntil(lambda: "JPEG" in screen.camera_state.text(), timeout=15_000)
    screen.box_status()
    qtbot.waitUntil(
        lambda: (
            "—" in screen.box_identity.text()
            and "TWB" in screen.box_identity.text().upper()
            or screen.box_state.property("status") == "error"
        ),
        timeout=15_000,
    )
    assert screen.box_state.property("status") == "ok", screen.box_state.text()
    screen.hide()
    assert devices.camera.on_frame is None or devices.camera.on_frame != screen.camera_bridge.on_frame


def test_without_devices_the_screen_says_so(qtbot, ui_factory, sqlite_people):
    screen = DevicesScreen(ui_factory(sqlite_people.appraiser))
    qtbot.addWidget(screen)
    screen.activated()
    assert screen.notice.text()
    screen.read_stable()
    from PySide6.QtWidgets import QLabel

    qtbot.waitUntil(lambda: screen.balance_state.property("status") == "error", timeout=5_000)
    assert "设备" in screen.balance_state.text() and isinstance(screen.balance_state, QLabel)
