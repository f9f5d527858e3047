"""A screenshot of the review station with an item open beside its declaration
(docs/screenshots/review-zh_CN.png when TW_SCREENSHOTS=1); also checks it renders in Chinese."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtWidgets import QApplication

from app.ui import i18n, ops, style
from app.ui.review.screen import ReviewScreen
from tests.services.test_review_support import jewelry_in_review

OUT = Path(__file__).resolve().parents[2] / "docs" / "screenshots" / "review-zh_CN.png"


def test_review_screenshot(qtbot, ui_factory, sqlite_station, sqlite_people, tmp_path) -> None:  # type: ignore[no-untyped-def]
    app = QApplication.instance()
    style.apply(app)
    translators = i18n.install_translators(app, "zh_CN")
    try:
        tags = [jewelry_in_review(sqlite_station, sqlite_people) for _ in range(3)]
        screen = ReviewScreen(ui_factory(sqlite_people.supervisor))
        qtbot.addWidget(screen)
        screen.resize(1440, 900)
        screen.show()
        screen.activated()
        qtbot.waitUntil(lambda: screen.review_table.rowCount() == 3, timeout=10_000)
        screen.handle_scan(tags[0])
        qtbot.waitUntil(lambda: screen.current is not None, timeout=10_000)
        ops.wait_idle()
        qtbot.wait(200)
        assert screen.tabs.tabText(0) == "待复核（3）" and screen.buttons["approve"].text() == "复核通过  [F9]"
        assert screen.dossier.declared_box.title() == "商家申报"
        target = OUT if os.environ.get("TW_SCREENSHOTS") else tmp_path / OUT.name
        assert screen.grab().save(str(target))
    finally:
        for tr in translators:
            app.removeTranslator(tr)
