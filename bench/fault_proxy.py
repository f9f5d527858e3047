"""A fault-injecting HTTP proxy on loopback, in front of a platform (the reference server).

It answers a share of requests itself with ``503`` + ``Retry-After``, drops a share of
connections in the middle of the answer (after the platform has handled the request, so
the client cannot know whether it was stored), delays a share of answers, and enforces
the contract's 10 requests per second with ``429`` + ``Retry-After``. It also watches the
client for breaches of platform-api.md: more than 10 requests in any second, a POST
/events over 200 events or 4 MiB, an event id resent with different content, or one item's
seq going backwards within a request (across requests the platform itself answers
``out_of_order``, which the benchmark counts). The tallies are in ``FaultProxy.stats``.
Used by bench/bench_faults.py and the tests.
"""

from __future__ import annotations

import collections
import http.client
import json
import random
import socket
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit


@dataclass
class FaultPlan:
    p503: float = 0.2
    p_drop: float = 0.3
    p_slow: float = 0.3
    slow_s: tuple[float, float] = (0.2, 0.8)
    rate_limit: int = 10  # requests per second; 0 = no limit
    retry_after_s: int = 1
    seed: int = 1
    fail_paths: tuple[str, ...] = ()  # path fragments always answered 503 (a struggling endpoint)


@dataclass
class ProxyStats:
    requests: int = 0
    answered_503: int = 0
    dropped: int = 0
    slowed: int = 0
    rate_limited: int = 0  # 429 for more than ``rate_limit`` requests in a second
    violations: list[str] = field(default_factory=list)
    results: collections.Counter[str] = field(default_factory=collections.Counter)  # platform's per-event answers
    by_request: collections.Counter[str] = field(default_factory=collections.Counter)  # "HEAD /blobs": n


class FaultProxy:
    def __init__(self, upstream: str, plan: FaultPlan | None = None, *, port: int = 0) -> None:
        parts = urlsplit(upstream)
        self.upstream_host, self.upstream_port = parts.hostname or "127.0.0.1", parts.port or 80
        self.base_path = parts.path.rstrip("/")
        self.plan = plan or FaultPlan()
        self.stats = ProxyStats()
        self._rng = random.Random(self.plan.seed)
        self._lock = threading.Lock()
        self._arrivals: collections.deque[float] = collections.deque()
        self._event_bodies: dict[str, str] = {}
        proxy = self

        class Handler(_Handler):
            owner = proxy

        self._server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self._server.daemon_threads = True
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}{self.base_path}"

    def start(self) -> FaultProxy:
        self._thread = threading.Thread(target=self._server.serve_forever, name="fault-proxy", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    # -- decisions (under the lock: the handler threads share the dice and the tallies) ------
    def decide(self, method: str, path: str) -> tuple[str, float]:
        """'rate' | '503' | 'drop' | 'forward', and a delay before answering."""
        with self._lock:
            self.stats.requests += 1
            endpoint = path.split("?")[0].removeprefix(self.base_path).strip("/").split("/")[0]
            self.stats.by_request[f"{method} /{endpoint}"] += 1
            now = time.monotonic()
            self._arrivals.append(now)
            while self._arrivals and self._arrivals[0] <= now - 1.0:
                self._arrivals.popleft()
            if self.plan.rate_limit and len(self._arrivals) > self.plan.rate_limit:
                self.stats.rate_limited += 1
                self.stats.violations.append(f"{len(self._arrivals)} requests within one second")
                return "rate", 0.0
            roll = self._rng.random()
            delay = 0.0
            if self._rng.random() < self.plan.p_slow:
                self.stats.slowed += 1
                delay = self._rng.uniform(*self.plan.slow_s)
            if roll < self.plan.p503 or any(f in path for f in self.plan.fail_paths):
                self.stats.answered_503 += 1
                return "503", delay
            if roll < self.plan.p503 + self.plan.p_drop:
                self.stats.dropped += 1
                return "drop", delay
            return "forward", delay

    def check_events(self, body: bytes) -> None:
        """Contract checks on what the client sends (the proxy sees every byte of it)."""
        problems: list[str] = []
        if len(body) > 4 * 1024 * 1024:
            problems.append(f"POST /events of {len(body)} bytes (over 4 MiB)")
        try:
            events = json.loads(body)["events"]
        except (ValueError, KeyError, TypeError):
            problems.append("POST /events body is not a JSON object with events")
            events = []
        if len(events) > 200:
            problems.append(f"POST /events with {len(events)} events (over 200)")
        last_seq: dict[str, int] = {}
        with self._lock:
            for ev in events:
                text = json.dumps(ev, sort_keys=True)
                before = self._event_bodies.setdefault(str(ev.get("event_id")), text)
                if before != text:
                    problems.append(f"event {ev.get('event_id')} resent with different content")
                tag = ev.get("item_tag")
                if tag is not None:
                    if ev["seq"] <= last_seq.get(tag, -1):
                        problems.append(f"item {tag}: seq {ev['seq']} after {last_seq[tag]} in one request")
                    last_seq[tag] = ev["seq"]
            self.stats.violations.extend(problems)

    def check_results(self, data: bytes) -> None:
        """The platform's verdicts: out_of_order or invalid_payload mean the client broke the
        contract (sent out of order, or an event the contract does not allow)."""
        try:
            results = json.loads(data)["results"]
        except (ValueError, KeyError, TypeError):
            return
        with self._lock:
            for r in results:
                reason = r.get("reason") if r.get("status") == "rejected" else None
                self.stats.results[f"{r.get('status')}:{reason}" if reason else str(r.get("status"))] += 1
                if reason in ("out_of_order", "invalid_payload", "unknown_type"):
                    self.stats.violations.append(f"platform rejected {r.get('event_id')}: {reason} {r.get('detail')}")


class _Handler(BaseHTTPRequestHandler):
    owner: FaultProxy
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        pass

    def _relay(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        action, delay = self.owner.decide(self.command, self.path)
        if delay:
            time.sleep(delay)  # a slow platform: this handler thread waits, the client's request hangs
        if action == "rate":
            return self._answer(
                429, b'{"title":"too many requests"}', {"Retry-After": str(self.owner.plan.retry_after_s)}
            )
        if action == "503":
            return self._answer(503, b'{"title":"unavailable"}', {"Retry-After": str(self.owner.plan.retry_after_s)})
        if self.command == "POST" and self.path.split("?")[0].endswith("/events"):
            self.owner.check_events(body)
        status, headers, data = self._forward(body)
        if status == 200 and self.command == "POST" and self.path.split("?")[0].endswith("/events"):
            self.owner.check_results(data)
        if action == "drop":
            # The platform did the work; the client gets half an answer (or none) and a closed socket.
            if self.command != "HEAD" and data:
                self.wfile.write(
                    f"HTTP/1.1 {status} X\r\nContent-Length: {len(data)}\r\n\r\n".encode() + data[: len(data) // 2]
                )
                self.wfile.flush()
            self.close_connection = True
            self.connection.shutdown(socket.SHUT_RDWR)
            return None
        return self._answer(status, data, headers)

    def _forward(self, body: bytes) -> tuple[int, dict[str, str], bytes]:
        conn = http.client.HTTPConnection(self.owner.upstream_host, self.owner.upstream_port, timeout=60)
        try:
            headers = {k: v for k, v in self.headers.items() if k.lower() not in ("host", "connection")}
            conn.request(self.command, self.path, body=body if body else None, headers=headers)
            response = conn.getresponse()
            data = response.read()
            keep = {k: v for k, v in response.getheaders() if k.lower() in ("content-type", "retry-after")}
            return response.status, keep, data
        finally:
            conn.close()

    def _answer(self, status: int, data: bytes, headers: dict[str, str]) -> None:
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    do_GET = do_POST = do_PUT = do_HEAD = _relay
