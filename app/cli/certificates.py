"""``certificate list`` and ``certificate export``: certificates issued on this station's
database, and the signed PDF exactly as issued (byte-identical to the stored blob)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.services.station import Station


def register(sub: argparse._SubParsersAction) -> None:
    cert = sub.add_parser("certificate", help="issued certificates 证书")
    csub = cert.add_subparsers(dest="certificate_command", metavar="ACTION", required=True)
    listing = csub.add_parser("list", help="list certificates, newest first")
    listing.add_argument("--status", choices=["valid", "voided"])
    listing.add_argument("--limit", type=int, default=200)
    listing.add_argument("--json", action="store_true", help="print JSON")
    listing.set_defaults(func=_list)
    export = csub.add_parser("export", help="write the signed PDF as issued")
    export.add_argument("certificate_no")
    export.add_argument("--out", required=True, help="PDF file to write")
    export.set_defaults(func=_export)


def _station(args: argparse.Namespace) -> Station:
    from app.config import config_from_args
    from app.services.station import Station

    return Station.open(config_from_args(args))


def _list(args: argparse.Namespace) -> int:
    station = _station(args)
    try:
        rows = station.certificates.listing(args.status, args.limit)
    finally:
        station.close()
    if args.json:
        print(
            json.dumps(
                [
                    {
                        "certificate_no": c.certificate_no,
                        "item_tag": c.item_tag,
                        "category": c.category,
                        "name": c.name,
                        "status": c.status,
                        "key_id": c.key_id,
                        "issued_at": c.issued_at.isoformat(),
                        "issued_by": c.issued_by,
                        "warranty_until": c.warranty_until.isoformat() if c.warranty_until else None,
                        "pdf_sha256": c.pdf_sha256,
                        "replaced_by": c.replaced_by,
                    }
                    for c in rows
                ],
                ensure_ascii=False,
                indent=2,
            )
        )
        return 0
    if not rows:
        print("没有证书 no certificates")
    for c in rows:
        state = "有效 valid" if c.status == "valid" else f"已作废 voided ({c.voided_reason})"
        if c.replaced_by:
            state += f" → {c.replaced_by}"
        print(f"{c.certificate_no}  {c.issued_at:%Y-%m-%d %H:%M}  {c.item_tag}  {c.name}  {state}")
    return 0


def _export(args: argparse.Namespace) -> int:
    from app.cli import CliError
    from app.core.errors import TWError

    station = _station(args)
    try:
        pdf = station.certificates.pdf(args.certificate_no.strip().upper())
    except TWError as exc:
        raise CliError(f"{exc.zh} / {exc.en}") from None
    except OSError as exc:
        raise CliError(f"证书文件缺失 / the stored PDF is missing: {exc}") from None
    finally:
        station.close()
    try:
        Path(args.out).write_bytes(pdf)
    except OSError as exc:
        raise CliError(f"无法写入 {args.out} / cannot write {args.out}: {exc.strerror}") from None
    print(f"{args.out}  {len(pdf)} bytes")
    return 0
