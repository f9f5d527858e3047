"""Keyboard-wedge scanner recognition, Qt-free: key events with timestamps in, scans out.

A wedge scanner is a USB keyboard typing at 1–10 ms a key, pressing Shift around every
capital (or CapsLock, or AltGr on some layouts), maybe a prefix first, and Enter, Tab or
nothing at the end (devices.md "Barcode scanners"). So:

- Printable keys are held back while they might be a scan. A burst is keys each within
  ``burst_gap_ms`` of the previous key event of the burst.
- Modifier presses and releases (Shift, CapsLock, AltGr, ...) and the releases of held keys
  are part of a burst, never its end: modifiers pass through to the widget, releases of
  held keys are held with them so a replay keeps press/release order.
- A burst of at least ``min_length`` characters (after the ``prefix``) that ends in a
  ``suffix`` key is a scan; with no suffix configured, the gap ends it.
- Anything else is handed back for replay to the widget that had focus: a slow key, a short
  burst, a burst without its prefix. So a person typing is never taken for a scanner.
- A burst at scanner speed that breaks off (another key, or the gap without the suffix) is
  replayed *and* reported as ``garbled`` so the clerk sees and hears it, never silence.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

ENTER_KEYS = ("\r", "\n")
GS = "\x1d"  # GS1 FNC1: a scanner types it as Ctrl+], it is part of the code
# The ``scanner_suffix`` setting: which key ends a scan.
SUFFIXES: dict[str, tuple[str, ...]] = {
    "enter": ENTER_KEYS,
    "tab": ("\t",),
    "enter_or_tab": (*ENTER_KEYS, "\t"),
    "none": (),
}
KEY, MODIFIER, RELEASE = "key", "modifier", "release"


@dataclass(frozen=True)
class Key:
    text: str  # the character typed, "\r" for Enter/Return, "\t" for Tab, "" for other keys
    t_ms: float  # when it arrived
    payload: Any = None  # whatever the GUI needs to replay it (the QKeyEvent copy)
    kind: str = KEY  # KEY, MODIFIER (press or release of Shift, CapsLock, AltGr...), RELEASE


@dataclass
class Decision:
    scan: str | None = None
    replay: list[Key] = field(default_factory=list)
    swallow: bool = False  # the key just fed is held (or consumed by a scan)
    garbled: str | None = None  # a scanner-speed burst that broke off: its text, for the message


def is_char(text: str) -> bool:
    return len(text) == 1 and (text.isprintable() or text == GS)


class WedgeRecogniser:
    def __init__(
        self, burst_gap_ms: float = 60, min_length: int = 6, suffix: tuple[str, ...] = ENTER_KEYS, prefix: str = ""
    ) -> None:
        self.burst_gap_ms = burst_gap_ms
        self.min_length = min_length
        self.suffix = suffix
        self.prefix = prefix
        self._held: list[Key] = []
        self._last_ms = 0.0  # the last key event of the burst (modifiers count)
        self._scan_end_ms: float | None = None  # a CR LF scanner's LF belongs to the scan just ended

    @property
    def holding(self) -> bool:
        return bool(self._held)

    @property
    def last_ms(self) -> float:
        return self._last_ms

    def _text(self) -> str:
        return "".join(k.text for k in self._held if k.kind == KEY)

    def _expired(self, t_ms: float) -> bool:
        gap = t_ms - self._last_ms
        return gap < 0 or gap > self.burst_gap_ms

    def _end_burst(self, d: Decision, *, by_gap: bool) -> None:
        """The burst stopped without its suffix: a scan when no suffix is configured,
        otherwise replayed, and reported when it was long enough to be a scanner's."""
        text = self._text()
        if by_gap and not self.suffix and self._is_scan(text):
            d.scan = text[len(self.prefix) :]
        else:
            d.replay += self._held
            if len(text) >= self.min_length:
                d.garbled = text
        self._held = []

    def _is_scan(self, text: str) -> bool:
        return text.startswith(self.prefix) and len(text) - len(self.prefix) >= self.min_length

    def feed(self, key: Key) -> Decision:
        d = Decision()
        if self._held and self._expired(key.t_ms):
            self._end_burst(d, by_gap=True)  # too slow: what was held was typed by a person
        if key.kind == RELEASE:
            if self._held:
                self._held.append(key)
                d.swallow = True
            return d
        if key.kind == MODIFIER:
            if self._held:
                self._last_ms = key.t_ms  # Shift around a capital keeps the burst going
            return d
        if key.text in self.suffix and key.text:
            text = self._text()
            if self._held and self._is_scan(text):
                self._held = []
                d.scan, d.swallow = text[len(self.prefix) :], True
                self._scan_end_ms = key.t_ms
                return d
            if (
                not self._held
                and self._scan_end_ms is not None
                and 0 <= key.t_ms - self._scan_end_ms <= self.burst_gap_ms
            ):
                d.swallow = True  # the LF after a scan's CR
                return d
            d.replay += self._held  # a short burst, or one without the prefix: typing
            self._held = []
            return d  # the Enter (or Tab) goes to the widget
        if is_char(key.text):
            self._held.append(key)
            self._last_ms = key.t_ms
            d.swallow = True
            return d
        if self._held:  # any other key ends the burst
            self._end_burst(d, by_gap=False)
        return d

    def flush(self, now_ms: float) -> Decision:
        """What to do once the burst gap has passed with no more keys."""
        d = Decision()
        if self._held and self._expired(now_ms):
            self._end_burst(d, by_gap=True)
        return d

    def abandon(self) -> list[Key]:
        """Keys to replay at once (focus moved to a field that never takes scans)."""
        held, self._held = self._held, []
        return held

    def due_ms(self) -> float | None:
        return self._last_ms + self.burst_gap_ms if self._held else None
