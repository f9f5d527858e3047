"""The conversation a balance driver holds over a SerialLink; one subclass per protocol.

A dialect knows its protocol's commands and replies; the driver (balance.py) owns the
thread, reconnection, unit conversion and the readings' identity.
"""

from __future__ import annotations

import time
from abc import ABC, abstractmethod
from dataclasses import dataclass
from decimal import Decimal

from .serialport import SerialLink


@dataclass(frozen=True)
class RawWeight:
    value: Decimal
    unit: str
    stable: bool


class Dialect(ABC):
    name = "?"
    baudrate = 9600
    can_stream = False

    def __init__(self, link: SerialLink, command_timeout: float = 2.0) -> None:
        self.link = link
        self.command_timeout = command_timeout
        self.restarted = False  # set when the balance announced a power-on mid-conversation
        self.capacity: tuple[Decimal, str] | None = None  # as the balance states it (MT-SICS I2)

    @abstractmethod
    def identify(self) -> tuple[str, str]:
        """Handshake after opening; returns (model, serial)."""

    @abstractmethod
    def stable(self, timeout: float) -> RawWeight: ...

    @abstractmethod
    def now(self) -> RawWeight: ...

    @abstractmethod
    def zero(self) -> None: ...

    @abstractmethod
    def tare(self) -> RawWeight | None: ...

    def clear_tare(self) -> None:
        raise NotImplementedError

    def probe(self) -> bool:
        """Does a balance of this protocol answer on the link? Must send only harmless commands."""
        try:
            self.now()
            return True
        except Exception:
            return False

    # Streaming: the default polls ``now`` (subclasses with a stream command override).
    def stream_start(self) -> None:
        self._next_poll = 0.0

    def stream_poll(self, budget: float) -> list[RawWeight]:
        if time.monotonic() < getattr(self, "_next_poll", 0.0):
            return []
        self._next_poll = time.monotonic() + 0.2
        return [self.now()]

    def stream_stop(self) -> None:
        return None

    def deadline(self, timeout: float | None = None) -> float:
        return time.monotonic() + (self.command_timeout if timeout is None else timeout)
