"""The platform token lives in the keyring or a file only this user can read, never in
settings.toml."""

from __future__ import annotations

import stat

from app.config import load_config
from app.sync import secrets


def test_token_file_is_private_and_not_in_the_settings(data_dir, monkeypatch):
    monkeypatch.setattr(secrets, "_keyring", lambda: None)  # a machine without a keyring
    (data_dir / "secrets").mkdir(mode=0o755)  # left readable by an earlier version
    where = secrets.store_token(data_dir, "WS-01", "tok-very-secret")
    path = data_dir / "secrets" / "platform-token"
    assert where == str(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert secrets.load_token(data_dir, "WS-01") == "tok-very-secret"
    cfg = load_config(data_dir, env={})
    cfg.set("warehouse_name", "珍宝仓杭州一号仓")
    cfg.save()
    assert "tok-very-secret" not in (data_dir / "settings.toml").read_text(encoding="utf-8")


def test_keyring_is_used_when_the_machine_has_one(data_dir, monkeypatch):
    store: dict[tuple[str, str], str] = {}

    class FakeKeyring:
        def set_password(self, service, user, value):  # type: ignore[no-untyped-def]
            store[(service, user)] = value

        def get_password(self, service, user):  # type: ignore[no-untyped-def]
            return store.get((service, user))

    monkeypatch.setattr(secrets, "_keyring", lambda: FakeKeyring())
    assert secrets.store_token(data_dir, "WS-01", "tok-2") == "keyring"
    assert not (data_dir / "secrets" / "platform-token").exists()
    assert secrets.load_token(data_dir, "WS-01") == "tok-2"


def test_embedded_token_is_private(data_dir):
    token = secrets.embedded_token(data_dir)
    path = data_dir / "platform" / "token"
    assert path.read_text(encoding="utf-8") == token and stat.S_IMODE(path.stat().st_mode) == 0o600
    assert secrets.embedded_token(data_dir) == token
