"""Child process of the crash test: drain the sqlite outbox into the platform, then exit 0.
``python -m tests.sync.crash_child DB_PATH BASE_URL``"""

from __future__ import annotations

import sys

from app.sync.client import PlatformClient, TransientError
from app.sync.engine import SyncEngine
from app.sync.ratelimit import Unlimited

from .helpers import TOKEN, WS
from .sqlite_port import SqlitePort


def main(db_path: str, url: str) -> int:
    port = SqlitePort(db_path)
    engine = SyncEngine(port, PlatformClient(url, TOKEN, WS, timeout=10, limiter=Unlimited()), page_size=40)
    engine.pull()
    while port.pending_events(1):
        try:
            engine.push()
        except TransientError:
            continue
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1], sys.argv[2]))
