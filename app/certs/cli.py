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
    from app.certs.verify import verify_pdf, verify_qr
    from app.cli import CliError

    # pyHanko logs tracebacks for every broken signature; the result below says it better.
    logging.getLogger("pyhanko").setLevel(logging.CRITICAL)
    if not args.file and not args.qr:
        raise CliError("请给出 PDF 文件或 --qr 文本 / give a PDF file or --qr TEXT")
    trusted = load_trusted_keys(_config(args).data_dir)
    if args.file:
        try:
            data = Path(args.file).read_bytes()
        except OSError as exc:
            raise CliError(f"无法读取 {args.file} / cannot read {args.file}: {exc.strerror}") from None
        result = verify_pdf(data, trusted, scanned_qr=args.qr)
    else:
        result = verify_qr(args.qr, trusted)
    if args.json:
        print(json.dumps({"ok": result.ok, "code": result.code, "zh": result.zh, "en": result.en,
                          "detail": result.detail, "certificate_no": result.certificate_no,
                          "key_id": result.key_id, "facts": result.facts}, ensure_ascii=False, indent=2))
    else:
        print(("✔ " if result.ok else "✘ ") + result.summary())
        if result.ok and result.facts:
            print(f"{result.facts.get('name', '')} · {result.facts.get('item_tag', '')}")
    return 0 if result.ok else 1


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
