"""The jewellery appraisal screen driven with the balance simulator on a pty pair and the
synthetic camera, all in-process."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace

import pytest

from app.devices.balance import SerialBalance
from app.devices.camera import Camera
from app.devices.sim.scale import ScaleSimulator
from app.services.balance_checks import QualityPolicy
from app.ui import ops
from app.ui.appraisal.screen import JewelryAppraisalScreen
from tests.helpers import receive_one

SHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


@pytest.fixture
def devices():  # type: ignore[no-untyped-def]
    sim = ScaleSimulator("mt-sics", settle_s=0.3, seed=7)
    sim.scale.put(Decimal("0"))
    sim.start()
    balance = SerialBalance(sim.path, "mt-sics", resolver=lambda: sim.path)
    camera = Camera("simulated", width=640, height=480)
    yield SimpleNamespace(balance=balance, camera=camera, sim=sim)
    camera.stop()
    balance.close()
    sim.stop()


def _pick(combo, code) -> None:  # type: ignore[no-untyped-def]
    combo.setCurrentIndex(combo.findData(code))


def _screen(qtbot, ui_factory, actor, devices=None):  # type: ignore[no-untyped-def]
    ui = ui_factory(actor)
    ui.devices = devices
    screen = JewelryAppraisalScreen(ui)
    qtbot.addWidget(screen)
    screen.resize(1400, 900)
    screen.show()
    screen.activated()
    return screen


def test_scan_weigh_photograph_grade_and_pass(qtbot, ui_factory, sqlite_station, sqlite_people, devices) -> None:
    item = receive_one(sqlite_station, sqlite_people)
    screen = _screen(qtbot, ui_factory, sqlite_people.appraiser, devices)
    assert not screen.handle_scan("hello")
    assert screen.handle_scan(item.tag)
    qtbot.waitUntil(lambda: screen.loaded is not None, timeout=10_000)
    assert sqlite_station.items.find(item.tag).state == "in_appraisal"
    # the load settles: UNSTABLE first, then STABLE; the key captures the stable value
    devices.sim.scale.put(Decimal("2.3490"))
    # wait for a real unstable reading of the new load, not the widget's initial state
    qtbot.waitUntil(
        lambda: (
            screen.weigh.last is not None
            and not screen.weigh.last.stable
            and screen.weigh.stable.property("stable") == "no"
        ),
        timeout=5_000,
    )
    screen.weigh.capture()
    assert "STABLE" in screen.weigh.status.text() or "稳定" in screen.weigh.status.text()
    # wait for the settled new load itself (an unstable reading may still show the old value)
    qtbot.waitUntil(
        lambda: screen.weigh.stable.property("stable") == "yes" and screen.weigh.value_g.text() == "2.3490 g",
        timeout=5_000,
    )
    assert screen.weigh.value_ct.text() == "11.745 ct"
    screen.weigh.capture()
    qtbot.waitUntil(lambda: "mass" in (screen.loaded.latest if screen.loaded else {}), timeout=10_000)
    mass = sqlite_station.appraisal.latest_measurements(item.tag)["mass"]
    assert (mass.value, mass.source, mass.device["serial"]) == (Decimal("2.3490"), "device", "B912345678")
    # the form names the piece live
    _pick(screen.form.metal, "Au750")
    _pick(screen.form.material, "diamond")
    assert screen.form.name_label.text() == "18K金镶钻石吊坠"
    assert screen.photos.missing() == ["front", "back", "hallmark", "detail"]
    screen.grade_pass()  # refused: photos missing
    qtbot.waitUntil(lambda: "缺少照片" in screen.message.text(), timeout=10_000)
    for view in ("front", "back", "hallmark", "detail"):
        screen.photos.take(view)
        qtbot.waitUntil(lambda v=view: v in screen.photos.taken, timeout=10_000)
    assert screen.photos.missing() == []
    screen.grade_pass()
    qtbot.waitUntil(lambda: sqlite_station.items.find(item.tag).state == "in_review", timeout=10_000)
    assert sqlite_station.appraisal.latest_grading(item.tag).name == "18K金镶钻石吊坠"
    ops.wait_idle()
    screen.shutdown()


def test_auto_capture_and_mismatch_shown(qtbot, ui_factory, sqlite_station, sqlite_people, devices) -> None:
    # Not blind (blind appraisal withholds the declaration until the findings are saved: test_blind.py)
    sqlite_station.appraisal.policy = QualityPolicy("refuse", frozenset())
    item = receive_one(sqlite_station, sqlite_people)
    screen = _screen(qtbot, ui_factory, sqlite_people.appraiser, devices)
    screen.open(item.tag)
    qtbot.waitUntil(lambda: screen.loaded is not None, timeout=10_000)
    screen.weigh.auto.setChecked(True)
    devices.sim.scale.put(Decimal("2.1000"))  # declared 2.35 g
    qtbot.waitUntil(lambda: "mass" in (screen.loaded.latest if screen.loaded else {}), timeout=10_000)
    _pick(screen.form.metal, "Au585")
    _pick(screen.form.material, "diamond")
    assert "申报" in screen.findings.text() and screen.findings.property("status") == "error"
    assert screen.evaluation.reason_code == "not_as_declared"
    ops.wait_idle()
    screen.shutdown()


def test_manual_entry_needs_the_grant(qtbot, ui_factory, sqlite_station, sqlite_people) -> None:
    item = receive_one(sqlite_station, sqlite_people)
    plain = _screen(qtbot, ui_factory, sqlite_people.appraiser)
    assert not plain.weigh.manual_btn.isEnabled()
    granted = _screen(qtbot, ui_factory, sqlite_people.appraiser2)
    assert granted.weigh.manual_btn.isEnabled()
    granted.open(item.tag)
    qtbot.waitUntil(lambda: granted.loaded is not None, timeout=10_000)
    granted.weigh._record(Decimal("2.35"), "g", None, True)
    qtbot.waitUntil(lambda: "mass" in (granted.loaded.latest if granted.loaded else {}), timeout=10_000)
    assert sqlite_station.appraisal.latest_measurements(item.tag)["mass"].source == "manual"
    # even if the button were pressed, the operation refuses a typed mass from the plain appraiser
    plain.open(item.tag)
    qtbot.waitUntil(lambda: plain.loaded is not None, timeout=10_000)
    plain.weigh._record(Decimal("-1"), "g", None, True)
    qtbot.waitUntil(lambda: plain.weigh.status.property("status") == "error", timeout=10_000)


def test_clerk_cannot_open_for_appraisal(qtbot, ui_factory, sqlite_station, sqlite_people) -> None:
    item = receive_one(sqlite_station, sqlite_people)
    screen = _screen(qtbot, ui_factory, sqlite_people.clerk)
    screen.open(item.tag)
    qtbot.waitUntil(lambda: screen.message.property("status") == "error", timeout=10_000)
    assert "无权" in screen.message.text()
    assert sqlite_station.items.find(item.tag).state == "received"
