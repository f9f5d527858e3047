"""A hostile MT-SICS balance on a real pty pair, for the driver's robustness tests.

It answers like a balance but can be told to misbehave on the next weight reply:
duplicate it, delay it past the driver's timeout, prefix a print-key line, send line
noise first, or answer as if a different command had been sent. Every fault is a
byte stream on the pty; nothing inside the driver is patched. Like every MT-SICS
balance it answers commands in the order they came (a late reply is late, but never
overtakes the answer to a later command).
"""

from __future__ import annotations

import os
import select
import threading
import time
import tty
from collections import deque
from decimal import Decimal

from app.devices.mtsics import format_weight

FAULTS = ("none", "duplicate", "late", "print_before", "print_after", "garbage", "wrong_cmd", "swallow", "stale_copy")


class HostileBalance:
    def __init__(self, serial: str = "HB0001", capacity: str = "220") -> None:
        self.serial, self.capacity = serial, Decimal(capacity)
        self.weight = Decimal(0)
        self.faults: deque[str] = deque()  # applied to the next S / SI replies, in order
        self.late_s = 0.5
        self.commands: list[str] = []
        self.replies: list[Decimal] = []  # every weight this balance ever sent
        self._last_line = b""
        self._lock = threading.Lock()
        self._stop = threading.Event()
        master, slave = os.openpty()
        tty.setraw(master)
        tty.setraw(slave)
        self._master, self._slave = master, slave
        self.path = os.ttyname(slave)
        self._thread = threading.Thread(target=self._loop, daemon=True, name="hostile-balance")
        self._thread.start()

    def close(self) -> None:
        self._stop.set()
        self._thread.join(3)
        for fd in (self._master, self._slave):
            try:
                os.close(fd)
            except OSError:
                pass

    # -- output -----------------------------------------------------------------------
    def write(self, data: bytes) -> None:
        with self._lock:
            if not self._stop.is_set():
                os.write(self._master, data)

    def press_print(self) -> None:
        """The print key: an unsolicited stable weight line, as MT-SICS balances send it."""
        self.write(self._weight_line("S"))

    def _weight_line(self, cmd: str) -> bytes:
        if self.weight > self.capacity:
            return f"{cmd} +\r\n".encode()
        self.replies.append(self.weight)
        return format_weight(cmd, True, self.weight, "g", 4)

    # -- input ------------------------------------------------------------------------
    def _loop(self) -> None:
        buf = b""
        while not self._stop.is_set():
            r, _, _ = select.select([self._master], [], [], 0.02)
            if not r:
                continue
            try:
                buf += os.read(self._master, 256)
            except OSError:
                return
            while b"\n" in buf:
                line, buf = buf.split(b"\n", 1)
                self._command(line.strip().decode("ascii", "replace"))

    def _command(self, cmd: str) -> None:
        self.commands.append(cmd)
        if cmd == "@" or cmd == "I4":
            self.write(f'I4 A "{self.serial}"\r\n'.encode())
        elif cmd == "I2":
            self.write(f'I2 A "HOSTILE {self.capacity:.4f} g"\r\n'.encode())
        elif cmd in ("S", "SI"):
            self._weigh(cmd, self.faults.popleft() if self.faults else "none")
        elif cmd == "Z":
            self.write(b"Z A\r\n")
        else:
            self.write(b"ES\r\n")

    def _weigh(self, cmd: str, fault: str) -> None:
        line = self._weight_line(cmd)
        if fault == "duplicate":
            self.write(line + line)
        elif fault == "late":  # busy past the driver's timeout; later commands wait their turn
            self._stop.wait(self.late_s)
            self.write(line)
        elif fault == "print_before":
            self.press_print()
            self.write(line)
        elif fault == "print_after":
            self.write(line)
            self.press_print()
        elif fault == "garbage":
            self.write(b"\xff#S S  9\x00\r\n" + line)
        elif fault == "wrong_cmd":  # replies naming other commands, one carrying a wrong value
            other = "SI" if cmd == "S" else "S"
            self.write(format_weight(other, True, self.weight + 1000, "g", 4) + b"Z A\r\n" + line)
        elif fault == "swallow":
            pass
        elif fault == "stale_copy":  # the previous reply once more, then the true one
            self.write(self._last_line + line)
        else:
            self.write(line)
        self._last_line = line


def wait_for(cond, timeout: float = 5.0) -> None:
    end = time.monotonic() + timeout
    while not cond():
        if time.monotonic() > end:
            raise AssertionError("condition not met")
        time.sleep(0.01)
