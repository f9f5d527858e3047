"""Issue 10 on the phone station, with the box simulator on a pty pair: the prompt is in the
panel (not modal) and Cancel during a prompt sends the protocol's ``cancel`` at once; another
phone resets the report, grading and prompt; a defect the box cannot see fails the phone with
a reason and a photo; a grade its own criteria exclude cannot be chosen."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.store.models import InspectionReport
from app.ui import ops
from tests.gui.test_phone_screen import _answer_prompts, _count, rig  # noqa: F401 - fixture
from tests.services.test_inspection_support import phone_item


def test_cancel_is_reachable_while_a_prompt_is_open(qtbot, rig) -> None:  # noqa: F811
    r = rig(session_s=3.0, prompt_s=30.0)
    r.screen.handle_scan(r.tag)
    qtbot.waitUntil(lambda: r.screen.prompt_dialog is not None, timeout=8000)
    assert QApplication.activeModalWidget() is None  # nothing blocks the rest of the screen
    assert r.screen.cancel_button.isEnabled() and "[F6]" in r.screen.cancel_button.text()
    qtbot.mouseClick(r.screen.cancel_button, Qt.MouseButton.LeftButton)
    assert r.screen.prompt_dialog is None  # the pending prompt is cleared with the session
    qtbot.waitUntil(lambda: r.screen.control is None, timeout=5000)  # well before the 30 s prompt timeout
    cancels = [m for m in r.sim.received if m["t"] == "cancel"]
    assert len(cancels) == 1 and cancels[0]["session_id"]
    assert not [m for m in r.sim.received if m["t"] == "prompt_result"]
    assert "取消" in r.screen.message.text() and not r.screen.prompt_panel.isVisible()
    assert _count(r.station, InspectionReport) == 0


def test_another_phone_resets_report_grading_and_prompt(qtbot, rig, sqlite_people) -> None:  # noqa: F811
    r = rig()
    r.screen.handle_scan(r.tag)
    _answer_prompts(qtbot, r.screen)
    qtbot.waitUntil(lambda: r.screen.inspection is not None, timeout=10000)
    qtbot.keyClick(r.screen, Qt.Key.Key_2)
    r.screen.grading.mark_boxes["frame_hairline"].setChecked(True)
    qtbot.mouseClick(r.screen.grading.photo_buttons["front"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "front" in r.screen.grading.photos, timeout=5000)
    other = phone_item(r.station, sqlite_people, start=False)
    r.screen.handle_scan(other)
    assert r.screen.inspection is None and r.screen.grading.grade() is None
    assert r.screen.grading.photos == set() and r.screen.grading.marks() == ()
    assert r.tag not in r.screen.report.toPlainText() and "356789104567894" not in r.screen.report.toPlainText()
    qtbot.waitUntil(lambda: r.screen.item is not None and r.screen.item.tag == other, timeout=5000)
    r.screen.cancel_inspection()
    qtbot.waitUntil(lambda: r.screen.control is None, timeout=8000)
    ops.wait_idle()
    assert r.station.appraisal.latest_grading(other) is None


def test_defect_the_box_cannot_see_fails_with_reason_and_photo(qtbot, rig) -> None:  # noqa: F811
    r = rig()
    r.screen.handle_scan(r.tag)
    _answer_prompts(qtbot, r.screen)
    qtbot.waitUntil(lambda: r.screen.inspection is not None, timeout=10000)
    g = r.screen.grading
    assert not g.defect_button.isEnabled()
    g.defect_kind.setCurrentIndex(g.defect_kind.findData("cracked_back"))
    g.defect_note.setText("右下角")
    qtbot.mouseClick(g.defect_button, Qt.MouseButton.LeftButton)  # no photo of it yet: refused
    qtbot.waitUntil(lambda: "照片" in r.screen.message.text(), timeout=5000)
    assert r.station.items.find(r.tag).state == "in_appraisal"
    qtbot.mouseClick(g.defect_photo, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "detail" in g.photos, timeout=5000)
    qtbot.mouseClick(g.defect_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: r.station.items.find(r.tag).state == "rejected", timeout=5000)
    from sqlalchemy import select

    from app.store.models import Rejection

    with r.station.db.read() as s:
        rej = s.execute(select(Rejection)).scalars().one()
    assert rej.reason_code == "damaged" and "背板碎裂" in rej.note and "右下角" in rej.note


def test_grade_excluded_by_its_own_criteria_cannot_be_chosen(qtbot, rig) -> None:  # noqa: F811
    r = rig()
    r.screen.handle_scan(r.tag)
    _answer_prompts(qtbot, r.screen)
    qtbot.waitUntil(lambda: r.screen.inspection is not None, timeout=10000)
    g = r.screen.grading
    qtbot.keyClick(r.screen, Qt.Key.Key_1)
    assert g.grade() == "99"
    g.mark_boxes["screen_scratch"].setChecked(True)  # a noticeable screen scratch: 99/95/90 say none
    assert g.grade() is None
    assert [c for c, b in g.grade_buttons.items() if b.isEnabled()] == ["80", "70"]
    qtbot.keyClick(r.screen, Qt.Key.Key_2)
    assert g.grade() is None
    qtbot.keyClick(r.screen, Qt.Key.Key_4)
    assert g.grade() == "80"


def test_report_speaks_words_not_codes(qtbot, rig) -> None:  # noqa: F811
    r = rig()
    r.screen.handle_scan(r.tag)
    _answer_prompts(qtbot, r.screen)
    qtbot.waitUntil(lambda: r.screen.inspection is not None, timeout=10000)
    text = r.screen.report.toPlainText()
    assert "底部麦克风无声" in text and "bottom mic silent" not in text
    assert "序列号与本机不符" in text and "serial mismatch" not in text
    assert "Midnight" not in text and "午夜色" in text


def test_prompt_and_cancel_from_function_keys(qtbot, rig) -> None:  # noqa: F811
    r = rig(session_s=3.0, prompt_s=30.0)
    r.screen.activateWindow()
    r.screen.handle_scan(r.tag)
    qtbot.waitUntil(lambda: r.screen.prompt_dialog is not None, timeout=8000)
    assert "[F7]" in r.screen.prompt_panel.buttons["pass"].text()
    qtbot.keyClick(r.screen.windowHandle(), Qt.Key.Key_F7)  # pass the first prompt
    qtbot.waitUntil(lambda: any(m["t"] == "prompt_result" for m in r.sim.received), timeout=5000)
    qtbot.waitUntil(lambda: r.screen.prompt_dialog is not None, timeout=8000)  # the second prompt
    qtbot.keyClick(r.screen.windowHandle(), Qt.Key.Key_F6)  # cancel the session from the keyboard
    qtbot.waitUntil(lambda: r.screen.control is None, timeout=5000)
    assert [m["outcome"] for m in r.sim.received if m["t"] == "prompt_result"] == ["pass"]
    assert [m for m in r.sim.received if m["t"] == "cancel"]


def test_a_graded_phone_shows_its_result_read_only(qtbot, rig, sqlite_people) -> None:  # noqa: F811
    r = rig()
    r.screen.handle_scan(r.tag)
    _answer_prompts(qtbot, r.screen)
    qtbot.waitUntil(lambda: r.screen.inspection is not None, timeout=10000)
    g = r.screen.grading
    g.mark_boxes["frame_hairline"].setChecked(True)
    qtbot.keyClick(r.screen, Qt.Key.Key_2)
    for view_name in ("front", "back", "screen"):
        qtbot.mouseClick(g.photo_buttons[view_name], Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda v=view_name: v in g.photos, timeout=5000)
    qtbot.mouseClick(g.record, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: r.station.items.find(r.tag).state == "in_review", timeout=5000)
    assert r.station.appraisal.latest_grading(r.tag).result.phone.cosmetic_marks == ("frame_hairline",)
    other = phone_item(r.station, sqlite_people, start=False)
    r.screen.handle_scan(other)
    qtbot.waitUntil(lambda: r.screen.item is not None and r.screen.item.tag == other, timeout=5000)
    r.screen.cancel_inspection()
    qtbot.waitUntil(lambda: r.screen.control is None, timeout=8000)
    r.screen.handle_scan(r.tag)  # back to the graded phone: what was recorded, not editable
    qtbot.waitUntil(lambda: r.screen.item is not None and r.screen.item.tag == r.tag, timeout=5000)
    assert g.grade() == "95" and g.marks() == ("frame_hairline",)
    assert not g.record.isEnabled() and not g.grade_buttons["99"].isEnabled()
    assert not g.mark_boxes["paint_loss"].isEnabled() and not r.screen.start_button.isEnabled()
    assert r.screen.control is None  # no new box session was started for a graded phone
    ops.wait_idle()
