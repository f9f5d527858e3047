"""Settings: declared once (``app.settings``), stored as TOML in the data folder,
overridable by env vars and the command line. ``CONFIG_VERSION`` and ``_upgrade`` carry
older settings files forward.
"""

from __future__ import annotations

import argparse
import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from app.core.errors import ValidationError
from app.settings import (
    ORIGINS,
    SETTINGS,
    SETTINGS_BY_KEY,
    Setting,
    SettingValue,
    convert,
    setting,
    typed_value,
)

# The declarations are app.settings; named here too, as the settings this module loads.
__all__ = [
    "CONFIG_VERSION",
    "ORIGINS",
    "SETTINGS",
    "Config",
    "Setting",
    "SettingValue",
    "config_from_args",
    "convert",
    "default_data_dir",
    "ensure_private_dir",
    "harden_local_database",
    "load_config",
    "resolve_data_dir",
    "setting",
]

log = logging.getLogger("tw.config")
CONFIG_VERSION = 1


def default_data_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("treasure-warehouse", "TreasureWarehouse"))


def resolve_data_dir(cli_value: str | None = None) -> Path:
    raw = cli_value or os.environ.get("TW_DATA_DIR")
    return Path(raw).expanduser().resolve() if raw else default_data_dir()


def ensure_private_dir(path: Path) -> Path:
    """The data folder holds password hashes, keys and tokens: only this user may read it."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    if os.name == "posix" and (path.stat().st_mode & 0o077):
        os.chmod(path, 0o700)
    return path


def harden_local_database(config: Config) -> None:
    """The local SQLite database holds password hashes: create it 0600 before SQLite does
    (its -wal and -shm files inherit the mode) and tighten one left readable by others."""
    if config.database_url or os.name != "posix":
        return
    db = config.data_dir / "workstation.sqlite3"
    if not db.exists():
        os.close(os.open(db, os.O_WRONLY | os.O_CREAT, 0o600))
    for path in (db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")):
        if path.exists() and path.stat().st_mode & 0o077:
            os.chmod(path, 0o600)


@dataclass
class Config:
    """Effective settings: command line > environment > settings file > demo > default.

    Only ``values`` (what the file holds plus what an administrator set) is ever saved:
    environment and command-line overrides and secrets never reach settings.toml."""

    data_dir: Path
    values: dict[str, SettingValue] = field(default_factory=dict)
    path: Path | None = None
    env_values: dict[str, SettingValue] = field(default_factory=dict)
    overrides: dict[str, SettingValue] = field(default_factory=dict)
    demo: bool = False

    def get(self, key: str) -> SettingValue:
        for layer in (self.overrides, self.env_values, self.values):
            if key in layer:
                return layer[key]
        s = SETTINGS_BY_KEY[key]
        return s.demo if self.demo and s.demo is not None else s.default

    def _str(self, key: str) -> str:
        return str(self.get(key))

    def _int(self, key: str) -> int:
        return int(self.get(key))

    def _float(self, key: str) -> float:
        return float(self.get(key))

    # ---- one typed attribute per setting (tests/test_config.py checks they match SETTINGS)
    @property
    def database_url(self) -> str:
        return self._str("database_url")

    @property
    def workstation_id(self) -> str:
        return self._str("workstation_id")

    @property
    def warehouse_id(self) -> str:
        return self._str("warehouse_id")

    @property
    def warehouse_name(self) -> str:
        return self._str("warehouse_name")

    @property
    def language(self) -> str:
        return self._str("language")

    @property
    def time_zone(self) -> str:
        return self._str("time_zone")

    @property
    def balance_check_policy(self) -> str:
        return self._str("balance_check_policy")

    @property
    def reference_weights(self) -> str:
        return self._str("reference_weights")

    @property
    def balance_readability_g(self) -> str:
        return self._str("balance_readability_g")

    @property
    def blind_categories(self) -> str:
        return self._str("blind_categories")

    @property
    def wait_received_h(self) -> float:
        return self._float("wait_received_h")

    @property
    def wait_in_appraisal_h(self) -> float:
        return self._float("wait_in_appraisal_h")

    @property
    def wait_graded_h(self) -> float:
        return self._float("wait_graded_h")

    @property
    def wait_in_review_h(self) -> float:
        return self._float("wait_in_review_h")

    @property
    def wait_approved_h(self) -> float:
        return self._float("wait_approved_h")

    @property
    def wait_certified_h(self) -> float:
        return self._float("wait_certified_h")

    @property
    def wait_rejected_h(self) -> float:
        return self._float("wait_rejected_h")

    @property
    def exceptions_window_days(self) -> int:
        return self._int("exceptions_window_days")

    @property
    def platform_url(self) -> str:
        return self._str("platform_url")

    @property
    def platform_token(self) -> str:
        return self._str("platform_token")

    @property
    def sync_interval_s(self) -> float:
        return self._float("sync_interval_s")

    @property
    def status_copy_max_age_h(self) -> float:
        return self._float("status_copy_max_age_h")

    @property
    def verify_urls(self) -> str:
        return self._str("verify_urls")

    @property
    def scale_port(self) -> str:
        return self._str("scale_port")

    @property
    def scale_protocol(self) -> str:
        return self._str("scale_protocol")

    @property
    def box_port(self) -> str:
        return self._str("box_port")

    @property
    def camera_source(self) -> str:
        return self._str("camera_source")

    @property
    def camera_width(self) -> int:
        return self._int("camera_width")

    @property
    def camera_height(self) -> int:
        return self._int("camera_height")

    @property
    def scanner_port(self) -> str:
        return self._str("scanner_port")

    @property
    def scanner_burst_gap_ms(self) -> int:
        return self._int("scanner_burst_gap_ms")

    @property
    def scanner_min_length(self) -> int:
        return self._int("scanner_min_length")

    @property
    def scanner_suffix(self) -> str:
        return self._str("scanner_suffix")

    @property
    def scanner_prefix(self) -> str:
        return self._str("scanner_prefix")

    @property
    def sound_volume(self) -> int:
        return self._int("sound_volume")

    @property
    def printer_kind(self) -> str:
        return self._str("printer_kind")

    @property
    def printer_host(self) -> str:
        return self._str("printer_host")

    @property
    def printer_port(self) -> int:
        return self._int("printer_port")

    @property
    def login_max_failures(self) -> int:
        return self._int("login_max_failures")

    @property
    def login_lock_minutes(self) -> int:
        return self._int("login_lock_minutes")

    def origin(self, key: str) -> str:
        if key in self.overrides:
            return "command line"
        if key in self.env_values:
            return "environment"
        if key in self.values:
            return "file"
        return "demo" if self.demo and SETTINGS_BY_KEY[key].demo is not None else "default"

    @property
    def db_url(self) -> str:
        return self.database_url or f"sqlite:///{self.data_dir / 'workstation.sqlite3'}"

    @property
    def blob_dir(self) -> Path:
        return self.data_dir / "blobs"

    @property
    def display_name(self) -> str:
        """The warehouse as people see it: its name, else its id."""
        return self.warehouse_name or self.warehouse_id

    def set(self, key: str, value: object) -> None:
        """Set a value for the settings file (validated). A secret is refused here: it
        belongs in the keyring (app.sync.secrets)."""
        if SETTINGS_BY_KEY.get(key) is not None and SETTINGS_BY_KEY[key].secret:
            raise ValidationError(
                "密钥类设置不写入设置文件，请用“平台令牌”保存", "Secrets are not kept in the settings file"
            )
        self.values[key] = convert(key, value, demo=self.demo)

    def override(self, key: str, value: object) -> None:
        """A value for this run only (command line); never saved."""
        self.overrides[key] = convert(key, value, demo=self.demo)

    def save(self) -> None:
        path = self.path or self.data_dir / "settings.toml"
        ensure_private_dir(path.parent)
        stored = {k: v for k, v in self.values.items() if k in SETTINGS_BY_KEY and not SETTINGS_BY_KEY[k].secret}
        stored["config_version"] = CONFIG_VERSION
        tmp = path.with_suffix(".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as fh:
            import tomli_w  # writing only: not on the way to the log-in window

            fh.write(tomli_w.dumps(stored).encode())
        os.replace(tmp, path)


def _upgrade(raw: dict[str, object]) -> dict[str, object]:
    version = int(str(raw.pop("config_version", CONFIG_VERSION)))
    # Version 1 is the first; later versions add their upgrade steps here.
    if version > CONFIG_VERSION:
        raise ValidationError(
            f"设置文件来自更新的版本（{version}），请升级程序",
            f"The settings file comes from a newer version ({version}); update the program",
        )
    return raw


def load_config(
    data_dir: str | Path | None = None,
    config_path: str | Path | None = None,
    env: Mapping[str, str] | None = None,
    *,
    demo: bool = False,
) -> Config:
    env = os.environ if env is None else env
    ddir = ensure_private_dir(Path(data_dir) if data_dir else resolve_data_dir(None))
    path = Path(config_path) if config_path else ddir / "settings.toml"
    values: dict[str, SettingValue] = {}
    if path.exists():
        import tomllib  # only with a settings file (~3 ms of a start)

        try:
            raw = _upgrade(tomllib.loads(path.read_text(encoding="utf-8")))
        except tomllib.TOMLDecodeError as exc:
            raise ValidationError(
                f"设置文件 {path} 格式错误：{exc}", f"Settings file {path} is not valid TOML: {exc}"
            ) from None
        for key, value in raw.items():
            if key not in SETTINGS_BY_KEY:
                log.warning("settings file %s: unknown setting %r ignored", path, key)
            elif SETTINGS_BY_KEY[key].secret:
                log.warning(
                    "settings file %s: %s is a secret and is not read from the file; store it with "
                    "'python -m app setup' or the Admin station",
                    path,
                    key,
                )
            else:
                values[key] = typed_value(SETTINGS_BY_KEY[key], value)
    env_values: dict[str, SettingValue] = {}
    for s in SETTINGS:
        if s.env and env.get(s.env):
            env_values[s.key] = convert(s.key, env[s.env], demo=True)  # refused for use later, not here
    return Config(data_dir=ddir, values=values, path=path, env_values=env_values, demo=demo)


def config_from_args(args: argparse.Namespace) -> Config:
    cfg = load_config(
        resolve_data_dir(getattr(args, "data_dir", None)),
        getattr(args, "config", None),
        demo=bool(getattr(args, "demo", False)),
    )
    if getattr(args, "lang", None):
        cfg.override("language", args.lang)
    harden_local_database(cfg)
    from app.logging_setup import configure_logging

    configure_logging(cfg.data_dir)  # the GUI and every command that uses a data folder
    return cfg
