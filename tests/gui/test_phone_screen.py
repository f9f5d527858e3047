"""The phone station driven end to end with the simulated inspection box on a pty pair
(started in-process, fast timings): happy path with keyboard answers, a prompt failed from
the keyboard, a phone pulled out mid-session, an activation-locked phone, a silent box."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import func, select

from app.devices.box import InspectionBox
from app.devices.sim.box import BoxSimulator
from app.store.models import InspectionReport, OutboxEvent
from tests.services.test_inspection_support import GOOD_IMEI, GOOD_IMEI2, phone_item


class FakeCamera:
    """The station camera: a small PNG per still."""

    state = "running"

    def capture_still(self, timeout: float = 2.0) -> bytes:
        from PySide6.QtCore import QBuffer, QByteArray, QIODevice
        from PySide6.QtGui import QColor, QImage

        img = QImage(64, 48, QImage.Format.Format_RGB32)
        img.fill(QColor("#335577"))
        data = QByteArray()
        buf = QBuffer(data)
        buf.open(QIODevice.OpenModeFlag.WriteOnly)
        img.save(buf, "PNG")
        return bytes(data.data())


@pytest.fixture
def rig(qtbot, ui_factory, sqlite_station, sqlite_people):  # type: ignore[no-untyped-def]
    sims: list[BoxSimulator] = []
    boxes: list[InspectionBox] = []

    def make(phone: str = "iphone13", *, valid_imei: bool = True, session_s: float = 0.8, prompt_s: float = 5.0):
        sim = BoxSimulator(phone, session_s=session_s, prompt_timeout_s=prompt_s)
        if valid_imei and sim.phone is not None:
            sim.phone["identity"].update(imei=GOOD_IMEI, imei2=GOOD_IMEI2)
        sim.start()
        sims.append(sim)
        box = InspectionBox(sim.path, resolver=lambda: sim.path, keepalive_s=0.3, detach_grace_s=0.5)
        boxes.append(box)
        ui = ui_factory(sqlite_people.appraiser)
        ui.devices = SimpleNamespace(box=box, camera=FakeCamera())
        ui.phone_wait_s = 2.0
        from app.ui.phone.screen import PhoneInspectionScreen

        screen = PhoneInspectionScreen(ui)
        qtbot.addWidget(screen)
        screen.resize(1400, 860)
        screen.show()
        tag = phone_item(sqlite_station, sqlite_people, start=False)
        return SimpleNamespace(sim=sim, box=box, screen=screen, tag=tag, station=sqlite_station)

    yield make
    for b in boxes:
        b.close()
    for s in sims:
        s.stop()


def _answer_prompts(qtbot, screen, key=Qt.Key.Key_Return, count: int = 2) -> None:  # type: ignore[no-untyped-def]
    for _ in range(count):
        qtbot.waitUntil(lambda: screen.prompt_dialog is not None, timeout=8000)
        dialog = screen.prompt_dialog
        assert dialog.countdown.text() and "s" in dialog.countdown.text()
        qtbot.keyClick(dialog, key)
        assert dialog.outcome in ("pass", "fail")


def _count(station, model, **where) -> int:  # type: ignore[no-untyped-def]
    with station.db.read() as s:
        q = select(func.count()).select_from(model)
        for k, v in where.items():
            q = q.where(getattr(model, k) == v)
        return int(s.execute(q).scalar_one())


def test_happy_path_keyboard_grade_photos_pass(qtbot, rig) -> None:  # type: ignore[no-untyped-def]
    r = rig()
    assert r.screen.handle_scan(r.tag)
    _answer_prompts(qtbot, r.screen)
    qtbot.waitUntil(lambda: r.screen.inspection is not None, timeout=10000)
    assert r.screen.progress.value() == 100
    answers = [m["outcome"] for m in r.sim.received if m["t"] == "prompt_result"]
    assert answers == ["pass", "pass"]
    view = r.screen.inspection
    assert view.evaluation.verdict == "pass", view.evaluation.findings
    text = r.screen.report.toPlainText()
    for expected in ("356789104567894", "后置摄像头", "已更换", "麦克风", "Activation lock", "午夜色", "RPT-"):
        assert expected in text, expected
    assert not r.screen.grading.record.isEnabled()  # no grade, no photos yet
    qtbot.keyClick(r.screen, Qt.Key.Key_2)
    assert r.screen.grading.grade() == "95"
    for view_name in ("front", "back", "screen"):
        qtbot.mouseClick(r.screen.grading.photo_buttons[view_name], Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda v=view_name: v in r.screen.grading.photos, timeout=5000)
    assert r.screen.grading.record.isEnabled(), r.screen.grading.blocker.text()
    qtbot.mouseClick(r.screen.grading.record, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "review" in r.screen.message.text(), timeout=5000)
    g = r.station.appraisal.latest_grading(r.tag)
    assert g.verdict == "pass" and g.result.phone.cosmetic_grade == "95" and g.warranty_days == 180
    assert g.result.phone.report_id == view.report.report_id
    assert {d.subject for d in g.result.phone.disclosures} >= {"rear_camera", "microphone"}
    assert r.station.items.find(r.tag).state == "in_review"
    assert _count(r.station, OutboxEvent, type="inspection.completed") == 1


def test_prompt_failed_from_keyboard_is_disclosed(qtbot, rig) -> None:  # type: ignore[no-untyped-def]
    r = rig()
    r.screen.handle_scan(r.tag)
    _answer_prompts(qtbot, r.screen, key=Qt.Key.Key_F, count=1)  # display: fail
    _answer_prompts(qtbot, r.screen, key=Qt.Key.Key_S, count=0)
    qtbot.waitUntil(lambda: r.screen.prompt_dialog is not None, timeout=8000)
    qtbot.keyClick(r.screen.prompt_dialog, Qt.Key.Key_S)  # buttons: skip
    qtbot.waitUntil(lambda: r.screen.inspection is not None, timeout=10000)
    functions = {f["test"]: f["result"] for f in r.screen.inspection.report.report["functions"]}
    assert functions["display"] == "fail" and functions["buttons"] == "skipped"
    ev = r.screen.inspection.evaluation
    assert any(d.kind == "function_failed" and d.subject == "display" for d in ev.disclosures)
    assert "buttons" in ev.skipped_tests
    assert "Not tested" in r.screen.report.toPlainText()


def test_phone_detached_mid_session_records_nothing(qtbot, rig) -> None:  # type: ignore[no-untyped-def]
    r = rig()
    r.screen.handle_scan(r.tag)
    qtbot.waitUntil(lambda: r.screen.progress.value() > 0, timeout=8000)
    r.sim.detach()
    qtbot.waitUntil(lambda: r.screen.control is None, timeout=8000)
    assert "拔出" in r.screen.message.text() and "Nothing was recorded" in r.screen.message.text()
    assert r.screen.prompt_dialog is None
    assert _count(r.station, InspectionReport) == 0
    assert _count(r.station, OutboxEvent, type="inspection.completed") == 0
    assert r.screen.start_button.isEnabled()


def test_activation_locked_phone_fails_and_is_rejected(qtbot, rig) -> None:  # type: ignore[no-untyped-def]
    r = rig("locked_iphone")
    r.screen.handle_scan(r.tag)
    _answer_prompts(qtbot, r.screen)
    qtbot.waitUntil(lambda: r.screen.inspection is not None, timeout=10000)
    ev = r.screen.inspection.evaluation
    assert ev.verdict == "fail" and ev.reason_code == "activation_locked"
    assert "激活锁未解除" in r.screen.message.text()
    assert r.screen.grading.record.isEnabled()  # a fail needs no grade or photos
    qtbot.mouseClick(r.screen.grading.record, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: r.station.items.find(r.tag).state == "rejected", timeout=5000)
    with r.station.db.read() as s:
        ev_row = s.execute(select(OutboxEvent).where(OutboxEvent.type == "item.rejected")).scalar_one()
        assert ev_row.payload["reason_code"] == "activation_locked"


def test_spec_imei_check_digit_fails(qtbot, rig) -> None:  # type: ignore[no-untyped-def]
    r = rig(valid_imei=False)  # the simulator's (and the spec's) IMEI with the wrong check digit
    r.screen.handle_scan(r.tag)
    _answer_prompts(qtbot, r.screen)
    qtbot.waitUntil(lambda: r.screen.inspection is not None, timeout=10000)
    assert r.screen.inspection.evaluation.verdict == "fail"
    assert "校验位错误" in r.screen.report.toPlainText()


def test_cancel_and_silent_box(qtbot, rig) -> None:  # type: ignore[no-untyped-def]
    r = rig(session_s=3.0)
    r.screen.handle_scan(r.tag)
    qtbot.waitUntil(lambda: r.screen.progress.value() > 0, timeout=8000)
    qtbot.mouseClick(r.screen.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: r.screen.control is None, timeout=8000)
    assert "取消" in r.screen.message.text()
    r.sim.mute = True
    qtbot.mouseClick(r.screen.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: r.screen.control is None, timeout=10000)
    assert "无应答" in r.screen.message.text()
    assert _count(r.station, InspectionReport) == 0


def test_unanswered_prompt_times_out_as_skipped(qtbot, rig) -> None:  # type: ignore[no-untyped-def]
    r = rig(prompt_s=0.8)
    r.screen.handle_scan(r.tag)
    qtbot.waitUntil(lambda: r.screen.prompt_dialog is not None, timeout=8000)
    dialog = r.screen.prompt_dialog
    qtbot.waitUntil(lambda: dialog.outcome == "", timeout=3000)  # the countdown ran out; nothing answered
    qtbot.waitUntil(lambda: r.screen.inspection is not None, timeout=10000)
    functions = {f["test"]: f["result"] for f in r.screen.inspection.report.report["functions"]}
    assert functions["display"] == "skipped" and functions["buttons"] == "skipped"
    assert not [m for m in r.sim.received if m["t"] == "prompt_result"]
