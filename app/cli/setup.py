"""``python -m app setup --from FILE.toml``: a scripted install (see app/setup/plan.py for
the file). Every step is printed with ✔ or ✘; a failed test saves nothing."""

from __future__ import annotations

import argparse
import getpass
import sys


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("setup", help="set this workstation up from a TOML file 安装配置")
    p.add_argument("--from", dest="source", required=True, metavar="FILE.toml", help="the setup file")
    p.set_defaults(func=_setup)


def _setup(args: argparse.Namespace) -> int:
    from app.cli import CliError
    from app.config import config_from_args
    from app.core.errors import TWError
    from app.setup.apply import Step, apply_plan
    from app.setup.plan import read_plan

    def show(step: Step) -> None:
        mark = "✔" if step.ok else "✘"
        print(f"{mark} {step.zh} {step.en}: {step.detail}", file=sys.stdout if step.ok else sys.stderr, flush=True)

    cfg = config_from_args(args)  # the data folder, private, with logging
    try:
        plan = read_plan(args.source)
        apply_plan(plan, cfg.data_dir, operator=f"setup ({getpass.getuser()})", progress=show)
    except TWError as exc:
        raise CliError(f"{exc.zh} / {exc.en}") from None
    print(f"完成 done: {cfg.data_dir}")
    return 0
