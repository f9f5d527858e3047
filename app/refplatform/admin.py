"""Operator endpoints of the reference platform (not part of platform-api.md).

``{base}/admin/...`` with ``Authorization: Bearer <admin token>``; disabled (404) when the
server has no admin token. They let the demo and manual tests feed notices:

- ``POST /admin/asns`` ``{"shipments": [...]}`` or ``{"generate": N, "seed": S, "warehouse_id": W}``
- ``POST /admin/asns/{asn_id}/cancel``
- ``POST /admin/cases`` ``{"cases": [...]}``; ``POST /admin/cases/{case_id}/cancel``
- ``GET /admin/stats`` per-workstation request accounting
- ``GET /admin/events`` accepted events in arrival order
"""

from __future__ import annotations

import hmac
import json
from typing import TYPE_CHECKING, Any

from .app import Response, json_response, problem

if TYPE_CHECKING:
    from .app import PlatformApp, Request


def handle_admin(app: PlatformApp, req: Request) -> Response:
    if not app.admin_token:
        return problem(404, "not-found", "Not Found", "admin endpoints are disabled")
    auth = req.headers.get("Authorization", "")
    if not hmac.compare_digest(auth.encode(), f"Bearer {app.admin_token}".encode()):
        return problem(401, "unauthorized", "Unauthorized", "admin token required")
    parts = req.path.strip("/").split("/")  # ["admin", ...]
    if parts == ["admin", "stats"] and req.method == "GET":
        return json_response(200, app.accounting.snapshot())
    if parts == ["admin", "events"] and req.method == "GET":
        return json_response(200, {"events": app.store.events()})
    if parts == ["admin", "cases"] and req.method == "POST":
        return _load_cases(app, req)
    if len(parts) == 4 and parts[:2] == ["admin", "cases"] and parts[3] == "cancel" and req.method == "POST":
        try:
            return json_response(200, app.store.cancel_case(parts[2]))
        except KeyError:
            return problem(404, "not-found", "Not Found", f"{parts[2]} is not known")
    if parts == ["admin", "asns"] and req.method == "POST":
        return _load_asns(app, req)
    if len(parts) == 4 and parts[:2] == ["admin", "asns"] and parts[3] == "cancel" and req.method == "POST":
        try:
            return json_response(200, app.store.cancel_asn(parts[2]))
        except KeyError:
            return problem(404, "not-found", "Not Found", f"{parts[2]} is not known")
    return problem(404, "not-found", "Not Found", "no such admin endpoint")


def _load_asns(app: PlatformApp, req: Request) -> Response:
    try:
        body: Any = json.loads(req.read_body() or b"{}")
    except ValueError:
        return problem(422, "invalid", "Invalid JSON", "the body is not valid JSON")
    if not isinstance(body, dict):
        return problem(422, "invalid", "Invalid body", "send an object")
    if "generate" in body:
        from .asn_gen import generate_notices

        count = body["generate"]
        if not isinstance(count, int) or not 0 < count <= 10_000:
            return problem(422, "invalid", "Invalid count", "generate must be 1..10000")
        shipments = generate_notices(
            count,
            seed=body.get("seed"),
            warehouse_id=body.get("warehouse_id", "WH-HZ-01"),
            first_number=app.store.asn_count() + 1,
        )
    else:
        given = body.get("shipments")
        if not isinstance(given, list) or not all(
            isinstance(s, dict) and isinstance(s.get("asn_id"), str) and isinstance(s.get("lines"), list) for s in given
        ):
            return problem(422, "invalid", "Invalid shipments", "shipments must be notices with asn_id and lines")
        shipments = given
    stored = [app.store.put_asn(s) for s in shipments]
    return json_response(201, {"loaded": len(stored), "asn_ids": [s["asn_id"] for s in stored]})


def _load_cases(app: PlatformApp, req: Request) -> Response:
    try:
        body: Any = json.loads(req.read_body() or b"{}")
    except ValueError:
        return problem(422, "invalid", "Invalid JSON", "the body is not valid JSON")
    cases = body.get("cases") if isinstance(body, dict) else None
    if not isinstance(cases, list) or not all(
        isinstance(c, dict) and isinstance(c.get("case_id"), str) and isinstance(c.get("item_tag"), str) for c in cases
    ):
        return problem(422, "invalid", "Invalid cases", "cases must be objects with case_id and item_tag")
    stored = [app.store.put_case({"warehouse_id": app.warehouse_id, **c}) for c in cases]
    return json_response(201, {"loaded": len(stored), "case_ids": [c["case_id"] for c in stored]})
