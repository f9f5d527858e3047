"""Re-inspection at the Cases station with the station's own devices: the balance simulator and
the inspection box simulator on pty pairs, the camera reading an image folder. The mass, the
photos and the box report are captured from the devices by the screen (never passed in by the
test), compared with the certified fingerprint and sent up with the case through the reference
platform. A swap, a same-piece return, a phone warranty claim whose defect the box reproduces,
and the balance that may not be used."""

# ruff: noqa: F811 - the platform and engine fixtures are imported from the cases screen tests
from __future__ import annotations

import copy
from collections.abc import Iterator
from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace

import pytest
from PySide6.QtCore import Qt

from app.core.clock import utcnow
from app.devices.balance import SerialBalance
from app.devices.box import InspectionBox
from app.devices.camera import Camera
from app.devices.sim.box import BoxSimulator
from app.devices.sim.scale import ScaleSimulator
from app.store.models import BalanceCheck
from app.ui import ops
from tests.gui.test_cases_screen import (  # noqa: F401  # noqa: F401 - fixtures
    TOKEN,
    _push_all,
    choose,
    engine,
    platform,
    screen_for,
    settle,
)
from tests.helpers import receive_one
from tests.services.case_helpers import case
from tests.services.test_dispatch_support import _issuer, certify, piece_photo
from tests.services.test_inspection_support import GOOD_IMEI, GOOD_IMEI2, good_report
from tests.services.test_review_support import approved


@pytest.fixture
def rig(tmp_path: Path) -> Iterator[SimpleNamespace]:
    """A balance on a pty (mt-sics, serial B912345678: checked this morning in the test people)
    and a camera reading the folder ``tmp_path/camera`` (the test puts the piece there)."""
    sim = ScaleSimulator("mt-sics", settle_s=0.2, seed=11)
    sim.scale.put(Decimal("0"))
    sim.start()
    balance = SerialBalance(sim.path, "mt-sics", resolver=lambda: sim.path)
    folder = tmp_path / "camera"
    folder.mkdir()
    camera = Camera(str(folder), width=640, height=480)
    boxes: list[tuple[BoxSimulator, InspectionBox]] = []
    ns = SimpleNamespace(sim=sim, balance=balance, camera=camera, folder=folder, boxes=boxes)
    yield ns
    ops.wait_idle(5_000)
    camera.stop()
    balance.close()
    sim.stop()
    for bsim, box in boxes:
        box.close()
        bsim.stop()


def _inspector(
    qtbot,
    ui_factory,
    actor,
    rig,
    case_id: str,
    lang: str = "zh_CN",
    box=None,  # type: ignore[no-untyped-def]
    image: bytes | None = None,
):
    """The inspector's Cases screen with the devices; ``image`` is what is in front of the camera."""
    from app.ui.cases.screen import CasesScreen

    (rig.folder / "piece.jpg").write_bytes(image or piece_photo(5))

    ui = ui_factory(actor, lang)
    ui.devices = SimpleNamespace(balance=rig.balance, camera=rig.camera, box=box)
    ui.phone_wait_s = 3.0
    screen = CasesScreen(ui)
    qtbot.addWidget(screen)
    screen.resize(1366, 700)
    screen.show()
    screen.activated()
    screen.open_case(case_id)
    settle(qtbot, screen)
    screen.start_btn.click()
    settle(qtbot, screen)
    assert screen.case.state == "inspecting", screen.banner.text.text()
    return screen


def _receive(qtbot, ui_factory, people, waybill: str) -> None:  # type: ignore[no-untyped-def]
    clerk = screen_for(qtbot, ui_factory, people.clerk)
    clerk.handle_scan(waybill)
    settle(qtbot, clerk)
    assert clerk.case is not None and clerk.case.state == "received", clerk.banner.text.text()


def _weigh(qtbot, screen, rig, grams: str) -> None:  # type: ignore[no-untyped-def]
    panel = screen.reinspect
    rig.sim.scale.put(Decimal(grams))
    qtbot.waitUntil(
        lambda: (
            panel.weigh_panel.last is not None
            and panel.weigh_panel.last.stable
            and panel.weigh_panel.last.value == Decimal(grams)
        ),
        timeout=8_000,
    )
    qtbot.mouseClick(panel.weigh_panel.weigh_btn, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.weigh_panel.mass is not None, timeout=8_000)


def _photograph(qtbot, screen, view: str = "front") -> None:  # type: ignore[no-untyped-def]
    panel = screen.reinspect
    qtbot.waitUntil(lambda: view in panel.photo_panel.view_buttons, timeout=8_000)  # the certified views, loaded
    qtbot.mouseClick(panel.photo_panel.view_buttons[view], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view in panel.photo_panel.photos, timeout=10_000)
    assert panel.photo_panel.thumbs[view].pixmap() is not None and not panel.photo_panel.thumbs[view].pixmap().isNull()


def _compare(qtbot, screen) -> None:  # type: ignore[no-untyped-def]
    assert screen.reinspect.compare_btn.isEnabled()
    qtbot.mouseClick(screen.reinspect.compare_btn, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.comparison is not None or screen.banner.status == "error", timeout=20_000)
    assert screen.comparison is not None, screen.banner.text.text()
    assert screen.comparison_view.table.rowCount() == len(screen.comparison.findings) >= 1


def _decide(qtbot, ui_factory, people, case_id: str, decision: str, reason: str):  # type: ignore[no-untyped-def]
    boss = screen_for(qtbot, ui_factory, people.supervisor)
    boss.open_case(case_id)
    settle(qtbot, boss)
    choose(boss.decision, decision)
    choose(boss.reason_code, reason)
    boss.decide_btn.click()
    settle(qtbot, boss)
    assert boss.case.state == "decided", boss.banner.text.text()
    return boss.case


def _jewel_case(st, p, platform, engine, case_id: str) -> str:  # type: ignore[no-untyped-def]  # noqa: F811
    item = receive_one(st, p)
    cert = certify(st, p, item.tag, photo_seed=41)  # 2.3490 g on B912345678, front = piece_photo(41)
    platform.store.put_case(
        {**case(item.tag, case_id=case_id, kind="buyer_return", warehouse=st.ctx.warehouse_id), "certificate_no": cert}
    )
    engine.pull()
    return item.tag


def test_a_swap_weighed_and_photographed_at_the_station(
    qtbot,
    ui_factory,
    sqlite_station,
    sqlite_people,  # noqa: F811
    platform,
    engine,
    rig,
) -> None:  # type: ignore[no-untyped-def]
    st, p = sqlite_station, sqlite_people
    _jewel_case(st, p, platform, engine, "CASE-DEV-SWAP")
    _receive(qtbot, ui_factory, p, "SF5550001112223")
    insp = _inspector(
        qtbot, ui_factory, p.supervisor2, rig, "CASE-DEV-SWAP", image=piece_photo(77, angle=4)
    )  # another piece in front of the camera
    panel = insp.reinspect
    qtbot.waitUntil(
        lambda: set(panel.photo_panel.view_buttons) == {"front", "back", "hallmark", "detail"}, timeout=8_000
    )
    assert not panel.box_panel.isVisibleTo(insp)  # a pendant: no box
    assert not panel.compare_btn.isEnabled()  # nothing captured yet
    # the pan still moving is not taken
    rig.sim.scale.put(Decimal("2.0490"))
    qtbot.waitUntil(lambda: panel.weigh_panel.last is not None and not panel.weigh_panel.last.stable, timeout=8_000)
    panel.weigh_panel.weigh()
    assert panel.weigh_panel.mass is None and panel.status.property("status") == "warn"
    _weigh(qtbot, insp, rig, "2.0490")  # a cheaper copy, 0.3 g lighter
    assert panel.weigh_panel.mass[0] == Decimal("2.0490") and panel.weigh_panel.mass[1] > 0
    assert insp.reinspect.weigh_panel.balance_state.property("status") == "ok"  # this morning's check
    _photograph(qtbot, insp)
    _compare(qtbot, insp)
    cmp = insp.comparison
    assert cmp.same_piece == "no"
    assert {f.field: f.verdict for f in cmp.findings}["mass_g"] == "different"
    assert insp.same_piece.currentData() == "no"
    assert "NOT" in insp.comparison_view.proposal.text() or "不是" in insp.comparison_view.proposal.text()
    insp.inspect_btn.click()
    settle(qtbot, insp)
    assert insp.case.state == "inspected", insp.banner.text.text()
    _decide(qtbot, ui_factory, p, "CASE-DEV-SWAP", "upheld", "not_same_piece")
    _push_all(engine, st, platform)
    inspected = [e for e in platform.store.events() if e["type"] == "case.inspected"][0]
    found = {f["field"]: f["found"] for f in inspected["payload"]["findings"]}
    assert Decimal(str(found["mass_g"])) == Decimal("2.0490")  # the balance's reading, not the test's
    assert inspected["payload"]["same_piece"] == "no"
    assert len(inspected["blobs"]) >= 2 and all(platform.store.has_blob(b) for b in inspected["blobs"])
    insp.shutdown()


def test_the_same_piece_returned_in_english(
    qtbot,
    ui_factory,
    sqlite_station,
    sqlite_people,  # noqa: F811
    platform,
    engine,
    rig,
) -> None:  # type: ignore[no-untyped-def]
    st, p = sqlite_station, sqlite_people
    _jewel_case(st, p, platform, engine, "CASE-DEV-SAME")
    _receive(qtbot, ui_factory, p, "SF5550001112223")
    insp = _inspector(
        qtbot, ui_factory, p.supervisor2, rig, "CASE-DEV-SAME", lang="en_US", image=piece_photo(41, angle=6, light=12)
    )  # the same piece, turned, brighter
    _weigh(qtbot, insp, rig, "2.3490")
    _photograph(qtbot, insp)
    _compare(qtbot, insp)
    assert insp.comparison.same_piece == "yes", insp.comparison.findings
    assert insp.same_piece.currentData() == "yes"
    assert insp.comparison_view.proposal.text() == "Proposed: the same piece as certified"
    insp.inspect_btn.click()
    settle(qtbot, insp)
    assert insp.case.state == "inspected", insp.banner.text.text()
    v = _decide(qtbot, ui_factory, p, "CASE-DEV-SAME", "denied", "as_certified")
    assert v.proposed_same_piece == "yes"
    _push_all(engine, st, platform)
    insp.shutdown()


def test_a_balance_whose_check_is_not_current_is_not_used(
    qtbot,
    ui_factory,
    sqlite_station,
    sqlite_people,  # noqa: F811
    platform,
    engine,
    rig,
) -> None:  # type: ignore[no-untyped-def]
    st, p = sqlite_station, sqlite_people
    _jewel_case(st, p, platform, engine, "CASE-DEV-CHECK")
    _receive(qtbot, ui_factory, p, "SF5550001112223")
    with st.db.transaction() as s:  # this morning's check becomes yesterday's
        for row in s.query(BalanceCheck).all():
            row.performed_at = row.performed_at - timedelta(days=3)
            if getattr(row, "valid_until", None) is not None:
                row.valid_until = row.valid_until - timedelta(days=3)
    insp = _inspector(qtbot, ui_factory, p.supervisor2, rig, "CASE-DEV-CHECK", lang="en_US")
    panel = insp.reinspect
    rig.sim.scale.put(Decimal("2.3490"))
    qtbot.waitUntil(
        lambda: (
            panel.weigh_panel.last is not None
            and panel.weigh_panel.last.stable
            and panel.weigh_panel.last.value == Decimal("2.3490")
        ),
        timeout=8_000,
    )
    qtbot.waitUntil(lambda: panel.weigh_panel.balance_state.property("status") == "error", timeout=8_000)
    qtbot.mouseClick(panel.weigh_panel.weigh_btn, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.status.property("status") == "error", timeout=8_000)
    assert panel.weigh_panel.mass is None and "not taken" in panel.status.text()
    insp.shutdown()


def test_no_balance_configured_says_so(
    qtbot,
    ui_factory,
    sqlite_station,
    sqlite_people,  # noqa: F811
    platform,
    engine,
    rig,
) -> None:  # type: ignore[no-untyped-def]
    st, p = sqlite_station, sqlite_people
    _jewel_case(st, p, platform, engine, "CASE-DEV-NOBAL")
    _receive(qtbot, ui_factory, p, "SF5550001112223")
    rig.balance_saved, rig.balance = rig.balance, None
    try:
        insp = _inspector(qtbot, ui_factory, p.supervisor2, rig, "CASE-DEV-NOBAL", lang="en_US")
        panel = insp.reinspect
        assert panel.weigh_panel.balance_state.text() == "No balance is configured at this station"
        assert not panel.weigh_panel.weigh_btn.isEnabled()
        panel.weigh_panel.weigh()
        assert "No balance" in panel.status.text() and panel.weigh_panel.mass is None
        insp.shutdown()
    finally:
        rig.balance = rig.balance_saved


def test_phone_warranty_claim_with_the_box(
    qtbot,
    ui_factory,
    sqlite_station,
    sqlite_people,  # noqa: F811
    platform,
    engine,
    rig,
) -> None:  # type: ignore[no-untyped-def]
    st, p = sqlite_station, sqlite_people
    tag = approved(st, p, kind="phone")
    cert = st.certificates.issue(p.supervisor, tag, _issuer(st, p)).certificate_no
    platform.store.put_case(
        {
            **case(
                tag, case_id="CASE-DEV-W", warehouse=st.ctx.warehouse_id, opened_at=utcnow(), statement="屏幕触控失灵"
            ),
            "certificate_no": cert,
        }
    )
    engine.pull()
    _receive(qtbot, ui_factory, p, "SF5550001112223")
    # the box sees the phone that was certified (its report: screen replaced), whose touch now fails
    sim = BoxSimulator("iphone13", session_s=0.6, prompt_timeout_s=5.0)
    certified = good_report()
    sim.phone["identity"].update(imei=GOOD_IMEI, imei2=GOOD_IMEI2)
    sim.phone["parts"] = copy.deepcopy(certified["parts"])
    sim.phone["parts"][0]["status"] = "replaced"
    sim.phone["failing"] = {"touch": "dead zone lower left"}
    sim.start()
    box = InspectionBox(sim.path, resolver=lambda: sim.path, keepalive_s=0.3, detach_grace_s=0.5)
    rig.boxes.append((sim, box))
    insp = _inspector(qtbot, ui_factory, p.appraiser2, rig, "CASE-DEV-W", box=box)
    panel = insp.reinspect
    assert panel.box_panel.isVisibleTo(insp)
    assert not insp.reproduced.isChecked()
    qtbot.mouseClick(panel.box_panel.box_btn, Qt.MouseButton.LeftButton)
    for _ in range(2):  # display and buttons: the inspector answers at the panel
        qtbot.waitUntil(lambda: panel.box_panel.prompt_panel.pending, timeout=10_000)
        qtbot.keyClick(panel.box_panel.prompt_panel, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: panel.box_panel.report is not None or panel.box_panel.box_status.property("status") == "error",
        timeout=15_000,
    )
    assert panel.box_panel.report is not None, panel.box_panel.box_status.text()
    assert insp.reproduced.isChecked()  # touch failed: the claimed screen defect reproduced
    assert "触控" in panel.box_panel.box_status.text() or "touch" in panel.box_panel.box_status.text()
    _compare(qtbot, insp)
    assert insp.comparison.same_piece == "yes", insp.comparison.findings
    fields = {f.field for f in insp.comparison.findings}
    assert "imei" in fields
    insp.certified_working.setChecked(True)
    insp.inspect_btn.click()
    settle(qtbot, insp)
    assert insp.case.state == "inspected", insp.banner.text.text()
    v = _decide(qtbot, ui_factory, p, "CASE-DEV-W", "upheld", "defect_covered")
    assert v.warranty_covered is True
    _push_all(engine, st, platform)
    inspected = [e for e in platform.store.events() if e["type"] == "case.inspected"][0]
    assert inspected["blobs"] and all(platform.store.has_blob(b) for b in inspected["blobs"])
    insp.shutdown()


def test_another_phone_in_the_box_is_not_the_phone_sold(
    qtbot, ui_factory, sqlite_station, sqlite_people, platform, engine, rig
) -> None:  # type: ignore[no-untyped-def]
    """A warranty claim whose parcel holds another iPhone 13 (the box reads its own IMEI and
    serial): the comparison says no, and a box whose touch test passes does not reproduce the claim."""
    st, p = sqlite_station, sqlite_people
    tag = approved(st, p, kind="phone")
    cert = st.certificates.issue(p.supervisor, tag, _issuer(st, p)).certificate_no
    platform.store.put_case(
        {**case(tag, case_id="CASE-DEV-W2", warehouse=st.ctx.warehouse_id, opened_at=utcnow()), "certificate_no": cert}
    )
    engine.pull()
    _receive(qtbot, ui_factory, p, "SF5550001112223")
    sim = BoxSimulator("iphone13_clean", session_s=0.6, prompt_timeout_s=5.0)
    sim.phone["identity"].update(imei="356789104567811")  # same model and colour, another phone
    sim.start()
    box = InspectionBox(sim.path, resolver=lambda: sim.path, keepalive_s=0.3, detach_grace_s=0.5)
    rig.boxes.append((sim, box))
    insp = _inspector(qtbot, ui_factory, p.appraiser2, rig, "CASE-DEV-W2", lang="en_US", box=box)
    panel = insp.reinspect
    insp.reproduced.setChecked(True)  # the box's answer replaces what was ticked
    qtbot.mouseClick(panel.box_panel.box_btn, Qt.MouseButton.LeftButton)
    assert not panel.box_panel.box_btn.isEnabled()  # one session at a time
    for _ in range(2):
        qtbot.waitUntil(lambda: panel.box_panel.prompt_panel.pending, timeout=10_000)
        qtbot.keyClick(panel.box_panel.prompt_panel, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: panel.box_panel.report is not None or panel.box_panel.box_status.property("status") == "error",
        timeout=15_000,
    )
    assert panel.box_panel.report is not None, panel.box_panel.box_status.text()
    assert not insp.reproduced.isChecked() and "NOT reproduced" in panel.box_panel.box_status.text()
    _compare(qtbot, insp)
    verdicts = {f.field: f.verdict for f in insp.comparison.findings}
    assert insp.comparison.same_piece == "no" and verdicts["imei"] == "different", verdicts
    assert insp.same_piece.currentData() == "no"
    insp.shutdown()
