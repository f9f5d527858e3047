"""Pull of ``GET /certificate-status`` (platform-api.md §4a) into the local copy that offline
verification reads. The sync engine calls ``pull_certificate_status`` in its pull step.

Paged with a stored cursor like the notices feed; a page and its cursor are stored together.
An entry that breaks the contract is skipped and logged with its reason, never guessed into
shape; a platform that does not offer the feed (a 1.0 platform answers 404) stops nothing
else. Transient and authentication failures propagate to the worker, as for every request.
"""

from __future__ import annotations

import logging
from typing import Any, Protocol

from app.core.errors import ValidationError

from .client import PermanentError, PlatformClient

log = logging.getLogger("tw.sync")
PAGE_LIMIT = 1000  # the most §4a allows


class CertificateStatusStore(Protocol):
    def status_cursor(self) -> str | None: ...

    def apply_status_page(self, changes: list[Any], next_cursor: str | None, complete: bool) -> None: ...


def status_store_for(store_port: Any) -> CertificateStatusStore | None:
    """The status copy behind the engine's port: the port itself when it keeps one, else the
    station's copy next to its outbox (the station port carries its service context)."""
    if hasattr(store_port, "apply_status_page") and hasattr(store_port, "status_cursor"):
        return store_port
    ctx = getattr(store_port, "ctx", None)
    if ctx is None:
        return None
    from app.services.certificate_status import CertificateStatusCopies

    return CertificateStatusCopies(ctx)


def fetch_status_page(client: PlatformClient, cursor: str | None, limit: int) -> dict[str, Any]:
    params: dict[str, Any] = {"limit": limit, **({"cursor": cursor} if cursor else {})}
    # The client's own request path: bearer token, rate limit and error classes as everywhere.
    body = client._json(client._request("GET", "/certificate-status", params=params))  # noqa: SLF001
    if (
        not isinstance(body, dict)
        or not isinstance(body.get("changes"), list)
        or not isinstance(body.get("has_more"), bool)
        or not (body.get("next_cursor") is None or isinstance(body.get("next_cursor"), str))
    ):
        raise ValidationError(
            "平台返回的证书状态页格式错误",
            "the platform's certificate status page is malformed",
            code="bad_status_page",
        )
    return body


def pull_certificate_status(
    client: PlatformClient, store_port: Any, *, limit: int = PAGE_LIMIT, max_pages: int = 10_000
) -> int:
    """Bring the local copy up to date; returns how many changes were stored."""
    from app.services.certificate_status import parse_change

    store = status_store_for(store_port)
    if store is None:
        log.debug("certificate status feed: this port keeps no status copy")
        return 0
    stored = 0
    cursor = store.status_cursor()
    for _ in range(max_pages):
        try:
            page = fetch_status_page(client, cursor, limit)
        except PermanentError as exc:
            log.warning("certificate status feed unavailable: %s", exc.en)
            return stored
        changes = []
        for raw in page["changes"]:
            change = parse_change(raw)
            if isinstance(change, str):
                log.warning("certificate status change refused (%s): %r", change, raw)
                continue
            changes.append(change)
        store.apply_status_page(changes, page.get("next_cursor"), complete=not page["has_more"])
        stored += len(changes)
        cursor = page.get("next_cursor") or cursor
        if not page["has_more"]:
            return stored
    return stored
