"""``python -m app.sync.server [serve options]``: the same as ``python -m app platform serve``,
without loading the other packages' commands (used by the benchmark and crash tests)."""

from __future__ import annotations

import argparse
import sys

from app.cli.platform import register


def main(argv: list[str] | None = None) -> int:
    from app.cli import CliError

    parser = argparse.ArgumentParser(prog="python -m app.sync.server")
    register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["platform", "serve", *(sys.argv[1:] if argv is None else argv)])
    try:
        return int(args.func(args) or 0)
    except CliError as exc:
        print(f"错误 error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    raise SystemExit(main())
