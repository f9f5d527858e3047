"""Protocol v2 link layer, shared by the workstation and the simulator (no threads, no I/O).

Sequence numbers, acks within 500 ms, resending the same frame every ``ack_timeout`` at
most ``retries`` times before declaring the link lost, duplicate suppression, and nak
(sent for bad frames; received: resend the unacknowledged frame). One frame is in flight
at a time; later messages wait in order. Acks and naks carry the sender's current
sequence number without consuming one.
"""

from __future__ import annotations

import logging
import time
from collections import deque
from collections.abc import Callable
from typing import Any

from .boxframe import BadFrame, FrameDecoder, encode_frame

log = logging.getLogger(__name__)
SEQ_MAX = 0xFFFFFFFF


class Link:
    def __init__(
        self,
        write: Callable[[bytes], None],
        on_message: Callable[[dict], None],
        *,
        on_lost: Callable[[], None] = lambda: None,
        ack_timeout: float = 0.5,
        retries: int = 3,
        frame_timeout: float = 0.3,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.write = write
        self.on_message = on_message
        self.on_lost = on_lost
        self.ack_timeout = ack_timeout
        self.retries = retries
        self.clock = clock
        self.decoder = FrameDecoder(frame_timeout)
        self.seq = 0
        self._queue: deque[tuple[int, bytes]] = deque()
        self._inflight: tuple[int, bytes] | None = None
        self._sent_at = 0.0
        self._resends = 0
        self._naks = 0
        self._seen: deque[int] = deque(maxlen=64)
        self.last_rx = clock()
        self.stats = {"sent": 0, "resent": 0, "acks": 0, "naks_sent": 0, "naks_received": 0, "dups": 0}

    def reset(self) -> None:
        """A new link (hello): own counter restarts, nothing waits."""
        self.seq = 0
        self._queue.clear()
        self._inflight = None
        self._seen.clear()

    @property
    def idle(self) -> bool:
        return self._inflight is None and not self._queue

    def send(self, msg: dict[str, Any]) -> int:
        self.seq = self.seq + 1 if self.seq < SEQ_MAX else 1
        frame = encode_frame({**msg, "seq": self.seq})
        self._queue.append((self.seq, frame))
        self._pump()
        return self.seq

    def _pump(self) -> None:
        if self._inflight is None and self._queue:
            self._inflight = self._queue.popleft()
            self._resends = self._naks = 0
            self._transmit()

    def _transmit(self) -> None:
        assert self._inflight is not None
        self._sent_at = self.clock()
        self.stats["sent"] += 1
        self.write(self._inflight[1])

    def _control(self, msg: dict[str, Any]) -> None:
        self.write(encode_frame({**msg, "seq": self.seq}))

    def feed(self, data: bytes) -> None:
        for item in self.decoder.feed(data, self.clock()):
            if isinstance(item, BadFrame):
                self.stats["naks_sent"] += 1
                self._control({"t": "nak", "reason": item.reason})
            else:
                self._handle(item.msg)

    def tick(self) -> None:
        if self.decoder.pending():
            self.feed(b"")
        if self._inflight is None or self.clock() - self._sent_at < self.ack_timeout:
            return
        if self._resends >= self.retries:
            log.info("link lost: seq %s never acknowledged", self._inflight[0])
            self._inflight = None
            self._queue.clear()
            self.on_lost()
            return
        self._resends += 1
        self.stats["resent"] += 1
        self._transmit()

    def _handle(self, msg: dict[str, Any]) -> None:
        self.last_rx = self.clock()
        kind = msg["t"]
        if kind == "ack":
            if self._inflight is not None and msg.get("ack") == self._inflight[0]:
                self.stats["acks"] += 1
                self._inflight = None
                self._pump()
            return
        if kind == "nak":
            self.stats["naks_received"] += 1
            if self._inflight is not None and self._naks < 10:
                self._naks += 1
                self._transmit()
            return
        seq = msg["seq"]
        self._control({"t": "ack", "ack": seq})
        if kind == "hello":
            self._seen.clear()  # the peer restarted its counter
        elif seq in self._seen:
            self.stats["dups"] += 1
            return
        self._seen.append(seq)
        self.on_message(msg)
