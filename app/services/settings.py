"""Settings changes are audited: who changed which setting from what to what (secrets
shown as '***'). The settings file itself is written by app.config; this records it."""

from __future__ import annotations

from typing import Any

from app.core.roles import Action, Actor
from app.services.base import ServiceContext
from app.store import audit

MASK = "***"


def _masked(changes: dict[str, tuple[Any, Any]], secret_keys: frozenset[str]) -> dict[str, Any]:
    return {
        k: {"from": MASK if k in secret_keys else old, "to": MASK if k in secret_keys else new}
        for k, (old, new) in sorted(changes.items())
    }


class SettingsService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def record_change(
        self, actor: Actor, changes: dict[str, tuple[Any, Any]], secret_keys: frozenset[str] = frozenset()
    ) -> None:
        """An administrator changed settings (checked here, not only in the window)."""
        with self.ctx.operation(actor, Action.MANAGE_SETTINGS) as tx:
            tx.audit("settings", self.ctx.workstation_id, {"changes": _masked(changes, secret_keys)})

    def record_setup(
        self, operator: str, changes: dict[str, tuple[Any, Any]], secret_keys: frozenset[str] = frozenset()
    ) -> None:
        """A scripted install (``python -m app setup``) run by whoever holds the machine."""
        with self.ctx.db.transaction() as session:
            audit.append(
                session,
                self.ctx.workstation_id,
                [
                    audit.PendingAudit(
                        self.ctx.clock(),
                        operator,
                        "setup",
                        "settings",
                        self.ctx.workstation_id,
                        {"changes": _masked(changes, secret_keys)},
                    )
                ],
            )
