"""The platform token is a secret: kept in the OS keyring where one works, else in a
file only this user can read. It never goes to logs or the settings file."""

from __future__ import annotations

import logging
import os
import secrets
from pathlib import Path

from app.config import ensure_private_dir

log = logging.getLogger("tw.sync")
SERVICE = "treasure-warehouse"


def _file(data_dir: Path) -> Path:
    return Path(data_dir) / "secrets" / "platform-token"


def _keyring():
    try:
        import keyring

        backend = keyring.get_keyring()
        # The "fail" backend (or any of priority <= 0) means no keyring on this machine.
        if "fail" in type(backend).__module__ or getattr(backend, "priority", 1) <= 0:
            return None
        return keyring
    except Exception:  # noqa: BLE001 - no usable keyring is an ordinary situation
        return None


def load_token(data_dir: Path, workstation_id: str, configured: str = "") -> str:
    """The settings/env token wins; then the keyring; then the private file; '' if none."""
    if configured:
        return configured
    kr = _keyring()
    if kr is not None:
        try:
            value = kr.get_password(SERVICE, workstation_id)
            if value:
                return str(value)
        except Exception:  # noqa: BLE001
            log.info("keyring unavailable, using the token file")
    path = _file(data_dir)
    return path.read_text(encoding="utf-8").strip() if path.exists() else ""


def store_token(data_dir: Path, workstation_id: str, token: str, *, use_keyring: bool = True) -> str:
    """Store the token; returns where ('keyring' or the file path)."""
    kr = _keyring() if use_keyring else None
    if kr is not None:
        try:
            kr.set_password(SERVICE, workstation_id, token)
            return "keyring"
        except Exception:  # noqa: BLE001
            log.info("keyring refused the token, using the token file")
    path = _file(data_dir)
    _write_private(path, token)
    return str(path)


def _write_private(path: Path, text: str) -> None:
    """A file only this user can read, in a folder only this user can open."""
    ensure_private_dir(path.parent.parent)
    ensure_private_dir(path.parent)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)
    os.chmod(path, 0o600)


def embedded_token(data_dir: Path) -> str:
    """The local reference platform's token for this data folder (made once)."""
    path = Path(data_dir) / "platform" / "token"
    if path.exists():
        return path.read_text(encoding="utf-8").strip()
    token = "tw-" + secrets.token_urlsafe(24)
    _write_private(path, token)
    return token
