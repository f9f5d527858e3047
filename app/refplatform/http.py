"""HTTP plumbing of the reference platform: stdlib ThreadingHTTPServer, HTTP/1.1 keep-alive,
and ``PlatformServer`` which tests and the demo start in-process (port 0 = any free port)."""

from __future__ import annotations

import logging
import socket
import threading
import time
from collections.abc import Mapping
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from .app import Faults, PlatformApp, Response, problem
from .store import PlatformStore

log = logging.getLogger(__name__)


DRAIN_LIMIT = 64 * 1024 * 1024  # an unwanted body is read and dropped up to this much...
DRAIN_SECONDS = 10.0  # ...or for this long, so the client can finish sending and read our answer


class _Handler(BaseHTTPRequestHandler):
    _headers_buffer: list[bytes]  # http.server's own (private) header buffer, absent from typeshed
    protocol_version = "HTTP/1.1"  # keep-alive: a backlog drains over a few connections
    server: _Server
    timeout = 30  # idle keep-alive connections are closed rather than kept forever
    _continue_pending = False

    def handle_expect_100(self) -> bool:
        # "Expect: 100-continue": say "continue" only when the body is really wanted, so an
        # oversize upload is answered 413 before the client sends a byte of it.
        self._continue_pending = True
        return True

    def setup(self) -> None:
        super().setup()
        # Without this, Nagle + delayed ACK add ~40 ms to every small answer on loopback.
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def _dispatch(self) -> None:
        raw_length = self.headers.get("Content-Length")
        if raw_length is None and self.headers.get("Transfer-Encoding"):
            self._send(problem(411, "length-required", "Length Required", "send a Content-Length"), close=True)
            return
        try:
            length = int(raw_length or 0)
        except ValueError:
            length = -1
        if length < 0:
            self._send(problem(400, "bad-request", "Bad Request", "invalid Content-Length"), close=True)
            return
        consumed = [length == 0]

        def read_body() -> bytes:
            consumed[0] = True
            if self._continue_pending:
                self._continue_pending = False
                self.wfile.write(b"HTTP/1.1 100 Continue\r\n\r\n")
            return self.rfile.read(length) if length else b""

        try:
            response = self.server.app.handle(self.command, self.path, self.headers, length, read_body)
        except RecursionError:
            # Only a hostile body nests deep enough to exhaust the parser: the client's fault.
            response = problem(400, "too-deeply-nested", "Bad Request", "the JSON body is nested too deeply")
        except Exception:  # never let a bug take the connection down silently
            log.exception("platform: %s %s failed", self.command, self.path)
            response = problem(500, "internal", "Internal Server Error", "the platform failed")
        if response.drop:
            self._drop()
            return
        if consumed[0] or self._continue_pending:
            self._continue_pending = False
            # Unread after "Expect: 100-continue": the client has sent nothing, but may still;
            # the connection is closed rather than guessing where its next request begins.
            self._send(response, close=not consumed[0])
            return
        # A body we did not read would be taken for the next request on this connection, and
        # closing with it unread makes the kernel reset the connection: the client, still
        # sending, sees a broken pipe instead of our answer. So: answer, then read and drop
        # the rest of the body (up to a limit), then close.
        self._send(response, close=True)
        self._drain(length)

    def _drain(self, length: int) -> None:
        sock = self.connection
        try:
            self.wfile.flush()
            sock.shutdown(socket.SHUT_WR)  # our answer is complete; the client may read it now
            sock.settimeout(1.0)
            left, deadline = min(length, DRAIN_LIMIT), time.monotonic() + DRAIN_SECONDS
            while left > 0 and time.monotonic() < deadline:
                chunk = (
                    self.rfile.read1(min(left, 1 << 16))
                    if hasattr(self.rfile, "read1")
                    else self.rfile.read(min(left, 1 << 16))
                )
                if not chunk:
                    break
                left -= len(chunk)
        except OSError:
            pass  # the client went away: nothing left to protect

    def _send(self, response: Response, close: bool = False) -> None:
        self.send_response(response.status)
        self.send_header("Content-Type", response.content_type)
        self.send_header("Content-Length", str(len(response.body)))
        for name, value in response.headers.items():
            self.send_header(name, value)
        if close:
            self.send_header("Connection", "close")
            self.close_connection = True
        # Headers and body in one write: one segment for small answers.
        self._headers_buffer.append(b"\r\n")
        if self.command != "HEAD":
            self._headers_buffer.append(response.body)
        self.wfile.write(b"".join(self._headers_buffer))
        self._headers_buffer = []

    def _drop(self) -> None:
        """Fault injection: the work is done but the answer is lost on the way back."""
        self.close_connection = True
        try:
            self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

    def __getattr__(self, name: str) -> Any:
        # Every method (QUERY, TRACE, ...) reaches the router, which answers 405 + Allow.
        if name.startswith("do_"):
            return self._dispatch
        raise AttributeError(name)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        if self.server.verbose:
            log.info("platform %s " + format, self.address_string(), *args)


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: tuple[str, int], app: PlatformApp, verbose: bool) -> None:
        self.app = app
        self.verbose = verbose
        self.open_sockets: set[socket.socket] = set()
        self._sock_lock = threading.Lock()
        super().__init__(address, _Handler)

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        with self._sock_lock:
            self.open_sockets.add(request)
        try:
            super().process_request_thread(request, client_address)
        finally:
            with self._sock_lock:
                self.open_sockets.discard(request)

    def handle_error(self, request: Any, client_address: Any) -> None:
        import sys

        if isinstance(sys.exc_info()[1], ConnectionError | TimeoutError):
            return  # the client went away (or was killed): nothing to report
        super().handle_error(request, client_address)

    def close_open_connections(self) -> None:
        """On stop, end keep-alive connections too, so a stopped platform is really gone."""
        with self._sock_lock:
            sockets = list(self.open_sockets)
        for sock in sockets:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


class PlatformServer:
    """The reference platform, in-process: ``with PlatformServer(tokens=...) as srv: srv.url``."""

    def __init__(
        self,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        db: str = ":memory:",
        tokens: Mapping[str, Any] | None = None,
        base_path: str = "/tw/api/v1",
        admin_token: str | None = None,
        faults: Faults | None = None,
        demo_asns: int = 0,
        warehouse_id: str = "WH-HZ-01",
        seed: int | None = None,
        verbose: bool = False,
    ) -> None:
        self.store = PlatformStore(db)
        allowed = {t: frozenset([ws] if isinstance(ws, str) else ws) for t, ws in (tokens or {}).items()}
        self.app = PlatformApp(
            self.store, allowed, base_path=base_path, admin_token=admin_token, faults=faults, warehouse_id=warehouse_id
        )  # 1.1 key binding: the default warehouse
        self.warehouse_id = warehouse_id
        self._address = (host, port)
        self._verbose = verbose
        self._httpd: _Server | None = None
        self._thread: threading.Thread | None = None
        if demo_asns:
            self.load_demo_asns(demo_asns, seed=seed)

    @property
    def faults(self) -> Faults:
        return self.app.faults

    @property
    def port(self) -> int:
        if self._httpd is None:
            raise RuntimeError("the platform is not running")
        return int(self._httpd.server_address[1])

    @property
    def url(self) -> str:
        """Base URL, e.g. http://127.0.0.1:54321/tw/api/v1."""
        return f"http://{self._address[0]}:{self.port}{self.app.base_path}"

    def start(self) -> PlatformServer:
        self._httpd = _Server(self._address, self.app, self._verbose)
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, name="platform-server", daemon=True
        )
        self._thread.start()
        return self

    def stop(self, close_store: bool = True) -> None:
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.close_open_connections()
            self._httpd.server_close()
            if self._thread is not None:
                self._thread.join(timeout=5)
            self._httpd = None
        if close_store:
            self.store.close()

    def __enter__(self) -> PlatformServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- operator helpers ---------------------------------------------------------------
    def load_asns(self, shipments: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [self.store.put_asn(s) for s in shipments]

    def load_demo_asns(self, count: int, seed: int | None = None) -> list[dict[str, Any]]:
        from .asn_gen import generate_notices

        return self.load_asns(
            generate_notices(count, seed=seed, warehouse_id=self.warehouse_id, first_number=self.store.asn_count() + 1)
        )

    def stats(self) -> dict[str, Any]:
        return self.app.accounting.snapshot()
