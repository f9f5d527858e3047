"""The English interface (a second start of the same workstation) on a 1366x768 screen."""

from __future__ import annotations

from tests.acceptance.conftest import Session
from tests.acceptance.fit import check_stations_fit


def test_window_and_every_station_fit_1366x768_in_english(supervisor_en: Session) -> None:
    check_stations_fit(supervisor_en, "en")
