"""Settings: nothing is simulated outside demo mode; overrides and secrets never reach the file."""

from __future__ import annotations

import stat
import tomllib

import pytest

from app.config import SETTINGS, load_config
from app.core.demo import DEMO_WAREHOUSE_NAME, EMBEDDED, SIMULATED
from app.core.errors import ValidationError


def test_defaults_outside_demo_are_not_configured_and_name_no_demo(data_dir):
    cfg = load_config(data_dir, env={})
    for s in SETTINGS:
        assert cfg.get(s.key) not in (SIMULATED, EMBEDDED, DEMO_WAREHOUSE_NAME), s.key
    assert cfg.scale_port == cfg.box_port == cfg.camera_source == cfg.platform_url == ""
    assert cfg.display_name == cfg.warehouse_id  # no name yet: the id, not a demo name


def test_demo_mode_alone_uses_simulators_and_the_embedded_platform(data_dir):
    cfg = load_config(data_dir, env={}, demo=True)
    assert (cfg.scale_port, cfg.box_port, cfg.camera_source) == (SIMULATED,) * 3
    assert cfg.platform_url == EMBEDDED and cfg.warehouse_name == DEMO_WAREHOUSE_NAME
    assert cfg.origin("scale_port") == "demo"


def test_simulated_values_are_refused_outside_demo_with_a_reason(data_dir):
    cfg = load_config(data_dir, env={})
    with pytest.raises(ValidationError) as err:
        cfg.set("scale_port", SIMULATED)
    assert "演示" in err.value.zh and "demo" in err.value.en
    with pytest.raises(ValidationError):
        cfg.set("platform_url", EMBEDDED)
    with pytest.raises(ValidationError) as err:
        cfg.set("printer_port", "ninety")
    assert "ninety" in err.value.en
    with pytest.raises(ValidationError):
        cfg.set("language", "fr")


def test_save_never_writes_environment_overrides_or_secrets(data_dir):
    env = {
        "TW_DATABASE_URL": "postgresql+psycopg://tw:s3cret@db.example/tw",
        "TW_PLATFORM_TOKEN": "tok-secret",
        "TW_WORKSTATION_ID": "WS-ENV-09",
    }
    cfg = load_config(data_dir, env=env)
    assert cfg.database_url.endswith("db.example/tw") and cfg.origin("database_url") == "environment"
    cfg.set("warehouse_name", "珍宝仓杭州一号仓")
    cfg.set("scale_port", "/dev/ttyUSB0")
    cfg.save()
    text = (data_dir / "settings.toml").read_text(encoding="utf-8")
    assert "s3cret" not in text and "tok-secret" not in text and "WS-ENV-09" not in text
    assert tomllib.loads(text) == {
        "warehouse_name": "珍宝仓杭州一号仓",
        "scale_port": "/dev/ttyUSB0",
        "config_version": 1,
    }
    assert stat.S_IMODE((data_dir / "settings.toml").stat().st_mode) == 0o600
    again = load_config(data_dir, env={})
    assert again.origin("warehouse_name") == "file" and again.origin("database_url") == "default"
    with pytest.raises(ValidationError):
        cfg.set("platform_token", "tok")  # secrets go to the keyring, not the file


def test_a_secret_in_an_old_settings_file_is_not_used(data_dir):
    (data_dir / "settings.toml").write_text('platform_token = "old-token"\n', encoding="utf-8")
    assert load_config(data_dir, env={}).platform_token == ""


def test_the_data_folder_is_private(tmp_path):
    folder = tmp_path / "fresh"
    load_config(folder, env={})
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    loose = tmp_path / "loose"
    loose.mkdir(mode=0o755)
    load_config(loose, env={})
    assert stat.S_IMODE(loose.stat().st_mode) == 0o700


def test_a_newer_or_broken_settings_file_is_a_clear_error(data_dir):
    (data_dir / "settings.toml").write_text("config_version = 99\n", encoding="utf-8")
    with pytest.raises(ValidationError) as err:
        load_config(data_dir, env={})
    assert "99" in err.value.zh
    (data_dir / "settings.toml").write_text("warehouse_name = [\n", encoding="utf-8")
    with pytest.raises(ValidationError):
        load_config(data_dir, env={})


def test_the_local_database_is_readable_by_this_user_only(tmp_path):
    import argparse
    import os

    from app.config import config_from_args
    from app.services.station import Station

    folder = tmp_path / "wh"
    cfg = config_from_args(argparse.Namespace(data_dir=str(folder), config=None, lang=None))
    station = Station.open(cfg)
    try:
        station.users.create_first_admin("admin", "first-pass-1", "王管理")
        files = [p for p in folder.iterdir() if p.name.startswith("workstation.sqlite3")]
        assert {p.name for p in files} >= {"workstation.sqlite3"}
        assert {p.name: stat.S_IMODE(p.stat().st_mode) for p in files} == {p.name: 0o600 for p in files}
    finally:
        station.close()
    db = folder / "workstation.sqlite3"
    os.chmod(db, 0o644)  # a database from an earlier version
    config_from_args(argparse.Namespace(data_dir=str(folder), config=None, lang=None))
    assert stat.S_IMODE(db.stat().st_mode) == 0o600


def test_every_setting_is_a_typed_attribute_of_config(tmp_path):
    """Config has no __getattr__: each setting is a property whose annotation is its type."""
    import typing

    from app.config import SETTINGS, Config

    assert "__getattr__" not in vars(Config)
    cfg = Config(data_dir=tmp_path)
    for s in SETTINGS:
        prop = vars(Config).get(s.key)
        assert isinstance(prop, property), s.key
        assert typing.get_type_hints(prop.fget)["return"] is s.type, s.key
        assert isinstance(getattr(cfg, s.key), s.type) and getattr(cfg, s.key) == s.default
    cfg.set("printer_port", "9101")
    assert cfg.printer_port == 9101
    with pytest.raises(AttributeError):
        cfg.no_such_setting  # noqa: B018


def test_ui_context_carries_no_untyped_fields():
    import typing

    from app.devices.factory import DeviceSet
    from app.devices.printer import LabelPrinter
    from app.runtime.station import Runtime
    from app.services.station import Station
    from app.ui.context import UiContext

    hints = typing.get_type_hints(
        UiContext,
        localns={"DeviceSet": DeviceSet, "LabelPrinter": LabelPrinter, "Runtime": Runtime, "Station": Station},
    )
    assert "extras" not in hints and typing.Any not in hints.values()
    assert "__getattr__" not in vars(UiContext)
