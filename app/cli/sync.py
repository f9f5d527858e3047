"""``python -m app sync --once``: pull notices and drain the outbox headless, then say
what happened. ``sync set-token`` stores the platform token as a secret."""

from __future__ import annotations

import argparse
import getpass
import json
import os
import random
import sys
import time
from typing import TYPE_CHECKING, Any

from app.core.demo import EMBEDDED

if TYPE_CHECKING:
    from app.core.errors import TWError
    from app.runtime.sync import KeyExchange
    from app.sync.worker import Progress


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("sync", help="sync with the platform")
    p.add_argument("--once", action="store_true", help="pull notices, push the outbox once, print a summary")
    p.add_argument("--json", action="store_true", help="print the summary as JSON")
    p.add_argument(
        "--max-time",
        type=float,
        default=300.0,
        metavar="SECONDS",
        help="keep retrying transient failures for at most this long (default 300)",
    )
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
    from app.runtime.platform import start_embedded_platform
    from app.runtime.sync import KeyExchange, record_anchor
    from app.services.station import Station
    from app.services.sync_port import StationSyncPort
    from app.sync.client import AuthError, PlatformClient
    from app.sync.engine import SyncEngine
    from app.sync.secrets import embedded_token, load_token
    from app.sync.worker import run_until_done

    if not args.once:
        raise CliError("用法 usage: python -m app sync --once | sync set-token")
    config = config_from_args(args)
    station = Station.open(config)
    platform = None
    url = config.platform_url
    if url == EMBEDDED:
        platform = start_embedded_platform(config, station)
        url, token = platform.url, embedded_token(config.data_dir)
    else:
        token = load_token(config.data_dir, config.workstation_id, config.platform_token)
        if not token:
            raise CliError("没有平台令牌：请设置 TW_PLATFORM_TOKEN 或运行 sync set-token / no platform token")
    port = StationSyncPort(station.ctx)
    client = PlatformClient(url, token, config.workstation_id)
    engine = SyncEngine(port, client)
    deadline = time.monotonic() + args.max_time
    try:
        once = run_until_done(engine, port, max_time=args.max_time, on_progress=_print_progress)
        if once.stopped == "auth_failed" and once.last_error is not None:
            raise CliError(f"{once.last_error.zh} / {once.last_error.en}")
        registered, key_error = _exchange_keys(KeyExchange(station, client, config.data_dir), deadline)
        anchored = record_anchor(station, config)
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
    report = once.push
    complete = once.completed and key_error is None
    summary: dict[str, Any] = {
        "platform": url,
        "completed": complete,
        "elapsed_s": round(once.elapsed_s, 2),
        "retries": once.retries,
        "protocol_violations": once.protocol_violations,
        "notices_pulled": once.notices_pulled,
        "events_sent": report.sent,
        "deferred": report.deferred,
        "rejected_now": report.rejected,
        "blobs_uploaded": report.blobs_uploaded,
        "keys_registered": registered,
        "still_pending": stats.pending_events,
        "rejected_total": stats.rejected,
        "audit_anchor": anchored,
        "errors": [
            e
            for e in (
                _words(once.pull_error),
                _words(once.last_error) if not once.completed else None,
                _words(key_error),
            )
            if e
        ],
        "rejections": [
            {"event_id": r.event_id, "reason": r.reason, "detail": r.detail} for r in report.rejected_results
        ],
    }
    if args.json:
        print(json.dumps(summary, ensure_ascii=False))
    else:
        print(f"平台 platform: {url}")
        print(
            f"{'完成' if complete else '未完成'} {'completed' if complete else 'NOT completed'} "
            f"in {once.elapsed_s:.1f} s ({once.retries} 次重试 retries)"
        )
        print(
            f"拉取预报 notices pulled: {once.notices_pulled}; 发送事件 events sent: {report.sent}; "
            f"上传文件 blobs uploaded: {report.blobs_uploaded}; 待发 pending: {stats.pending_events}; "
            f"拒收 rejected: {stats.rejected}"
        )
        for text in summary["errors"]:
            print(f"  问题 problem: {text}")
        for r in report.rejected_results:
            print(f"  拒收 rejected {r.event_id}: {r.reason} {r.detail or ''}")
    # Rejections are known and kept for a supervisor; anything still pending is not done.
    return 0 if complete and stats.pending_events == 0 else 1


def _words(exc: TWError | None) -> str | None:
    return None if exc is None else f"{exc.zh} / {exc.en}"


def _print_progress(p: Progress) -> None:
    print(
        f"[{p.elapsed_s:6.1f}s] 已发 sent {p.sent}, 拒收 rejected {p.rejected}, 文件 blobs {p.blobs_uploaded}, "
        f"待发 pending {p.pending}; {p.error_zh} / {p.error_en}; {p.retry_in_s:.1f} 秒后重试 retry in "
        f"{p.retry_in_s:.1f} s",
        file=sys.stderr,
        flush=True,
    )


def _exchange_keys(keys: KeyExchange, deadline: float) -> tuple[int, TWError | None]:
    """Register signing keys and refresh the key cache, retrying transient failures until the
    deadline (a refused token raises AuthError)."""
    from app.sync.client import TransientError
    from app.sync.worker import backoff_delay

    attempt = 0
    rng = random.Random()
    while True:
        try:
            return keys.run_once(), None
        except TransientError as exc:
            attempt += 1
            delay = backoff_delay(attempt, rng, base=0.5, cap=30.0, retry_after=exc.retry_after)
            if time.monotonic() + delay >= deadline:
                return 0, exc
            time.sleep(delay)
