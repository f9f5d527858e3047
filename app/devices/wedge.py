"""Keyboard-wedge scanner recognition, Qt-free: key events with timestamps in, scans out.

Printable keys are held back while they might be a scan. A burst (every key within
``burst_gap_ms`` of the previous) that ends in the suffix key with at least
``min_length`` characters is a scan. Anything else is handed back for replay to the widget
that had focus: a slow key, a burst that stops without Enter (``flush`` when the gap has
passed), or a short burst. So a person typing is never taken for a scanner.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

ENTER_KEYS = ("\r", "\n")


@dataclass(frozen=True)
class Key:
    text: str  # the character typed, or "\r" for Enter/Return
    t_ms: float  # when it arrived
    payload: Any = None  # whatever the GUI needs to replay it (the QKeyEvent copy)


@dataclass
class Decision:
    scan: str | None = None
    replay: list[Key] = field(default_factory=list)
    swallow: bool = False  # the key just fed is held (or consumed by a scan)


class WedgeRecogniser:
    def __init__(self, burst_gap_ms: float = 60, min_length: int = 6, suffix: tuple[str, ...] = ENTER_KEYS,
                 prefix: str = "") -> None:
        self.burst_gap_ms = burst_gap_ms
        self.min_length = min_length
        self.suffix = suffix
        self.prefix = prefix
        self._held: list[Key] = []

    @property
    def holding(self) -> bool:
        return bool(self._held)

    def feed(self, key: Key) -> Decision:
        d = Decision()
        if self._held and key.t_ms - self._held[-1].t_ms > self.burst_gap_ms:
            d.replay, self._held = self._held, []  # too slow: what was held was typed by a person
        if key.text in self.suffix:
            if self._held:
                code = "".join(k.text for k in self._held)
                if len(code) >= self.min_length and code.startswith(self.prefix):
                    self._held = []
                    d.scan, d.swallow = code[len(self.prefix):], True
                    return d
                d.replay += self._held
                self._held = []
            return d  # a lone Enter goes to the widget
        if len(key.text) == 1 and key.text.isprintable():
            self._held.append(key)
            d.swallow = True
        else:
            d.replay += self._held
            self._held = []
        return d

    def flush(self, now_ms: float) -> list[Key]:
        """Keys to replay once the burst gap has passed with no more keys."""
        if self._held and now_ms - self._held[-1].t_ms > self.burst_gap_ms:
            held, self._held = self._held, []
            return held
        return []

    def due_ms(self) -> float | None:
        return self._held[-1].t_ms + self.burst_gap_ms if self._held else None
