"""``platform serve`` runs the reference platform (app.refplatform).

``python -m app.cli.platform [serve options]`` is the same as ``python -m app platform serve``,
without loading the other packages' commands (used by the benchmark and crash tests).
"""

from __future__ import annotations

import argparse
import sys


def register(sub: argparse._SubParsersAction) -> None:
    platform = sub.add_parser("platform", help="reference central platform (for tests and demos)")
    psub = platform.add_subparsers(dest="platform_command", metavar="ACTION", required=True)
    serve = psub.add_parser("serve", help="serve the platform API over HTTP")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8765, help="0 picks a free port (printed)")
    serve.add_argument("--db", default=":memory:", help="sqlite file for the platform's store")
    serve.add_argument("--base-path", default="/tw/api/v1")
    serve.add_argument(
        "--token",
        action="append",
        default=[],
        metavar="T=WS1,WS2",
        help="a token and the workstations it may act for ('*' for any); repeatable",
    )
    serve.add_argument("--admin-token", help="enables /admin/* (loading notices, stats)")
    serve.add_argument("--fault-503", type=float, default=0.0, metavar="SHARE")
    serve.add_argument("--fault-429", type=float, default=0.0, metavar="SHARE")
    serve.add_argument("--fault-slow-ms", type=int, default=0, metavar="MS")
    serve.add_argument("--fault-drop-after-store", type=float, default=0.0, metavar="SHARE")
    serve.add_argument("--fault-delay-after-store-ms", type=int, default=0, metavar="MS")
    serve.add_argument("--fault-retry-after", type=int, default=1, metavar="SECONDS")
    serve.add_argument("--fault-seed", type=int)
    serve.add_argument("--demo-asns", type=int, default=0, metavar="N", help="load N generated notices")
    serve.add_argument("--warehouse-id", default="WH-HZ-01")
    serve.add_argument("--verbose", action="store_true", help="log every request")
    serve.set_defaults(func=_serve)


def parse_tokens(specs: list[str]) -> dict[str, frozenset[str]]:
    from app.cli import CliError

    tokens: dict[str, frozenset[str]] = {}
    for spec in specs:
        token, sep, workstations = spec.partition("=")
        ids = frozenset(w.strip() for w in workstations.split(",") if w.strip())
        if not sep or not token or not ids:
            raise CliError("--token must look like TOKEN=WS1,WS2 (or TOKEN=* for any workstation)")
        tokens[token] = ids
    return tokens


def _serve(args: argparse.Namespace) -> int:
    import logging
    import secrets
    import signal
    import threading

    from app.cli import CliError
    from app.refplatform import Faults, PlatformServer

    for name in ("fault_503", "fault_429", "fault_drop_after_store"):
        if not 0.0 <= getattr(args, name) <= 1.0:
            raise CliError(f"--{name.replace('_', '-')} is a share between 0 and 1")
    tokens = parse_tokens(args.token)
    if not tokens:
        # A fresh secret each run rather than a well-known default token.
        generated = "tw-" + secrets.token_urlsafe(18)
        tokens = {generated: frozenset({"*"})}
        print(f"token (any workstation): {generated}", flush=True)
    faults = Faults(
        p503=args.fault_503,
        p429=args.fault_429,
        slow_ms=args.fault_slow_ms,
        p_drop_after_store=args.fault_drop_after_store,
        delay_after_store_ms=args.fault_delay_after_store_ms,
        retry_after_s=args.fault_retry_after,
        seed=args.fault_seed,
    )
    if args.verbose:
        logging.basicConfig(level=logging.INFO)
    try:
        server = PlatformServer(
            host=args.host,
            port=args.port,
            db=args.db,
            tokens=tokens,
            base_path=args.base_path,
            admin_token=args.admin_token,
            faults=faults,
            demo_asns=args.demo_asns,
            warehouse_id=args.warehouse_id,
            verbose=args.verbose,
        )
        server.start()
    except OSError as exc:
        raise CliError(f"cannot serve on {args.host}:{args.port}: {exc.strerror or exc}") from exc
    print(f"platform listening on {server.url}", flush=True)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    try:
        stop.wait()
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
    return 0


def main(argv: list[str] | None = None) -> int:
    from app.cli import CliError

    parser = argparse.ArgumentParser(prog="python -m app.cli.platform")
    register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["platform", "serve", *(sys.argv[1:] if argv is None else argv)])
    try:
        return int(args.func(args) or 0)
    except CliError as exc:
        print(f"错误 error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    raise SystemExit(main())
