"""Headless commands on the station's database: users, audit, demo data, migrations."""

from __future__ import annotations

import argparse
import getpass
import json
import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.services.station import Station


def register(sub: argparse._SubParsersAction) -> None:
    user = sub.add_parser("user", help="manage accounts")
    usub = user.add_subparsers(dest="user_command", required=True)
    add = usub.add_parser("add", help="add an account (the first one becomes administrator)")
    add.add_argument("username")
    add.add_argument("--name", default="", help="full name")
    add.add_argument(
        "--roles", default="", help="comma-separated: intake_clerk,appraiser,supervisor,admin,manual_entry"
    )
    add.add_argument("--password", help="password (default: env TW_PASSWORD or asked for)")
    add.add_argument("--as-user", help="administrator performing the change (password via TW_ADMIN_PASSWORD)")
    add.set_defaults(func=_user_add)
    lst = usub.add_parser("list", help="list accounts")
    lst.set_defaults(func=_user_list)

    audit = sub.add_parser("audit", help="the audit log")
    asub = audit.add_subparsers(dest="audit_command", required=True)
    verify = asub.add_parser("verify", help="check the hash chain; report the first broken link")
    verify.set_defaults(func=_audit_verify)

    demo = sub.add_parser("demo-data", help="create realistic demo records through the operations")
    demo.add_argument("--items", type=int, default=24)
    demo.add_argument("--seed", type=int, default=7)
    demo.set_defaults(func=_demo)

    mig = sub.add_parser("migrate", help="bring the database to the newest schema")
    mig.set_defaults(func=_migrate)


def _station(args: argparse.Namespace) -> Station:
    from app.config import config_from_args
    from app.services.station import Station

    return Station.open(config_from_args(args))


def _password(args: argparse.Namespace) -> str:
    if args.password:
        return str(args.password)
    if os.environ.get("TW_PASSWORD"):
        return os.environ["TW_PASSWORD"]
    first = getpass.getpass("密码 Password: ")
    if first != getpass.getpass("再输一次 Repeat: "):
        from app.cli import CliError

        raise CliError("两次输入的密码不一致 / the passwords differ")
    return first


def _user_add(args: argparse.Namespace) -> int:
    from app.cli import CliError
    from app.core.errors import TWError
    from app.core.roles import parse_roles

    station = _station(args)
    try:
        if not station.users.has_users():
            actor = station.users.create_first_admin(args.username, _password(args), args.name)
            print(f"已创建管理员 created administrator {actor.username}")
            return 0
        if not args.as_user:
            raise CliError("已有账号：请用 --as-user 指定管理员 / accounts exist: name an administrator with --as-user")
        admin_pw = os.environ.get("TW_ADMIN_PASSWORD") or getpass.getpass(f"{args.as_user} 的密码 password: ")
        admin = station.users.authenticate(args.as_user, admin_pw)
        view = station.users.add_user(admin, args.username, _password(args), args.name, parse_roles(args.roles))
        print(f"已添加 added {view.username}: {', '.join(sorted(view.roles))}")
        return 0
    except TWError as exc:
        raise CliError(str(exc)) from None
    finally:
        station.close()


def _user_list(args: argparse.Namespace) -> int:
    station = _station(args)
    try:
        for u in station.users.list_users():
            print(
                f"{u.username:20} {u.display_name:12} {','.join(sorted(u.roles)):40} {'active' if u.active else 'disabled'}"
            )
    finally:
        station.close()
    return 0


def _audit_verify(args: argparse.Namespace) -> int:
    from app.config import config_from_args
    from app.services.station import Station
    from app.store.audit_anchor import AnchorBook, verify_anchored

    config = config_from_args(args)
    station = Station.open(config)
    try:
        with station.db.read() as s:
            report = verify_anchored(s, AnchorBook(config.data_dir, station.ctx.workstation_id))
    finally:
        station.close()
    for note in report.notes:
        print(f"注意 note: {note}")
    if report.ok:
        anchor = (
            f"; 与签名锚点 #{report.anchor_index} 一致 matches the signed anchor at #{report.anchor_index}"
            if report.anchored
            else "; 尚无签名锚点 no signed anchor yet (sync records one)"
        )
        print(f"审计链完整 audit chain intact: {report.entries} entries{anchor}")
        return 0
    where = f" at entry #{report.first_bad_index}" if report.first_bad_index else ""
    print(f"审计链断裂 audit chain BROKEN{where} ({report.kind}): {report.problem_zh} / {report.problem_en}")
    return 1


def _demo(args: argparse.Namespace) -> int:
    from app.config import config_from_args
    from app.demo.data import make_demo_data
    from app.services.station import Station

    config = config_from_args(args)
    station = Station.open(config)
    try:
        summary = make_demo_data(station, items=args.items, seed=args.seed)
    finally:
        station.close()
    print(json.dumps(summary, ensure_ascii=False))
    return 0


def _migrate(args: argparse.Namespace) -> int:
    from app.store import migrate

    station = _station(args)
    try:
        print(f"schema at {migrate.current_revision(station.db)} (head {migrate.head_revision()})")
    finally:
        station.close()
    return 0
