"""``verify`` and ``keys`` sub-commands. Heavy imports stay inside the handlers."""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from pathlib import Path

from app.core.demo import EMBEDDED


def register(sub: argparse._SubParsersAction) -> None:
    verify = sub.add_parser("verify", help="check a certificate PDF or QR text 验证证书")
    verify.add_argument("file", nargs="?", help="certificate PDF")
    verify.add_argument("--qr", help="QR text as scanned (instead of, or together with, a PDF)")
    verify.add_argument("--json", action="store_true", help="print the result as JSON")
    verify.add_argument(
        "--offline",
        action="store_true",
        help="do not ask the platform: whether it was voided comes from this station's records and "
        "its copy of the platform's status feed (with the copy's age)",
    )
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
    from app.core.errors import ValidationError

    # pyHanko logs tracebacks for every broken signature; the result below says it better.
    logging.getLogger("pyhanko").setLevel(logging.CRITICAL)
    if not args.file and not args.qr:
        raise CliError("请给出 PDF 文件或 --qr 文本 / give a PDF file or --qr TEXT")
    cfg = _config(args)
    try:
        trusted = load_trusted_keys(cfg.data_dir)
    except ValidationError as exc:
        raise CliError(str(exc)) from None
    for skipped in trusted.skipped:
        print(f"! 未信任的密钥 untrusted key {skipped.key_id}: {skipped.zh} / {skipped.en}", file=sys.stderr)
    lookup, close = _status_lookup(cfg, offline=args.offline)
    try:
        result = _check(args, trusted, lookup, trusted_bases(cfg), accept_demo=cfg.platform_url == EMBEDDED)
    finally:
        close()
    if args.json:
        print(
            json.dumps(
                {
                    "ok": result.ok,
                    "code": result.code,
                    "zh": result.zh,
                    "en": result.en,
                    "detail": result.detail,
                    "certificate_no": result.certificate_no,
                    "key_id": result.key_id,
                    "facts": result.facts,
                    "notes": list(result.notes),
                    "status_as_of": result.as_of.isoformat() if result.as_of else None,
                },
                ensure_ascii=False,
                indent=2,
            )
        )
    else:
        print(("✔ " if result.ok else "✘ ") + result.summary(cfg.time_zone))
        if result.ok and result.facts:
            print(f"{result.facts.get('name', '')} · {result.facts.get('item_tag', '')}")
    return 0 if result.ok else 1


def trusted_bases(cfg) -> list[str]:
    """The verification addresses this station trusts: its platform's, and any listed in
    ``verify_urls`` (a warehouse that moved platforms keeps the old address there)."""
    from app.certs.issue import verify_base_url

    return [verify_base_url(cfg.platform_url), *(u.strip() for u in cfg.verify_urls.split(",") if u.strip())]


def _status_lookup(cfg, offline: bool = False):
    """Voiding is not in the printed file: ask this station's records first (a certificate
    it issued or voided), then the platform's public verification (any warehouse's), and when
    offline or unreachable, the local copy of the platform's status feed, with its age."""
    from datetime import timedelta

    from app.certs.verify import StatusAnswer
    from app.services.certificate_status import CertificateStatusCopies
    from app.services.station import Station
    from app.store.migrate import current_revision

    station = None
    if cfg.database_url or (cfg.data_dir / "workstation.sqlite3").exists():
        try:
            station = Station.open(cfg, upgrade=False)
            if current_revision(station.ctx.db) is None:  # an empty file: this machine keeps no records
                station.close()
                station = None
        except Exception:  # noqa: BLE001 - no usable local records: rely on the platform
            station = None
    platform = None if offline or cfg.platform_url in ("", EMBEDDED, "off", "none") else cfg.platform_url
    max_age = timedelta(hours=float(cfg.status_copy_max_age_h))

    def from_copy(certificate_no: str) -> StatusAnswer:
        if station is None:
            return StatusAnswer(None, None, stale=True)
        try:
            copied = CertificateStatusCopies(station.ctx).lookup(certificate_no, max_age)
        except Exception:  # noqa: BLE001 - a database from before the copy existed
            return StatusAnswer(None, None, stale=True)
        return StatusAnswer(copied.status, copied.as_of, copied.stale)

    def lookup(certificate_no: str) -> str | StatusAnswer | None:
        local = getattr(station, "certificates", None)
        if local is not None:
            status = local.status(certificate_no)
            if status != "unknown":
                return status  # issued here: this station's records are where it is voided
        if platform is not None:
            try:
                from app.sync.client import PlatformClient

                with PlatformClient(platform, "", cfg.workstation_id) as client:
                    status = str(client.verify(certificate_no).get("status") or "")
                if status in ("valid", "voided", "unknown"):
                    return status
            except Exception:  # noqa: BLE001 - unreachable: fall back to the local copy
                pass
        return from_copy(certificate_no)

    return lookup, (station.close if station is not None else (lambda: None))


def _check(args: argparse.Namespace, trusted, lookup, bases, accept_demo):
    from app.certs.verify import verify_pdf, verify_qr
    from app.cli import CliError

    if args.file:
        try:
            data = Path(args.file).read_bytes()
        except OSError as exc:
            raise CliError(f"无法读取 {args.file} / cannot read {args.file}: {exc.strerror}") from None
        return verify_pdf(
            data, trusted, status_lookup=lookup, scanned_qr=args.qr, trusted_bases=bases, accept_demo=accept_demo
        )
    return verify_qr(args.qr, trusted, status_lookup=lookup, trusted_bases=bases, accept_demo=accept_demo)


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
