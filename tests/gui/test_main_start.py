"""The start-up path's pieces as run_gui wires them (a wrong keyword here would stop the
workstation from opening at all)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from app.config import load_config
from app.ui.context import AppSignals
from app.ui.main import install_scanner, make_app


def test_app_wide_scanner_filter_delivers_bursts_and_leaves_typing_alone(qtbot, data_dir):
    config = load_config(data_dir, env={})
    app = make_app(config)
    signals = AppSignals()
    filt = install_scanner(app, config, signals)
    assert filt is not None
    try:
        field = QLineEdit()
        qtbot.addWidget(field)
        field.show()
        field.setFocus()
        scans: list[str] = []
        signals.scan_did_arrive.connect(scans.append)
        # a scanner types fast and ends with Enter
        qtbot.keyClicks(field, "SF1234567890123")
        qtbot.keyClick(field, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: scans == ["SF1234567890123"], timeout=3000)
        assert field.text() == ""  # the burst went to the scan, not into the focused field
        # a person types slowly: the text stays in the field
        for ch in "abc":
            qtbot.keyClick(field, ch)
            qtbot.wait(150)
        qtbot.wait(200)
        assert field.text() == "abc" and scans == ["SF1234567890123"]
    finally:
        app.removeEventFilter(filt)
        for tr in getattr(app, "_tw_translators", []):
            app.removeTranslator(tr)


def test_settings_language_reaches_the_error_texts(data_dir):
    from app.ui import ops

    config = load_config(data_dir, env={"TW_LANG": "en"})
    app = make_app(config)
    assert app._tw_translators == []  # English is the source language
    try:
        assert ops.LANG["value"] == "en"
    finally:
        ops.LANG["value"] = "zh_CN"
