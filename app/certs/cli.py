"""``verify`` and ``keys`` sub-commands. Heavy imports stay inside the handlers."""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    verify = sub.add_parser("verify", help="check a certificate PDF or QR text 验证证书")
    verify.add_argument("file", nargs="?", help="certificate PDF")
    verify.add_argument("--qr", help="QR text as scanned (instead of, or together with, a PDF)")
    verify.add_argument("--json", action="store_true", help="print the result as JSON")
    verify.add_argument("--offline", action="store_true",
                        help="do not ask this station's records or the platform whether it was voided")
    verify.set_defaults(func=_verify)

    keys = sub.add_parser("keys", help="warehouse signing keys 签名密钥")
    ksub = keys.add_subparsers(dest="keys_command", metavar="ACTION", required=True)
    gen = ksub.add_parser("generate", help="create a new signing key and make it current")
    gen.add_argument("--passphrase-env", help="read the passphrase from this environment variable")
    gen.set_defaults(func=_keys_generate)
    ksub.add_parser("list", help="list keys in the key store").set_defaults(func=_keys_list)
    body = ksub.add_parser("register-body", help="print the POST /signing-keys body")
    body.add_argument("--key-id", help="default: the current key")
    body.set_defaults(func=_keys_register_body)


def _config(args: argparse.Namespace):
    from app.config import config_from_args

    return config_from_args(args)


def _verify(args: argparse.Namespace) -> int:
    import logging

    from app.certs.trust import load_trusted_keys
    from app.cli import CliError

    # pyHanko logs tracebacks for every broken signature; the result below says it better.
    logging.getLogger("pyhanko").setLevel(logging.CRITICAL)
    if not args.file and not args.qr:
        raise CliError("请给出 PDF 文件或 --qr 文本 / give a PDF file or --qr TEXT")
    cfg = _config(args)
    trusted = load_trusted_keys(cfg.data_dir)
    lookup, close = (None, lambda: None) if args.offline else _status_lookup(cfg)
    try:
        result = _check(args, trusted, lookup)
    finally:
        close()
    if args.json:
        print(json.dumps({"ok": result.ok, "code": result.code, "zh": result.zh, "en": result.en,
                          "detail": result.detail, "certificate_no": result.certificate_no,
                          "key_id": result.key_id, "facts": result.facts}, ensure_ascii=False, indent=2))
    else:
        print(("✔ " if result.ok else "✘ ") + result.summary())
        if result.ok and result.facts:
            print(f"{result.facts.get('name', '')} · {result.facts.get('item_tag', '')}")
    return 0 if result.ok else 1


def _status_lookup(cfg):  # type: ignore[no-untyped-def]
    """Voiding is not in the printed file: ask this station's records first (a certificate
    it issued), then the platform's public verification (any warehouse's)."""
    from app.services.station import Station

    station = None
    if cfg.database_url or (cfg.data_dir / "workstation.sqlite3").exists():
        try:
            station = Station.open(cfg, upgrade=False)
        except Exception:  # noqa: BLE001 - no usable local records: rely on the platform
            station = None
    platform = None if cfg.platform_url in ("", "embedded", "off", "none") else cfg.platform_url

    def lookup(certificate_no: str) -> str | None:
        local = getattr(station, "certificates", None)
        if local is not None:
            status = local.status(certificate_no)
            if status != "unknown":
                return status
        if platform is not None:
            try:
                from app.sync.client import PlatformClient

                with PlatformClient(platform, "", cfg.workstation_id) as client:
                    return str(client.verify(certificate_no).get("status")) or None
            except Exception:  # noqa: BLE001 - offline: the signature check still stands
                return None
        return None

    return lookup, (station.close if station is not None else (lambda: None))


def _check(args: argparse.Namespace, trusted, lookup):  # type: ignore[no-untyped-def]
    from app.certs.verify import verify_pdf, verify_qr
    from app.cli import CliError

    if args.file:
        try:
            data = Path(args.file).read_bytes()
        except OSError as exc:
            raise CliError(f"无法读取 {args.file} / cannot read {args.file}: {exc.strerror}") from None
        return verify_pdf(data, trusted, status_lookup=lookup, scanned_qr=args.qr)
    return verify_qr(args.qr, trusted, status_lookup=lookup)


def _passphrase(args: argparse.Namespace) -> str:
    if args.passphrase_env:
        return os.environ.get(args.passphrase_env, "")
    first = getpass.getpass("主管口令 Supervisor passphrase: ")
    if getpass.getpass("再输入一次 Repeat: ") != first:
        from app.cli import CliError

        raise CliError("两次口令不一致 / passphrases differ")
    return first


def _keys_generate(args: argparse.Namespace) -> int:
    from app.certs.keys import KeyStore
    from app.cli import CliError
    from app.core.errors import ValidationError

    cfg = _config(args)
    try:
        key = KeyStore(cfg.data_dir / "keys").generate(cfg.warehouse_id, cfg.warehouse_name, _passphrase(args))
    except ValidationError as exc:
        raise CliError(str(exc)) from None
    print(f"新签名密钥 new signing key: {key.key_id}")
    print("请向平台登记 register it with the platform: python -m app keys register-body")
    return 0


def _keys_list(args: argparse.Namespace) -> int:
    from app.certs.keys import KeyStore

    keys = KeyStore(_config(args).data_dir / "keys").keys()
    if not keys:
        print("没有签名密钥 no signing keys (python -m app keys generate)")
    for k in keys:
        state = "current" if k.current else f"retired {k.retired_at}" if k.retired_at else "inactive"
        print(f"{k.key_id}  ES256  created {k.created_at}  {state}")
    return 0


def _keys_register_body(args: argparse.Namespace) -> int:
    from app.certs.keys import KeyStore, registration_body
    from app.cli import CliError

    store = KeyStore(_config(args).data_dir / "keys")
    key_id = args.key_id or store.current_id()
    match = [k for k in store.keys() if k.key_id == key_id]
    if not match:
        raise CliError(f"找不到签名密钥 / no signing key {key_id or '(none)'}")
    json.dump(registration_body(match[0]), sys.stdout, ensure_ascii=False, indent=2)
    print()
    return 0
