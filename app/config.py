"""Settings: declared once here, stored as TOML in the data folder, overridable by env vars.

Each setting has a type, a default and a title in both interface languages
(the Admin screen lists them from this table). ``CONFIG_VERSION`` and
``_upgrade`` carry older settings files forward.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import tomli_w

from app.core.clock import DEFAULT_TIME_ZONE

CONFIG_VERSION = 1


@dataclass(frozen=True)
class Setting:
    key: str
    type: type
    default: Any
    title_zh: str
    title_en: str
    env: str | None = None
    secret: bool = False


SETTINGS: tuple[Setting, ...] = (
    Setting("database_url", str, "", "数据库地址（留空为本地 SQLite）", "Database URL (empty: local SQLite)", "TW_DATABASE_URL"),
    Setting("workstation_id", str, "WS-LOCAL-01", "工作站编号", "Workstation id", "TW_WORKSTATION_ID"),
    Setting("warehouse_id", str, "WH-LOCAL-01", "仓库编号", "Warehouse id", "TW_WAREHOUSE_ID"),
    Setting("warehouse_name", str, "珍宝仓（演示仓）", "仓库名称", "Warehouse name"),
    Setting("language", str, "zh_CN", "界面语言", "Interface language", "TW_LANG"),
    Setting("time_zone", str, DEFAULT_TIME_ZONE, "时区（显示与打印的时间）", "Time zone (times shown and printed)", "TW_TIME_ZONE"),
    Setting("platform_url", str, "embedded", "平台地址（embedded 为本机参考平台）", "Platform base URL ('embedded': local reference platform)", "TW_PLATFORM_URL"),
    Setting("platform_token", str, "", "平台令牌", "Platform token", "TW_PLATFORM_TOKEN", secret=True),
    Setting("sync_interval_s", float, 15.0, "同步间隔（秒）", "Sync interval (s)"),
    Setting("status_copy_max_age_h", float, 24.0, "离线验证：作废状态副本最长有效期（小时）", "Offline verification: max age of the certificate status copy (hours)"),
    Setting("verify_urls", str, "", "其他可信的证书验证地址（逗号分隔）", "Other trusted certificate verification addresses (comma-separated)", "TW_VERIFY_URLS"),
    Setting("scale_port", str, "simulated", "天平端口", "Balance port", "TW_SCALE_PORT"),
    Setting("scale_protocol", str, "auto", "天平协议", "Balance protocol"),
    Setting("box_port", str, "simulated", "检测盒端口", "Inspection box port", "TW_BOX_PORT"),
    Setting("camera_source", str, "simulated", "相机（编号、视频文件或图片文件夹）", "Camera (index, video file or image folder)", "TW_CAMERA"),
    Setting("camera_width", int, 1280, "相机宽度", "Camera width"),
    Setting("camera_height", int, 720, "相机高度", "Camera height"),
    Setting("scanner_port", str, "", "串口扫码枪端口", "Serial scanner port"),
    Setting("scanner_burst_gap_ms", int, 60, "扫码按键最大间隔（毫秒）", "Scanner max key gap (ms)"),
    Setting("scanner_min_length", int, 6, "扫码最短长度", "Scanner min code length"),
    Setting("scanner_suffix", str, "enter", "扫码枪结束键（enter/tab/enter_or_tab/none）",
            "Scanner suffix key (enter/tab/enter_or_tab/none)"),
    Setting("scanner_prefix", str, "", "扫码枪前缀（留空为无）", "Scanner prefix (empty: none)"),
    Setting("sound_volume", int, 70, "提示音音量（0–100，0 为静音）", "Sound volume (0–100, 0: off)", "TW_SOUND_VOLUME"),
    Setting("printer_kind", str, "file", "标签打印方式（tcp/file/queue/pdf）", "Label printer (tcp/file/queue/pdf)"),
    Setting("printer_host", str, "127.0.0.1", "标签打印机地址", "Label printer host"),
    Setting("printer_port", int, 9100, "标签打印机端口", "Label printer port"),
    Setting("login_max_failures", int, 5, "登录失败锁定次数", "Failed log-ins before lock-out"),
    Setting("login_lock_minutes", int, 15, "锁定时长（分钟）", "Lock-out (minutes)"),
)
_BY_KEY = {s.key: s for s in SETTINGS}


def default_data_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("treasure-warehouse", "TreasureWarehouse"))


def resolve_data_dir(cli_value: str | None = None) -> Path:
    raw = cli_value or os.environ.get("TW_DATA_DIR")
    return Path(raw).expanduser().resolve() if raw else default_data_dir()


@dataclass
class Config:
    data_dir: Path
    values: dict[str, Any] = field(default_factory=dict)
    path: Path | None = None

    def __getattr__(self, key: str) -> Any:
        if key in _BY_KEY:
            return self.values.get(key, _BY_KEY[key].default)
        raise AttributeError(key)

    @property
    def db_url(self) -> str:
        return self.database_url or f"sqlite:///{self.data_dir / 'workstation.sqlite3'}"

    @property
    def blob_dir(self) -> Path:
        return self.data_dir / "blobs"

    def set(self, key: str, value: Any) -> None:
        setting = _BY_KEY[key]
        self.values[key] = setting.type(value)

    def save(self) -> None:
        path = self.path or self.data_dir / "settings.toml"
        path.parent.mkdir(parents=True, exist_ok=True)
        stored = {k: v for k, v in self.values.items() if not _BY_KEY[k].secret}
        stored["config_version"] = CONFIG_VERSION
        tmp = path.with_suffix(".tmp")
        tmp.write_bytes(tomli_w.dumps(stored).encode())
        os.replace(tmp, path)


def _upgrade(raw: dict[str, Any]) -> dict[str, Any]:
    version = int(raw.pop("config_version", CONFIG_VERSION))
    # Version 1 is the first; later versions add their upgrade steps here.
    assert version <= CONFIG_VERSION, f"settings file from a newer version ({version})"
    return raw


def load_config(data_dir: str | Path | None = None, config_path: str | Path | None = None,
                env: dict[str, str] | None = None) -> Config:
    env = os.environ if env is None else env
    ddir = Path(data_dir) if data_dir else resolve_data_dir(None)
    ddir.mkdir(parents=True, exist_ok=True)
    path = Path(config_path) if config_path else ddir / "settings.toml"
    values: dict[str, Any] = {}
    if path.exists():
        raw = _upgrade(tomllib.loads(path.read_text(encoding="utf-8")))
        for key, value in raw.items():
            if key in _BY_KEY:
                values[key] = _BY_KEY[key].type(value)
    for s in SETTINGS:
        if s.env and env.get(s.env):
            values[s.key] = s.type(env[s.env])
    return Config(data_dir=ddir, values=values, path=path)


def config_from_args(args: Any) -> Config:
    cfg = load_config(resolve_data_dir(getattr(args, "data_dir", None)), getattr(args, "config", None))
    if getattr(args, "lang", None):
        cfg.set("language", args.lang)
    return cfg
