"""Device and sync states in words, defined once for the status bar and the screens.

States arrive as codes from the drivers and the sync worker (``not_answering``,
``backing_off``); a person reads words in their language, never the code. An unknown
code is shown as "unknown state" with the code in brackets, so a new state is visible
but never passes for a known one.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.core.outbox import LOCAL_REASONS


def device_name(name: str) -> str:
    names = {
        "balance": QCoreApplication.translate("States", "balance"),
        "box": QCoreApplication.translate("States", "inspection box"),
        "camera": QCoreApplication.translate("States", "camera"),
        "scanner": QCoreApplication.translate("States", "scanner"),
        "printer": QCoreApplication.translate("States", "label printer"),
        "devices": QCoreApplication.translate("States", "devices"),
    }
    return names.get(name, name)


def device_state(state: str) -> str:
    names = {
        "connected": QCoreApplication.translate("States", "ready"),
        "ready": QCoreApplication.translate("States", "ready"),
        "running": QCoreApplication.translate("States", "ready"),
        "disconnected": QCoreApplication.translate("States", "disconnected"),
        "connecting": QCoreApplication.translate("States", "connecting"),
        "reconnecting": QCoreApplication.translate("States", "reconnecting"),
        "not_answering": QCoreApplication.translate("States", "not answering"),
        "error": QCoreApplication.translate("States", "failed"),
        "missing": QCoreApplication.translate("States", "not found"),
        "busy": QCoreApplication.translate("States", "in use by another program"),
        "stopped": QCoreApplication.translate("States", "stopped"),
        "closed": QCoreApplication.translate("States", "closed"),
        "not_configured": QCoreApplication.translate("States", "not configured"),
        "simulated": QCoreApplication.translate("States", "simulated"),
        "refused": QCoreApplication.translate("States", "simulator refused outside demo mode"),
    }
    return names.get(state) or QCoreApplication.translate("States", "unknown state (%1)").replace("%1", state)


def device_level(state: str) -> str:
    """ok / warn / error, for colouring a state."""
    if state in ("connected", "ready", "running"):
        return "ok"
    if state in ("disconnected", "connecting", "reconnecting", "not_configured", "stopped", "closed"):
        return "warn"
    return "error"


def sync_state(state: str) -> str:
    names = {
        "idle": QCoreApplication.translate("States", "up to date"),
        "syncing": QCoreApplication.translate("States", "sending"),
        "backing_off": QCoreApplication.translate("States", "waiting to retry"),
        "auth_failed": QCoreApplication.translate("States", "refused by the platform, tell a supervisor"),
        "offline": QCoreApplication.translate("States", "offline"),
        "stopped": QCoreApplication.translate("States", "stopped"),
        "not_started": QCoreApplication.translate("States", "not started"),
        "not_configured": QCoreApplication.translate("States", "not configured"),
        "refused": QCoreApplication.translate("States", "refused: demo platform outside demo mode"),
        "error": QCoreApplication.translate("States", "failed"),
    }
    return names.get(state) or QCoreApplication.translate("States", "unknown state (%1)").replace("%1", state)


def sync_level(state: str, pending: int = 0) -> str:
    if state == "idle":
        return "warn" if pending else "ok"
    if state == "syncing":
        return "ok"
    return "warn" if state in ("backing_off", "offline", "not_started") else "error"


def event_name(event_type: str) -> str:
    """A platform event type (platform-api.md §3) as words; the code stays in brackets."""
    names = {
        "shipment.received": QCoreApplication.translate("States", "parcel received"),
        "shipment.closed": QCoreApplication.translate("States", "parcel closed"),
        "item.received": QCoreApplication.translate("States", "item received"),
        "item.discrepancy": QCoreApplication.translate("States", "discrepancy"),
        "measurement.recorded": QCoreApplication.translate("States", "measurement"),
        "photo.attached": QCoreApplication.translate("States", "photo"),
        "inspection.completed": QCoreApplication.translate("States", "phone inspection"),
        "grading.recorded": QCoreApplication.translate("States", "grading"),
        "review.decided": QCoreApplication.translate("States", "review decision"),
        "certificate.issued": QCoreApplication.translate("States", "certificate issued"),
        "certificate.voided": QCoreApplication.translate("States", "certificate voided"),
        "item.rejected": QCoreApplication.translate("States", "item rejected"),
        "item.dispatched": QCoreApplication.translate("States", "item dispatched"),
    }
    name = names.get(event_type)
    return f"{name} ({event_type})" if name else event_type


def reject_reason(reason: str) -> str:
    """Why an event was refused (by the platform, or by the sync engine's own checks: local_*),
    in words (the code stays in brackets)."""
    names = {
        "unknown_asn": QCoreApplication.translate("States", "the platform does not know this parcel notice"),
        "unknown_type": QCoreApplication.translate("States", "the platform does not know this kind of event"),
        "invalid_payload": QCoreApplication.translate("States", "a field is missing or invalid"),
        "out_of_order": QCoreApplication.translate("States", "sent out of order"),
        "conflict": QCoreApplication.translate("States", "conflicts with what the platform holds"),
        "not_issuer": QCoreApplication.translate("States", "another warehouse issued this certificate"),
        "unknown_case": QCoreApplication.translate("States", "the platform does not know this after-sale case"),
        "duplicate": QCoreApplication.translate("States", "already received"),
    }
    name = names.get(reason)
    if name is None and reason in LOCAL_REASONS:  # the sync engine's own verdicts, named in core
        name = LOCAL_REASONS.get(reason).name(ops_lang())
    return f"{name} ({reason})" if name else reason


def item_state(state: str, held_from: str | None = None) -> str:
    """An item's state in words (app/core/lifecycle.py's names); a held item also says where
    it was held from, so a hold reads the same on every list: "On hold (was: In review)"."""
    from app.core.lifecycle import STATE_NAMES, ItemState

    zh = ops_lang().startswith("zh")
    try:
        name = STATE_NAMES[ItemState(state)][0 if zh else 1]
    except ValueError:
        return QCoreApplication.translate("States", "unknown state (%1)").replace("%1", state)
    if state == ItemState.ON_HOLD and held_from:
        try:
            before = STATE_NAMES[ItemState(held_from)][0 if zh else 1]
        except ValueError:
            before = held_from
        return QCoreApplication.translate("States", "%1 (was: %2)").replace("%1", name).replace("%2", before)
    return name


def ops_lang() -> str:
    from app.ui.ops import LANG

    return LANG["value"]
