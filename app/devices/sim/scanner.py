"""A serial barcode scanner: sends each code followed by CR (or LF / CR LF)."""

from __future__ import annotations

import time

from .pty import PtySimulator


class ScannerSimulator(PtySimulator):
    name = "scanner"

    def __init__(self, codes: list[str] | None = None, *, interval: float = 0.0, suffix: bytes = b"\r") -> None:
        super().__init__()
        self.codes = list(codes or [])
        self.interval = interval
        self.suffix = suffix
        self._next = time.monotonic() + interval
        self._i = 0

    def scan(self, code: str) -> None:
        self.write(code.encode("utf-8") + self.suffix)

    def on_bytes(self, data: bytes) -> None:
        pass  # a scanner ignores what the host sends

    def tick(self) -> None:
        if self.interval and self.codes and time.monotonic() >= self._next:
            self._next = time.monotonic() + self.interval
            self.scan(self.codes[self._i % len(self.codes)])
            self._i += 1
