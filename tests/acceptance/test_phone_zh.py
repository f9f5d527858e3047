"""A used iPhone through the inspection box at a Chinese workstation, keyboard only. The box
is the demo's simulator (protocol v2 on a pty) run by the test, so it can carry the
declared IMEI: the tag is scanned, the session starts by itself, the box's two operator
prompts are answered with F7 (the key shown on Pass) and with Enter, the report is stored,
then the grade (key 2), the three photos (F2-F4) and the result (F10). The database and
the outbox are checked after each step."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from app.core.vocab.phone import luhn_complete
from app.devices.sim.box import BoxSimulator
from tests.acceptance.conftest import NAV_RIGHT, Session, logged_in
from tests.acceptance.harness import Records, X, wait_until

PROMPT_AMBER = "#b26a00"


def _phone(records: Records) -> dict[str, Any]:
    for row in records.rows(
        "SELECT i.id, i.tag, l.declared FROM items i JOIN asn_lines l ON l.id = i.asn_line_id "
        "WHERE i.state = 'received' AND i.category = 'phone' ORDER BY i.id"
    ):
        declared = json.loads(row["declared"])
        if declared.get("model") == "iPhone 13" and declared.get("imei"):
            return dict(row, imei=declared["imei"])
    pytest.fail("the demo data has no received iPhone 13 with a declared IMEI")


@pytest.fixture(scope="module")
def box(records: Records) -> Iterator[BoxSimulator]:
    phone = _phone(records)
    sim = BoxSimulator("iphone13", session_s=5.0, prompt_timeout_s=90, serial="TWB2-ACCEPT-01")
    sim.phone["identity"].update(imei=phone["imei"], imei2=luhn_complete(phone["imei"][:8] + "000042"))
    sim.start()
    yield sim
    sim.stop()


@pytest.fixture(scope="module")
def appraiser_phone(x: X, demo_dir: Path, artifacts: Path, box: BoxSimulator) -> Iterator[Session]:
    with logged_in(x, demo_dir, artifacts, "zh_CN", "appraiser", {"TW_BOX_PORT": box.path}) as session:
        yield session


def _asked(box: BoxSimulator, step: str) -> bool:
    session = box._session  # the simulator is the test's own device: what it is asking now
    return bool(session and session["prompt"] and session["prompt"][0] == step)


def _wait_prompt_on_screen(x: X) -> None:
    """The question in the station's panel (framed and counted down in amber #b26a00; hidden
    once answered), so the keys that answer it reach it."""
    wait_until(lambda: x.colour_count(PROMPT_AMBER, NAV_RIGHT) > 20, 30, "the box's question on screen")


def _answered(box: BoxSimulator, step: str) -> dict[str, Any] | None:
    return next((m for m in box.received if m.get("t") == "prompt_result" and m.get("step") == step), None)


def test_phone_through_a_box_session_answering_its_prompts_by_keyboard(
    appraiser_phone: Session, records: Records, box: BoxSimulator
) -> None:
    appraiser_phone.require()
    x = appraiser_phone.x
    phone = _phone(records)
    appraiser_phone.open_station("phone")
    seq = records.last_outbox_seq()
    x.scan(phone["tag"])  # opens the phone and starts the box session by itself
    wait_until(lambda: any(m.get("t") == "start" for m in box.received), 45, "the box session to start")
    assert records.one("SELECT state FROM items WHERE id = ?", phone["id"])["state"] == "in_appraisal"  # type: ignore[index]

    wait_until(lambda: _asked(box, "display"), 60, "the box to ask about the display")
    _wait_prompt_on_screen(x)
    x.screenshot("phone-box-prompt-display")
    x.key("F7")  # Pass, by the key shown on the button
    answer = wait_until(lambda: _answered(box, "display"), 30, "the display answer to reach the box")
    assert answer["outcome"] == "pass"
    wait_until(lambda: _asked(box, "buttons"), 60, "the box to ask to press the buttons")
    _wait_prompt_on_screen(x)
    x.screenshot("phone-box-prompt-buttons")
    x.key("Return")  # the prompt has the keyboard: Enter = pass
    answer = wait_until(lambda: _answered(box, "buttons"), 30, "the buttons answer to reach the box")
    assert answer["outcome"] == "pass"

    report = wait_until(
        lambda: records.one("SELECT report_id, report FROM inspection_reports WHERE item_id = ?", phone["id"]),
        60,
        "the box report to be stored",
    )
    functions = {f["test"]: f["result"] for f in json.loads(report["report"])["functions"]}
    assert functions["display"] == functions["buttons"] == "pass"
    assert functions["microphone"] == "fail"  # the simulator's phone: its silent bottom microphone
    types = [e["type"] for e in records.events_after(seq) if e["item_tag"] == phone["tag"]]
    assert types == ["inspection.completed"]
    x.screenshot("phone-report-stored")

    seq = records.last_outbox_seq()
    x.key("2")  # cosmetic grade 2 = 95新
    for view, key in (("front", "F2"), ("back", "F3"), ("screen", "F4")):
        x.key(key)
        wait_until(
            lambda v=view: records.one("SELECT id FROM photos WHERE item_id = ? AND view = ?", phone["id"], v),
            45,
            f"the {view} photo",
        )
    x.key("F10")  # record the result
    wait_until(
        lambda: records.one("SELECT state FROM items WHERE id = ?", phone["id"])["state"] == "in_review",  # type: ignore[index]
        45,
        "the phone to go to review",
    )
    x.screenshot("phone-result-recorded")
    grading = records.one("SELECT verdict, result FROM grading_results WHERE item_id = ?", phone["id"])
    assert grading is not None and grading["verdict"] == "pass"
    assert json.loads(grading["result"])["phone"]["cosmetic_grade"] == "95"
    types = [e["type"] for e in records.events_after(seq) if e["item_tag"] == phone["tag"]]
    assert types.count("photo.attached") == 3 and types[-1] == "grading.recorded"
