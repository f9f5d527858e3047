"""Transport: a pyserial port (device path, socket://, rfc2217://, loop://) that can vanish.

The link turns every OS-level failure into ``DeviceDisconnected``, remembers the USB
VID/PID/serial of the port it opened, and on ``reconnect`` finds the device again by
those (the port name may have changed) or through a resolver callable, with growing delays.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

import serial
import serial.tools.list_ports

from .errors import DeviceDisconnected, DeviceNotFound

log = logging.getLogger(__name__)

try:
    import termios

    IO_ERRORS: tuple[type[BaseException], ...] = (serial.SerialException, OSError, termios.error)
except ImportError:  # Windows
    IO_ERRORS = (serial.SerialException, OSError)
# a port closed under a read shows up as TypeError/AttributeError inside pyserial
READ_ERRORS: tuple[type[BaseException], ...] = (*IO_ERRORS, TypeError, AttributeError)


@dataclass(frozen=True)
class UsbMatch:
    vid: int
    pid: int
    serial_number: str | None = None

    def matches(self, port) -> bool:  # a ListPortInfo
        return (
            port.vid == self.vid
            and port.pid == self.pid
            and (self.serial_number is None or port.serial_number == self.serial_number)
        )


def usb_identity(device: str) -> UsbMatch | None:
    for port in serial.tools.list_ports.comports():
        if port.device == device and port.vid is not None:
            return UsbMatch(port.vid, port.pid, port.serial_number)
    return None


def find_usb(match: UsbMatch) -> str | None:
    for port in serial.tools.list_ports.comports():
        if match.matches(port):
            return port.device
    return None


class SerialLink:
    """Byte and line I/O over one port. Not thread-safe: the owning device thread uses it."""

    def __init__(
        self,
        url: str,
        *,
        baudrate: int = 9600,
        resolver: Callable[[], str] | None = None,
        usb: UsbMatch | None = None,
        on_state: Callable[[str], None] | None = None,
        poll: float = 0.02,
        max_line: int = 512,
        what: str = "device",
    ) -> None:
        self.url = url
        self.baudrate = baudrate
        self.resolver = resolver
        self.usb = usb
        self.on_state = on_state
        self.poll = poll
        self.max_line = max_line
        self.what = what
        self.state = "disconnected"
        self._port: serial.SerialBase | None = None
        self._buf = bytearray()
        self.generation = 0  # increases with every successful open: readings never cross it

    # -- opening ------------------------------------------------------------------------
    def _current_url(self) -> str:
        if self.usb is not None:
            found = find_usb(self.usb)
            if found:
                return found
        if self.resolver is not None:
            return self.resolver()
        return self.url

    def open(self) -> None:
        url = self._current_url()
        try:
            port = serial.serial_for_url(url, baudrate=self.baudrate, timeout=self.poll, write_timeout=1.0)
        except (serial.SerialException, OSError, ValueError) as exc:
            self._set_state("disconnected")
            raise DeviceNotFound(f"{self.what} {url}", str(exc)) from exc
        self._port = port
        self.url = url
        if self.usb is None and url.split("://")[0] not in ("socket", "rfc2217", "loop"):
            self.usb = usb_identity(url)
        self._buf.clear()
        try:
            port.reset_input_buffer()
        except IO_ERRORS:
            pass
        self.generation += 1
        self._set_state("connected")

    def reconnect(self, deadline: float, stop: Callable[[], bool] = lambda: False) -> None:
        """Reopen, waiting 0.05 s, 0.1 s, ... up to 1 s between tries, until ``deadline``."""
        self.close()
        self._set_state("reconnecting")
        delay = 0.05
        while True:
            try:
                self.open()
                return
            except DeviceNotFound:
                self._set_state("reconnecting")
                if time.monotonic() + delay > deadline or stop():
                    self._set_state("disconnected")
                    raise DeviceDisconnected(self.what) from None
                time.sleep(delay)
                delay = min(delay * 2, 1.0)

    def close(self) -> None:
        port, self._port = self._port, None
        if port is not None:
            try:
                port.close()
            except IO_ERRORS:
                pass
            self._set_state("disconnected")

    @property
    def is_open(self) -> bool:
        return self._port is not None

    def _set_state(self, state: str) -> None:
        if state != self.state:
            self.state = state
            if self.on_state:
                self.on_state(state)

    def _lost(self, exc: BaseException) -> DeviceDisconnected:
        log.info("%s lost: %s", self.what, exc)
        self.close()
        return DeviceDisconnected(self.what, str(exc))

    # -- I/O ----------------------------------------------------------------------------
    def write(self, data: bytes) -> None:
        if self._port is None:
            raise DeviceDisconnected(self.what)
        try:
            self._port.write(data)
            self._port.flush()
        except IO_ERRORS as exc:
            raise self._lost(exc) from exc

    def read_some(self) -> bytes:
        """Whatever arrives within one poll interval (possibly nothing)."""
        if self._port is None:
            raise DeviceDisconnected(self.what)
        try:
            waiting = self._port.in_waiting  # type: ignore[attr-defined]  # pyserial's stubs declare in_waiting per platform class, not on SerialBase
            return self._port.read(max(1, waiting))
        except READ_ERRORS as exc:
            raise self._lost(exc) from exc

    def discard_input(self) -> bytes:
        """Forget everything received so far (without waiting for more); returns what was dropped."""
        dropped = bytes(self._buf)
        self._buf.clear()
        if self._port is None:
            raise DeviceDisconnected(self.what)
        try:
            while waiting := self._port.in_waiting:  # type: ignore[attr-defined]  # pyserial's stubs declare in_waiting per platform class, not on SerialBase
                dropped += self._port.read(waiting)
        except READ_ERRORS as exc:
            raise self._lost(exc) from exc
        return dropped

    def readline(self, deadline: float) -> bytes | None:
        """Next non-empty line (CR, LF or CR LF ended) or None at ``deadline``.
        A line longer than ``max_line`` without an end is garbage and dropped."""
        while True:
            line = self._take_line()
            if line is not None:
                return line
            if time.monotonic() >= deadline:
                return None
            self._buf += self.read_some()
            if len(self._buf) > self.max_line and b"\n" not in self._buf and b"\r" not in self._buf:
                self._buf.clear()

    def _take_line(self) -> bytes | None:
        while True:
            cut = [i for i in (self._buf.find(b"\r"), self._buf.find(b"\n")) if i >= 0]
            if not cut:
                return None
            i = min(cut)
            line = bytes(self._buf[:i])
            del self._buf[: i + 1]
            if line:
                return line
