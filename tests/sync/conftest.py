from __future__ import annotations

from collections.abc import Iterator

import pytest

from app.refplatform import PlatformServer
from app.sync.client import PlatformClient
from app.sync.ratelimit import Unlimited

from .helpers import TOKEN, WS


@pytest.fixture
def server() -> Iterator[PlatformServer]:
    srv = PlatformServer(tokens={TOKEN: WS, "other-token": "WS-OTHER"}, admin_token="admin-secret", demo_asns=3, seed=7)
    srv.start()
    yield srv
    srv.stop()


@pytest.fixture
def client(server: PlatformServer) -> Iterator[PlatformClient]:
    # Unlimited: most tests are about behaviour, not pacing (pacing has its own tests).
    with PlatformClient(server.url, TOKEN, WS, timeout=5, limiter=Unlimited()) as c:
        yield c
