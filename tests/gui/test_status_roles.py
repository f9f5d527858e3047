"""Names listed in running text use the person's language's separator: an English status bar
read "李鉴定 (Appraiser、Manual entry allowed)" under Xvfb."""

from __future__ import annotations

import pytest

from app.ui.i18n import join_list


def test_join_list_by_language() -> None:
    assert join_list(["鉴定师", "主管"], True) == "鉴定师、主管"
    assert join_list(["Appraiser", "Supervisor"], False) == "Appraiser, Supervisor"
    assert join_list([], False) == ""


@pytest.mark.parametrize(("lang", "sep"), [("en", ", "), ("zh_CN", "、")])
def test_the_status_bar_lists_roles_in_the_window_language(qtbot, ui_factory, sqlite_people, lang, sep) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QLabel

    from app.core.roles import Actor, Role
    from app.ui.shell import MainWindow

    admin = sqlite_people.admin
    actor = Actor(admin.user_id, admin.username, admin.display_name, frozenset({Role.APPRAISER, Role.SUPERVISOR}))
    window = MainWindow(ui_factory(actor, lang))
    qtbot.addWidget(window)
    text = window.findChild(QLabel, "statusUser").text()
    other = "、" if sep == ", " else ", "
    assert sep in text and other not in text, text
