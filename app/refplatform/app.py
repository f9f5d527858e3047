"""Endpoints of the reference platform, independent of the HTTP plumbing (``http.py``).

``PlatformApp.handle`` takes a parsed request and returns a ``Response``; the handler only
moves bytes. Keeping it this way lets the fault injection and the accounting sit in one
place, in front of every authenticated endpoint.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import random
import re
import threading
import time
from collections import defaultdict, deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol
from urllib.parse import parse_qs, unquote

from . import ingest
from .keys import key_binding_problem, prefix_problem
from .openapi import openapi_document
from .store import PlatformStore
from .verify_page import render_verify_page, verify_json

MAX_BLOB = 20 * 1024 * 1024
MAX_EVENTS_BODY = 4 * 1024 * 1024
BLOB_TYPES = frozenset({"image/jpeg", "image/png", "application/pdf", "application/json"})
CURSOR_RE = re.compile(r"^c_(\d{1,18})$")
STATUS_CURSOR_RE = re.compile(r"^s_(\d{1,18})$")
CASE_CURSOR_RE = re.compile(r"^k_(\d{1,18})$")
PROBLEM_BASE = "https://platform.example/problems/"


@dataclass
class Faults:
    """Misbehaviour to inject in front of authenticated endpoints (shares are 0..1)."""

    p503: float = 0.0
    p429: float = 0.0
    slow_ms: int = 0
    p_drop_after_store: float = 0.0  # store the request's effect, then close without answering
    delay_after_store_ms: int = 0  # hold the answer after storing (widens the crash window in tests)
    retry_after_s: int = 1
    seed: int | None = None


@dataclass
class Response:
    status: int
    body: bytes = b""
    content_type: str = "application/json"
    headers: dict[str, str] = field(default_factory=dict)
    drop: bool = False  # close the connection without sending anything


def json_response(status: int, data: Any, headers: dict[str, str] | None = None) -> Response:
    return Response(status, json.dumps(data, ensure_ascii=False).encode(), "application/json", headers or {})


def problem(status: int, slug: str, title: str, detail: str, headers: dict[str, str] | None = None) -> Response:
    body = {"type": PROBLEM_BASE + slug, "title": title, "status": status, "detail": detail}
    return Response(status, json.dumps(body, ensure_ascii=False).encode(), "application/problem+json", headers or {})


class Accounting:
    """Per-workstation request counts, and the most requests seen in any one second."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._stats: dict[str, dict[str, Any]] = defaultdict(
            lambda: {"requests": 0, "by_status": defaultdict(int), "bytes_in": 0, "max_per_second": 0}
        )
        self._recent: dict[str, deque[float]] = defaultdict(deque)

    def record(self, workstation_id: str, status: int, bytes_in: int, at: float) -> None:
        with self._lock:
            s = self._stats[workstation_id]
            s["requests"] += 1
            s["by_status"][str(status)] += 1
            s["bytes_in"] += bytes_in
            window = self._recent[workstation_id]
            window.append(at)
            while window and window[0] <= at - 1.0:
                window.popleft()
            s["max_per_second"] = max(s["max_per_second"], len(window))

    def snapshot(self) -> dict[str, Any]:
        with self._lock:
            return {ws: {**s, "by_status": dict(s["by_status"])} for ws, s in self._stats.items()}


class Headers(Protocol):
    """What a request's headers must offer: a plain dict, or http.server's case-insensitive message."""

    def get(self, name: str, default: str, /) -> str: ...


@dataclass
class Request:
    method: str
    path: str  # without the base path
    query: dict[str, list[str]]
    headers: Headers
    content_length: int
    read_body: Callable[[], bytes]


# Query parameters each operation takes, read from the OpenAPI document the platform serves
# (one list, not a second one here); anything else is refused, not silently ignored.
_QUERY_PARAMS: dict[tuple[str, str], frozenset[str]] = {
    (method.upper(), template): frozenset(
        p["name"] for p in [*op.get("parameters", []), *ops.get("parameters", [])] if p.get("in") == "query"
    )
    for template, ops in openapi_document("").get("paths", {}).items()
    for method, op in ops.items()
    if isinstance(op, dict) and method != "parameters"
}


def _unknown_query(req: Request) -> Response | None:
    template = "/blobs/{sha256}" if req.path.startswith("/blobs/") else req.path
    extra = sorted(set(req.query) - _QUERY_PARAMS.get((req.method, template), frozenset()))
    if not extra:
        return None
    names = ", ".join(repr(name[:40]) for name in extra[:5])
    return problem(422, "invalid", "Unknown query parameter", f"{req.method} {template} takes no {names}")


class PlatformApp:
    def __init__(
        self,
        store: PlatformStore,
        tokens: Mapping[str, frozenset[str]],
        *,
        base_path: str = "/tw/api/v1",
        admin_token: str | None = None,
        faults: Faults | None = None,
        warehouse_id: str = "WH-HZ-01",
        workstation_warehouses: Mapping[str, str] | None = None,
    ) -> None:
        self.store = store
        # Which warehouse each workstation belongs to (1.1 key binding, certificate issuers);
        # a workstation not listed belongs to the platform's default warehouse.
        self.warehouse_id = warehouse_id
        self.workstation_warehouses = dict(workstation_warehouses or {})
        self.tokens = dict(tokens)  # token -> allowed workstation ids ("*" allows any)
        self.base_path = "/" + base_path.strip("/") if base_path.strip("/") else ""
        self.admin_token = admin_token
        self.faults = faults or Faults()
        self.accounting = Accounting()
        self._rng = random.Random(self.faults.seed)

    # -- entry point --------------------------------------------------------------------
    def handle(
        self, method: str, raw_path: str, headers: Headers, content_length: int, read_body: Callable[[], bytes]
    ) -> Response:
        path, _, qs = raw_path.partition("?")
        if not path.startswith(self.base_path + "/"):
            return problem(404, "not-found", "Not Found", f"{path} is not served here")
        # Blank values kept: a parameter named in the query is there, even as 'name='.
        query = parse_qs(qs, keep_blank_values=True)
        req = Request(method, path[len(self.base_path) :], query, headers, content_length, read_body)
        if req.path == "/openapi.json":
            return json_response(200, openapi_document(self.base_path)) if method == "GET" else _not_allowed("GET")
        if req.path.startswith("/verify/"):
            return self._verify(req) if method == "GET" else _not_allowed("GET")
        if req.path.startswith("/admin/"):
            from .admin import handle_admin

            return handle_admin(self, req)
        return self._authenticated(req)

    def _authenticated(self, req: Request) -> Response:
        route = self._route(req)
        if isinstance(route, Response):
            return route
        auth = req.headers.get("Authorization", "")
        token = auth[7:].strip() if auth[:7].lower() == "bearer " else ""
        allowed = self._allowed(token)
        if allowed is None:
            return problem(
                401,
                "unauthorized",
                "Unauthorized",
                "missing or unknown bearer token",
                {"WWW-Authenticate": 'Bearer realm="platform"'},
            )
        ws = req.headers.get("X-Workstation-Id", "").strip()
        if not ws or ("*" not in allowed and ws not in allowed):
            return problem(403, "forbidden", "Forbidden", "this token is not allowed for this workstation")
        unknown = _unknown_query(req)
        response = unknown if unknown is not None else self._with_faults(route, req)
        self.accounting.record(ws, response.status, req.content_length, time.monotonic())
        return response

    def _allowed(self, token: str) -> frozenset[str] | None:
        if not token:
            return None
        for known, allowed in self.tokens.items():
            if hmac.compare_digest(known.encode(), token.encode()):  # constant time: tokens are secrets
                return allowed
        return None

    def _with_faults(self, handler: Callable[[Request], Response], req: Request) -> Response:
        f = self.faults
        if f.slow_ms:
            time.sleep(f.slow_ms / 1000)
        if f.p429 and self._rng.random() < f.p429:
            return problem(
                429, "too-many-requests", "Too Many Requests", "slow down", {"Retry-After": str(f.retry_after_s)}
            )
        if f.p503 and self._rng.random() < f.p503:
            return problem(
                503, "unavailable", "Service Unavailable", "try again later", {"Retry-After": str(f.retry_after_s)}
            )
        response = handler(req)
        stores = req.method in ("POST", "PUT") and response.status < 300
        if stores and f.delay_after_store_ms:
            time.sleep(f.delay_after_store_ms / 1000)
        if stores and f.p_drop_after_store and self._rng.random() < f.p_drop_after_store:
            return Response(response.status, drop=True)
        return response

    def _route(self, req: Request) -> Callable[[Request], Response] | Response:
        p, m = req.path, req.method
        if p == "/inbound":
            return self._inbound if m == "GET" else _not_allowed("GET")
        if p == "/events":
            return self._events if m == "POST" else _not_allowed("POST")
        if p == "/signing-keys":
            return {"GET": self._list_keys, "POST": self._register_key}.get(m) or _not_allowed("GET, POST")
        if p == "/cases":
            return self._cases if m == "GET" else _not_allowed("GET")
        if p == "/certificate-status":
            return self._certificate_status if m == "GET" else _not_allowed("GET")
        if p.startswith("/blobs/") and p.count("/") == 2:
            return {"HEAD": self._head_blob, "PUT": self._put_blob}.get(m) or _not_allowed("HEAD, PUT")
        return problem(404, "not-found", "Not Found", f"no endpoint {p}")

    # -- §1 inbound ---------------------------------------------------------------------
    def _inbound(self, req: Request) -> Response:
        cursor = (req.query.get("cursor") or [""])[0]
        limit_text = (req.query.get("limit") or ["100"])[0]
        if not limit_text.isdigit() or not 1 <= int(limit_text) <= 500:
            return problem(422, "invalid", "Invalid limit", "limit must be an integer from 1 to 500")
        after = 0
        if cursor:
            match = CURSOR_RE.match(cursor)
            if not match:
                return problem(422, "invalid", "Invalid cursor", "cursor was not issued by this platform")
            after = int(match.group(1))
        shipments, last, has_more = self.store.inbound(after, int(limit_text))
        return json_response(200, {"shipments": shipments, "next_cursor": f"c_{last:011d}", "has_more": has_more})

    # -- §6 after-sale cases -------------------------------------------------------------
    def _cases(self, req: Request) -> Response:
        """The cases of the asking workstation's warehouse, paged like ``/inbound``."""
        cursor = (req.query.get("cursor") or [""])[0]
        limit_text = (req.query.get("limit") or ["100"])[0]
        if not limit_text.isdigit() or not 1 <= int(limit_text) <= 500:
            return problem(422, "invalid", "Invalid limit", "limit must be an integer from 1 to 500")
        after = 0
        if cursor:
            match = CASE_CURSOR_RE.match(cursor)
            if not match:
                return problem(422, "invalid", "Invalid cursor", "cursor was not issued by this platform")
            after = int(match.group(1))
        warehouse = self.warehouse_of(req.headers.get("X-Workstation-Id", "").strip())
        cases, last, has_more = self.store.cases_feed(warehouse, after, int(limit_text))
        return json_response(200, {"cases": cases, "next_cursor": f"k_{last:011d}", "has_more": has_more})

    # -- §2 blobs -----------------------------------------------------------------------
    def _digest(self, req: Request) -> str | None:
        digest = req.path.rsplit("/", 1)[1]
        return digest if ingest.SHA256_RE.match(digest) else None

    def _head_blob(self, req: Request) -> Response:
        digest = self._digest(req)
        if digest is None:
            return Response(404, b"")
        return Response(200 if self.store.has_blob(digest) else 404, b"")

    def _put_blob(self, req: Request) -> Response:
        digest = self._digest(req)
        if digest is None:
            return problem(422, "invalid", "Invalid digest", "the path must be a lowercase hex SHA-256")
        if req.content_length > MAX_BLOB:
            return problem(413, "too-large", "Content Too Large", "blobs are at most 20 MiB")
        ctype = req.headers.get("Content-Type", "").split(";")[0].strip().lower()
        if ctype not in BLOB_TYPES:
            return problem(
                422, "invalid", "Unsupported content type", f"Content-Type must be one of {sorted(BLOB_TYPES)}"
            )
        data = req.read_body()
        if hashlib.sha256(data).hexdigest() != digest:
            return problem(422, "digest-mismatch", "Digest mismatch", "the body's SHA-256 differs from the path")
        created = self.store.put_blob(digest, ctype, data)
        return json_response(201 if created else 200, {"sha256": digest, "size": len(data)})

    # -- §3 events ----------------------------------------------------------------------
    def _events(self, req: Request) -> Response:
        if req.content_length > MAX_EVENTS_BODY:
            return problem(413, "too-large", "Content Too Large", "an events request is at most 4 MiB")
        body = _json_body(req)
        if isinstance(body, Response):
            return body
        try:
            events = ingest.check_batch(body, req.headers.get("X-Workstation-Id", "").strip())
        except ingest.BadBatch as exc:
            return problem(422, "invalid", "Invalid events request", str(exc))
        warehouse = self.warehouse_of(body["workstation_id"])
        return json_response(
            200, {"results": ingest.apply_batch(self.store, body["workstation_id"], events, warehouse)}
        )

    def warehouse_of(self, workstation_id: str) -> str:
        return self.workstation_warehouses.get(workstation_id, self.warehouse_id)

    # -- §4 signing keys ------------------------------------------------------------------
    def _register_key(self, req: Request) -> Response:
        body = _json_body(req)
        if isinstance(body, Response):
            return body
        problem_field = _key_problem(body)
        if problem_field:
            return problem(422, "invalid", "Invalid key", f"{problem_field} is missing or invalid")
        warehouse = self.warehouse_of(req.headers.get("X-Workstation-Id", "").strip())
        # Another warehouse's ids are not even looked at; then "taken" (409) before "invalid".
        binding = prefix_problem(body, warehouse)
        existing = None if binding else self.store.signing_key(body["key_id"])
        if existing is None:
            binding = binding or key_binding_problem(body, warehouse)
        if binding:
            return problem(422, "invalid", "Invalid key", binding)
        outcome, stored = self.store.register_key(body, warehouse)
        if outcome == "conflict":
            return problem(409, "conflict", "Key id taken", f"{body['key_id']} is registered with another key")
        return json_response(201 if outcome == "created" else 200, stored)

    def _list_keys(self, req: Request) -> Response:
        return json_response(200, {"keys": self.store.keys()})

    # -- §4a certificate status feed ------------------------------------------------------------
    def _certificate_status(self, req: Request) -> Response:
        cursor = (req.query.get("cursor") or [""])[0]
        limit_text = (req.query.get("limit") or ["100"])[0]
        if not limit_text.isdigit() or not 1 <= int(limit_text) <= 1000:
            return problem(422, "invalid", "Invalid limit", "limit must be an integer from 1 to 1000")
        after = 0
        if cursor:
            match = STATUS_CURSOR_RE.match(cursor)
            if not match:
                return problem(422, "invalid", "Invalid cursor", "cursor was not issued by this platform")
            after = int(match.group(1))
        changes, last, has_more = self.store.status_changes(after, int(limit_text))
        return json_response(200, {"changes": changes, "next_cursor": f"s_{last:011d}", "has_more": has_more})

    # -- §5 verification ------------------------------------------------------------------
    def _verify(self, req: Request) -> Response:
        number = unquote(req.path[len("/verify/") :])
        if number.endswith("/photo"):
            return self._verify_photo(number[: -len("/photo")])
        cert = self.store.certificate(number)
        accept = req.headers.get("Accept", "")
        if _prefers_json(accept):
            return json_response(200, verify_json(number, cert))
        return Response(
            200, render_verify_page(number, cert).encode(), "text/html; charset=utf-8", {"Cache-Control": "no-store"}
        )

    def _verify_photo(self, number: str) -> Response:
        """The certified front photo, public like the page; only the one the summary names."""
        cert = self.store.certificate(number)
        digest = verify_json(number, cert)["photo_sha256"] if cert else None
        blob = self.store.blob(digest) if isinstance(digest, str) else None
        if blob is None or blob[1] not in ("image/jpeg", "image/png"):
            return problem(404, "not-found", "Not Found", "no photo for this certificate")
        return Response(200, blob[0], blob[1], {"Cache-Control": "public, max-age=86400"})


def _not_allowed(allow: str) -> Response:
    return problem(405, "method-not-allowed", "Method Not Allowed", f"use {allow}", {"Allow": allow})


def _json_body(req: Request) -> Any:
    if req.content_length > MAX_EVENTS_BODY:
        return problem(413, "too-large", "Content Too Large", "request bodies are at most 4 MiB")
    try:
        return json.loads(req.read_body() or b"null")
    except (ValueError, UnicodeDecodeError):
        return problem(422, "invalid", "Invalid JSON", "the body is not valid JSON")


def _key_problem(body: Any) -> str | None:
    if not isinstance(body, dict):
        return "body"
    if not isinstance(body.get("key_id"), str) or not body["key_id"].strip():
        return "key_id"
    if body.get("algorithm") not in ("Ed25519", "ES256"):
        return "algorithm"
    pem = body.get("public_key_pem")
    if not isinstance(pem, str) or "-----BEGIN PUBLIC KEY-----" not in pem:
        return "public_key_pem"
    if body.get("certificate_pem") is not None and not isinstance(body["certificate_pem"], str):
        return "certificate_pem"
    return None


def _prefers_json(accept: str) -> bool:
    """True when the client ranks application/json above text/html (q-values honoured)."""
    ranks: dict[str, float] = {}
    for part in accept.split(","):
        media, *params = [p.strip() for p in part.split(";")]
        q = 1.0
        for param in params:
            if param.startswith("q="):
                try:
                    q = float(param[2:])
                except ValueError:
                    q = 0.0
        ranks[media.lower()] = max(q, ranks.get(media.lower(), 0.0))
    json_q = ranks.get("application/json", 0.0)
    return json_q > 0 and json_q >= ranks.get("text/html", 0.0) and json_q >= ranks.get("*/*", 0.0) * 0.999
