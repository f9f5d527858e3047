"""POST /events semantics (platform-api.md §3): per-event results, exactly once by event_id,
per-item ``seq`` order per workstation, deferral for missing blobs and for later events
of an item whose earlier event in the same request was deferred."""

from __future__ import annotations

import re
import uuid
from typing import Any

from app.core.certificate import summary_problem
from app.core.clock import parse_rfc3339
from app.core.events import EVENT_TYPES, envelope_limit_problem, item_tag_problem, payload_problem

from .store import PlatformStore

SHA256_RE = re.compile(r"^[0-9a-f]{64}$")


class BadBatch(ValueError):
    """The request as a whole is invalid (422): no per-event answer is possible."""


def check_batch(body: Any, workstation_id: str) -> list[dict[str, Any]]:
    """Validate what must hold for the request as a whole; return the events."""
    if not isinstance(body, dict):
        raise BadBatch("the body must be a JSON object")
    if body.get("workstation_id") != workstation_id:
        raise BadBatch("workstation_id must equal the X-Workstation-Id header")
    events = body.get("events")
    if not isinstance(events, list) or not 1 <= len(events) <= 200:
        raise BadBatch("events must be an array of 1 to 200 events")
    for i, ev in enumerate(events):
        # Without a usable event_id no per-event result could name the event.
        if not isinstance(ev, dict) or not isinstance(ev.get("event_id"), str) or not _is_uuid(ev["event_id"]):
            raise BadBatch(f"events[{i}].event_id must be a UUID")
    return events


def _is_uuid(text: str) -> bool:
    try:
        uuid.UUID(text)
    except ValueError:
        return False
    return True


def envelope_problem(ev: dict[str, Any]) -> str | None:
    """The first envelope field that breaks the contract, or None."""
    seq = ev.get("seq")
    if not isinstance(seq, int) or isinstance(seq, bool) or seq < 0:
        return "seq"
    occurred = ev.get("occurred_at")
    try:
        if not isinstance(occurred, str):
            return "occurred_at"
        parse_rfc3339(occurred)
    except ValueError:
        return "occurred_at"
    if not isinstance(ev.get("actor"), str) or not ev["actor"]:
        return "actor"
    for name in ("item_tag", "asn_id", "line_id"):
        if ev.get(name) is not None and not isinstance(ev[name], str):
            return name
    limit = envelope_limit_problem(ev)  # platform-api.md §3 limits (1.1): app.core.limits
    if limit is not None:
        return limit.path
    if not isinstance(ev.get("payload"), dict):
        return "payload"
    blobs = ev.get("blobs", [])
    if not isinstance(blobs, list) or not all(isinstance(b, str) and SHA256_RE.match(b) for b in blobs):
        return "blobs"
    return None


def apply_batch(
    store: PlatformStore, workstation_id: str, events: list[dict[str, Any]], warehouse_id: str | None = None
) -> list[dict[str, Any]]:
    """Decide and store every event of one request, in order, in one transaction."""
    results: list[dict[str, Any]] = []
    deferred_items: set[str] = set()  # items with a deferred event earlier in this request
    with store.lock:
        store.db.execute("BEGIN IMMEDIATE")
        try:
            for ev in events:
                result = _decide(store, workstation_id, ev, deferred_items)
                if result["status"] == "accepted":
                    result = _certificate_rule(store, warehouse_id, ev) or result
                if result["status"] == "deferred" and ev.get("item_tag") is not None:
                    deferred_items.add(ev["item_tag"])
                if result["status"] == "accepted":
                    store.insert_event(workstation_id, ev, warehouse_id)
                results.append(result)
            store.db.execute("COMMIT")
        except BaseException:
            store.db.execute("ROLLBACK")
            raise
    return results


def _decide(store: PlatformStore, ws: str, ev: dict[str, Any], deferred_items: set[str]) -> dict[str, Any]:
    event_id = ev["event_id"]
    if store.event_exists(event_id):
        return {"event_id": event_id, "status": "duplicate"}
    item = ev.get("item_tag")
    if isinstance(item, str) and item in deferred_items:
        return {"event_id": event_id, "status": "deferred", "reason": "waiting_for_earlier"}
    if ev.get("type") not in EVENT_TYPES:
        return _rejected(event_id, "unknown_type", f"{ev.get('type')!r} is not an event type")
    field = (
        envelope_problem(ev)
        or item_tag_problem(ev["type"], ev["payload"], ev.get("item_tag"), ev.get("asn_id"), ev.get("line_id"))
        or payload_problem(ev["type"], ev["payload"], ev.get("blobs") or [])
    )
    if field is not None:
        return _rejected(event_id, "invalid_payload", field)
    if ev["type"].startswith("case."):
        case = store.case(str(ev["payload"]["case_id"]))
        if case is None:
            return _rejected(event_id, "unknown_case", f"{ev['payload']['case_id']} is not known")
        if case.get("item_tag") != item:
            return _rejected(event_id, "invalid_payload", "item_tag")  # §6: the case's tag
    if ev.get("asn_id") is not None and store.asn(ev["asn_id"]) is None:
        return _rejected(event_id, "unknown_asn", f"{ev['asn_id']} is not known")
    if item is not None:
        latest = store.max_seq(ws, item)
        if latest is not None and ev["seq"] < latest:
            return _rejected(
                event_id, "out_of_order", f"seq {ev['seq']} is lower than {latest}, already accepted for {item}"
            )
    missing = store.missing_blobs(ev.get("blobs") or [])
    if missing:
        return {"event_id": event_id, "status": "deferred", "reason": "missing_blob", "missing_blobs": missing}
    return {"event_id": event_id, "status": "accepted"}


def _certificate_rule(store: PlatformStore, warehouse_id: str | None, ev: dict[str, Any]) -> dict[str, Any] | None:
    """1.1 (§4): a number is issued once, and only its issuer may void it. Checked last, so a
    deferred or duplicate answer stays what it was."""
    payload = ev["payload"]
    if ev["type"] == "certificate.issued":
        problem = summary_problem(payload.get("summary"))
        if problem:
            return _rejected(ev["event_id"], "invalid_payload", problem)
        held, _ = store.certificate_issuer(str(payload["certificate_no"]))
        if held:
            return _rejected(
                ev["event_id"],
                "conflict",
                f"certificate {payload['certificate_no']} was issued before; "
                "a number is never issued twice (void it and issue a new one)",
            )
    elif ev["type"] == "certificate.voided":
        held, issuer = store.certificate_issuer(str(payload["certificate_no"]))
        if held and issuer != warehouse_id:
            return _rejected(
                ev["event_id"],
                "not_issuer",
                f"certificate {payload['certificate_no']} was issued by another warehouse; only its issuer may void it",
            )
    return None


def _rejected(event_id: str, reason: str, detail: str) -> dict[str, Any]:
    return {"event_id": event_id, "status": "rejected", "reason": reason, "detail": detail}
