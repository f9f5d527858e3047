"""Settings: declared once here, stored as TOML in the data folder, overridable by env vars.

Each setting has a type, a default and a title in both interface languages
(the Admin screen lists them from this table). ``CONFIG_VERSION`` and
``_upgrade`` carry older settings files forward.
"""

from __future__ import annotations

import argparse
import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from app.core.clock import DEFAULT_TIME_ZONE
from app.core.demo import DEMO_WAREHOUSE_NAME, EMBEDDED, SIMULATED
from app.core.errors import ValidationError
from app.core.supervision import EXCEPTION_WINDOW_DAYS, EXCEPTION_WINDOW_SETTING, WAITING_STAGES

log = logging.getLogger("tw.config")
CONFIG_VERSION = 1
# Where a value comes from (shown on the Admin settings screen).
ORIGINS = ("default", "demo", "file", "environment", "command line")
SettingValue = str | int | float  # every setting is one of these (Setting.type)


@dataclass(frozen=True)
class Setting:
    key: str
    type: type[str] | type[int] | type[float]
    default: SettingValue
    title_zh: str
    title_en: str
    env: str | None = None
    secret: bool = False
    choices: tuple[str, ...] = ()
    demo: str | None = None  # the value in demo mode when nothing else is set
    live: bool = False  # applied without a restart


SETTINGS: tuple[Setting, ...] = (
    Setting("database_url", str, "", "数据库地址（留空为本地 SQLite）", "Database URL (empty: local SQLite)", "TW_DATABASE_URL"),
    Setting("workstation_id", str, "WS-LOCAL-01", "工作站编号", "Workstation id", "TW_WORKSTATION_ID"),
    Setting("warehouse_id", str, "WH-LOCAL-01", "仓库编号", "Warehouse id", "TW_WAREHOUSE_ID"),
    Setting("warehouse_name", str, "", "仓库名称", "Warehouse name", demo=DEMO_WAREHOUSE_NAME),
    Setting("language", str, "zh_CN", "界面语言", "Interface language", "TW_LANG", choices=("zh_CN", "en"), live=True),
    Setting("time_zone", str, DEFAULT_TIME_ZONE, "时区（显示与打印的时间）", "Time zone (times shown and printed)", "TW_TIME_ZONE"),
    Setting("platform_url", str, "", "平台地址（留空为未配置）", "Platform base URL (empty: not configured)",
            "TW_PLATFORM_URL", demo=EMBEDDED),
    Setting("platform_token", str, "", "平台令牌", "Platform token", "TW_PLATFORM_TOKEN", secret=True),
    Setting("sync_interval_s", float, 15.0, "同步间隔（秒）", "Sync interval (s)"),
    Setting("status_copy_max_age_h", float, 24.0, "离线验证：作废状态副本最长有效期（小时）", "Offline verification: max age of the certificate status copy (hours)"),
    Setting("verify_urls", str, "", "其他可信的证书验证地址（逗号分隔）", "Other trusted certificate verification addresses (comma-separated)", "TW_VERIFY_URLS"),
    Setting("scale_port", str, "", "天平端口", "Balance port", "TW_SCALE_PORT", demo=SIMULATED, live=True),
    Setting("scale_protocol", str, "auto", "天平协议", "Balance protocol", choices=("auto", "mt-sics", "and", "sbi"),
            live=True),
    Setting("box_port", str, "", "检测盒端口", "Inspection box port", "TW_BOX_PORT", demo=SIMULATED, live=True),
    Setting("camera_source", str, "", "相机（编号、视频文件或图片文件夹）", "Camera (index, video file or image folder)",
            "TW_CAMERA", demo=SIMULATED, live=True),
    Setting("camera_width", int, 1280, "相机宽度", "Camera width"),
    Setting("camera_height", int, 720, "相机高度", "Camera height"),
    Setting("scanner_port", str, "", "串口扫码枪端口", "Serial scanner port"),
    Setting("scanner_burst_gap_ms", int, 60, "扫码按键最大间隔（毫秒）", "Scanner max key gap (ms)"),
    Setting("scanner_min_length", int, 6, "扫码最短长度", "Scanner min code length"),
    Setting("scanner_suffix", str, "enter", "扫码枪结束键（enter/tab/enter_or_tab/none）",
            "Scanner suffix key (enter/tab/enter_or_tab/none)", choices=("enter", "tab", "enter_or_tab", "none")),
    Setting("scanner_prefix", str, "", "扫码枪前缀（留空为无）", "Scanner prefix (empty: none)"),
    Setting("sound_volume", int, 70, "提示音音量（0–100，0 为静音）", "Sound volume (0–100, 0: off)", "TW_SOUND_VOLUME"),
    Setting("printer_kind", str, "file", "标签打印方式（tcp/file/queue/pdf）", "Label printer (tcp/file/queue/pdf)",
            choices=("tcp", "file", "queue", "pdf"), live=True),
    Setting("printer_host", str, "127.0.0.1", "标签打印机地址", "Label printer host", live=True),
    Setting("printer_port", int, 9100, "标签打印机端口", "Label printer port", live=True),
    Setting("login_max_failures", int, 5, "登录失败锁定次数", "Failed log-ins before lock-out"),
    Setting("login_lock_minutes", int, 15, "锁定时长（分钟）", "Lock-out (minutes)"),
    Setting("balance_check_policy", str, "refuse",
            "天平检查过期或未通过时：拒收称量（refuse）或标记并在复核时阻止（review）",
            "Balance check overdue or failed: refuse the weighing (refuse) or mark it and block at review (review)",
            choices=("refuse", "review")),
    Setting("reference_weights", str, "", "每日检查用标准砝码（编号:等级:标称克数:证书日期，逗号分隔）",
            "Reference weights for the daily check (id:class:nominal_g:certificate_date, comma-separated)",
            demo="E2-10G-0417:E2:10:2026-05-16,E2-1G-0233:E2:1:2026-05-16"),
    Setting("balance_readability_g", str, "0.0001", "天平分度值（克）", "Balance readability (g)"),
    Setting("blind_categories", str, "jewelry", "盲评的类别（逗号分隔，留空为不盲评）",
            "Categories appraised blind (comma-separated; empty: none)"),
    *(Setting(stage.setting, float, stage.default_hours, stage.zh, stage.en, live=True) for stage in WAITING_STAGES),
    Setting(EXCEPTION_WINDOW_SETTING, int, EXCEPTION_WINDOW_DAYS, "差异、缺件、隔离预报在异常列表中保留（天）",
            "Discrepancies, missing lines, quarantined notices stay in the exceptions queue (days)", live=True),
)
_BY_KEY = {s.key: s for s in SETTINGS}
DEMO_ONLY = {s.key: s.demo for s in SETTINGS if s.demo in (SIMULATED, EMBEDDED)}


def setting(key: str) -> Setting:
    return _BY_KEY[key]


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


def _typed(s: Setting, value: object) -> SettingValue:
    """``value`` as the setting's type; TypeError/ValueError when it is not one."""
    if s.type is str:
        return str(value)
    if not isinstance(value, str | int | float):
        raise TypeError(f"{s.key}: {type(value).__name__}")
    return s.type(value)


def convert(key: str, value: object, *, demo: bool = False) -> SettingValue:
    """``value`` as the setting's type, or ValidationError saying why not."""
    s = _BY_KEY.get(key)
    if s is None:
        raise ValidationError(f"没有名为 {key} 的设置", f"There is no setting named {key}")
    try:
        converted = _typed(s, value.strip() if isinstance(value, str) and s.type is not str else value)
    except (TypeError, ValueError):
        kind = {int: ("整数", "a whole number"), float: ("数字", "a number")}.get(s.type, ("文本", "text"))
        raise ValidationError(f"{s.title_zh}：“{value}”不是{kind[0]}", f"{s.title_en}: '{value}' is not {kind[1]}") from None
    if isinstance(converted, str):
        converted = converted.strip()
    if s.choices and converted not in s.choices:
        raise ValidationError(f"{s.title_zh}：只能是 {'、'.join(s.choices)}",
                              f"{s.title_en}: must be one of {', '.join(s.choices)}")
    if key in DEMO_ONLY and converted == DEMO_ONLY[key] and not demo:
        raise ValidationError(f"{s.title_zh}：“{converted}”只用于演示模式，实际仓库请配置真实设备或平台",
                              f"{s.title_en}: '{converted}' is for demo mode only; configure the real device or platform")
    if key == "time_zone":
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            ZoneInfo(str(converted))
        except (ZoneInfoNotFoundError, ValueError):
            raise ValidationError(f"未知的时区：{converted}（例如 Asia/Shanghai）",
                                  f"Unknown time zone: {converted} (e.g. Asia/Shanghai)") from None
    if not isinstance(converted, str) and converted < 0:
        raise ValidationError(f"{s.title_zh}：不能为负数", f"{s.title_en}: cannot be negative")
    return converted


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
        s = _BY_KEY[key]
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
        return "demo" if self.demo and _BY_KEY[key].demo is not None else "default"

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
        if _BY_KEY.get(key) is not None and _BY_KEY[key].secret:
            raise ValidationError("密钥类设置不写入设置文件，请用“平台令牌”保存", "Secrets are not kept in the settings file")
        self.values[key] = convert(key, value, demo=self.demo)

    def override(self, key: str, value: object) -> None:
        """A value for this run only (command line); never saved."""
        self.overrides[key] = convert(key, value, demo=self.demo)

    def save(self) -> None:
        path = self.path or self.data_dir / "settings.toml"
        ensure_private_dir(path.parent)
        stored = {k: v for k, v in self.values.items() if k in _BY_KEY and not _BY_KEY[k].secret}
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
        raise ValidationError(f"设置文件来自更新的版本（{version}），请升级程序",
                              f"The settings file comes from a newer version ({version}); update the program")
    return raw


def load_config(data_dir: str | Path | None = None, config_path: str | Path | None = None,
                env: Mapping[str, str] | None = None, *, demo: bool = False) -> Config:
    env = os.environ if env is None else env
    ddir = ensure_private_dir(Path(data_dir) if data_dir else resolve_data_dir(None))
    path = Path(config_path) if config_path else ddir / "settings.toml"
    values: dict[str, SettingValue] = {}
    if path.exists():
        import tomllib  # only with a settings file (~3 ms of a start)

        try:
            raw = _upgrade(tomllib.loads(path.read_text(encoding="utf-8")))
        except tomllib.TOMLDecodeError as exc:
            raise ValidationError(f"设置文件 {path} 格式错误：{exc}", f"Settings file {path} is not valid TOML: {exc}") from None
        for key, value in raw.items():
            if key not in _BY_KEY:
                log.warning("settings file %s: unknown setting %r ignored", path, key)
            elif _BY_KEY[key].secret:
                log.warning("settings file %s: %s is a secret and is not read from the file; store it with "
                            "'python -m app setup' or the Admin station", path, key)
            else:
                values[key] = _typed(_BY_KEY[key], value)
    env_values: dict[str, SettingValue] = {}
    for s in SETTINGS:
        if s.env and env.get(s.env):
            env_values[s.key] = convert(s.key, env[s.env], demo=True)  # refused for use later, not here
    return Config(data_dir=ddir, values=values, path=path, env_values=env_values, demo=demo)


def config_from_args(args: argparse.Namespace) -> Config:
    cfg = load_config(resolve_data_dir(getattr(args, "data_dir", None)), getattr(args, "config", None),
                      demo=bool(getattr(args, "demo", False)))
    if getattr(args, "lang", None):
        cfg.override("language", args.lang)
    harden_local_database(cfg)
    from app.logging_setup import configure_logging

    configure_logging(cfg.data_dir)  # the GUI and every command that uses a data folder
    return cfg
