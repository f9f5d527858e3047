"""Apply a setup plan: test first (database, platform, devices), then write — settings
file, secrets, migrations, the first administrator, a signing key — and audit it.
A failed test saves nothing."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.config import SETTINGS, Config, ensure_private_dir, harden_local_database, load_config
from app.core.errors import TWError
from app.core.roles import Action, Actor, require
from app.setup import checks
from app.setup.plan import SetupPlan

log = logging.getLogger("tw.setup")
SECRET_KEYS = frozenset(s.key for s in SETTINGS if s.secret)


@dataclass(frozen=True)
class Step:
    zh: str
    en: str
    ok: bool
    detail: str


class SetupFailed(TWError):
    code = "setup_failed"


def split_database_password(url: str, data_dir: Path) -> str:
    """A PostgreSQL password goes to a private libpq passfile; the URL kept in the
    settings names that file instead of carrying the password."""
    if not url.startswith("postgresql"):
        return url
    from sqlalchemy.engine import make_url

    u = make_url(url)
    if not u.password:
        return url
    folder = ensure_private_dir(ensure_private_dir(data_dir) / "secrets")
    passfile = folder / "pgpass"
    line = f"{u.host or 'localhost'}:{u.port or 5432}:{u.database or '*'}:{u.username or '*'}:{u.password}\n"
    fd = os.open(passfile, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(line)
    bare = u._replace(password=None)  # URL.set(password=None) keeps the old password
    return bare.update_query_dict({"passfile": str(passfile)}).render_as_string(hide_password=False)


def _effective(cfg: Config, plan: SetupPlan, key: str) -> Any:
    return plan.settings.get(key, cfg.values.get(key, cfg.get(key)))


@dataclass
class Prepared:
    """What the first phase tested and saved, for the second to record in the database."""

    cfg: Config
    plan: SetupPlan
    changes: dict[str, Any]
    steps: list[Step]


def apply_plan(
    plan: SetupPlan,
    data_dir: Path,
    *,
    operator: str = "setup",
    actor: Actor | None = None,
    progress: Callable[[Step], None] = lambda step: None,
) -> list[Step]:
    """Both phases, one after the other (the command line). The window runs
    ``prepare_plan`` on the I/O pool and ``record_plan`` on the database worker."""
    return record_plan(
        prepare_plan(plan, data_dir, actor=actor, progress=progress), operator=operator, actor=actor, progress=progress
    )


def _stepper(steps: list[Step], progress: Callable[[Step], None]) -> Callable[[str, str, Callable[[], str]], None]:
    def step(zh: str, en: str, action: Callable[[], str]) -> None:
        try:
            detail = action()
        except TWError as exc:
            steps.append(Step(zh, en, False, str(exc)))
            progress(steps[-1])
            raise SetupFailed(f"{zh}：{exc.zh}（未保存任何设置）", f"{en}: {exc.en} (nothing was saved)") from None
        steps.append(Step(zh, en, True, detail))
        progress(steps[-1])

    return step


def prepare_plan(
    plan: SetupPlan,
    data_dir: Path,
    *,
    actor: Actor | None = None,
    progress: Callable[[Step], None] = lambda step: None,
) -> Prepared:
    """The first phase, no database writes: test the database, the platform and the
    devices, then save the settings file and the token. ``actor``: an administrator
    re-running the setup from the Admin station (checked before anything is tested or
    saved); without one, whoever runs the install."""
    if actor is not None:
        require(actor.roles, Action.MANAGE_SETTINGS, actor.username)
    cfg = load_config(data_dir, env={})  # the file only: this run's environment is not part of the setup
    steps: list[Step] = []
    step = _stepper(steps, progress)

    url = _effective(cfg, plan, "database_url")
    if not url:
        harden_local_database(cfg)
    target = url or cfg.db_url
    step("数据库", "database", lambda: checks.check_database(target))
    platform_url = _effective(cfg, plan, "platform_url")
    workstation = _effective(cfg, plan, "workstation_id")
    if platform_url and plan.test_platform:
        step("平台", "platform", lambda: checks.check_platform(platform_url, plan.platform_token, workstation))
    if plan.test_devices:
        _test_devices(cfg, plan, workstation, step)

    changes = {}
    for key, value in plan.settings.items():
        if key == "database_url" and value:
            value = split_database_password(value, cfg.data_dir)
        before = cfg.values.get(key, cfg.get(key))
        cfg.set(key, value)
        if before != value:
            changes[key] = (before, value)  # the database URL no longer holds its password here
    cfg.save()
    steps.append(Step("设置文件", "settings file", True, str(cfg.path)))
    progress(steps[-1])
    if plan.platform_token:
        from app.sync.secrets import store_token

        where = store_token(cfg.data_dir, cfg.workstation_id, plan.platform_token)
        changes["platform_token"] = ("", "stored")
        steps.append(Step("平台令牌", "platform token", True, where))
        progress(steps[-1])
    return Prepared(cfg, plan, changes, steps)


def record_plan(
    prepared: Prepared,
    *,
    operator: str = "setup",
    actor: Actor | None = None,
    progress: Callable[[Step], None] = lambda step: None,
) -> list[Step]:
    """The second phase, the database's: migrations, the first administrator, a signing
    key and the audit entry of the change. Returns every step of both phases."""
    steps = list(prepared.steps)
    _write_records(prepared.cfg, prepared.plan, operator, actor, prepared.changes, _stepper(steps, progress))
    return steps


def _test_devices(cfg: Config, plan: SetupPlan, workstation: str, step: Callable[..., None]) -> None:
    port = _effective(cfg, plan, "scale_port")
    if port:

        def balance() -> str:
            proto, text = checks.check_balance(port, _effective(cfg, plan, "scale_protocol"))
            plan.settings["scale_protocol"] = proto  # remember what answered
            return text

        step("天平", "balance", balance)
    box = _effective(cfg, plan, "box_port")
    if box:
        step("检测盒", "inspection box", lambda: checks.check_box(box, workstation))
    camera = _effective(cfg, plan, "camera_source")
    if camera:
        step(
            "相机",
            "camera",
            lambda: checks.check_camera(
                camera, int(_effective(cfg, plan, "camera_width")), int(_effective(cfg, plan, "camera_height"))
            ),
        )


def _write_records(
    cfg: Config, plan: SetupPlan, operator: str, actor: Actor | None, changes: dict[str, Any], step: Callable[..., None]
) -> None:
    from app.services.settings import SettingsService
    from app.services.station import Station

    station = Station.open(cfg)
    try:
        if plan.admin and not station.users.has_users():
            step(
                "管理员",
                "administrator",
                lambda: (
                    station.users.create_first_admin(
                        plan.admin["username"], plan.admin["password"], plan.admin["name"]
                    ).username
                ),
            )
        if plan.create_key:
            from app.certs.keys import KeyStore

            step(
                "签名密钥",
                "signing key",
                lambda: (
                    KeyStore(cfg.data_dir / "keys")
                    .generate(cfg.warehouse_id, cfg.display_name, plan.key_passphrase)
                    .key_id
                ),
            )
            changes["signing_key"] = ("", "created")
        if actor is not None:
            SettingsService(station.ctx).record_change(actor, changes, SECRET_KEYS)
        else:
            SettingsService(station.ctx).record_setup(operator, changes, SECRET_KEYS)
    finally:
        station.close()
