"""The intake, dispatch and review screens fit the station area of a 1366x768 window
(about 1140x650) in Chinese and English, also at QT_SCALE_FACTOR=1.25 (where that area
is 912x520 logical pixels): their minimum size hints say so."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from app.ui import i18n, style

AREA = (1140, 650)
SCALE = 1.25
LIMIT = (int(AREA[0] / SCALE), int(AREA[1] / SCALE))


@pytest.fixture(params=["zh_CN", "en"])
def lang(request, qapp):  # type: ignore[no-untyped-def]
    style.apply(qapp)
    installed = i18n.install_translators(qapp, request.param)
    yield request.param
    for tr in installed:
        QApplication.instance().removeTranslator(tr)


def _screen(name: str, ui):  # type: ignore[no-untyped-def]
    if name == "intake":
        from app.ui.intake.screen import IntakeScreen

        return IntakeScreen(ui)
    if name == "dispatch":
        from app.ui.dispatch.screen import DispatchScreen

        return DispatchScreen(ui)
    from app.ui.review.screen import ReviewScreen

    return ReviewScreen(ui)


@pytest.mark.parametrize("name", ["intake", "dispatch", "review"])
def test_screen_fits_1366x768_at_125_percent(qtbot, ui_factory, sqlite_people, lang, name):  # type: ignore[no-untyped-def]
    screen = _screen(name, ui_factory(sqlite_people.supervisor, lang))
    qtbot.addWidget(screen)
    for button in getattr(screen, "buttons", {}).values():
        button.setVisible(True)  # every action at once: the widest the screen gets
    screen.show()
    hint = screen.minimumSizeHint()
    assert hint.width() <= LIMIT[0] and hint.height() <= LIMIT[1], (name, lang, hint.toTuple())
    screen.resize(*LIMIT)
    QApplication.processEvents()
    for button in getattr(screen, "buttons", {}).values():  # nothing cut off at that size
        assert button.width() >= button.minimumSizeHint().width(), button.text()
