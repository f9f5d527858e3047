"""Serial barcode scanners: each code ends with CR, LF or CR LF. One thread per scanner;
the port may vanish and come back (reconnect as for balances)."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from .errors import DeviceDisconnected, DeviceNotFound
from .serialport import SerialLink, UsbMatch
from .worker import DeviceThread

log = logging.getLogger(__name__)


def clean_code(raw: bytes) -> str | None:
    """Text of one scan; GS (FNC1 in GS1 codes) is kept, other control bytes reject the line."""
    try:
        text = raw.decode("utf-8").strip(" ")
    except UnicodeDecodeError:
        return None
    if not text or any((ord(c) < 0x20 and c != "\x1d") or c == "\x7f" for c in text):
        return None
    return text


class SerialScanner:
    def __init__(
        self,
        url: str,
        on_scan: Callable[[str], None],
        *,
        resolver: Callable[[], str] | None = None,
        usb: UsbMatch | None = None,
        baudrate: int = 9600,
        on_state: Callable[[str], None] | None = None,
        name: str = "scanner",
    ) -> None:
        self.on_scan = on_scan
        self._link = SerialLink(url, baudrate=baudrate, resolver=resolver, usb=usb, on_state=on_state, what="scanner")
        self._retry_at = 0.0
        self._started = False
        self._worker = DeviceThread(name, idle=self._idle, idle_interval=0.01)

    @property
    def state(self) -> str:
        return self._link.state

    def start(self) -> None:
        """Open the port; a scanner that is not plugged in yet is a state, and is retried."""
        self._started = True
        try:
            self._worker.call(self._open)
        except (DeviceNotFound, OSError) as exc:
            log.warning("scanner not available yet: %s", exc)

    def _open(self) -> None:
        self._link.open()

    def close(self) -> None:
        self._worker.call(self._link.close)
        self._worker.stop()

    def _idle(self) -> None:
        if not self._link.is_open:
            if (self._link.generation or self._started) and time.monotonic() >= self._retry_at:
                self._retry_at = time.monotonic() + 0.3
                try:
                    self._link.open()
                except DeviceNotFound:
                    pass
            return
        try:
            line = self._link.readline(time.monotonic() + 0.02)
        except DeviceDisconnected:
            return
        if line is not None:
            code = clean_code(line)
            if code:
                try:
                    self.on_scan(code)
                except Exception:
                    log.exception("scan handler failed")
