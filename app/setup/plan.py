"""A setup file (TOML) read into settings to apply, secrets to store and steps to take.

[warehouse]   id, name
[workstation] id, language, time_zone
[database]    url (empty: local SQLite); a password in it goes to a private passfile
[platform]    url, token_env (or token); test = true
[signing_key] create = true, passphrase_env
[devices]     scale_port, scale_protocol, box_port, camera_source, scanner_port,
              printer_kind, printer_host, printer_port; test = true
[admin]       username, name, password_env   (the first administrator, if none exists)
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.config import convert
from app.core.errors import ValidationError

SECTIONS: dict[str, dict[str, str]] = {
    "warehouse": {"id": "warehouse_id", "name": "warehouse_name"},
    "workstation": {"id": "workstation_id", "language": "language", "time_zone": "time_zone"},
    "database": {"url": "database_url"},
    "platform": {"url": "platform_url", "sync_interval_s": "sync_interval_s"},
    "devices": {
        k: k
        for k in (
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
        )
    },
}
EXTRA = {
    "platform": {"token", "token_env", "test"},
    "devices": {"test"},
    "database": set(),
    "warehouse": set(),
    "workstation": set(),
}


@dataclass
class SetupPlan:
    settings: dict[str, Any] = field(default_factory=dict)
    platform_token: str = ""
    test_platform: bool = True
    test_devices: bool = False
    create_key: bool = False
    key_passphrase: str = ""
    admin: dict[str, str] = field(default_factory=dict)


def _secret(section: dict[str, Any], name: str, env: Mapping[str, str], where: str) -> str:
    if section.get(f"{name}_env"):
        var = str(section[f"{name}_env"])
        if not env.get(var):
            raise ValidationError(
                f"[{where}] 环境变量 {var} 未设置", f"[{where}] environment variable {var} is not set"
            )
        return str(env[var])
    return str(section.get(name, ""))


def read_plan(path: Path, env: Mapping[str, str] | None = None) -> SetupPlan:
    env = os.environ if env is None else env
    try:
        raw = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise ValidationError(f"无法读取 {path}：{exc.strerror}", f"Cannot read {path}: {exc.strerror}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ValidationError(f"{path} 格式错误：{exc}", f"{path} is not valid TOML: {exc}") from None
    plan, problems = SetupPlan(), []
    for name, section in raw.items():
        if name not in SECTIONS and name not in ("signing_key", "admin"):
            problems.append((f"未知的段 [{name}]", f"unknown section [{name}]"))
            continue
        for key, value in section.items():
            if name in SECTIONS and key in SECTIONS[name]:
                try:
                    plan.settings[SECTIONS[name][key]] = convert(SECTIONS[name][key], value)
                except ValidationError as exc:
                    problems.append((exc.zh, exc.en))
            elif name in SECTIONS and key not in EXTRA[name]:
                problems.append((f"[{name}] 未知的设置 {key}", f"[{name}] unknown setting {key}"))
    platform = raw.get("platform", {})
    try:
        plan.platform_token = _secret(platform, "token", env, "platform")
        plan.test_platform = bool(platform.get("test", True))
        plan.test_devices = bool(raw.get("devices", {}).get("test", False))
        key = raw.get("signing_key", {})
        plan.create_key = bool(key.get("create", False))
        if plan.create_key:
            plan.key_passphrase = _secret(key, "passphrase", env, "signing_key")
        admin = raw.get("admin", {})
        if admin:
            plan.admin = {
                "username": str(admin.get("username", "admin")),
                "name": str(admin.get("name", "")),
                "password": _secret(admin, "password", env, "admin"),
            }
    except ValidationError as exc:
        problems.append((exc.zh, exc.en))
    if plan.settings.get("platform_url") and not plan.platform_token:
        problems.append(("[platform] 缺少令牌（token_env）", "[platform] the token is missing (token_env)"))
    if problems:
        raise ValidationError("；".join(p[0] for p in problems), "; ".join(p[1] for p in problems))
    return plan
