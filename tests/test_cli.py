"""The command line as a person meets it: version, help, a clean error, the first
account, and the self-test."""

from __future__ import annotations

import os
import subprocess
import sys

from app import __version__


def _run(*args: str, env: dict[str, str] | None = None, timeout: int = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "app", *args], capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, **(env or {})})


def test_version_and_help():
    done = _run("--version")
    assert done.returncode == 0 and __version__ in done.stdout
    helped = _run("--help")
    for command in ("user", "audit", "demo-data", "selftest", "simulate", "devices", "verify", "certificate",
                    "platform", "sync"):
        assert command in helped.stdout


def test_bad_arguments_fail_without_a_traceback(data_dir):
    bad = _run("--data-dir", str(data_dir), "certificate", "export", "NOPE", "--out", str(data_dir / "x.pdf"))
    assert bad.returncode != 0 and "Traceback" not in bad.stderr


def test_first_account_then_audit(data_dir):
    env = {"TW_PASSWORD": "first-admin-pass"}
    made = _run("--data-dir", str(data_dir), "user", "add", "boss", "--name", "王主任", env=env)
    assert made.returncode == 0, made.stderr
    again = _run("--data-dir", str(data_dir), "user", "add", "second", env=env)
    assert again.returncode == 2 and "--as-user" in again.stderr
    audit = _run("--data-dir", str(data_dir), "audit", "verify")
    assert audit.returncode == 0 and "intact" in audit.stdout


def test_selftest_passes(data_dir):
    done = _run("selftest", env={"QT_QPA_PLATFORM": "offscreen"}, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "selftest passed" in done.stdout
