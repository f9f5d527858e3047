"""A screenshot of the station mid-appraisal (docs/screenshots/appraisal-zh_CN.png), made with
the simulated balance and camera; also checks that the screen renders in Chinese."""

from __future__ import annotations

import os
from decimal import Decimal
from pathlib import Path

from PySide6.QtWidgets import QApplication

from app.ui import i18n, ops, style
from tests.gui.test_appraisal_screen import _pick, _screen, devices  # noqa: F401 - fixture
from tests.helpers import receive_one

OUT = Path(__file__).resolve().parents[2] / "docs" / "screenshots" / "appraisal-zh_CN.png"


def test_mid_appraisal_screenshot(qtbot, ui_factory, sqlite_station, sqlite_people, devices, tmp_path) -> None:  # noqa: F811
    app = QApplication.instance()
    style.apply(app)
    translators = i18n.install_translators(app, "zh_CN")
    try:
        item = receive_one(sqlite_station, sqlite_people)
        screen = _screen(qtbot, ui_factory, sqlite_people.appraiser, devices)
        screen.resize(1400, 900)
        screen.open(item.tag)
        qtbot.waitUntil(lambda: screen.loaded is not None, timeout=10_000)
        devices.sim.scale.put(Decimal("2.3490"))
        qtbot.waitUntil(
            lambda: screen.weigh.stable.property("stable") == "yes" and screen.weigh.value_g.text() == "2.3490 g",
            timeout=5_000,
        )
        screen.weigh.capture()
        qtbot.waitUntil(lambda: "mass" in screen.loaded.latest, timeout=10_000)
        _pick(screen.form.metal, "Au750")
        _pick(screen.form.material, "diamond")
        screen.form.stone_ct.setText("0.30")
        for view in ("front", "back"):
            screen.photos.take(view)
            qtbot.waitUntil(lambda v=view: v in screen.photos.taken, timeout=10_000)
        qtbot.wait(300)
        ops.wait_idle()
        assert "稳定" in screen.weigh.stable.text() and screen.form.name_label.text() == "18K金镶钻石吊坠"
        target = OUT if os.environ.get("TW_SCREENSHOTS") else tmp_path / OUT.name  # TW_SCREENSHOTS=1 refreshes docs
        assert screen.grab().save(str(target))
        screen.shutdown()
    finally:
        for tr in translators:
            app.removeTranslator(tr)
