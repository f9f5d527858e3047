"""Every setting of the workstation, declared once: its key, type, default, title in both
interface languages, environment variable, and whether it is secret, demo-only or applied
without a restart (the Admin screen lists them from this table). ``convert`` reads a value
into a setting's type or says why it cannot. Where values come from and how they are saved
is ``app.config``.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.core.clock import DEFAULT_TIME_ZONE
from app.core.demo import DEMO_WAREHOUSE_NAME, EMBEDDED, SIMULATED
from app.core.errors import ValidationError
from app.core.supervision import EXCEPTION_WINDOW_DAYS, EXCEPTION_WINDOW_SETTING, WAITING_STAGES

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
    Setting(
        "database_url",
        str,
        "",
        "数据库地址（留空为本地 SQLite）",
        "Database URL (empty: local SQLite)",
        "TW_DATABASE_URL",
    ),
    Setting("workstation_id", str, "WS-LOCAL-01", "工作站编号", "Workstation id", "TW_WORKSTATION_ID"),
    Setting("warehouse_id", str, "WH-LOCAL-01", "仓库编号", "Warehouse id", "TW_WAREHOUSE_ID"),
    Setting("warehouse_name", str, "", "仓库名称", "Warehouse name", demo=DEMO_WAREHOUSE_NAME),
    Setting("language", str, "zh_CN", "界面语言", "Interface language", "TW_LANG", choices=("zh_CN", "en"), live=True),
    Setting(
        "time_zone",
        str,
        DEFAULT_TIME_ZONE,
        "时区（显示与打印的时间）",
        "Time zone (times shown and printed)",
        "TW_TIME_ZONE",
    ),
    Setting(
        "platform_url",
        str,
        "",
        "平台地址（留空为未配置）",
        "Platform base URL (empty: not configured)",
        "TW_PLATFORM_URL",
        demo=EMBEDDED,
    ),
    Setting("platform_token", str, "", "平台令牌", "Platform token", "TW_PLATFORM_TOKEN", secret=True),
    Setting("sync_interval_s", float, 15.0, "同步间隔（秒）", "Sync interval (s)"),
    Setting(
        "status_copy_max_age_h",
        float,
        24.0,
        "离线验证：作废状态副本最长有效期（小时）",
        "Offline verification: max age of the certificate status copy (hours)",
    ),
    Setting(
        "verify_urls",
        str,
        "",
        "其他可信的证书验证地址（逗号分隔）",
        "Other trusted certificate verification addresses (comma-separated)",
        "TW_VERIFY_URLS",
    ),
    Setting("scale_port", str, "", "天平端口", "Balance port", "TW_SCALE_PORT", demo=SIMULATED, live=True),
    Setting(
        "scale_protocol",
        str,
        "auto",
        "天平协议",
        "Balance protocol",
        choices=("auto", "mt-sics", "and", "sbi"),
        live=True,
    ),
    Setting("box_port", str, "", "检测盒端口", "Inspection box port", "TW_BOX_PORT", demo=SIMULATED, live=True),
    Setting(
        "camera_source",
        str,
        "",
        "相机（编号、视频文件或图片文件夹）",
        "Camera (index, video file or image folder)",
        "TW_CAMERA",
        demo=SIMULATED,
        live=True,
    ),
    Setting("camera_width", int, 1280, "相机宽度", "Camera width"),
    Setting("camera_height", int, 720, "相机高度", "Camera height"),
    Setting("scanner_port", str, "", "串口扫码枪端口", "Serial scanner port"),
    Setting("scanner_burst_gap_ms", int, 60, "扫码按键最大间隔（毫秒）", "Scanner max key gap (ms)"),
    Setting("scanner_min_length", int, 6, "扫码最短长度", "Scanner min code length"),
    Setting(
        "scanner_suffix",
        str,
        "enter",
        "扫码枪结束键（enter/tab/enter_or_tab/none）",
        "Scanner suffix key (enter/tab/enter_or_tab/none)",
        choices=("enter", "tab", "enter_or_tab", "none"),
    ),
    Setting("scanner_prefix", str, "", "扫码枪前缀（留空为无）", "Scanner prefix (empty: none)"),
    Setting(
        "sound_volume", int, 70, "提示音音量（0–100，0 为静音）", "Sound volume (0–100, 0: off)", "TW_SOUND_VOLUME"
    ),
    Setting(
        "printer_kind",
        str,
        "file",
        "标签打印方式（tcp/file/queue/pdf）",
        "Label printer (tcp/file/queue/pdf)",
        choices=("tcp", "file", "queue", "pdf"),
        live=True,
    ),
    Setting("printer_host", str, "127.0.0.1", "标签打印机地址", "Label printer host", live=True),
    Setting("printer_port", int, 9100, "标签打印机端口", "Label printer port", live=True),
    Setting("login_max_failures", int, 5, "登录失败锁定次数", "Failed log-ins before lock-out"),
    Setting("login_lock_minutes", int, 15, "锁定时长（分钟）", "Lock-out (minutes)"),
    Setting(
        "balance_check_policy",
        str,
        "refuse",
        "天平检查过期或未通过时：拒收称量（refuse）或标记并在复核时阻止（review）",
        "Balance check overdue or failed: refuse the weighing (refuse) or mark it and block at review (review)",
        choices=("refuse", "review"),
    ),
    Setting(
        "reference_weights",
        str,
        "",
        "每日检查用标准砝码（编号:等级:标称克数:证书日期，逗号分隔）",
        "Reference weights for the daily check (id:class:nominal_g:certificate_date, comma-separated)",
        demo="E2-10G-0417:E2:10:2026-05-16,E2-1G-0233:E2:1:2026-05-16",
    ),
    Setting("balance_readability_g", str, "0.0001", "天平分度值（克）", "Balance readability (g)"),
    Setting(
        "blind_categories",
        str,
        "jewelry",
        "盲评的类别（逗号分隔，留空为不盲评）",
        "Categories appraised blind (comma-separated; empty: none)",
    ),
    *(Setting(stage.setting, float, stage.default_hours, stage.zh, stage.en, live=True) for stage in WAITING_STAGES),
    Setting(
        EXCEPTION_WINDOW_SETTING,
        int,
        EXCEPTION_WINDOW_DAYS,
        "差异、缺件、隔离预报在异常列表中保留（天）",
        "Discrepancies, missing lines, quarantined notices stay in the exceptions queue (days)",
        live=True,
    ),
)
SETTINGS_BY_KEY = {s.key: s for s in SETTINGS}
DEMO_ONLY = {s.key: s.demo for s in SETTINGS if s.demo in (SIMULATED, EMBEDDED)}


def setting(key: str) -> Setting:
    return SETTINGS_BY_KEY[key]


def typed_value(s: Setting, value: object) -> SettingValue:
    """``value`` as the setting's type; TypeError/ValueError when it is not one."""
    if s.type is str:
        return str(value)
    if not isinstance(value, str | int | float):
        raise TypeError(f"{s.key}: {type(value).__name__}")
    return s.type(value)


def convert(key: str, value: object, *, demo: bool = False) -> SettingValue:
    """``value`` as the setting's type, or ValidationError saying why not."""
    s = SETTINGS_BY_KEY.get(key)
    if s is None:
        raise ValidationError(f"没有名为 {key} 的设置", f"There is no setting named {key}")
    try:
        converted = typed_value(s, value.strip() if isinstance(value, str) and s.type is not str else value)
    except (TypeError, ValueError):
        kind = {int: ("整数", "a whole number"), float: ("数字", "a number")}.get(s.type, ("文本", "text"))
        raise ValidationError(
            f"{s.title_zh}：“{value}”不是{kind[0]}", f"{s.title_en}: '{value}' is not {kind[1]}"
        ) from None
    if isinstance(converted, str):
        converted = converted.strip()
    if s.choices and converted not in s.choices:
        raise ValidationError(
            f"{s.title_zh}：只能是 {'、'.join(s.choices)}", f"{s.title_en}: must be one of {', '.join(s.choices)}"
        )
    if key in DEMO_ONLY and converted == DEMO_ONLY[key] and not demo:
        raise ValidationError(
            f"{s.title_zh}：“{converted}”只用于演示模式，实际仓库请配置真实设备或平台",
            f"{s.title_en}: '{converted}' is for demo mode only; configure the real device or platform",
        )
    if key == "time_zone":
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            ZoneInfo(str(converted))
        except (ZoneInfoNotFoundError, ValueError):
            raise ValidationError(
                f"未知的时区：{converted}（例如 Asia/Shanghai）", f"Unknown time zone: {converted} (e.g. Asia/Shanghai)"
            ) from None
    if not isinstance(converted, str) and converted < 0:
        raise ValidationError(f"{s.title_zh}：不能为负数", f"{s.title_en}: cannot be negative")
    return converted
