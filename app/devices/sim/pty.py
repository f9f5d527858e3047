"""A simulator's end of a pseudo-terminal: the driver opens ``path`` like a serial port.

``start()``/``stop()`` run the simulator's own thread; ``unplug()`` closes the pty (the
driver sees the port vanish) and ``replug()`` opens a new one, usually under a new name.
"""

from __future__ import annotations

import logging
import os
import select
import threading
import time
import tty

log = logging.getLogger(__name__)


class PtySimulator:
    name = "simulator"

    def __init__(self) -> None:
        self.path = ""
        self._master: int | None = None
        self._slave: int | None = None
        self._lock = threading.RLock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._plugged = threading.Event()

    # -- life cycle ---------------------------------------------------------------------
    def start(self) -> str:
        self._open_pty()
        self._stop.clear()
        self._thread = threading.Thread(target=self._loop, name=f"sim-{self.name}", daemon=True)
        self._thread.start()
        return self.path

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(3.0)
        self._close_pty()

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def unplug(self) -> None:
        with self._lock:
            self._close_pty()

    def replug(self) -> str:
        with self._lock:
            self._close_pty()
            self._open_pty()
            self.on_replug()
        return self.path

    def on_replug(self) -> None:
        """Hook: the device powered up again."""

    def _open_pty(self) -> None:
        master, slave = os.openpty()
        tty.setraw(slave)  # no echo, no CR/LF translation: bytes as a USB-serial port gives them
        tty.setraw(master)
        self._master, self._slave = master, slave
        self.path = os.ttyname(slave)
        self._plugged.set()

    def _close_pty(self) -> None:
        self._plugged.clear()
        for fd in (self._master, self._slave):
            if fd is not None:
                try:
                    os.close(fd)
                except OSError:
                    pass
        self._master = self._slave = None

    # -- I/O ----------------------------------------------------------------------------
    def write(self, data: bytes) -> None:
        with self._lock:
            if self._master is None:
                return
            try:
                os.write(self._master, data)
            except OSError:
                pass

    def _loop(self) -> None:
        while not self._stop.is_set():
            fd = self._master
            if fd is None:
                time.sleep(0.01)
                self.tick()
                continue
            try:
                ready, _, _ = select.select([fd], [], [], 0.01)
                data = os.read(fd, 4096) if ready else b""
            except (OSError, ValueError):
                time.sleep(0.01)
                data = b""
            if data:
                try:
                    self.on_bytes(data)
                except Exception:
                    log.exception("%s failed on input", self.name)
            try:
                self.tick()
            except Exception:
                log.exception("%s tick failed", self.name)

    def on_bytes(self, data: bytes) -> None:
        raise NotImplementedError

    def tick(self) -> None:
        """Called every ~10 ms: time-driven behaviour (streams, sessions)."""


class LineSimulator(PtySimulator):
    """A device that reads CR/LF-ended command lines."""

    def __init__(self) -> None:
        super().__init__()
        self._inbuf = bytearray()

    def on_bytes(self, data: bytes) -> None:
        self._inbuf += data
        while True:
            idx = [i for i in (self._inbuf.find(b"\r"), self._inbuf.find(b"\n")) if i >= 0]
            if not idx:
                if len(self._inbuf) > 1024:
                    self._inbuf.clear()
                return
            i = min(idx)
            line = bytes(self._inbuf[:i])
            del self._inbuf[: i + 1]
            if line:
                self.on_line(line)

    def on_line(self, line: bytes) -> None:
        raise NotImplementedError
