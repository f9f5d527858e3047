"""Every interface string has a Simplified Chinese translation, and the .ts files are
up to date with the sources (lupdate finds nothing new)."""

from __future__ import annotations

import shutil

from app.ui import i18n


def test_no_untranslated_strings():
    assert i18n.untranslated() == []


def test_ts_files_match_sources(tmp_path):
    fresh = tmp_path / "i18n"
    for ts in i18n.I18N_DIR.glob("*.ts"):
        shutil.copy(ts, fresh / ts.name) if fresh.exists() else (fresh.mkdir(), shutil.copy(ts, fresh / ts.name))
    i18n.update(fresh)
    stale = []
    for ts in fresh.glob("*.ts"):
        committed = i18n.I18N_DIR / ts.name
        have = i18n.messages(committed) if committed.exists() else {}
        for key, value in i18n.messages(ts).items():
            if value is None and have.get(key) is None:
                stale.append(f"{ts.name}: {key}")
    assert stale == [], "run `python -m app.ui.i18n update` and translate: " + "; ".join(stale[:10])


def test_chinese_is_loaded(qapp):
    from PySide6.QtCore import QCoreApplication

    installed = i18n.install_translators(qapp, "zh_CN")
    try:
        assert QCoreApplication.translate("Stations", "Intake") == "收货"
    finally:
        for tr in installed:
            qapp.removeTranslator(tr)


def test_qt_own_buttons_and_dialogs_are_chinese(qapp, qtbot, sqlite_station):
    from PySide6.QtWidgets import QDialogButtonBox

    from app.ui.login import LoginDialog

    installed = i18n.install_translators(qapp, "zh_CN")
    try:
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        qtbot.addWidget(box)
        assert sorted(b.text() for b in box.buttons()) == sorted(["确定", "取消"])
        from PySide6.QtCore import QCoreApplication

        assert QCoreApplication.translate("QPrintDialog", "Print") == "打印"
        login = LoginDialog(sqlite_station, "测试仓")  # its Cancel is Qt's own button
        qtbot.addWidget(login)
        assert login.buttons.button(QDialogButtonBox.StandardButton.Cancel).text() == "取消"
    finally:
        for tr in installed:
            qapp.removeTranslator(tr)
