"""A token bucket: the platform allows a workstation at most 10 requests per second.

The default burst of 1 spaces requests evenly (one every 100 ms), so no one-second window
ever holds more than ``rate`` requests, however the window is placed. Clock and sleep are
injectable so tests run in virtual time.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Protocol


class Limiter(Protocol):
    def acquire(self) -> float: ...


class TokenBucket:
    def __init__(
        self,
        rate: float = 10.0,
        burst: float = 1.0,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if rate <= 0 or burst < 1:
            raise ValueError("rate must be positive and burst at least 1")
        self.rate = rate
        self.burst = burst
        self._clock = clock
        self._sleep = sleep
        self._tokens = burst
        self._stamp = clock()
        self._lock = threading.Lock()

    def acquire(self) -> float:
        """Take one token, sleeping until one is available; returns the time waited."""
        waited = 0.0
        while True:
            with self._lock:
                now = self._clock()
                self._tokens = min(self.burst, self._tokens + (now - self._stamp) * self.rate)
                self._stamp = now
                if self._tokens >= 1.0 - 1e-9:  # tolerance: refill arithmetic rounds just below 1
                    self._tokens = max(0.0, self._tokens - 1.0)
                    return waited
                wait = (1.0 - self._tokens) / self.rate
            self._sleep(wait)
            waited += wait


class Unlimited:
    """No limit (benchmarks measuring the engine's own overhead on loopback)."""

    rate = float("inf")

    def acquire(self) -> float:
        return 0.0
