"""Sync beside the window: the platform client, the sync worker and the signing-key
exchange; with the embedded reference platform (app/runtime/platform.py) when the settings
say 'embedded'.

``start_sync`` returns (platform server or None, SyncRuntime). Everything here runs on
background threads; the GUI only receives status snapshots through a signal."""

from __future__ import annotations

import json
import logging
import threading
from pathlib import Path
from typing import Any

from app.config import Config
from app.core.demo import EMBEDDED
from app.runtime.platform import start_embedded_platform
from app.services.station import Station
from app.services.sync_port import StationSyncPort
from app.sync.client import PlatformClient
from app.sync.engine import SyncEngine
from app.sync.secrets import embedded_token, load_token
from app.sync.worker import SyncWorker

log = logging.getLogger("tw.sync")


def record_anchor(station: Station, config: Config) -> dict[str, Any] | None:
    """Sign the audit chain's head into the station's checkpoint file when it moved
    (app/store/audit_anchor.py); returns what was recorded, or None."""
    from app.store.audit_anchor import AnchorBook

    book = AnchorBook(config.data_dir, station.ctx.workstation_id)
    with station.db.read() as s:
        anchor = book.record(s)
    if anchor is None:
        return None
    log.info("audit chain anchored at #%d", anchor.chain_index)
    return {"chain_index": anchor.chain_index, "hash": anchor.hash, "at": anchor.at}


class KeyExchange:
    """Registers this warehouse's signing keys with the platform and caches the
    platform's key list for offline verification."""

    def __init__(self, station: Station, client: PlatformClient, data_dir: Path) -> None:
        self.station, self.client, self.data_dir = station, client, Path(data_dir)

    def run_once(self) -> int:
        from app.certs.trust import CACHE_FILE, TrustedKeys

        registered = 0
        certificates = getattr(self.station, "certificates", None)
        if certificates is not None:
            port = StationSyncPort(self.station.ctx)
            for key_id in certificates.unregistered_keys():
                body = certificates.registration_body(key_id)
                self.client.register_key(
                    body["key_id"], body["algorithm"], body["public_key_pem"], body.get("certificate_pem")
                )
                port.set_key_registered(key_id)
                registered += 1
        keys = self.client.signing_keys()
        TrustedKeys.from_response({"keys": keys}).save(self.data_dir / CACHE_FILE)
        return registered


class SyncRuntime:
    def __init__(self, config: Config, station: Station, base_url: str, token: str, signals: Any = None) -> None:
        self.config, self.station = config, station
        self.port = StationSyncPort(station.ctx)
        self.client = PlatformClient(base_url, token, config.workstation_id)
        self.engine = SyncEngine(self.port, self.client)
        self.worker = SyncWorker(self.engine, self.port, interval_s=float(config.sync_interval_s))
        self.keys = KeyExchange(station, self.client, config.data_dir)
        self.base_url = base_url
        self._stop = threading.Event()
        self._keys_thread: threading.Thread | None = None
        if signals is not None:
            self.worker.add_observer(signals.sync_status_did_change.emit)
        # After every successful cycle the audit chain's head is signed into the local
        # checkpoint file (only when it moved), so "periodically" means "as often as we sync".
        self.worker.after_cycle.append(lambda: record_anchor(station, config))
        # Every committed change wakes the worker; it sends in seq order in its own time.
        station.ctx.on_committed.append(lambda _types: self.worker.sync_now())

    def start(self) -> SyncRuntime:
        self.worker.start()
        self._keys_thread = threading.Thread(target=self._key_loop, name="tw-key-exchange", daemon=True)
        self._keys_thread.start()
        return self

    def _key_loop(self) -> None:
        while not self._stop.is_set():
            try:
                self.keys.run_once()
            except Exception as exc:  # noqa: BLE001 - offline is normal; try again later
                log.info("signing-key exchange postponed: %s", getattr(exc, "en", exc))
            self._stop.wait(300)

    def sync_now(self) -> None:
        self.worker.sync_now()
        threading.Thread(target=self._keys_once, daemon=True).start()

    def _keys_once(self) -> None:
        try:
            self.keys.run_once()
        except Exception as exc:  # noqa: BLE001
            log.info("signing-key exchange postponed: %s", getattr(exc, "en", exc))

    def status(self) -> Any:
        return self.worker.status

    def stop(self) -> None:
        self._stop.set()
        self.worker.stop()
        self.engine.close()
        self.client.close()


def start_sync(config: Config, station: Station, signals: Any = None) -> tuple[Any, SyncRuntime | None]:
    platform = None
    url = config.platform_url.strip()
    if url in ("", "off", "none"):
        return None, None
    if url == EMBEDDED:
        platform = start_embedded_platform(config, station)
        url, token = platform.url, embedded_token(config.data_dir)
    else:
        token = load_token(config.data_dir, config.workstation_id, config.platform_token)
    state = {"platform_url": url}
    (config.data_dir / "platform").mkdir(parents=True, exist_ok=True)
    (config.data_dir / "platform" / "last-url.json").write_text(json.dumps(state), encoding="utf-8")
    runtime = SyncRuntime(config, station, url, token, signals).start()
    return platform, runtime
