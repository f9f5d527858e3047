"""Inspection box protocol v2 framing: STX | LEN(2, BE) | BODY | CRC(2, BE) | ETX (no I/O).

CRC-16/CCITT-FALSE over the LEN bytes and BODY. The decoder discards bytes outside
frames, reports bad frames (crc / format) so the link can nak them, and resynchronises at
the next STX after the start of a bad frame. A partial frame that does not complete within
``frame_timeout`` (a lost ETX, a noise STX with a huge length) is dropped the same way.
"""

from __future__ import annotations

import binascii
import json
from dataclasses import dataclass
from typing import Any

STX, ETX = 0x02, 0x03
MAX_BODY = 65535


def crc16_ccitt_false(data: bytes, crc: int = 0xFFFF) -> int:
    # binascii.crc_hqx is CRC-16/CCITT with the start value given: 0xFFFF makes it -FALSE.
    return binascii.crc_hqx(data, crc)


def encode_frame(msg: dict[str, Any]) -> bytes:
    body = json.dumps(msg, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    if not 1 <= len(body) <= MAX_BODY:
        raise ValueError("frame body must be 1..65535 bytes")
    head = len(body).to_bytes(2, "big")
    return bytes([STX]) + head + body + crc16_ccitt_false(head + body).to_bytes(2, "big") + bytes([ETX])


@dataclass(frozen=True)
class Frame:
    msg: dict[str, Any]


@dataclass(frozen=True)
class BadFrame:
    reason: str  # "crc" or "format"


def valid_message(msg: Any) -> bool:
    return (
        isinstance(msg, dict)
        and isinstance(msg.get("t"), str)
        and isinstance(msg.get("seq"), int)
        and not isinstance(msg.get("seq"), bool)
        and 0 <= msg["seq"] <= 0xFFFFFFFF
    )


class FrameDecoder:
    def __init__(self, frame_timeout: float = 0.3) -> None:
        self.frame_timeout = frame_timeout
        self._buf = bytearray()
        self._since: float | None = None  # when the frame at the head of the buffer began

    def feed(self, data: bytes, now: float) -> list[Frame | BadFrame]:
        self._buf += data
        out: list[Frame | BadFrame] = []
        buf = self._buf
        while True:
            i = buf.find(STX)
            if i < 0:
                buf.clear()
                self._since = None
                break
            if i:
                del buf[:i]
                self._since = None
            if self._since is None:
                self._since = now
            if len(buf) < 3:
                break
            length = (buf[1] << 8) | buf[2]
            need = 3 + length + 3
            if length == 0:
                out.append(BadFrame("format"))
                self._skip()
                continue
            if len(buf) < need:
                if now - self._since > self.frame_timeout:
                    out.append(BadFrame("format"))
                    self._skip()
                    continue
                break
            if buf[need - 1] != ETX:
                out.append(BadFrame("format"))
                self._skip()
                continue
            if crc16_ccitt_false(bytes(buf[1 : 3 + length])) != int.from_bytes(buf[3 + length : 5 + length], "big"):
                out.append(BadFrame("crc"))
                self._skip()
                continue
            body = bytes(buf[3 : 3 + length])
            del buf[:need]
            self._since = None
            try:
                msg = json.loads(body.decode("utf-8"))
            except (UnicodeDecodeError, ValueError):
                out.append(BadFrame("format"))
                continue
            out.append(Frame(msg) if valid_message(msg) else BadFrame("format"))
        return out

    def _skip(self) -> None:
        del self._buf[:1]  # resynchronise at the next STX
        self._since = None

    def pending(self) -> int:
        return len(self._buf)
