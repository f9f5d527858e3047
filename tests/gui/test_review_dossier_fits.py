"""A dossier with its four photos must not widen the review station past a 1366x768 screen
(found by the acceptance suite: the window grew to 1535 px when a piece was opened)."""

from __future__ import annotations

from tests.gui.test_review_red_findings import _light_pendant_in_review
from tests.gui.test_review_screen import _open, _screen

# 1366 px at 125 % is 1092 logical px; the station list takes about 190 of them.
ROOM = 900


def test_opening_a_dossier_keeps_the_review_station_within_the_screen(
    qtbot, ui_factory, sqlite_station, sqlite_people
) -> None:  # type: ignore[no-untyped-def]
    tag = _light_pendant_in_review(sqlite_station, sqlite_people)
    screen = _screen(qtbot, ui_factory, sqlite_people.supervisor)
    _open(qtbot, screen, tag, "in_review")
    assert len(screen.dossier.findChildren(type(screen.dossier.heading), "photo_front")) == 1
    assert screen.minimumSizeHint().width() <= ROOM, screen.minimumSizeHint()
