"""One setting changed by an administrator from the window: permission first, then the
value is validated, saved to the settings file and audited. Says whether it takes effect
now (the window applies it) or after a restart, and whether an environment variable
overrides it on this machine."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from app.config import Config, convert, setting
from app.core.errors import ValidationError
from app.core.roles import Action, Actor, require

DEVICE_KEYS = frozenset(
    {
        "scale_port",
        "scale_protocol",
        "box_port",
        "camera_source",
        "camera_width",
        "camera_height",
        "scanner_port",
        "printer_kind",
        "printer_host",
        "printer_port",
    }
)


@dataclass(frozen=True)
class SettingChanged:
    key: str
    old: Any
    new: Any
    live: bool  # applied in the running window (language, devices, printer)
    overridden_by: str | None  # the environment variable that still wins on this machine


def change_setting(config: Config, station: Any, actor: Actor, key: str, raw: Any) -> SettingChanged:
    from app.services.settings import SettingsService

    require(actor.roles, Action.MANAGE_SETTINGS, actor.username)
    s = setting(key)
    if s.secret:
        raise ValidationError(
            "令牌请在“设置向导”中输入，它保存在系统钥匙串中",
            "Enter the token in the setup assistant (it is kept in the system keyring)",
        )
    new = convert(key, raw, demo=bool(config.demo))
    old = config.get(key)
    if new == old and config.origin(key) == "file":
        return SettingChanged(key, old, new, False, None)
    # Audited first (the operation re-checks the permission from the database), then saved.
    SettingsService(station.ctx).record_change(actor, {key: (old, new)})
    config.set(key, new)
    config.save()
    overridden = s.env if s.env and config.origin(key) == "environment" else None
    return SettingChanged(key, old, new, s.live and overridden is None, overridden)
