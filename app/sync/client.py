"""Typed client of the central platform (platform-api.md), on httpx.

Every failure is classified once, here, so the engine only decides *what to do*:
``TransientError`` (retry with backoff, honouring ``retry_after``), ``AuthError`` (stop and
tell a supervisor), ``PermanentError`` (this request will never succeed as it is).
The token is a secret: it lives in a wrapper whose repr is masked and is added to each
request by an auth hook, so it never lands in a repr, a log line or an exception message.
"""

from __future__ import annotations

import email.utils
import json
import socket
import time
from collections.abc import Callable, Generator
from typing import Any

import httpx

from app.core.errors import TWError

from .ratelimit import Limiter, TokenBucket

TRANSIENT_STATUS = frozenset({408, 429, 500, 502, 503, 504})
AUTH_STATUS = frozenset({401, 403})


class PlatformError(TWError):
    code = "platform"

    def __init__(
        self,
        zh: str,
        en: str,
        *,
        status: int | None = None,
        problem: dict[str, Any] | None = None,
        retry_after: float | None = None,
    ) -> None:
        super().__init__(zh, en)
        self.status = status
        self.problem = problem or {}
        self.retry_after = retry_after


class TransientError(PlatformError):
    code = "platform_transient"


class ProtocolViolation(TransientError):
    """The platform answered, but not as the contract says (results that do not match the
    request, a page without its list). Nothing in such an answer is believed; the request
    is retried like any transient failure, and counted so a report can say so."""

    code = "platform_protocol"


class AuthError(PlatformError):
    code = "platform_auth"


class PermanentError(PlatformError):
    code = "platform_permanent"


class KeyConflict(PermanentError):
    code = "platform_key_conflict"


class _Secret:
    def __init__(self, value: str) -> None:
        self._value = value

    def reveal(self) -> str:
        return self._value

    def __repr__(self) -> str:
        return "<secret>"

    __str__ = __repr__


class _BearerAuth(httpx.Auth):
    def __init__(self, token: _Secret, workstation_id: str) -> None:
        self._token = token
        self._workstation_id = workstation_id

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        request.headers["Authorization"] = f"Bearer {self._token.reveal()}"
        request.headers["X-Workstation-Id"] = self._workstation_id
        yield request

    def __repr__(self) -> str:
        return f"<BearerAuth workstation={self._workstation_id}>"


def parse_retry_after(value: str | None, now: Callable[[], float] = time.time) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - now())


class PlatformClient:
    def __init__(
        self,
        base_url: str,
        token: str,
        workstation_id: str,
        *,
        timeout: float = 30.0,
        limiter: Limiter | None = None,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.workstation_id = workstation_id
        # 9.5/s rather than 10: requests spaced exactly 100 ms apart can still arrive 11 to a
        # second after network jitter; the platform counts what it receives.
        self.limiter: Limiter = limiter if limiter is not None else TokenBucket(rate=9.5)
        self._auth = _BearerAuth(_Secret(token), workstation_id)
        if transport is None:
            # TCP_NODELAY: with Nagle, a small request after a small answer waits for a delayed
            # ACK (tens of ms on loopback/LAN), which dominated blob uploads.
            transport = httpx.HTTPTransport(socket_options=[(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)])
        self._http = httpx.Client(
            timeout=timeout, transport=transport, headers={"User-Agent": "treasure-warehouse-workstation"}
        )

    def __repr__(self) -> str:
        return f"PlatformClient({self.base_url!r}, workstation={self.workstation_id!r})"

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> PlatformClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- endpoints ----------------------------------------------------------------------
    def inbound(self, cursor: str | None = None, limit: int = 100) -> dict[str, Any]:
        params: dict[str, Any] = {"limit": limit}
        if cursor:
            params["cursor"] = cursor
        return self._json(self._request("GET", "/inbound", params=params))

    def has_blob(self, sha256: str) -> bool:
        response = self._request("HEAD", f"/blobs/{sha256}", ok=(200, 404))
        return response.status_code == 200

    def put_blob(self, sha256: str, data: bytes, content_type: str) -> bool:
        """Upload one blob; True when stored now, False when it was already there."""
        response = self._request(
            "PUT", f"/blobs/{sha256}", content=data, headers={"Content-Type": content_type}, ok=(200, 201)
        )
        return response.status_code == 201

    def post_events(self, events: list[dict[str, Any]] | bytes) -> list[dict[str, Any]]:
        """POST /events; ``events`` may be pre-encoded (the engine sizes batches by bytes)."""
        body = events if isinstance(events, bytes) else encode_events(self.workstation_id, events)
        data = self._json(self._request("POST", "/events", content=body, headers={"Content-Type": "application/json"}))
        results = data.get("results") if isinstance(data, dict) else None
        if not isinstance(results, list):
            raise ProtocolViolation(
                "平台返回了无法识别的结果", "The platform answered without per-event results", status=200
            )
        return results

    def register_key(
        self, key_id: str, algorithm: str, public_key_pem: str, certificate_pem: str | None = None
    ) -> tuple[bool, dict[str, Any]]:
        """Register a signing key: (True if newly registered, record). KeyConflict on 409."""
        body = {
            "key_id": key_id,
            "algorithm": algorithm,
            "public_key_pem": public_key_pem,
            "certificate_pem": certificate_pem,
        }
        response = self._request("POST", "/signing-keys", json=body, ok=(200, 201, 409))
        if response.status_code == 409:
            raise KeyConflict(
                "签名密钥编号已被另一把密钥占用",
                f"key_id {key_id} is taken by a different key",
                status=409,
                problem=_problem(response),
            )
        return response.status_code == 201, self._json(response)

    def signing_keys(self) -> list[dict[str, Any]]:
        return list(self._json(self._request("GET", "/signing-keys")).get("keys", []))

    def verify(self, certificate_no: str) -> dict[str, Any]:
        """Public verification (no credentials sent)."""
        from urllib.parse import quote

        response = self._request(
            "GET",
            f"/verify/{quote(certificate_no, safe='')}",
            authenticate=False,
            headers={"Accept": "application/json"},
        )
        return self._json(response)

    # -- plumbing -----------------------------------------------------------------------
    def _request(
        self, method: str, path: str, *, ok: tuple[int, ...] = (200,), authenticate: bool = True, **kwargs: Any
    ) -> httpx.Response:
        self.limiter.acquire()
        try:
            response = self._http.request(
                method, self.base_url + path, auth=self._auth if authenticate else None, **kwargs
            )
        except httpx.TransportError as exc:  # connection refused/reset, timeouts, dropped answers
            raise TransientError(
                "无法连接平台，稍后自动重试", f"Cannot reach the platform ({type(exc).__name__}); will retry"
            ) from None
        status = response.status_code
        if status in ok:
            return response
        retry_after = parse_retry_after(response.headers.get("Retry-After"))
        if status in AUTH_STATUS:
            raise AuthError(
                "平台拒绝了本工作站的令牌，请联系主管",
                "The platform refused this workstation's token; tell a supervisor",
                status=status,
                problem=_problem(response),
            )
        if status in TRANSIENT_STATUS or status >= 500:
            raise TransientError(
                f"平台暂时不可用（{status}），稍后自动重试",
                f"The platform is temporarily unavailable ({status}); will retry",
                status=status,
                problem=_problem(response),
                retry_after=retry_after,
            )
        detail = str(_problem(response).get("detail", ""))[:300]
        raise PermanentError(
            f"平台拒绝了请求（{status}）：{detail}",
            f"The platform refused the request ({status}): {detail}",
            status=status,
            problem=_problem(response),
        )

    @staticmethod
    def _json(response: httpx.Response) -> Any:
        try:
            return response.json()
        except ValueError:
            raise TransientError(
                "平台返回了无法解析的内容",
                "The platform answered with something that is not JSON",
                status=response.status_code,
            ) from None


def encode_events(workstation_id: str, events: list[dict[str, Any]]) -> bytes:
    return json.dumps(
        {"workstation_id": workstation_id, "events": events}, ensure_ascii=False, separators=(",", ":")
    ).encode()


def _problem(response: httpx.Response) -> dict[str, Any]:
    try:
        data = response.json()
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}
