"""At the first log-in with a password an administrator gave, the person chooses their own."""

from __future__ import annotations

from app.ui.setup.password import ChangePasswordDialog
from tests.helpers import PASSWORD


def test_the_dialog_changes_the_password_and_says_why_it_refuses(qtbot, sqlite_station, sqlite_people):
    users = sqlite_station.users
    dialog = ChangePasswordDialog(sqlite_station, sqlite_people.clerk)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.current.setText(PASSWORD)
    dialog.new.setText("my-own-pass-9")
    dialog.repeat.setText("my-own-pass-8")
    dialog.change()
    assert dialog.message.text() and dialog.isVisible()
    dialog.current.setText("wrong one")
    dialog.repeat.setText("my-own-pass-9")
    dialog.change()
    qtbot.waitUntil(lambda: "原密码错误" in dialog.message.text(), timeout=10_000)
    dialog.current.setText(PASSWORD)
    dialog.change()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10_000)
    assert not users.password_change_due(sqlite_people.clerk)
