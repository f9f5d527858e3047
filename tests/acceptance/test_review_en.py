"""A supervisor at an English workstation reviews the piece the appraiser passed over a red
finding (test_appraiser_zh.py runs first: one demo folder for the whole suite): approving
is refused until the finding is acknowledged, then the certificate is issued with the
signing key's passphrase typed at a person's speed, printed through the preview and the
system print dialog (to a PDF file: there is no printer), and the piece is dispatched by
scanning its tag and the outbound waybill. Keys and command barcodes throughout; the one
mouse click is the reviewer ticking the red finding. The database and the outbox are
checked after each step."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from app.demo.certificates import DEMO_KEY_PASSPHRASE
from app.ui.style import ERROR_COLOR
from tests.acceptance.conftest import Session, logged_in
from tests.acceptance.harness import Records, X, wait_until

OUTBOUND_WAYBILL = "SF7300000000017"


@pytest.fixture(scope="module")
def home(demo_dir: Path) -> Path:
    folder = demo_dir / "supervisor-home"  # inside the suite's own folder (see conftest.demo_dir)
    folder.mkdir()
    return folder


@pytest.fixture(scope="module")
def supervisor(x: X, demo_dir: Path, artifacts: Path, home: Path) -> Iterator[Session]:
    # The print dialog offers a PDF file in the home folder: a throwaway one. No print server
    # (nothing listens on that port of our range): never a real printer on a developer's desk.
    cache = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    env = {"HOME": str(home), "XDG_CACHE_HOME": cache, "CUPS_SERVER": "127.0.0.1:19098"}
    with logged_in(x, demo_dir, artifacts, "en", "supervisor", env) as s:
        yield s


def _justified_piece(records: Records) -> dict[str, Any]:
    for row in records.rows(
        "SELECT i.id, i.tag, g.revision, g.result FROM items i JOIN grading_results g "
        "ON g.item_id = i.id WHERE i.state = 'in_review' ORDER BY g.id DESC"
    ):
        if json.loads(row["result"]).get("justification"):
            return row
    pytest.skip(
        "no piece waits in review with a justified red finding: this flow reviews the one "
        "test_appraiser_zh.py passes (run the suite, in file order)"
    )


def _state(records: Records, item_id: int) -> str:
    return records.one("SELECT state FROM items WHERE id = ?", item_id)["state"]  # type: ignore[index]


def _first_finding(x: X, frame: tuple[int, int, int, int]) -> tuple[int, int]:
    """Where to click the first red finding's box: its red text is the first red inside the
    frame's left part (the frame's top edge there carries the group's black title)."""
    import numpy as np

    left, top, right, bottom = frame
    red = [int(ERROR_COLOR[i : i + 2], 16) for i in (1, 3, 5)]
    inner = x.pixels()[top + 4 : bottom - 3, left + 8 : left + 200]
    ys, _ = np.nonzero((inner == red).all(axis=2))
    assert len(ys), "no red finding inside the red frame"
    return left + 17, top + 4 + int(ys.min()) + 5


def _new_window(x: X, before: set[int], what: str, timeout: float = 60) -> int:
    return wait_until(lambda: next(iter(x.windows() - before), None), timeout, what)


def test_supervisor_reviews_issues_prints_and_dispatches(supervisor: Session, records: Records, home: Path) -> None:
    supervisor.require()
    x = supervisor.x
    piece = _justified_piece(records)
    tag = piece["tag"]
    supervisor.open_station("review")
    x.scan(tag)  # opens the dossier; its red findings are framed in red
    frame = wait_until(lambda: x.colour_box(ERROR_COLOR), 30, "the red findings of the dossier")
    x.screenshot("review-dossier-red-finding")
    geo = x.geometry(supervisor.require())  # a long finding must not push the window off the screen
    assert geo["x"] + geo["width"] <= 1366 and geo["y"] + geo["height"] <= 768, f"window off screen: {geo}"

    seq = records.last_outbox_seq()
    red = x.colour_count(ERROR_COLOR)
    x.key("F9")  # approve without acknowledging: refused by the review operation
    wait_until(lambda: x.colour_count(ERROR_COLOR) > red, 30, "the refusal in red")
    x.screenshot("review-approve-refused-unacknowledged")
    assert records.rows("SELECT id FROM reviews WHERE item_id = ?", piece["id"]) == []
    assert _state(records, piece["id"]) == "in_review"

    # Mouse click (the only one): the reviewer ticks the red finding under its red frame.
    x.click(*_first_finding(x, frame))
    x.key("F9")
    wait_until(lambda: _state(records, piece["id"]) == "approved", 30, "the approval")
    x.screenshot("review-approved")
    review = records.one("SELECT decision, revision FROM reviews WHERE item_id = ?", piece["id"])
    assert review == {"decision": "approved", "revision": piece["revision"]}
    audit = records.one(
        "SELECT detail FROM audit_log WHERE entity_id = ? AND detail LIKE '%acknowledged%' ORDER BY id DESC", tag
    )
    assert audit is not None and "total_mass_differs" in audit["detail"]
    assert [e["type"] for e in records.events_after(seq) if e["item_tag"] == tag] == ["review.decided"]

    seq = records.last_outbox_seq()
    before = x.windows()
    x.key("F10")  # issue: the signing key's passphrase first (once a session)
    dialog = _new_window(x, before, "the passphrase dialog")
    x.screenshot("review-passphrase-dialog")
    x.focus(dialog)
    x.type(DEMO_KEY_PASSPHRASE, 150, then="Return")  # a person's speed: never taken for a scan
    cert = wait_until(
        lambda: records.one(
            "SELECT certificate_no, status, pdf_sha256 FROM certificates c JOIN items i "
            "ON i.id = c.item_id WHERE i.tag = ?",
            tag,
        ),
        90,
        "the certificate",
    )
    wait_until(lambda: _state(records, piece["id"]) == "certified", 30, "the piece to be certified")
    x.screenshot("review-certificate-issued")
    assert cert["status"] == "valid" and cert["pdf_sha256"]
    issued = [e for e in records.events_after(seq) if e["type"] == "certificate.issued"]
    assert len(issued) == 1 and issued[0]["item_tag"] == tag

    audits = records.audit_count()
    x.focus(supervisor.require())
    before = x.windows()
    x.scan("CMD:review_print")  # the command barcode of Print…: the preview
    preview = _new_window(x, before, "the print preview")
    x.screenshot("review-print-preview")
    x.focus(preview)
    before = x.windows()
    x.key("ctrl+p")  # Print… in the preview: the system print dialog
    system = _new_window(x, before, "the system print dialog")
    x.screenshot("review-print-dialog")
    x.focus(system)
    x.key("Return")  # the default: print to a PDF file
    printed = wait_until(
        lambda: records.rows(
            "SELECT detail FROM audit_log WHERE entity_id = ? AND id > 0 AND detail LIKE '%print_no%'",
            cert["certificate_no"],
        ),
        90,
        "the print to be counted",
    )
    assert len(printed) == 1 and records.audit_count() > audits
    pdfs = wait_until(lambda: [p for p in home.rglob("*.pdf") if p.stat().st_size > 1000], 30, "the printed PDF")
    assert pdfs[0].read_bytes().startswith(b"%PDF")
    x.screenshot("review-printed")

    x.focus(supervisor.require())
    supervisor.open_station("dispatch")
    seq = records.last_outbox_seq()
    x.scan(tag)
    x.scan(OUTBOUND_WAYBILL)
    sent = wait_until(
        lambda: records.one(
            "SELECT destination, waybill_no, photo_sha256 FROM dispatches d JOIN items i "
            "ON i.id = d.item_id WHERE i.tag = ?",
            tag,
        ),
        90,
        "the dispatch",
    )
    x.screenshot("dispatched")
    assert sent["destination"] == "buyer" and sent["waybill_no"] == OUTBOUND_WAYBILL and sent["photo_sha256"]
    assert _state(records, piece["id"]) == "dispatched"
    types = [e["type"] for e in records.events_after(seq) if e["item_tag"] == tag]
    assert types[-1] == "item.dispatched"
