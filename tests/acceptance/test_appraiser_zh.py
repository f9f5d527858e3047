"""An appraiser at a Chinese workstation, keyboard only: two gold bangles (足金手镯, declared
Au990 30.12 g) are weighed on a balance the test drives over its own pty (the station
captures automatically when the load settles), graded, photographed with the F-keys; the
first is lighter than declared — a red finding — and is passed only with a written
justification, the second is failed and rejected. The database and the outbox are checked
after each step; screenshots go to the artifacts."""

from __future__ import annotations

import json
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from app.core.vocab import metals, pieces
from app.devices.sim.scale import ScaleSimulator
from app.ui.style import ERROR_COLOR
from tests.acceptance.conftest import Session, logged_in
from tests.acceptance.harness import Records, X, wait_until

JUSTIFICATION = "Clasp replaced, weighed twice"
VIEWS = {"front": "F5", "back": "F6", "hallmark": "F7", "detail": "F8"}


@pytest.fixture(scope="module")
def balance() -> Iterator[ScaleSimulator]:
    sim = ScaleSimulator("mt-sics", settle_s=0.8, seed=11)
    sim.scale.put(Decimal("0"))
    sim.start()
    yield sim
    sim.stop()


@pytest.fixture(scope="module")
def appraiser_zh(x: X, demo_dir: Path, artifacts: Path, balance: ScaleSimulator) -> Iterator[Session]:
    with logged_in(x, demo_dir, artifacts, "zh_CN", "appraiser", {"TW_SCALE_PORT": balance.path}) as session:
        yield session


def _bangles(records: Records) -> list[dict[str, Any]]:
    rows = records.rows(
        "SELECT i.id, i.tag, l.declared FROM items i JOIN asn_lines l ON l.id = i.asn_line_id "
        "WHERE i.state = 'received' AND i.category = 'jewelry' ORDER BY i.id"
    )
    found = [r for r in rows if json.loads(r["declared"]) == {"material": "Au990", "total_mass_g": 30.12}]
    if len(found) < 2:
        pytest.fail(f"the demo data has {len(found)} received Au990 bangles; two are needed")
    return found[:2]


def _state(records: Records, item_id: int) -> str:
    return records.one("SELECT state FROM items WHERE id = ?", item_id)["state"]  # type: ignore[index]


def _choose(x: X, index: int) -> None:
    """A closed combo box: Home, then Down to the entry (what a person does without a mouse)."""
    x.key("Home", *(["Down"] * index))


def _weigh(x: X, records: Records, balance: ScaleSimulator, item: dict[str, Any], grams: str) -> dict[str, Any]:
    balance.scale.put(Decimal("0"))  # the pan is cleared, then the piece goes on: unstable, then it settles
    balance.scale.put(Decimal(grams))
    m = wait_until(
        lambda: records.one(
            "SELECT value, unit, source, stable FROM measurements WHERE item_id = ? AND kind = 'mass'", item["id"]
        ),
        45,
        f"the auto-captured weight of {item['tag']}",
    )
    assert Decimal(str(m["value"])) == Decimal(grams) and m["source"] != "manual" and m["stable"]
    return m


def _grade(x: X, item: dict[str, Any]) -> None:
    """The keyboard is on the form's first field once a piece is open: piece, Tab, metal."""
    _choose(x, [t.code for t in pieces.PIECES].index("bangle"))
    x.key("Tab")
    _choose(x, 1 + [t.code for t in metals.METALS].index("Au990"))  # after the blank "(none)"
    x.screenshot(f"appraisal-{item['tag']}-form")


def _photograph(x: X, records: Records, item: dict[str, Any]) -> None:
    for view, key in VIEWS.items():
        x.key(key)
        wait_until(
            lambda v=view: records.one("SELECT id FROM photos WHERE item_id = ? AND view = ?", item["id"], v),
            45,
            f"the {view} photo of {item['tag']}",
        )


FORM_FIELD: list[tuple[int, int, int, int]] = []  # where the focus frame of the form's first field is


def _open(session: Session, records: Records, item: dict[str, Any]) -> None:
    """Scan the tag; wait until the piece is on screen with the keyboard on the form's first
    field (the focus frame: first from the station list, later back from the last button)."""
    session.x.scan(item["tag"])
    wait_until(lambda: _state(records, item["id"]) == "in_appraisal", 30, f"{item['tag']} to open for appraisal")
    what = f"{item['tag']} on screen with the keyboard on its form"
    if not FORM_FIELD:
        FORM_FIELD.append(session.wait_focus_in_station(what))
    else:
        wait_until(lambda: session.wait_focus_in_station(what) == FORM_FIELD[0], 30, what)


def test_appraiser_passes_a_red_finding_only_with_a_justification(
    appraiser_zh: Session, records: Records, balance: ScaleSimulator
) -> None:
    appraiser_zh.require()
    x = appraiser_zh.x
    item = _bangles(records)[0]
    appraiser_zh.open_station("appraisal")
    seq = records.last_outbox_seq()
    _open(appraiser_zh, records, item)
    _grade(x, item)  # first: a key bound to a button moves the keyboard focus to that button
    x.key("ctrl+F2")  # "capture automatically when stable", once for the session
    _weigh(x, records, balance, item, "29.6000")  # 0.52 g light: tolerance is 0.30 g
    _photograph(x, records, item)

    red = x.colour_count(ERROR_COLOR)
    x.key("F9")  # pass: refused, a red finding needs a written reason; focus goes to the reason
    wait_until(lambda: x.colour_count(ERROR_COLOR) > red, 30, "the refusal in red")
    x.screenshot("appraisal-pass-refused-without-justification")
    x.type(JUSTIFICATION, 200)  # a person typing (faster keys would be held as a possible scan)
    x.key("F9")
    grading = wait_until(
        lambda: records.one("SELECT revision, verdict, result FROM grading_results WHERE item_id = ?", item["id"]),
        45,
        "the pass to be recorded",
    )
    wait_until(lambda: _state(records, item["id"]) == "in_review", 30, "the piece to go to review")
    x.screenshot("appraisal-passed-with-justification")
    rows = records.rows("SELECT revision FROM grading_results WHERE item_id = ?", item["id"])
    assert [r["revision"] for r in rows] == [1]  # the refused pass recorded nothing
    result = json.loads(grading["result"])
    assert grading["verdict"] == "pass" and result["justification"] == JUSTIFICATION
    assert "total_mass_differs" in json.dumps(result)  # the red finding travels with the revision
    types = [e["type"] for e in records.events_after(seq) if e["item_tag"] == item["tag"]]
    assert types.count("measurement.recorded") == 1 and types.count("photo.attached") == 4
    assert types[-1] == "grading.recorded"


def test_appraiser_fails_a_piece_with_a_red_finding(
    appraiser_zh: Session, records: Records, balance: ScaleSimulator
) -> None:
    appraiser_zh.require()
    x = appraiser_zh.x
    item = _bangles(records)[0]  # the first one went to review
    seq = records.last_outbox_seq()
    _open(appraiser_zh, records, item)
    _grade(x, item)
    _weigh(x, records, balance, item, "27.0000")  # 3.12 g light
    _photograph(x, records, item)
    before = x.windows()
    x.scan("CMD:fail")  # the command barcode of Fail [F10]: the reject dialog, its reason from the red finding
    dialog = wait_until(lambda: next(iter(x.windows() - before), None), 30, "the reject dialog")
    x.screenshot("appraisal-reject-dialog")
    x.focus(dialog)
    x.key("Return")
    wait_until(lambda: _state(records, item["id"]) == "rejected", 45, "the piece to be rejected")
    x.screenshot("appraisal-rejected")
    rejection = records.one("SELECT reason_code, note FROM rejections WHERE item_id = ?", item["id"])
    assert rejection is not None and rejection["reason_code"] == "not_as_declared"
    grading = records.one("SELECT verdict, reason_code FROM grading_results WHERE item_id = ?", item["id"])
    assert grading == {"verdict": "fail", "reason_code": "not_as_declared"}
    types = [e["type"] for e in records.events_after(seq) if e["item_tag"] == item["tag"]]
    assert types[-2:] == ["grading.recorded", "item.rejected"] and types.count("photo.attached") == 4
