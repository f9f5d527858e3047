"""Signing keys at the Admin station: the key in use and its expiry are shown; a new key
replaces it (the old one is listed as retired); a weak passphrase is refused inside the
dialog; a key is retired only with a reason."""

from __future__ import annotations

import pytest

from app.core.signing_keys import KeyState


@pytest.fixture(autouse=True)
def chinese(qapp):  # type: ignore[no-untyped-def]
    from app.ui import i18n

    installed = i18n.install_translators(qapp, "zh_CN")
    yield
    for tr in installed:
        qapp.removeTranslator(tr)


@pytest.fixture
def panel(qtbot, ui_factory, sqlite_people):  # type: ignore[no-untyped-def]
    from app.ui.admin.screen import AdminScreen

    screen = AdminScreen(ui_factory(sqlite_people.admin))
    qtbot.addWidget(screen)
    screen.activated()
    qtbot.waitUntil(lambda: screen.keys_panel.summary.text() != "", timeout=10_000)
    yield screen.keys_panel  # the screen stays referenced (and alive) for the whole test


def _fill(passphrase: str, repeat: str | None = None, years_index: int | None = None):  # type: ignore[no-untyped-def]
    def answer(dialog) -> None:  # type: ignore[no-untyped-def]
        dialog.passphrase.setText(passphrase)
        dialog.repeat.setText(passphrase if repeat is None else repeat)
        if years_index is not None:
            dialog.validity.setCurrentIndex(years_index)
        dialog.buttons.accepted.emit()

    return answer


def test_create_rotate_and_retire_from_the_window(qtbot, panel, sqlite_station):
    assert "没有" in panel.summary.text() and panel.summary.property("status") == "error"
    panel.new_key(_fill("short"))
    from app.ui.admin.keys import NewKeyDialog

    dialog = panel.findChild(NewKeyDialog, "newKeyDialog")
    qtbot.waitUntil(lambda: "至少" in dialog.message.text(), timeout=10_000)  # refused inside the dialog, text kept
    assert dialog.isVisible() and dialog.passphrase.text() == "short"
    dialog.reject()
    dialog.deleteLater()

    panel.new_key(_fill("first passphrase", years_index=0))  # 1 year
    qtbot.waitUntil(lambda: len(panel.keys) == 1, timeout=10_000)
    first = panel.keys[0]
    assert first.state is KeyState.CURRENT and first.key_id in panel.summary.text()
    assert panel.table.item(0, 1).text() == "在用" and panel.table.item(0, 4).text() == "等待同步"
    assert "换用" in panel.new_button.text()

    panel.new_key(_fill("second passphrase"))
    qtbot.waitUntil(lambda: len(panel.keys) == 2, timeout=10_000)
    states = {k.key_id: k.state for k in panel.keys}
    assert states[first.key_id] is KeyState.RETIRED
    current = next(k for k in panel.keys if k.state is KeyState.CURRENT)
    assert current.key_id in panel.summary.text()

    panel.table.selectRow(next(i for i, k in enumerate(panel.keys) if k.key_id == current.key_id))
    from app.ui.admin.keys import RetireKeyDialog

    def empty_then_reason(dialog) -> None:  # type: ignore[no-untyped-def]
        dialog._submit()
        assert "原因" in dialog.message.text()  # no reason: refused, the dialog stays
        dialog.reason.setPlainText("主管离职")
        dialog._submit()

    panel.retire(empty_then_reason)
    qtbot.waitUntil(lambda: all(k.state is KeyState.RETIRED for k in panel.keys), timeout=10_000)
    assert panel.summary.property("status") == "error"
    assert not sqlite_station.certificates.has_key()
    assert not any(d.isVisible() for d in panel.findChildren(RetireKeyDialog))
