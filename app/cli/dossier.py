"""``search TEXT`` lists the items a text names (tag, IMEI/serial, waybill, order, ASN,
certificate, merchant); ``dossier TAG --out FILE.pdf`` / ``--json FILE`` exports an item's
dossier. Exports are a supervisor's (audited, role-aware), so ``dossier`` asks who you are
(``--as-user``, password from TW_PASSWORD or asked) and, for the signed PDF, the signing
key's passphrase (``--passphrase-env VAR`` or asked)."""

from __future__ import annotations

import argparse
import getpass
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.services.station import Station


def register(sub: argparse._SubParsersAction) -> None:
    search = sub.add_parser(
        "search", help="find items by tag, IMEI/serial, waybill, order, ASN, certificate, merchant 查找"
    )
    search.add_argument("text")
    search.add_argument("--limit", type=int, default=50)
    search.add_argument("--json", action="store_true", help="print JSON")
    search.set_defaults(func=_search)
    dossier = sub.add_parser("dossier", help="export an item's dossier (signed PDF or JSON) 导出物品档案")
    dossier.add_argument("tag")
    out = dossier.add_mutually_exclusive_group(required=True)
    out.add_argument("--out", help="signed PDF file to write")
    out.add_argument("--json", help="JSON file to write")
    dossier.add_argument("--as-user", required=True, help="supervisor exporting (password: env TW_PASSWORD or asked)")
    dossier.add_argument("--passphrase-env", help="read the signing key's passphrase from this environment variable")
    dossier.set_defaults(func=_dossier)


def _station(args: argparse.Namespace) -> Station:
    from app.config import config_from_args
    from app.services.station import Station

    return Station.open(config_from_args(args))


def _search(args: argparse.Namespace) -> int:
    from app.cli import CliError
    from app.core.dossier import SEARCH_KEY_NAMES
    from app.core.errors import TWError

    station = _station(args)
    try:
        hits = station.search.search(args.text, limit=max(1, min(args.limit, 500)))
    except TWError as exc:
        raise CliError(f"{exc.zh} / {exc.en}") from None
    finally:
        station.close()
    if args.json:
        print(
            json.dumps(
                [
                    {
                        "tag": h.tag,
                        "title": h.title,
                        "state": h.state,
                        "held_from": h.held_from,
                        "merchant_name": h.merchant_name,
                        "key": h.key.value,
                        "value": h.value,
                        "exact": h.exact,
                    }
                    for h in hits
                ],
                ensure_ascii=False,
                indent=2,
            )
        )
        return 0
    if not hits:
        print(f"没有匹配的物品 no item matches {args.text.strip()}")
        return 1
    for h in hits:
        zh, en = SEARCH_KEY_NAMES[h.key]
        print(f"{h.tag}  {h.state:12}  {zh}/{en}: {h.value}  {h.title}  {h.merchant_name or ''}".rstrip())
    return 0


def _dossier(args: argparse.Namespace) -> int:
    from app.cli import CliError
    from app.core.errors import TWError

    station = _station(args)
    try:
        password = os.environ.get("TW_PASSWORD") or getpass.getpass(f"{args.as_user} 的密码 password: ")
        actor = station.users.authenticate(args.as_user, password)
        if args.json:
            data, target = station.dossiers.export_json(actor, args.tag), Path(args.json)
        else:
            phrase = (
                os.environ.get(args.passphrase_env, "")
                if args.passphrase_env
                else getpass.getpass("签名密钥口令 Signing key passphrase: ")
            )
            key = station.certificates.unlock(actor, phrase).key
            data, target = station.dossiers.export_pdf(actor, args.tag, key), Path(args.out)
    except TWError as exc:
        raise CliError(f"{exc.zh} / {exc.en}") from None
    finally:
        station.close()
    try:
        tmp = target.with_name(target.name + ".part")
        tmp.write_bytes(data)
        os.replace(tmp, target)
    except OSError as exc:
        raise CliError(f"无法写入 {target} / cannot write {target}: {exc.strerror}") from None
    print(f"{target}  {len(data)} bytes")
    return 0
