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
