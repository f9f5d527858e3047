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


def test_shared_words_are_translated_once():
    """A source text used by several stations is translated the same way everywhere, as the
    shared glossary (common_zh_CN.ts) says (before: 置零 and 清零 for the same Zero)."""
    assert i18n.COMMON_TS.exists()
    assert i18n.inconsistent() == []


def test_inconsistency_is_found(tmp_path, monkeypatch):
    # the check itself can fail: two files that disagree, and a shared word missing from the glossary
    ts = (
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n<TS version="2.1" language="zh_CN"><context>'
        "<name>{ctx}</name><message><source>Zero</source><translation>{zh}</translation></message>"
        "<message><source>Tare</source><translation>去皮</translation></message></context></TS>\n"
    )
    (tmp_path / "a_zh_CN.ts").write_text(ts.format(ctx="A", zh="置零"), encoding="utf-8")
    (tmp_path / "b_zh_CN.ts").write_text(ts.format(ctx="B", zh="清零"), encoding="utf-8")
    (tmp_path / "common_zh_CN.ts").write_text(
        ts.format(ctx="Common", zh="置零").replace(
            "<message><source>Tare</source><translation>去皮</translation></message>", ""
        ),
        encoding="utf-8",
    )
    monkeypatch.setattr(i18n, "I18N_DIR", tmp_path)
    monkeypatch.setattr(i18n, "COMMON_TS", tmp_path / "common_zh_CN.ts")
    problems = i18n.inconsistent()
    assert any("'Zero' is translated differently" in p for p in problems)
    assert any("'Tare'" in p and "translate it once" in p for p in problems)
    # update's fill from the glossary makes them agree
    assert i18n.fill(tmp_path / "b_zh_CN.ts", i18n.common_words(), plain_only=True) == 1
    assert not any("'Zero'" in p for p in i18n.inconsistent())


def test_the_glossary_is_loaded_with_every_station(qapp):
    from PySide6.QtCore import QCoreApplication

    installed = i18n.install_translators(qapp, "zh_CN")
    try:
        assert QCoreApplication.translate("Common", "Zero") == "置零"
        assert QCoreApplication.translate("WeighPanel", "Zero") == QCoreApplication.translate("DevicesScreen", "Zero")
    finally:
        for tr in installed:
            qapp.removeTranslator(tr)
