"""Scripted installs: ``python -m app setup --from FILE.toml`` tests the database, the
platform (an authenticated call to the reference platform) and the devices (simulators on
ptys) before it saves anything; ``devices status`` tells each configured device's state."""

from __future__ import annotations

import stat
import tomllib
from pathlib import Path

import pytest

from app.cli import main
from app.config import load_config
from app.refplatform import PlatformServer
from app.sync import secrets

TOKEN, WS = "tw-setup-token-5c2e", "WS-HZ-01-02"


@pytest.fixture
def platform():  # type: ignore[no-untyped-def]
    with PlatformServer(tokens={TOKEN: WS}) as srv:
        yield srv


@pytest.fixture(autouse=True)
def _no_keyring(monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setattr(secrets, "_keyring", lambda: None)


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "setup.toml"
    path.write_text(text, encoding="utf-8")
    return path


def _file(platform_url: str, extra: str = "") -> str:
    return f"""
[warehouse]
id = "WH-HZ-01"
name = "珍宝仓杭州一号仓"
[workstation]
id = "{WS}"
language = "zh_CN"
time_zone = "Asia/Shanghai"
[platform]
url = "{platform_url}"
token_env = "TW_SETUP_TOKEN"
{extra}
"""


def test_setup_from_file_tests_everything_then_saves(tmp_path, data_dir, platform, monkeypatch, capsys):
    from app.devices.sim.box import BoxSimulator
    from app.devices.sim.scale import ScaleSimulator

    monkeypatch.setenv("TW_SETUP_TOKEN", TOKEN)
    monkeypatch.setenv("TW_SETUP_KEY", "a long supervisor passphrase")
    monkeypatch.setenv("TW_SETUP_ADMIN", "first-pass-1")
    with ScaleSimulator("and", settle_s=0.05) as scale, BoxSimulator("pixel7") as box:
        scale.scale.put("12.3456")
        setup = _write(
            tmp_path,
            _file(
                platform.url,
                f"""
[devices]
scale_port = "{scale.path}"
box_port = "{box.path}"
printer_kind = "pdf"
test = true
[signing_key]
create = true
passphrase_env = "TW_SETUP_KEY"
[admin]
username = "wang"
name = "王管理"
password_env = "TW_SETUP_ADMIN"
""",
            ),
        )
        assert main(["--data-dir", str(data_dir), "setup", "--from", str(setup)]) == 0
    out = capsys.readouterr().out
    assert "✔ 平台 platform" in out and "12.3456 g" in out and "✔ 检测盒" in out and "✔ 签名密钥" in out
    text = (data_dir / "settings.toml").read_text(encoding="utf-8")
    saved = tomllib.loads(text)
    assert saved["warehouse_name"] == "珍宝仓杭州一号仓" and saved["workstation_id"] == WS
    assert saved["scale_protocol"] == "and"  # what answered on the port
    assert TOKEN not in text and "passphrase" not in text
    assert secrets.load_token(data_dir, WS) == TOKEN
    assert stat.S_IMODE((data_dir / "workstation.sqlite3").stat().st_mode) == 0o600

    from app.services.station import Station
    from app.store.audit import verify_chain

    station = Station.open(load_config(data_dir, env={}))
    try:
        assert station.users.authenticate("wang", "first-pass-1").username == "wang"
        with station.db.read() as s:
            assert verify_chain(s).ok
        assert any(e.get("action") == "setup" for e in _audit(station))
    finally:
        station.close()


def _audit(station):  # type: ignore[no-untyped-def]
    from sqlalchemy import select

    from app.store.models import AuditEntry

    with station.db.read() as s:
        return [{"action": a.action, "detail": a.detail} for a in s.execute(select(AuditEntry)).scalars()]


def test_a_wrong_token_is_refused_and_nothing_is_saved(tmp_path, data_dir, platform, monkeypatch, capsys):
    monkeypatch.setenv("TW_SETUP_TOKEN", "tw-not-the-token")
    assert main(["--data-dir", str(data_dir), "setup", "--from", str(_write(tmp_path, _file(platform.url)))]) == 2
    err = capsys.readouterr().err
    assert "✘ 平台 platform" in err and "令牌" in err and "nothing was saved" in err
    assert not (data_dir / "settings.toml").exists()


def test_an_unreachable_database_and_a_wrong_port_are_reported(tmp_path, data_dir, platform, monkeypatch, capsys):
    monkeypatch.setenv("TW_SETUP_TOKEN", TOKEN)
    bad_db = _file(platform.url) + '[database]\nurl = "postgresql+psycopg://tw:pw@127.0.0.1:1/tw"\n'
    assert main(["--data-dir", str(data_dir), "setup", "--from", str(_write(tmp_path, bad_db))]) == 2
    err = capsys.readouterr().err
    assert "无法连接数据库 127.0.0.1:1/tw" in err and ":pw@" not in err
    bad_port = _file(platform.url, '[devices]\nscale_port = "/dev/tty-no-such-balance"\ntest = true\n')
    assert main(["--data-dir", str(data_dir), "setup", "--from", str(_write(tmp_path, bad_port))]) == 2
    assert "✘ 天平 balance" in capsys.readouterr().err
    assert not (data_dir / "settings.toml").exists()


def test_bad_values_in_the_file_are_all_named(tmp_path, data_dir, monkeypatch, capsys):
    monkeypatch.delenv("TW_SETUP_TOKEN", raising=False)
    text = _file("https://platform.example/tw/api/v1") + '[devices]\nscale_port = "simulated"\nprinter_port = "x"\n'
    text = text.replace('time_zone = "Asia/Shanghai"', 'time_zone = "Mars/Olympus"')
    assert main(["--data-dir", str(data_dir), "setup", "--from", str(_write(tmp_path, text))]) == 2
    err = capsys.readouterr().err
    for expected in ("Mars/Olympus", "demo mode only", "'x' is not a whole number", "TW_SETUP_TOKEN"):
        assert expected in err


def test_a_database_password_goes_to_a_private_passfile(tmp_path, data_dir, pg_url, monkeypatch):
    with_password = pg_url.replace("postgres@", "postgres:pg-secret-7@")
    text = f'[workstation]\nid = "{WS}"\n[database]\nurl = "{with_password}"\n'
    assert main(["--data-dir", str(data_dir), "setup", "--from", str(_write(tmp_path, text))]) == 0
    saved = (data_dir / "settings.toml").read_text(encoding="utf-8")
    assert "pg-secret-7" not in saved and "passfile" in saved
    passfile = data_dir / "secrets" / "pgpass"
    assert "pg-secret-7" in passfile.read_text(encoding="utf-8")
    assert stat.S_IMODE(passfile.stat().st_mode) == 0o600


def test_devices_status_says_not_configured_refused_or_ok(data_dir, capsys):
    from app.devices.sim.scale import ScaleSimulator

    assert main(["--data-dir", str(data_dir), "devices", "status"]) == 0
    out = capsys.readouterr().out
    assert "天平 balance: 未配置 not configured" in out and "正常" not in out.split("标签打印机")[0]
    (data_dir / "settings.toml").write_text('box_port = "simulated"\n', encoding="utf-8")  # an old file
    assert main(["--data-dir", str(data_dir), "devices", "status"]) == 1
    assert "检测盒 inspection box [simulated]: 已拒绝" in capsys.readouterr().out
    with ScaleSimulator("mt-sics", settle_s=0.05) as scale:
        scale.scale.put("3.1416")
        (data_dir / "settings.toml").write_text(f'scale_port = "{scale.path}"\n', encoding="utf-8")
        assert main(["--data-dir", str(data_dir), "devices", "status"]) == 0
    assert "天平 balance" in (out := capsys.readouterr().out) and "正常 ok" in out and "3.1416 g" in out


def test_the_documented_example_file_reads(tmp_path):
    from app.setup.plan import read_plan

    example = Path(__file__).resolve().parents[2] / "docs" / "setup-example.toml"
    env = {
        "TW_SETUP_TOKEN": "tok",
        "TW_SETUP_KEY_PASSPHRASE": "a long passphrase",
        "TW_SETUP_ADMIN_PASSWORD": "pw-123456",
    }
    plan = read_plan(example, env=env)
    assert plan.settings["warehouse_id"] == "WH-HZ-01" and plan.settings["printer_port"] == 9100
    assert plan.platform_token == "tok" and plan.create_key and plan.admin["username"] == "admin" and plan.test_devices
