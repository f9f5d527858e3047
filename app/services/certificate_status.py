"""The local copy of the platform's certificate status feed (platform-api.md §4a).

The sync pull (``app.sync.status_feed``) brings pages in; offline verification asks
``lookup``. The copy caches the platform's facts about every warehouse's certificates: it
writes no audit entry and no outbox event (nothing of this warehouse changes, and the
platform already knows), and a page with its cursor is stored in one transaction so a crash
re-applies a page rather than skipping one.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from app.core.certificate import validate_certificate_no
from app.core.clock import parse_rfc3339, rfc3339
from app.core.errors import TWError
from app.services.base import ServiceContext
from app.store.models import CertificateStatusCopy as CopyRow
from app.store.models import SyncState

log = logging.getLogger("tw.sync")
CURSOR_KEY = "certificate_status:cursor"
PULLED_KEY = "certificate_status:complete_at"  # when the copy last reached the end of the feed
STATUSES = ("valid", "voided")


@dataclass(frozen=True)
class StatusChange:
    certificate_no: str
    status: str
    changed_at: datetime
    replaced_by: str | None


@dataclass(frozen=True)
class CopiedStatus:
    """``status`` valid | voided, or None when the copy never heard of the certificate;
    ``as_of`` when the copy was last complete (None: never); ``stale`` older than allowed."""

    status: str | None
    as_of: datetime | None
    stale: bool
    replaced_by: str | None = None


def parse_change(raw: Any) -> StatusChange | str:
    """One entry of ``changes``, or the reason it is refused (never guessed into shape)."""
    if not isinstance(raw, Mapping):
        return "not an object"
    number, status, at, replaced = (
        raw.get("certificate_no"),
        raw.get("status"),
        raw.get("changed_at"),
        raw.get("replaced_by"),
    )
    try:
        validate_certificate_no(number if isinstance(number, str) else "")
        if replaced is not None:
            validate_certificate_no(replaced if isinstance(replaced, str) else "")
        when = parse_rfc3339(at) if isinstance(at, str) else None
    except (TWError, ValueError) as exc:
        return getattr(exc, "en", str(exc))
    if status not in STATUSES:
        return f"status {status!r} is not valid/voided"
    if when is None:
        return "changed_at missing"
    return StatusChange(str(number), str(status), when, replaced)


class CertificateStatusCopies:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def status_cursor(self) -> str | None:
        with self.ctx.db.read() as s:
            row = s.get(SyncState, CURSOR_KEY)
            return row.value if row else None

    def complete_at(self) -> datetime | None:
        with self.ctx.db.read() as s:
            row = s.get(SyncState, PULLED_KEY)
            return parse_rfc3339(row.value) if row else None

    def apply_status_page(self, changes: list[StatusChange], next_cursor: str | None, complete: bool) -> None:
        """Store one page (oldest change first, so the last word wins) and its cursor; when it
        was the feed's last page, the copy is complete as of now."""
        now = self.ctx.clock()
        with self.ctx.db.transaction() as s:
            for change in changes:
                row = s.get(CopyRow, change.certificate_no)
                if row is None:
                    s.add(
                        CopyRow(
                            certificate_no=change.certificate_no,
                            status=change.status,
                            changed_at=change.changed_at,
                            replaced_by=change.replaced_by,
                            received_at=now,
                        )
                    )
                    s.flush()
                elif row.status == "voided" and change.status == "valid":
                    # 1.1: a voided number is never issued again, so this is a platform fault or
                    # a resurrection attempt; the void stands.
                    log.warning(
                        "certificate %s: 'valid' after 'voided' in the status feed refused", change.certificate_no
                    )
                else:
                    row.status, row.changed_at, row.replaced_by, row.received_at = (
                        change.status,
                        change.changed_at,
                        change.replaced_by,
                        now,
                    )
            if next_cursor:
                _put(s, CURSOR_KEY, next_cursor)
            if complete:
                _put(s, PULLED_KEY, rfc3339(now))

    def lookup(self, certificate_no: str, max_age: timedelta) -> CopiedStatus:
        with self.ctx.db.read() as s:
            row = s.get(CopyRow, certificate_no.strip())
            found = (row.status, row.replaced_by) if row is not None else (None, None)
        as_of = self.complete_at()
        stale = as_of is None or self.ctx.clock() - as_of > max_age
        return CopiedStatus(found[0], as_of, stale, found[1])


def _put(session: Any, key: str, value: str) -> None:
    row = session.get(SyncState, key)
    if row is None:
        session.add(SyncState(key=key, value=value))
    else:
        row.value = value
