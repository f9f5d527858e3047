"""The 1.1 ``item_tag`` rule (platform-api.md §3), stated once in app/core/events.py and
applied by the engine before sending and by the reference platform on receipt."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.core.events import item_tag_problem
from app.refplatform import PlatformServer
from app.store.models import OutboxEvent as OutboxRow
from app.sync.memory_port import MemoryPort
from tests.helpers import receive_one

from .helpers import WS, EventFactory
from .test_engine import make_engine

MISSING = {"kind": "missing", "note": "缺件 / missing: L2"}


@pytest.mark.parametrize(
    ("etype", "payload", "tag", "asn", "line", "problem"),
    [
        ("item.discrepancy", MISSING, None, "ASN-1", "L2", None),
        ("item.discrepancy", MISSING, None, "ASN-1", None, "line_id"),
        ("item.discrepancy", MISSING, None, None, "L2", "asn_id"),
        ("item.discrepancy", {"kind": "damaged", "note": "x"}, None, "ASN-1", None, "item_tag"),
        ("item.discrepancy", {"kind": "mismatch", "note": "x"}, "TW1", "ASN-1", "L1", None),
        ("shipment.received", {}, None, "ASN-1", None, None),
        ("shipment.closed", {}, None, "ASN-1", None, None),
        ("certificate.voided", {}, None, None, None, None),
        ("certificate.issued", {}, None, None, None, "item_tag"),
        ("photo.attached", {}, None, "ASN-1", None, "item_tag"),
        ("case.received", {}, None, None, None, "item_tag"),
        ("measurement.recorded", {}, "TW1", None, None, None),
    ],
)
def test_the_rule(etype, payload, tag, asn, line, problem) -> None:  # type: ignore[no-untyped-def]
    assert item_tag_problem(etype, payload, tag, asn, line) == problem


def test_engine_holds_an_event_the_rule_refuses_and_sends_the_missing_line(server: PlatformServer) -> None:
    asn = server.store.inbound(0, 1)[0][0]["asn_id"]  # a notice the platform announced
    port, f = MemoryPort(), EventFactory()
    missing = f.make("item.discrepancy", None, MISSING, asn_id=asn, line_id="L2")
    damaged = f.make("item.discrepancy", None, {"kind": "damaged", "note": "box crushed"}, asn_id=asn)
    ok = f.received("TW2611210000001")
    for e in (missing, damaged, ok):
        port.add(e)
    make_engine(server, port).push()
    assert sorted(e["event_id"] for e in server.store.events(WS)) == sorted([missing.event_id, ok.event_id])
    held = port.rejected[damaged.event_id]
    assert held.reason == "local_invalid_payload" and held.detail.startswith("item_tag")


def test_the_reference_platform_applies_the_rule(server: PlatformServer, client) -> None:  # type: ignore[no-untyped-def]
    f = EventFactory()
    untagged = f.make("item.received", None, {"category": "jewelry", "tag_printed": True})
    no_line = f.make("item.discrepancy", None, MISSING)
    results = {r["event_id"]: r for r in client.post_events([untagged.to_wire(), no_line.to_wire()])}
    assert results[untagged.event_id]["status"] == "rejected"
    assert (
        results[untagged.event_id]["reason"] == "invalid_payload" and results[untagged.event_id]["detail"] == "item_tag"
    )
    assert results[no_line.event_id]["detail"] == "asn_id"


def test_closing_a_parcel_with_missing_lines_builds_events_the_rule_accepts(station, people) -> None:  # type: ignore[no-untyped-def]
    item = receive_one(station, people)
    station.intake.close_parcel(people.clerk, item.shipment_id, accept_missing=True)
    with station.db.read() as s:
        rows = s.execute(select(OutboxRow).where(OutboxRow.type == "item.discrepancy")).scalars().all()
        assert sorted(r.line_id for r in rows) == ["L2", "L3"]
        assert all(r.item_tag is None and r.asn_id for r in rows)
        assert all(item_tag_problem(r.type, r.payload, r.item_tag, r.asn_id, r.line_id) is None for r in rows)


def test_a_fact_without_a_piece_stays_local_instead_of_being_sent_to_be_refused(station, people) -> None:  # type: ignore[no-untyped-def]
    # A parcel marked damaged after scanning has no item: the contract has no event for it
    # (item_tag required), so it is recorded and audited here and never becomes a rejection.
    from app.store.models import AuditEntry, Discrepancy

    item = receive_one(station, people)
    station.intake.mark_damaged(people.clerk, item.shipment_id, "corner crushed")
    with station.db.read() as s:
        kinds = [d.kind for d in s.execute(select(Discrepancy)).scalars()]
        assert "damaged" in kinds
        sent = s.execute(select(OutboxRow).where(OutboxRow.type == "item.discrepancy")).scalars().all()
        assert [r for r in sent if r.payload.get("kind") == "damaged"] == []
        assert any("corner crushed" in str(a.detail) for a in s.execute(select(AuditEntry)).scalars())
        every = s.execute(select(OutboxRow)).scalars().all()
        assert all(item_tag_problem(r.type, r.payload, r.item_tag, r.asn_id, r.line_id) is None for r in every)
