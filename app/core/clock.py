"""Time as the platform writes it: RFC 3339, UTC, milliseconds."""

from __future__ import annotations

from datetime import UTC, datetime


def utcnow() -> datetime:
    return datetime.now(UTC)


def rfc3339(dt: datetime) -> str:
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    dt = dt.astimezone(UTC)
    return dt.strftime("%Y-%m-%dT%H:%M:%S.") + f"{dt.microsecond // 1000:03d}Z"


def parse_rfc3339(text: str) -> datetime:
    value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    if value.tzinfo is None:
        raise ValueError(f"time without zone: {text!r}")
    return value.astimezone(UTC)


DEFAULT_TIME_ZONE = "Asia/Shanghai"


def local(dt: datetime, zone: str = DEFAULT_TIME_ZONE) -> datetime:
    """The wall-clock time at the warehouse; stored times stay UTC."""
    from zoneinfo import ZoneInfo

    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return dt.astimezone(ZoneInfo(zone))


def format_local(dt: datetime | str | None, zone: str = DEFAULT_TIME_ZONE, *, seconds: bool = False) -> str:
    """How a time is shown and printed: local, ``2026-11-21 16:15`` (no zone suffix)."""
    if dt is None or dt == "":
        return ""
    if isinstance(dt, str):
        dt = parse_rfc3339(dt) if dt.endswith("Z") or "+" in dt[10:] else datetime.fromisoformat(dt)
    return local(dt, zone).strftime("%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M")
