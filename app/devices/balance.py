"""Precision balance: the interface the GUI and services use, and the serial driver.

``SerialBalance`` owns one device thread; every public method runs the protocol there.
On a lost port it reports "disconnected", reopens the balance (by USB VID/PID/serial
when known, else through the resolver or the same URL), identifies it again, and only
ever delivers weights whose reply arrived after their command was sent on the current
connection.
"""

from __future__ import annotations

import logging
import time
from abc import ABC, abstractmethod
from collections.abc import Callable
from decimal import Decimal

from .balance_mtsics import MtSics
from .dialect import Dialect, RawWeight
from .errors import BalanceAboveCapacity, DeviceDisconnected, DeviceError, DeviceNotFound
from .readings import DeviceIdentity, WeightReading, convert, normalise_unit
from .serialport import SerialLink, UsbMatch
from .worker import DeviceThread, on_device_thread

log = logging.getLogger(__name__)


def dialect_class(protocol: str) -> type[Dialect]:
    from .balance_and import AndGx, SartoriusSbi

    table = {"mt-sics": MtSics, "mtsics": MtSics, "and": AndGx, "a&d": AndGx, "sbi": SartoriusSbi}
    try:
        return table[protocol.lower()]
    except KeyError:
        raise DeviceError(f"未知的天平协议：{protocol}", f"Unknown balance protocol: {protocol}") from None


class Balance(ABC):
    """What a station needs from a balance."""

    identity: DeviceIdentity | None
    state: str  # "connected", "disconnected", "reconnecting", "closed"

    @abstractmethod
    def read_stable(self, timeout: float = 10.0, unit: str | None = None) -> WeightReading: ...

    @abstractmethod
    def read_now(self, unit: str | None = None) -> WeightReading: ...

    @abstractmethod
    def zero(self) -> None: ...

    @abstractmethod
    def tare(self) -> WeightReading | None: ...

    @abstractmethod
    def clear_tare(self) -> None: ...

    @abstractmethod
    def start_stream(self, callback: Callable[[WeightReading | DeviceError], None]) -> None: ...

    @abstractmethod
    def stop_stream(self) -> None: ...

    @abstractmethod
    def close(self) -> None: ...


class SerialBalance(Balance):
    def __init__(
        self,
        url: str,
        protocol: str = "mt-sics",
        *,
        resolver: Callable[[], str] | None = None,
        usb: UsbMatch | None = None,
        command_timeout: float = 2.0,
        reconnect_timeout: float = 5.0,
        on_state: Callable[[str], None] | None = None,
        name: str = "balance",
        capacity: tuple[Decimal, str] | None = None,
    ) -> None:
        self.identity = None
        self.state = "disconnected"
        self.protocol = protocol
        self.reconnect_timeout = reconnect_timeout
        self._listeners: list[Callable[[str], None]] = [on_state] if on_state else []
        self._stream_cb: Callable[[WeightReading | DeviceError], None] | None = None
        self._streaming = False
        self._next_retry = 0.0
        cls = dialect_class(protocol)
        self._link = SerialLink(
            url, baudrate=cls.baudrate, resolver=resolver, usb=usb, on_state=self._on_link_state, what="balance"
        )
        self._dialect = cls(self._link, command_timeout)
        self._capacity = capacity  # configured; else what the balance states (MT-SICS I2)
        self._closed = False
        self._was_connected = False
        self._worker = DeviceThread(name, idle=self._idle, idle_interval=0.02)

    # -- state ------------------------------------------------------------------------------
    def add_state_listener(self, cb: Callable[[str], None]) -> None:
        self._listeners.append(cb)

    def _on_link_state(self, state: str) -> None:
        if state == "connected":
            return  # "connected" is announced once the balance has identified itself
        self._set_state(state)

    def _set_state(self, state: str) -> None:
        if state != self.state:
            self.state = state
            for cb in list(self._listeners):
                try:
                    cb(state)
                except Exception:
                    log.exception("state listener failed")

    # -- public API (any thread) ---------------------------------------------------------
    def connect(self, timeout: float | None = None) -> DeviceIdentity:
        return self._worker.call(self._ensure, timeout or self.reconnect_timeout)

    def read_stable(self, timeout: float = 10.0, unit: str | None = None) -> WeightReading:
        return self._worker.call(self._run, lambda: self._dialect.stable(timeout), unit, True)

    def read_now(self, unit: str | None = None) -> WeightReading:
        return self._worker.call(self._run, self._dialect.now, unit, True)

    def zero(self) -> None:
        self._worker.call(self._run, self._dialect.zero, None, False)

    def tare(self) -> WeightReading | None:
        return self._worker.call(self._run, self._dialect.tare, None, False)

    def clear_tare(self) -> None:
        self._worker.call(self._run, self._dialect.clear_tare, None, False)

    def start_stream(self, callback: Callable[[WeightReading | DeviceError], None]) -> None:
        self._worker.call(self._start_stream, callback)

    def stop_stream(self) -> None:
        self._worker.call(self._stop_stream)

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        try:
            self._worker.call(self._close, timeout=3.0)
        except Exception:
            pass
        self._worker.stop()
        self._set_state("closed")

    # -- device thread ----------------------------------------------------------------------
    @on_device_thread
    def _ensure(self, timeout: float) -> DeviceIdentity:
        if self._link.is_open and self.identity is not None and not self._dialect.restarted:
            return self.identity
        if not self._link.is_open:
            try:
                self._link.open()
            except DeviceNotFound:
                self._link.reconnect(time.monotonic() + timeout)
        self._dialect.restarted = False
        model, serial = self._dialect.identify()
        self.identity = DeviceIdentity("scale", model, serial)
        self._was_connected = True
        self._set_state("connected")
        return self.identity

    @on_device_thread
    def _run(self, op: Callable[[], RawWeight | None], unit: str | None, retry: bool):
        attempts = 2 if retry else 1
        for attempt in range(attempts):
            try:
                self._ensure(self.reconnect_timeout)
                if self._streaming:
                    self._dialect.stream_stop()
                try:
                    raw = op()
                finally:
                    if self._streaming and self._link.is_open:
                        self._dialect.stream_start()
                if self._dialect.restarted:
                    self._set_state("reconnecting")
                    self._ensure(self.reconnect_timeout)  # new identity before we trust it
                return self._reading(raw, unit) if raw is not None else None
            except DeviceDisconnected:
                self.identity = None
                if attempt + 1 == attempts:
                    raise
        raise AssertionError("unreachable")

    def _reading(self, raw: RawWeight, unit: str | None) -> WeightReading:
        assert self.identity is not None
        unit_now = normalise_unit(raw.unit)
        value: Decimal = raw.value
        capacity = self._capacity or self._dialect.capacity
        if capacity is not None and not value.is_finite():
            raise BalanceAboveCapacity(str(value), f"{capacity[0]} {capacity[1]}")
        if capacity is not None and convert(abs(value), unit_now, "g") > convert(capacity[0], capacity[1], "g"):
            raise BalanceAboveCapacity(f"{value} {unit_now}", f"{capacity[0].normalize():f} {capacity[1]}")
        if unit:
            value, unit_now = convert(value, unit_now, unit), normalise_unit(unit)
        return WeightReading(value, unit_now, raw.stable, self.identity)

    @on_device_thread
    def _start_stream(self, callback) -> None:
        self._stream_cb = callback
        self._streaming = True
        try:
            self._ensure(self.reconnect_timeout)
            self._dialect.stream_start()
        except DeviceError as exc:
            callback(exc)

    @on_device_thread
    def _stop_stream(self) -> None:
        if self._streaming:
            self._streaming = False
            self._stream_cb = None
            if self._link.is_open:
                try:
                    self._dialect.stream_stop()
                except DeviceError:
                    pass

    @on_device_thread
    def _close(self) -> None:
        self._streaming = False
        self._link.close()

    def _idle(self) -> None:
        if self._closed:
            return
        if not self._link.is_open or self.identity is None:
            if not self._was_connected:
                return  # never connected yet: wait for the first request
            if time.monotonic() < self._next_retry:
                return
            self._next_retry = time.monotonic() + 0.3
            try:
                self._ensure(0.05)
                if self._streaming:
                    self._dialect.stream_start()
            except DeviceError:
                self.identity = None
                self._set_state("disconnected" if not self._link.is_open else self.state)
            return
        if self._streaming and self._stream_cb is not None:
            try:
                for raw in self._dialect.stream_poll(0.05):
                    if self._dialect.restarted:
                        self.identity = None
                        break
                    self._stream_cb(self._reading(raw, None))
            except DeviceDisconnected as exc:
                self.identity = None
                self._next_retry = time.monotonic() + 0.1
                self._stream_cb(exc)
            except DeviceError as exc:
                self._stream_cb(exc)
