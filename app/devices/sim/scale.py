"""A balance on a pseudo-terminal: settling weights, noise, overload, MT-SICS / A&D / SBI.

Faults can be injected at any time: ``garbage`` (probability of a noise line before a
reply), ``corrupt`` (probability of noise glued into a reply line), ``drop`` (probability
of ignoring a command), ``power_cycle()`` (banner, tare lost), ``unplug()``/``replug()``.
"""

from __future__ import annotations

import random
import time
from decimal import Decimal

from ..mtsics import format_weight
from .pty import LineSimulator

ESC = b"\x1b"


class ScaleModel:
    """The physics: a load that settles, with noise, seen through zero and tare."""

    def __init__(
        self,
        *,
        capacity: str = "220",
        decimals: int = 4,
        settle_s: float = 0.3,
        noise: str = "0.0003",
        seed: int | None = None,
    ) -> None:
        self.capacity = Decimal(capacity)
        self.q = Decimal(1).scaleb(-decimals)
        self.settle_s = settle_s
        self.noise = Decimal(noise)
        self.rng = random.Random(seed)
        self.zero_offset = Decimal(0)
        self.tare = Decimal(0)
        self._from = self._to = Decimal(0)
        self._t0 = 0.0

    def put(self, grams: Decimal | str) -> None:
        now = time.monotonic()
        self._from = self._gross_exact(now)
        self._to = Decimal(grams)
        self._t0 = now

    def _gross_exact(self, now: float) -> Decimal:
        frac = (now - self._t0) / self.settle_s if self.settle_s > 0 else 1.0
        if frac >= 1:
            return self._to
        return self._from + (self._to - self._from) * Decimal(str(round(frac, 4)))

    def stable(self) -> bool:
        return time.monotonic() - self._t0 >= self.settle_s

    def gross(self) -> Decimal:
        g = self._gross_exact(time.monotonic())
        if not self.stable():
            g += self.noise * Decimal(self.rng.randint(-20, 20)) / 10
        return g

    def state(self) -> str:
        g = self.gross()
        if g > self.capacity:
            return "+"
        if g - self.zero_offset < -self.capacity * Decimal("0.05"):
            return "-"
        return "ok"

    def net(self) -> Decimal:
        return (self.gross() - self.zero_offset - self.tare).quantize(self.q)

    def do_zero(self) -> None:
        self.zero_offset = self.gross()
        self.tare = Decimal(0)

    def do_tare(self) -> Decimal:
        self.tare = self.gross() - self.zero_offset
        return self.tare.quantize(self.q)


class ScaleSimulator(LineSimulator):
    name = "scale"

    def __init__(
        self,
        protocol: str = "mt-sics",
        *,
        model: str = "XPR204",
        serial: str = "B912345678",
        unit: str = "g",
        stable_timeout: float = 1.5,
        stream_interval: float = 0.1,
        seed: int | None = None,
        **physics,
    ) -> None:
        super().__init__()
        self.protocol = {"mtsics": "mt-sics", "a&d": "and"}.get(protocol, protocol)
        assert self.protocol in ("mt-sics", "and", "sbi"), protocol
        self.model, self.serial, self.unit = model, serial, unit
        self.scale = ScaleModel(seed=seed, **physics)
        self.rng = random.Random(seed)
        self.stable_timeout = stable_timeout
        self.stream_interval = stream_interval
        self.garbage = self.corrupt = self.drop = 0.0
        self.commands: list[str] = []  # every command received, for tests
        self._pending: tuple[str, float] | None = None  # (cmd, since) waiting for stability
        self._stream_next: float | None = None
        self._esc = bytearray()

    # -- faults -------------------------------------------------------------------------
    def power_cycle(self) -> None:
        self.write(b"\x00\xfe\r\n")  # the UART glitches as power comes back
        self.on_replug()

    def on_replug(self) -> None:
        self.scale.tare = Decimal(0)
        self._pending = None
        self._stream_next = None
        if self.protocol == "mt-sics":
            self.write(f'I4 A "{self.serial}"\r\n'.encode())

    def _noise(self) -> bytes:
        return bytes(self.rng.choice(b"#$%&*@~\x00\x7f\xff\x80 ABCS") for _ in range(self.rng.randint(1, 12)))

    def send(self, line: bytes) -> None:
        if self.garbage and self.rng.random() < self.garbage:
            self.write(self._noise() + b"\r\n")
        if self.corrupt and self.rng.random() < self.corrupt:
            cut = self.rng.randint(0, max(0, len(line) - 3))
            line = line[:cut] + self._noise() + line[cut:]
        self.write(line)

    # -- input --------------------------------------------------------------------------
    def on_bytes(self, data: bytes) -> None:
        if self.protocol != "sbi":
            return super().on_bytes(data)
        self._esc += data
        while True:  # SBI: ESC + letter, optionally followed by CR LF
            i = self._esc.find(ESC)
            if i < 0 or i + 1 >= len(self._esc):
                self._esc = self._esc[i:] if i >= 0 else bytearray()
                return
            letter = chr(self._esc[i + 1])
            del self._esc[: i + 2]
            self._command(letter)

    def on_line(self, line: bytes) -> None:
        try:
            cmd = line.decode("ascii").strip()
        except UnicodeDecodeError:
            if self.protocol == "mt-sics":
                self.send(b"ET\r\n")
            return
        self._command(cmd)

    def _command(self, cmd: str) -> None:
        self.commands.append(cmd)
        self._pending = None
        self._stream_next = None
        if self.drop and self.rng.random() < self.drop:
            return
        getattr(self, "_cmd_" + self.protocol.replace("-", ""))(cmd)

    # -- MT-SICS ------------------------------------------------------------------------
    def _w_mt(self, cmd: str, stable: bool) -> bytes:
        return format_weight(cmd, stable, self.scale.net(), self.unit, -int(self.scale.q.as_tuple().exponent))

    def _cmd_mtsics(self, cmd: str) -> None:
        s, st = self.scale, self.scale.state()
        if cmd == "@":
            s.tare = Decimal(0)
            self.send(f'I4 A "{self.serial}"\r\n'.encode())
        elif cmd == "I4":
            self.send(f'I4 A "{self.serial}"\r\n'.encode())
        elif cmd == "I2":
            self.send(f'I2 A "{self.model} {s.capacity:.4f} g"\r\n'.encode())
        elif cmd in ("S", "SI", "SIR", "T", "Z") and st != "ok":
            self.send(f"{cmd} {st}\r\n".encode())
        elif cmd in ("S", "Z", "T"):
            self._pending = (cmd, time.monotonic())
            self.tick()
        elif cmd == "SI":
            self.send(self._w_mt("SI", s.stable()))
        elif cmd == "SIR":
            self._stream_next = time.monotonic()
            self.tick()
        elif cmd == "ZI":
            stable = s.stable()
            s.do_zero()
            self.send(f"ZI {'S' if stable else 'D'}\r\n".encode())
        elif cmd == "TAC":
            s.tare = Decimal(0)
            self.send(b"TAC A\r\n")
        elif cmd.split(" ")[0] in ("S", "SI", "Z", "T", "I2", "I4", "TAC"):
            self.send(f"{cmd.split(' ')[0]} L\r\n".encode())
        else:
            self.send(b"ES\r\n")

    def _finish_pending(self, cmd: str) -> None:
        s = self.scale
        if cmd in ("S", "P"):
            self._send_weight(cmd, True)
        elif cmd == "Z":
            s.do_zero()
            self.send(b"Z A\r\n" if self.protocol == "mt-sics" else b"\x06\r\n")
        elif cmd == "T":
            tare = s.do_tare()
            if self.protocol == "mt-sics":
                self.send(format_weight("T", True, tare, self.unit, -int(s.q.as_tuple().exponent)))
            else:
                self.send(b"\x06\r\n")

    def _send_weight(self, cmd: str, stable: bool) -> None:
        if self.protocol == "mt-sics":
            self.send(self._w_mt(cmd, stable))
        elif self.protocol == "and":
            self.send(self._w_and(stable))
        else:
            self.send(self._w_sbi(stable))

    def tick(self) -> None:
        now = time.monotonic()
        if self._pending is not None:
            cmd, since = self._pending
            if self.scale.state() != "ok":
                self._pending = None
                self.send(
                    f"{cmd} {self.scale.state()}\r\n".encode()
                    if self.protocol == "mt-sics"
                    else self._w_and(False)
                    if self.protocol == "and"
                    else b"High\r\n"
                )
            elif self.scale.stable():
                self._pending = None
                self._finish_pending(cmd)
            elif now - since > self.stable_timeout:
                self._pending = None
                self.send(f"{cmd} I\r\n".encode() if self.protocol == "mt-sics" else b"EC,E1\r\n")
        if self._stream_next is not None and now >= self._stream_next:
            self._stream_next = now + self.stream_interval
            st = self.scale.state()
            if self.protocol == "mt-sics":
                self.send(self._w_mt("S", self.scale.stable()) if st == "ok" else f"S {st}\r\n".encode())
            else:
                self._send_weight("S", self.scale.stable())

    # -- A&D ----------------------------------------------------------------------------
    def _w_and(self, stable: bool) -> bytes:
        st = self.scale.state()
        if st != "ok":
            return f"OL,{'+' if st == '+' else '-'}9999999{self.unit:>3}\r\n".encode()
        v = self.scale.net()
        num = f"{abs(v):0>8.{-int(self.scale.q.as_tuple().exponent)}f}"[-8:] if abs(v) < 10**6 else "99999.99"
        return f"{'ST' if stable else 'US'},{'-' if v < 0 else '+'}{num}{self.unit:>3}\r\n".encode()

    def _cmd_and(self, cmd: str) -> None:
        if cmd == "Q":
            self.send(self._w_and(self.scale.stable()))
        elif cmd == "S":
            self._pending = ("S", time.monotonic())
            self.tick()
        elif cmd == "SIR":
            self._stream_next = time.monotonic()
        elif cmd == "C":
            pass
        elif cmd in ("R", "Z"):
            self._pending = ("Z", time.monotonic())
            self.tick()
        elif cmd == "T":
            self._pending = ("T", time.monotonic())
            self.tick()
        else:
            self.send(b"EC,E1\r\n")

    # -- Sartorius SBI ------------------------------------------------------------------
    def _w_sbi(self, stable: bool) -> bytes:
        st = self.scale.state()
        if st != "ok":
            return b"High\r\n" if st == "+" else b"Low\r\n"
        v = self.scale.net()
        unit = self.unit if stable else ""
        return f"{'-' if v < 0 else '+'}{abs(v):>9} {unit:<3}\r\n".encode()

    def _cmd_sbi(self, letter: str) -> None:
        if letter == "P":
            self.send(self._w_sbi(self.scale.stable()))
        elif letter in ("T", "V"):
            self.scale.do_zero() if letter == "V" else self.scale.do_tare()
        elif letter == "U":
            self.scale.do_tare()
