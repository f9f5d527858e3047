"""``python -m app sync --once``: pull notices and drain the outbox headless, then say
what happened. ``sync set-token`` stores the platform token as a secret."""

from __future__ import annotations

import argparse
import getpass
import json
import os


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("sync", help="sync with the platform")
    p.add_argument("--once", action="store_true", help="pull notices, push the outbox once, print a summary")
    p.add_argument("--json", action="store_true", help="print the summary as JSON")
    p.set_defaults(func=_sync)
    ssub = p.add_subparsers(dest="sync_command")
    tok = ssub.add_parser("set-token", help="store this workstation's platform token (keyring or private file)")
    tok.add_argument("--token", help="the token (default: env TW_PLATFORM_TOKEN or asked for)")
    tok.set_defaults(func=_set_token)


def _set_token(args: argparse.Namespace) -> int:
    from app.config import config_from_args
    from app.sync.secrets import store_token

    config = config_from_args(args)
    token = args.token or os.environ.get("TW_PLATFORM_TOKEN") or getpass.getpass("平台令牌 Platform token: ")
    where = store_token(config.data_dir, config.workstation_id, token.strip())
    print(f"令牌已保存 token stored ({'keyring' if where == 'keyring' else 'private file'})")
    return 0


def _sync(args: argparse.Namespace) -> int:
    from app.cli import CliError
    from app.config import config_from_args
    from app.core.errors import TWError
    from app.services.station import Station
    from app.services.sync_port import StationSyncPort
    from app.sync.client import AuthError, PlatformClient
    from app.sync.engine import SyncEngine
    from app.sync.runtime import KeyExchange, start_embedded_platform
    from app.sync.secrets import embedded_token, load_token

    if not args.once:
        raise CliError("用法 usage: python -m app sync --once | sync set-token")
    config = config_from_args(args)
    station = Station.open(config)
    platform = None
    url = config.platform_url
    if url == "embedded":
        platform = start_embedded_platform(config, station)
        url, token = platform.url, embedded_token(config.data_dir)
    else:
        token = load_token(config.data_dir, config.workstation_id, config.platform_token)
        if not token:
            raise CliError("没有平台令牌：请设置 TW_PLATFORM_TOKEN 或运行 sync set-token / no platform token")
    port = StationSyncPort(station.ctx)
    client = PlatformClient(url, token, config.workstation_id)
    engine = SyncEngine(port, client)
    try:
        pulled = engine.pull()
        report = engine.push()
        registered = KeyExchange(station, client, config.data_dir).run_once()
        stats = port.stats()
    except AuthError as exc:
        raise CliError(f"{exc.zh} / {exc.en}") from None
    except TWError as exc:
        raise CliError(f"同步未完成 sync incomplete: {exc.zh} / {exc.en}") from None
    finally:
        engine.close()
        client.close()
        if platform is not None:
            platform.stop()
        station.close()
    summary = {"platform": url, "notices_pulled": pulled, "events_sent": report.sent, "deferred": report.deferred,
               "rejected_now": report.rejected, "blobs_uploaded": report.blobs_uploaded,
               "keys_registered": registered, "still_pending": stats.pending_events, "rejected_total": stats.rejected,
               "rejections": [{"event_id": r.event_id, "reason": r.reason, "detail": r.detail}
                              for r in report.rejected_results]}
    if args.json:
        print(json.dumps(summary, ensure_ascii=False))
    else:
        print(f"平台 platform: {url}")
        print(f"拉取预报 notices pulled: {pulled}; 发送事件 events sent: {report.sent}; "
              f"上传文件 blobs uploaded: {report.blobs_uploaded}; 待发 pending: {stats.pending_events}; "
              f"拒收 rejected: {stats.rejected}")
        for r in report.rejected_results:
            print(f"  拒收 rejected {r.event_id}: {r.reason} {r.detail or ''}")
    # Rejections are known and kept for a supervisor; anything still pending is not done.
    return 0 if stats.pending_events == 0 else 1
