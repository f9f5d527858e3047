"""The parcel (shipment) life cycle as an explicit state machine, like items have.

```
(notice open) ─▶ announced ◀─▶ cancelled (the merchant cancels / reopens the notice)
announced ─waybill scanned─▶ receiving ─close─▶ closed
(no notice) ─waybill scanned─▶ unannounced ─resolve─▶ resolved
announced | cancelled ─a supervisor links an unannounced parcel to it─▶ receiving
```

``next_parcel_state(state, event)`` is the only way a parcel's state changes; services call
it and store ``.value``. Stored values are these codes, unchanged since the first migration.
"""

from __future__ import annotations

from enum import StrEnum

from app.core.errors import IllegalTransition


class ParcelState(StrEnum):
    ANNOUNCED = "announced"  # an advance shipping notice says it is coming
    CANCELLED = "cancelled"  # the merchant cancelled the notice
    RECEIVING = "receiving"  # its waybill was scanned; lines are being received
    UNANNOUNCED = "unannounced"  # arrived without a notice; a supervisor must resolve it
    CLOSED = "closed"  # every line received or confirmed missing
    RESOLVED = "resolved"  # an unannounced parcel returned, or linked to its notice


class ParcelEvent(StrEnum):
    NOTICE_OPEN = "notice_open"  # a notice (revision) with status open arrived
    NOTICE_CANCELLED = "notice_cancelled"  # a notice (revision) with status cancelled arrived
    WAYBILL_SCANNED = "waybill_scanned"
    CLOSE = "close"
    RESOLVE = "resolve"  # a supervisor resolves an unannounced parcel
    LINK = "link"  # a supervisor links an unannounced parcel to this notice


STATE_NAMES = {
    ParcelState.ANNOUNCED: ("已预报", "announced"),
    ParcelState.CANCELLED: ("已取消", "cancelled"),
    ParcelState.RECEIVING: ("收货中", "receiving"),
    ParcelState.UNANNOUNCED: ("未预报", "unannounced"),
    ParcelState.CLOSED: ("已完成", "closed"),
    ParcelState.RESOLVED: ("已处理", "resolved"),
}

P, E = ParcelState, ParcelEvent
# (from state, or None for a parcel not yet recorded, event) -> to state
TRANSITIONS: dict[tuple[ParcelState | None, ParcelEvent], ParcelState] = {
    (None, E.NOTICE_OPEN): P.ANNOUNCED,
    (None, E.NOTICE_CANCELLED): P.CANCELLED,
    (P.ANNOUNCED, E.NOTICE_OPEN): P.ANNOUNCED,
    (P.ANNOUNCED, E.NOTICE_CANCELLED): P.CANCELLED,
    (P.CANCELLED, E.NOTICE_OPEN): P.ANNOUNCED,
    (P.CANCELLED, E.NOTICE_CANCELLED): P.CANCELLED,
    (None, E.WAYBILL_SCANNED): P.UNANNOUNCED,
    (P.ANNOUNCED, E.WAYBILL_SCANNED): P.RECEIVING,
    (P.RECEIVING, E.CLOSE): P.CLOSED,
    (P.UNANNOUNCED, E.RESOLVE): P.RESOLVED,
    (P.ANNOUNCED, E.LINK): P.RECEIVING,
    (P.CANCELLED, E.LINK): P.RECEIVING,
}

# Groups the services and screens ask about (plain codes, for SQL IN clauses).
OPEN = (P.RECEIVING.value, P.UNANNOUNCED.value)  # items can be received into it
NOTICE_ONLY = (P.ANNOUNCED.value, P.CANCELLED.value)  # a notice whose parcel has not arrived
FINISHED = (P.CLOSED.value, P.RESOLVED.value)
EXPECTED_OR_OPEN = (P.ANNOUNCED.value, *OPEN)  # what a clerk expects or works on
BOARD = (*EXPECTED_OR_OPEN, P.CANCELLED.value)  # the intake board (cancelled ones show as such)


def parcel_state(value: str | None) -> ParcelState | None:
    """A stored code as a state; an unknown code is an error, never guessed."""
    if value is None:
        return None
    try:
        return ParcelState(value)
    except ValueError:
        raise IllegalTransition(f"未知的包裹状态 {value!r}", f"unknown parcel state {value!r}") from None


def next_parcel_state(state: ParcelState | str | None, event: ParcelEvent) -> ParcelState:
    current = parcel_state(state)
    target = TRANSITIONS.get((current, event))
    if target is None:
        zh = STATE_NAMES[current][0] if current else "未登记"
        en = current.value if current else "not recorded"
        raise IllegalTransition(
            f"包裹状态为“{zh}”，不能执行 {event.value}",
            f"a parcel that is {en} cannot take {event.value}",
            state=en,
            event=event.value,
        )
    return target


def notice_event(notice_status: str) -> ParcelEvent:
    """The event a notice's ``status`` (platform-api.md §1: open | cancelled) stands for."""
    return ParcelEvent.NOTICE_OPEN if notice_status == "open" else ParcelEvent.NOTICE_CANCELLED


__all__ = [
    "BOARD",
    "EXPECTED_OR_OPEN",
    "FINISHED",
    "NOTICE_ONLY",
    "OPEN",
    "STATE_NAMES",
    "TRANSITIONS",
    "ParcelEvent",
    "ParcelState",
    "next_parcel_state",
    "notice_event",
    "parcel_state",
]
