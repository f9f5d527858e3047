"""Recording an outside laboratory's calibration at the Devices station's balance history:
a supervisor may; an appraiser sees the form disabled and the service refuses anyway."""

from __future__ import annotations

from PySide6.QtCore import QDate

from app.ui import ops
from app.ui.devices.balance_checks import BalanceChecksDialog


def _dialog(qtbot, ui_factory, actor) -> BalanceChecksDialog:  # type: ignore[no-untyped-def]
    dialog = BalanceChecksDialog(ui_factory(actor))
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.history.rowCount() == 1, timeout=10_000)  # this morning's daily check
    return dialog


def test_supervisor_records_a_calibration(qtbot, ui_factory, sqlite_station, sqlite_people) -> None:
    dialog = _dialog(qtbot, ui_factory, sqlite_people.supervisor)
    dialog.lab.setText("市计量测试院")
    dialog.cert_no.setText("JL2026-0042")
    today = QDate.currentDate()
    dialog.calibrated_on.setDate(today.addDays(-400))
    dialog.due.setDate(today.addDays(-35))  # already past due
    dialog.record_calibration()
    qtbot.waitUntil(lambda: dialog.history.rowCount() == 2, timeout=10_000)
    state = sqlite_station.balance_checks.state("B912345678")
    assert state.state == "calibration_overdue" and state.blocking
    assert dialog.balances.item(0, 1).text() == "外部校准已过期"
    cal = sqlite_station.balance_checks.history("B912345678")[0]
    assert (cal.kind, cal.model, cal.detail["certificate_no"]) == ("calibration", "XPR204", "JL2026-0042")
    ops.wait_idle()


def test_calibration_needs_the_lab_and_is_for_supervisors(qtbot, ui_factory, sqlite_station, sqlite_people) -> None:
    dialog = _dialog(qtbot, ui_factory, sqlite_people.supervisor)
    dialog.record_calibration()  # no lab, no certificate number
    qtbot.waitUntil(lambda: dialog.status.property("status") == "error", timeout=10_000)
    assert len(sqlite_station.balance_checks.history("B912345678")) == 1
    appraiser = _dialog(qtbot, ui_factory, sqlite_people.appraiser)
    assert not appraiser.calibration_btn.isEnabled() and not appraiser.lab.isEnabled()
    ops.wait_idle()
