"""Command line entry point: the GUI by default, headless commands otherwise.

Every command-line module lives in this package and contributes its sub-commands
through a ``register(sub)`` function, so this file stays a table of contents. Heavy
imports happen inside the command handlers, keeping ``--version`` instant.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from app import __version__
from app.core.errors import TWError

# Modules that add sub-commands; each exposes register(subparsers).
COMMAND_MODULES = (
    "app.cli.records",  # user, audit, demo-data, migrate
    "app.cli.selftest",  # selftest
    "app.cli.devices",  # simulate, devices
    "app.cli.certs",  # verify, certificate, keys
    "app.cli.platform",  # platform
    "app.cli.sync",  # sync
    "app.cli.certificates",  # certificate list, certificate export
    "app.cli.setup",  # setup --from FILE.toml
    "app.cli.dossier",  # search, dossier
)


class CliError(Exception):
    """A failure to report to the person at the terminal, without a traceback."""


_VALUE_OPTIONS = ("--data-dir", "--config", "--lang")  # top-level options that take a value


def wants_gui_only(argv: Sequence[str]) -> bool:
    """The window (the default command): the other commands' parsers are not built, which
    is a noticeable part of the time to the log-in window."""
    args = list(argv)
    i = 0
    while i < len(args):
        arg = args[i]
        if arg in ("-h", "--help", "--version"):
            return False
        if arg in _VALUE_OPTIONS:
            i += 2
            continue
        if arg.startswith("--") and arg.split("=", 1)[0] in _VALUE_OPTIONS:
            i += 1
            continue
        if arg.startswith("-"):
            return False  # unknown here: let the full parser say what is wrong
        return arg == "gui"
    return True


def build_parser(gui_only: bool = False) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="treasure-warehouse",
        description="珍宝仓鉴定工作站 Treasure Warehouse appraisal workstation",
    )
    parser.add_argument("--version", action="version", version=f"treasure-warehouse {__version__}")
    parser.add_argument("--data-dir", help="data folder (default: per-user data folder; env TW_DATA_DIR)")
    parser.add_argument("--config", help="settings file (TOML); default: settings.toml in the data folder")
    parser.add_argument("--lang", choices=["zh_CN", "en"], help="interface language")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    gui = sub.add_parser("gui", help="start the workstation window (the default)")
    gui.add_argument("--demo", action="store_true", help="fill an empty database with demo data first")
    gui.set_defaults(func=_run_gui)
    if not gui_only:
        for name in COMMAND_MODULES:
            importlib.import_module(name).register(sub)
    return parser


def _run_gui(args: argparse.Namespace) -> int:
    from app.ui.main import run_gui

    return run_gui(args)


def main(argv: Sequence[str] | None = None) -> int:
    gui_only = wants_gui_only(sys.argv[1:] if argv is None else argv)
    parser = build_parser(gui_only=True) if gui_only else build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        args.demo = False
        args.func = _run_gui
    try:
        return int(args.func(args) or 0)
    except CliError as exc:
        print(f"错误 error: {exc}", file=sys.stderr)
        return 2
    except TWError as exc:  # e.g. a broken settings file, found before any command ran
        print(f"错误 error: {exc.zh} / {exc.en}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # noqa: BLE001 - logged with its traceback; the person gets a sentence
        import logging

        logging.getLogger("tw.cli").critical("command %s failed", args.command, exc_info=True)
        print(
            f"错误 error: 内部错误，命令未完成（{exc.__class__.__name__}），详情见数据文件夹 logs/workstation.log / "
            f"internal error, the command did not finish ({exc.__class__.__name__}); see logs/workstation.log "
            "in the data folder",
            file=sys.stderr,
        )
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
