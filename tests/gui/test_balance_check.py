"""The daily balance check at the Appraisal station, with the balance simulator on a pty:
one that passes (the station asks for each weight and reads it stable), one that fails and
blocks weighing for certification with the reason shown where the appraiser weighs, and
the Devices station's state and history."""

from __future__ import annotations

from decimal import Decimal

from app.ui import ops
from app.ui.appraisal.balance_check import DailyCheckDialog
from app.ui.devices.balance_checks import BalanceChecksDialog
from tests.gui.test_appraisal_screen import _screen, devices  # noqa: F401 - fixture
from tests.helpers import receive_one


def _run_check(qtbot, screen, sim, readings: list[str]) -> DailyCheckDialog:  # type: ignore[no-untyped-def]
    screen.weigh.daily_check()
    dialog = screen.weigh.check_dialog
    assert isinstance(dialog, DailyCheckDialog) and "E2-10G-0417" in dialog.prompt.text()
    for grams in readings:
        sim.scale.put(Decimal("0"))
        qtbot.waitUntil(
            lambda: dialog.last is not None and dialog.last.value == 0 and dialog.last.stable, timeout=5_000
        )
        dialog.read()  # the empty pan is not this weight: refused, nothing taken
        assert dialog.status.property("status") == "warn"
        sim.scale.put(Decimal(grams))
        qtbot.waitUntil(
            lambda g=grams: dialog.last is not None and dialog.last.stable and dialog.last.value == Decimal(g),
            timeout=5_000,
        )
        dialog.read()
    assert dialog.record_btn.isEnabled() and not dialog.read_btn.isEnabled()
    dialog.record()
    return dialog


def _lab(sqlite_people, ui_factory):  # type: ignore[no-untyped-def]
    """The people of tests.helpers (their balance had a passing check this morning) and the
    laboratory's two reference weights in the settings."""
    ui_factory(sqlite_people.appraiser).config.override(
        "reference_weights", "E2-10G-0417:E2:10:2026-05-16,E2-1G-0233:E2:1:2026-05-16"
    )
    return sqlite_people


def test_daily_check_that_passes(qtbot, ui_factory, sqlite_station, sqlite_people, devices) -> None:  # noqa: F811
    people = _lab(sqlite_people, ui_factory)
    screen = _screen(qtbot, ui_factory, people.appraiser, devices)
    qtbot.waitUntil(lambda: screen.weigh.check_state.property("status") == "ok", timeout=10_000)  # this morning's
    dialog = _run_check(qtbot, screen, devices.sim, ["10.0001", "1.0000"])
    qtbot.waitUntil(lambda: len(sqlite_station.balance_checks.history("B912345678")) == 2, timeout=10_000)
    qtbot.waitUntil(lambda: dialog.status.property("status") == "ok" and dialog.status.text() != "", timeout=10_000)
    state = sqlite_station.balance_checks.state("B912345678")
    assert state.state == "current"
    check = sqlite_station.balance_checks.history("B912345678")[0]
    assert check.passed and [w["reading_g"] for w in check.detail["weights"]] == ["10.0001", "1.0000"]
    qtbot.waitUntil(lambda: screen.weigh.check_state.property("status") == "ok", timeout=10_000)
    dialog.reject()
    # Devices station: the balance, its state and its history
    history = BalanceChecksDialog(ui_factory(people.supervisor))
    qtbot.addWidget(history)
    qtbot.waitUntil(lambda: history.history.rowCount() == 2, timeout=10_000)  # this morning's and this one
    assert history.balances.item(0, 0).text() == "B912345678" and history.balances.item(0, 1).text() == "检查有效"
    assert "E2-10G-0417" in history.history.item(0, 4).text()
    ops.wait_idle()
    screen.shutdown()


def test_daily_check_that_fails_blocks_weighing_for_certification(
    qtbot,
    ui_factory,
    sqlite_station,
    sqlite_people,
    devices,  # noqa: F811
) -> None:
    people = _lab(sqlite_people, ui_factory)
    item = receive_one(sqlite_station, people)
    screen = _screen(qtbot, ui_factory, people.appraiser, devices)
    dialog = _run_check(qtbot, screen, devices.sim, ["10.0004", "1.0000"])  # 0.0004 g > 0.00026 g
    qtbot.waitUntil(lambda: len(sqlite_station.balance_checks.history("B912345678")) == 2, timeout=10_000)
    qtbot.waitUntil(lambda: dialog.status.property("status") == "error", timeout=10_000)
    assert dialog.table.item(0, 4).text() in ("FAIL", "不合格") and dialog.table.item(1, 4).text() in ("Pass", "合格")
    assert sqlite_station.balance_checks.state("B912345678").state == "failed"
    dialog.reject()
    screen.open(item.tag)
    qtbot.waitUntil(lambda: screen.loaded is not None, timeout=10_000)
    devices.sim.scale.put(Decimal("2.3490"))
    qtbot.waitUntil(
        lambda: (
            screen.weigh.last is not None and screen.weigh.last.stable and screen.weigh.last.value == Decimal("2.3490")
        ),
        timeout=5_000,
    )
    screen.weigh.capture()
    qtbot.waitUntil(lambda: screen.weigh.status.property("status") == "error", timeout=10_000)
    assert "未通过" in screen.weigh.status.text()  # the reason, where the appraiser weighs
    assert "未通过" in screen.weigh.check_state.text() and screen.weigh.check_state.property("status") == "error"
    assert sqlite_station.appraisal.measurements(item.tag) == []
    ops.wait_idle()
    screen.shutdown()
