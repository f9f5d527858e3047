"""Demo only: a tray of pieces that come and go on the simulated balance and under the
simulated camera, so every piece weighs and looks different (place, weigh, remove, next).

The cycle moves on by itself every ``dwell_s`` seconds, or at once with ``next_piece()``;
``index`` tells the camera simulator which piece to draw."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from decimal import Decimal
from typing import Any


@dataclass(frozen=True)
class DemoPiece:
    name: str
    grams: Decimal


TRAY: tuple[DemoPiece, ...] = (
    DemoPiece("18K gold ring with a diamond", Decimal("2.3470")),
    DemoPiece("loose diamond, 1.02 ct", Decimal("0.2040")),
    DemoPiece("jadeite bangle", Decimal("48.6215")),
    DemoPiece("sapphire pendant", Decimal("3.9120")),
    DemoPiece("pearl earrings (pair)", Decimal("5.0836")),
    DemoPiece("platinum band", Decimal("7.4402")),
)


class PieceCycle:
    """Puts the tray's pieces on a ScaleModel one after another, with the pan empty between."""

    def __init__(
        self, scale: Any, *, dwell_s: float = 40.0, empty_s: float = 3.0, tray: tuple[DemoPiece, ...] = TRAY
    ) -> None:
        self.scale, self.dwell_s, self.empty_s, self.tray = scale, dwell_s, empty_s, tray
        self.index = 0
        self.on_pan: DemoPiece | None = tray[0]
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None
        self.scale.put(tray[0].grams)

    def start(self) -> PieceCycle:
        self._thread = threading.Thread(target=self._loop, name="sim-pieces", daemon=True)
        self._thread.start()
        return self

    def next_piece(self) -> DemoPiece:
        """Remove the piece on the pan and place the next one (what an operator does)."""
        self.scale.put(Decimal(0))
        self.index = (self.index + 1) % len(self.tray)
        self.on_pan = self.tray[self.index]
        self.scale.put(self.on_pan.grams)
        return self.on_pan

    def _loop(self) -> None:
        while not self._stop.wait(self.dwell_s):
            self.on_pan = None
            self.scale.put(Decimal(0))
            if self._stop.wait(self.empty_s):
                break
            self.next_piece()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(2.0)
