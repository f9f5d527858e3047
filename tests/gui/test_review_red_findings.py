"""Issue 10: the reviewer sees every red finding and the appraiser's justification in the
dossier and ticks each before approving; without the ticks the operation refuses."""

from __future__ import annotations

from decimal import Decimal as D

from app.core.grading import GradingResult
from app.ui import ops
from tests.gui.test_review_screen import _open, _screen
from tests.helpers import receive_one
from tests.services.test_review_support import SCALE, pendant, photo

WHY = "商家申报含另配链条，链条未随件寄出，已与商家核实"


def _light_pendant_in_review(station, people) -> str:  # type: ignore[no-untyped-def]
    tag = receive_one(station, people, line_id="L1", asn="ASN-20261121-990001", waybill="SF7799000000001").tag
    station.appraisal.start(people.appraiser, tag)
    station.appraisal.record_measurement(people.appraiser, tag, "mass", D("2.1000"), "g", device=SCALE)
    for i, view in enumerate(("front", "back", "hallmark", "detail")):
        station.photos.attach(people.appraiser, photo(i + 90), view, tag=tag, device={"type": "camera"})
    light = pendant()
    light = type(light)(piece=light.piece, metal=light.metal, main_stone=light.main_stone, total_mass_g=D("2.1"))
    station.appraisal.record_grading(
        people.appraiser, tag, GradingResult("jewelry", "pass", jewelry=light, justification=WHY)
    )
    return tag


def test_dossier_shows_red_findings_and_approve_needs_every_tick(
    qtbot, ui_factory, sqlite_station, sqlite_people
) -> None:  # type: ignore[no-untyped-def]
    tag = _light_pendant_in_review(sqlite_station, sqlite_people)
    screen = _screen(qtbot, ui_factory, sqlite_people.supervisor)
    _open(qtbot, screen, tag, "in_review")
    d = screen.dossier
    assert d.red_box.isVisible() and list(d.red_checks) == ["total_mass_differs"]
    assert "总质量" in d.red_checks["total_mass_differs"].text() and WHY in d.justification.text()
    screen.buttons["approve"].click()  # nothing ticked: refused by the operation, shown on screen
    ops.wait_idle()
    qtbot.waitUntil(lambda: "确认" in screen.status.text(), timeout=10_000)
    assert sqlite_station.items.find(tag).state == "in_review"
    d.red_checks["total_mass_differs"].setChecked(True)
    screen.buttons["approve"].click()
    qtbot.waitUntil(lambda: sqlite_station.items.find(tag).state == "approved", timeout=10_000)
    ops.wait_idle()


def test_dossier_names_people_and_shows_local_time(qtbot, ui_factory, sqlite_station, sqlite_people) -> None:  # type: ignore[no-untyped-def]
    # People by display name, times at the warehouse (Asia/Shanghai), never usernames and UTC.
    from app.core.clock import format_local

    tag = _light_pendant_in_review(sqlite_station, sqlite_people)
    screen = _screen(qtbot, ui_factory, sqlite_people.supervisor)
    _open(qtbot, screen, tag, "in_review")
    from PySide6.QtWidgets import QLabel

    grading = sqlite_station.appraisal.latest_grading(tag)
    texts = [w.text() for w in screen.dossier.findChildren(QLabel)]
    revision = next(t for t in texts if format_local(grading.graded_at, "Asia/Shanghai") in t)
    appraiser = sqlite_people.appraiser
    assert appraiser.display_name in revision and f"· {appraiser.username} ·" not in revision
    assert format_local(grading.graded_at, "Asia/Shanghai") in revision
    measured = [screen.dossier.measures.item(0, j).text() for j in range(screen.dossier.measures.columnCount())]
    assert appraiser.display_name in measured and appraiser.username not in measured
