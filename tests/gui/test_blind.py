"""Blind appraisal at the Appraisal station: the merchant and the declaration are not on the
screen (the service never sent them) until the findings are saved; then the comparison is
revealed, and a red finding needs a justification as in the grading flow."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select

from app.store.models import AuditEntry
from app.ui import ops
from tests.gui.test_appraisal_screen import _pick, _screen, devices  # noqa: F401 - fixture
from tests.helpers import receive_one

WHY = "链条为后配，商家申报含原链，已核实"


def test_declaration_is_revealed_only_after_the_findings_are_saved(
    qtbot,
    ui_factory,
    sqlite_station,
    sqlite_people,
    devices,  # noqa: F811
) -> None:
    item = receive_one(sqlite_station, sqlite_people, line_id="L1")  # 18K gold pendant with a diamond, 2.35 g
    merchant = sqlite_station.items.find(item.tag).merchant_name
    assert merchant
    screen = _screen(qtbot, ui_factory, sqlite_people.appraiser2, devices)
    screen.open(item.tag)
    qtbot.waitUntil(lambda: screen.loaded is not None and screen.loaded.item.tag == item.tag, timeout=10_000)
    assert screen.loaded.blind and screen.loaded.item.declared == {} and screen.loaded.item.merchant_name is None
    assert merchant not in screen.item_label.text() and item.title not in screen.item_label.text()
    screen.weigh._record(Decimal("2.1000"), "g", None, True)  # 0.25 g lighter than declared
    qtbot.waitUntil(lambda: "mass" in screen.loaded.latest, timeout=10_000)
    _pick(screen.form.metal, "Au750")
    _pick(screen.form.material, "diamond")
    for view in ("front", "back", "hallmark", "detail"):
        screen.photos.take(view)
        qtbot.waitUntil(lambda v=view: v in screen.photos.taken, timeout=10_000)
    # Still blind: nothing to compare with, so no red finding is shown
    assert "2.35" not in screen.findings.text() and not screen.justification.isVisible()
    screen.grade_pass()  # saves the findings blind; the pass is refused for the red finding now revealed
    qtbot.waitUntil(lambda: screen.loaded is not None and not screen.loaded.blind, timeout=10_000)
    qtbot.waitUntil(lambda: screen.justification.isVisible(), timeout=10_000)
    assert merchant in screen.item_label.text()
    assert screen.loaded.item.declared and "总质量" in screen.findings.text()
    assert screen.findings.property("status") == "error" and screen.message.property("status") == "error"
    assert sqlite_station.items.find(item.tag).state == "in_appraisal"
    screen.justification.setPlainText(WHY)
    screen.grade_pass()
    qtbot.waitUntil(lambda: sqlite_station.items.find(item.tag).state == "in_review", timeout=10_000)
    with sqlite_station.db.read() as s:
        audits = list(s.execute(select(AuditEntry).where(AuditEntry.entity_id == item.tag)).scalars())
    blind = [a for a in audits if a.action == "record_blind_findings"]
    graded = [a for a in audits if a.action == "record_grading"]
    assert len(blind) == 1 and blind[0].detail["made_blind"] is True
    assert graded[-1].detail["findings_made_blind"] is True and graded[-1].detail["red_findings"]
    ops.wait_idle()
    screen.shutdown()


def test_fail_saves_blind_findings_then_opens_the_reject_dialog(
    qtbot,
    ui_factory,
    sqlite_station,
    sqlite_people,
    devices,  # noqa: F811
) -> None:
    item = receive_one(sqlite_station, sqlite_people, line_id="L1")
    screen = _screen(qtbot, ui_factory, sqlite_people.appraiser2, devices)
    screen.open(item.tag)
    qtbot.waitUntil(lambda: screen.loaded is not None and screen.loaded.blind, timeout=10_000)
    screen.weigh._record(Decimal("2.1000"), "g", None, True)
    qtbot.waitUntil(lambda: "mass" in screen.loaded.latest, timeout=10_000)
    _pick(screen.form.metal, "Au585")
    _pick(screen.form.material, "diamond")
    screen.grade_fail()
    qtbot.waitUntil(lambda: screen._dialog is not None, timeout=10_000)
    assert not screen.loaded.blind and screen.evaluation is not None
    assert screen.evaluation.reason_code == "not_as_declared"  # the dialog's reason comes from the revealed comparison
    screen._dialog.accept()
    qtbot.waitUntil(lambda: sqlite_station.items.find(item.tag).state == "rejected", timeout=10_000)
    ops.wait_idle()
    screen.shutdown()
