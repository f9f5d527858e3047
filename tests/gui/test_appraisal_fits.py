"""Issue 10: the jewellery and phone stations fit the station area of a 1366×768 window
(about 1140×650 px beside the navigation), in Chinese and English, also at 125 % scaling
(QT_SCALE_FACTOR=1.25 leaves 912×520 logical pixels): nothing needs a larger minimum."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtWidgets import QPushButton

from app.ui import i18n, style

AREA = (1140, 650)
SCALED = (int(AREA[0] / 1.25), int(AREA[1] / 1.25))


@pytest.fixture
def translated(qapp, request):  # type: ignore[no-untyped-def]
    """The language, with the application's own fonts and stylesheet (``style.apply``, as the
    program starts): without them every text measured smaller than staff see it."""
    font, sheet = qapp.font(), qapp.styleSheet()
    style.apply(qapp)
    installed = i18n.install_translators(qapp, request.param)
    yield request.param
    for tr in installed:
        QCoreApplication.removeTranslator(tr)  # type: ignore[arg-type]
    qapp.setStyleSheet(sheet)
    qapp.setFont(font)
    assert all(isinstance(t, QTranslator) for t in installed)


def _screens(ui):  # type: ignore[no-untyped-def]
    from app.ui.appraisal.screen import JewelryAppraisalScreen
    from app.ui.phone.screen import PhoneInspectionScreen

    return [JewelryAppraisalScreen(ui), PhoneInspectionScreen(ui)]


@pytest.mark.parametrize("translated", ["zh_CN", "en"], indirect=True)
def test_station_screens_fit(qtbot, ui_factory, sqlite_people, translated) -> None:  # type: ignore[no-untyped-def]
    ui = ui_factory(sqlite_people.appraiser)
    for screen in _screens(ui):
        qtbot.addWidget(screen)
        hint = screen.minimumSizeHint()
        name = type(screen).__name__
        assert hint.width() <= SCALED[0] and hint.height() <= SCALED[1], (name, translated, hint)
        screen.resize(*SCALED)
        screen.show()
        qtbot.waitExposed(screen)
        for button in screen.findChildren(QPushButton):
            if button.isVisible():
                right = button.mapTo(screen, button.rect().bottomRight())
                assert right.x() <= SCALED[0] + 1 and right.y() <= SCALED[1] + 1 or _in_scroll(button), (
                    name,
                    button.text(),
                )
        screen.shutdown()


def _in_scroll(widget) -> bool:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QScrollArea

    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea):
            return True
        parent = parent.parentWidget()
    return False
