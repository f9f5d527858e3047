"""A clerk at a Chinese workstation, driven only by real X input: logs in (the password typed
fast), receives a 12-line demo parcel by scans alone and closes it with one line missing; then
every station is checked against a 1366x768 screen."""

from __future__ import annotations

from typing import Any

import pytest

from tests.acceptance.conftest import Session
from tests.acceptance.fit import check_stations_fit
from tests.acceptance.harness import Records, wait_until


def test_password_typed_fast_at_log_in_is_not_eaten(clerk_zh: Session) -> None:
    # "demo-pass-1" and Return at 8 ms a key is a scanner's rhythm; before the fix the filter
    # took it as a scan and the dialog said "enter your username and password".
    clerk_zh.require()
    clerk_zh.x.screenshot("clerk-logged-in")
    # The scanner filter and its sounds were installed at start-up (played, or said once why not).
    from app.logging_setup import log_path

    log = log_path(clerk_zh.app.data_dir).read_text(encoding="utf-8", errors="replace")
    assert "scan sounds at volume" in log or "no sound player found" in log


def _parcel(records: Records) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The announced demo parcel with the most lines carrying order numbers (the demo data
    announces a wholesale parcel of 12)."""
    found = []
    for ship in records.rows("SELECT id, asn_id, waybill_no FROM shipments WHERE status = 'announced' ORDER BY id"):
        lines = records.rows(
            "SELECT id, line_id, order_no FROM asn_lines WHERE shipment_id = ? AND withdrawn = 0 "
            "AND order_no IS NOT NULL ORDER BY id",
            ship["id"],
        )
        found.append((ship, lines))
    if not found or max(len(f[1]) for f in found) < 12:
        pytest.fail("the demo data has no announced parcel with 12 lines")
    return max(found, key=lambda f: len(f[1]))


def _status(records: Records, shipment_id: int) -> str:
    return records.one("SELECT status FROM shipments WHERE id = ?", shipment_id)["status"]  # type: ignore[index]


def test_clerk_receives_a_parcel_by_scans_alone(clerk_zh: Session, records: Records) -> None:
    clerk_zh.require()
    x = clerk_zh.x
    clerk_zh.show_station(0)  # intake
    ship, lines = _parcel(records)
    seq, audits = records.last_outbox_seq(), records.audit_count()

    x.scan(ship["waybill_no"])  # capitals with Shift, 8 ms a key: SF… must arrive whole
    wait_until(lambda: _status(records, ship["id"]) == "receiving", 30, f"parcel {ship['waybill_no']} to open")
    events = records.events_after(seq)
    assert [(e["type"], e["asn_id"]) for e in events] == [("shipment.received", ship["asn_id"])]
    assert events[0]["payload"]["waybill_no"] == ship["waybill_no"]
    assert records.audit_count() > audits
    x.screenshot("parcel-open")

    received, last = lines[:-1], lines[-1]
    for i, line in enumerate(received):
        seq, audits = records.last_outbox_seq(), records.audit_count()
        x.scan(line["order_no"])
        if i == 0 and len(received) > 1:  # scanned twice: answered "already received", recorded once
            x.scan(line["order_no"])  # (the count below, after the next piece, proves it)
        item = wait_until(
            lambda ln=line: records.one("SELECT tag, state, merchant_ref FROM items WHERE asn_line_id = ?", ln["id"]),
            30,
            f"line {line['line_id']} to be received",
        )
        assert (item["state"], item["merchant_ref"]) == ("received", line["order_no"])
        wait_until(
            lambda s=seq: any(e["type"] == "item.received" for e in records.events_after(s)),
            10,
            "the item.received event",
        )
        events = records.events_after(seq)
        assert [(e["type"], e["line_id"], e["item_tag"]) for e in events] == [
            ("item.received", line["line_id"], item["tag"])
        ]
        assert records.audit_count() > audits
    x.screenshot("pieces-received")
    shipment_items = records.rows("SELECT asn_line_id FROM items WHERE shipment_id = ?", ship["id"])
    assert sorted(r["asn_line_id"] for r in shipment_items) == sorted(ln["id"] for ln in received)

    seq = records.last_outbox_seq()
    before = x.windows()
    x.scan("CMD:intake_close")  # the command barcode of the Close parcel button [F8]
    question = None
    try:
        question = wait_until(lambda: next(iter(x.windows() - before), None), 15, "the missing-lines question")
    except AssertionError:
        if _status(records, ship["id"]) == "receiving":
            x.screenshot("close-command-unknown")
            pytest.xfail("the intake screen registers no command barcode 'intake_close' yet (h-intake binds it)")
    if question is not None:
        x.screenshot("missing-lines-question")
        x.focus(question)
        x.key("Return")  # Yes: close with the missing line recorded
    wait_until(lambda: _status(records, ship["id"]) == "closed", 30, "the parcel to close")
    x.screenshot("parcel-closed")
    events = records.events_after(seq)
    closed = [e for e in events if e["type"] == "shipment.closed"]
    assert len(closed) == 1 and closed[0]["payload"]["missing_lines"] == [last["line_id"]]
    assert sorted(closed[0]["payload"]["received_lines"]) == sorted(ln["line_id"] for ln in received)
    assert len(received) == 11
    missing = records.rows("SELECT kind, line_id FROM discrepancies WHERE shipment_id = ?", ship["id"])
    assert missing == [{"kind": "missing", "line_id": last["line_id"]}]


def test_window_and_every_station_fit_1366x768_in_chinese(clerk_zh: Session) -> None:
    check_stations_fit(clerk_zh, "zh_CN")
