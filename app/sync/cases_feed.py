"""Pull of ``GET /cases`` (platform-api.md §6) into the station's cases, paged with a stored
cursor like the notices feed. The sync engine calls ``pull_cases`` in its pull step.

One bad case never blocks the others: the station's case service quarantines it with its
reason (malformed, another warehouse's, an unknown tag) and the feed goes on. A platform that
does not offer the feed (1.0 answers 404) stops nothing else. A transient failure ends this
pull of cases only (the cursor keeps what was applied; the next pass goes on from there), so
one more feed never makes the notices' pull less likely to finish on a bad line;
authentication failures propagate to the worker as for every request.
"""

from __future__ import annotations

import logging
from typing import Any, Protocol

from app.core.errors import TWError, ValidationError

from .client import PermanentError, PlatformClient, TransientError

log = logging.getLogger("tw.sync")
PAGE_LIMIT = 500  # the most §6 allows


class CaseFeedStore(Protocol):
    def cases_cursor(self) -> str | None: ...

    def set_cases_cursor(self, cursor: str) -> None: ...

    def apply_case(self, case: Any) -> None: ...


def case_store_for(store_port: Any) -> CaseFeedStore | None:
    """The port itself when it keeps cases, else the station's cases behind its outbox."""
    if hasattr(store_port, "apply_case") and hasattr(store_port, "cases_cursor"):
        return store_port
    ctx = getattr(store_port, "ctx", None)
    if ctx is None:
        return None
    from app.services.case_import import StationCaseFeed

    return StationCaseFeed(ctx)


def fetch_cases_page(client: PlatformClient, cursor: str | None, limit: int) -> dict[str, Any]:
    params: dict[str, Any] = {"limit": limit, **({"cursor": cursor} if cursor else {})}
    body = client._json(client._request("GET", "/cases", params=params))  # noqa: SLF001
    if (
        not isinstance(body, dict)
        or not isinstance(body.get("cases"), list)
        or not isinstance(body.get("has_more"), bool)
        or not (body.get("next_cursor") is None or isinstance(body.get("next_cursor"), str))
    ):
        raise ValidationError(
            "平台返回的售后单页格式错误", "the platform's cases page is malformed", code="bad_cases_page"
        )
    return body


def pull_cases(client: PlatformClient, store_port: Any, *, limit: int = PAGE_LIMIT, max_pages: int = 10_000) -> int:
    """Bring the station's cases up to date; returns how many entries were offered."""
    store = case_store_for(store_port)
    if store is None:
        return 0
    seen = 0
    cursor = store.cases_cursor()
    for _ in range(max_pages):
        try:
            page = fetch_cases_page(client, cursor, limit)
        except PermanentError as exc:
            log.warning("cases feed unavailable: %s", exc.en)
            return seen
        except TransientError as exc:
            log.info("cases feed interrupted, next pass goes on: %s", exc.en)
            return seen
        for raw in page["cases"]:
            try:
                store.apply_case(raw)
            except TWError as exc:  # quarantined (or refused) with its reason; the feed goes on
                log.warning("case refused: %s", exc.en)
            seen += 1
        # Stored after its page was applied: a crash re-applies (idempotent), never skips.
        if page.get("next_cursor"):
            cursor = page["next_cursor"]
            store.set_cases_cursor(cursor)
        if not page["has_more"]:
            return seen
    return seen
