"""The command line as a person meets it: version, help, a clean error, the first
account, and the self-test."""

from __future__ import annotations

import os
import subprocess
import sys

from app import __version__


def _run(*args: str, env: dict[str, str] | None = None, timeout: int = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "app", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, **(env or {})},
    )


def test_version_and_help():
    done = _run("--version")
    assert done.returncode == 0 and __version__ in done.stdout
    helped = _run("--help")
    for command in (
        "user",
        "audit",
        "demo-data",
        "selftest",
        "simulate",
        "devices",
        "verify",
        "certificate",
        "platform",
        "sync",
    ):
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


def test_an_unexpected_failure_is_said_and_logged_never_silent(tmp_path, monkeypatch, capsys):
    # A command that dies on something nobody foresaw still tells the person, in both languages,
    # and leaves the traceback in the log (it used to exit 1 with nothing printed at all).
    from app import cli

    def explode(args):  # noqa: ANN001, ANN202
        raise RuntimeError("boom")

    parser = cli.build_parser
    monkeypatch.setattr(cli, "build_parser", lambda: _with_func(parser(), explode))
    code = cli.main(["--data-dir", str(tmp_path), "audit", "verify"])
    err = capsys.readouterr().err
    assert code == 1 and "内部错误" in err and "internal error" in err and "RuntimeError" in err
    assert "Traceback" not in err


def _with_func(parser, fn):  # noqa: ANN001, ANN202
    real = parser.parse_args

    def parse(argv=None):  # noqa: ANN001, ANN202
        args = real(argv)
        args.func = fn
        return args

    parser.parse_args = parse
    return parser


def test_only_the_window_skips_building_the_other_commands() -> None:
    from app.cli import build_parser, wants_gui_only

    for argv in (
        [],
        ["gui"],
        ["gui", "--demo"],
        ["--data-dir", "/x", "gui", "--demo"],
        ["--lang=en"],
        ["--data-dir", "gui"],
    ):  # a folder named gui, then the default command
        assert wants_gui_only(argv), argv
    for argv in (
        ["selftest"],
        ["--data-dir", "/x", "verify", "a.pdf"],
        ["--version"],
        ["-h"],
        ["--bogus"],
        ["--data-dir", "/x", "demo-data"],
    ):
        assert not wants_gui_only(argv), argv
    args = build_parser(gui_only=True).parse_args(["--data-dir", "/x", "--lang", "en", "gui", "--demo"])
    assert (args.data_dir, args.lang, args.command, args.demo) == ("/x", "en", "gui", True)
