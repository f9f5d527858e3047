"""The embedded reference platform (demo mode only, ``platform_url = "embedded"``): the
reference platform of app/refplatform served on this machine, taught the station's notices,
with a few demo after-sale cases on its first start."""

from __future__ import annotations

import logging
from typing import Any

from app.config import Config
from app.services.station import Station
from app.sync.secrets import embedded_token

log = logging.getLogger("tw.sync")
EMBEDDED_PORT = 8765  # fixed so printed QR addresses stay valid across restarts; 0 if taken
DEMO_NOTICES = 6


def start_embedded_platform(config: Config, station: Station | None = None) -> Any:
    from app.refplatform import PlatformServer

    folder = config.data_dir / "platform"
    folder.mkdir(parents=True, exist_ok=True)
    db = folder / "platform.sqlite3"
    first = not db.exists()
    token = embedded_token(config.data_dir)
    kwargs: dict[str, Any] = dict(
        db=str(db),
        tokens={token: frozenset({config.workstation_id})},
        demo_asns=DEMO_NOTICES if first else 0,
        warehouse_id=config.warehouse_id,
    )
    try:
        server = PlatformServer(port=EMBEDDED_PORT, **kwargs).start()
    except OSError:
        server = PlatformServer(port=0, **kwargs).start()
    if station is not None:
        teach_local_notices(server, station)
        if first:  # the demo platform opens some after-sale cases for pieces this station handled
            from app.core.clock import utcnow
            from app.demo.cases import open_demo_cases

            opened = open_demo_cases(server.store, station.cases.pieces_for_demo(), config.warehouse_id, utcnow())
            log.info("demo platform opened %d after-sale cases", len(opened))
    return server


def teach_local_notices(server: Any, station: Station) -> int:
    """The local stand-in platform learns notices the station got some other way (demo
    data, a file import), as the real platform would have announced them; otherwise every
    event about those parcels would be refused as 'unknown_asn'."""
    taught = 0
    for notice in station.notices.known_notices():
        if server.store.asn(notice["asn_id"]) is None:
            server.store.put_asn(notice)
            taught += 1
    return taught
