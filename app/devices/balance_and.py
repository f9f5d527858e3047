"""A&D and Sartorius SBI conversations. Their replies name no command, so the input is
cleared before each command and only the first valid line after it is its answer."""

from __future__ import annotations

import time

from .aandd import Line, parse_and, parse_sbi
from .dialect import Dialect, RawWeight
from .errors import (
    BalanceCommandError,
    BalanceOverload,
    BalanceUnderload,
    BalanceUnstable,
    DeviceTimeout,
    ProtocolError,
)


def _weight(line: Line, stable: bool) -> RawWeight:
    if line.value is None:  # the parsers give every weight line a value; anything else is garbled
        raise ProtocolError(f"weight line without a value: {line.text!r}")
    return RawWeight(line.value, line.unit, stable)


class LineDialect(Dialect):
    parse = staticmethod(parse_and)
    model = "A&D"
    stream_cmd: bytes | None = None
    now_cmd: str  # each dialect names its commands
    stable_cmd: str
    zero_cmd: str
    tare_cmd: str

    def encode(self, cmd: str) -> bytes:
        return cmd.encode("ascii") + b"\r\n"

    def ask(self, cmd: str, timeout: float | None = None, kinds=("weight",)) -> Line:
        self.link.discard_input()
        self.link.write(self.encode(cmd))
        deadline = self.deadline(timeout)
        while True:
            raw = self.link.readline(deadline)
            if raw is None:
                raise DeviceTimeout(f"balance ({cmd})", round(timeout or self.command_timeout, 3))
            line = self.parse(raw)
            if line is None:
                continue
            if line.kind == "overload":
                raise BalanceOverload()
            if line.kind == "underload":
                raise BalanceUnderload()
            if line.kind == "error":
                raise BalanceCommandError("device", cmd, line.text)
            if line.kind == "counting":
                raise ProtocolError("counting mode (QT)")
            if line.kind in kinds:
                return line

    def identify(self) -> tuple[str, str]:
        self.now()  # proves a balance of this kind answers
        return self.model, ""

    def now(self) -> RawWeight:
        line = self.ask(self.now_cmd)
        return _weight(line, line.stable)

    def stable(self, timeout: float) -> RawWeight:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            try:
                line = self.ask(self.stable_cmd, timeout=min(self.command_timeout, end - time.monotonic()))
            except (DeviceTimeout, BalanceCommandError):
                continue
            if line.stable:
                return _weight(line, True)
            time.sleep(0.05)
        raise BalanceUnstable(timeout)

    def _command(self, cmd: str) -> None:
        try:
            self.ask(cmd, timeout=0.5, kinds=("ack",))
        except DeviceTimeout:
            pass  # many balances acknowledge nothing; an error line would have been raised

    def zero(self) -> None:
        self._command(self.zero_cmd)

    def tare(self) -> RawWeight | None:
        self._command(self.tare_cmd)
        return None


class AndGx(LineDialect):
    name = "and"
    can_stream = True
    now_cmd, stable_cmd, zero_cmd, tare_cmd = "Q", "S", "Z", "T"

    def stream_start(self) -> None:
        self.link.discard_input()
        self.link.write(b"SIR\r\n")

    def stream_poll(self, budget: float) -> list[RawWeight]:
        out = []
        end = time.monotonic() + budget
        while (raw := self.link.readline(end)) is not None:
            line = parse_and(raw)
            if line is not None and line.kind == "weight":
                out.append(_weight(line, line.stable))
        return out

    def stream_stop(self) -> None:
        self.link.write(b"C\r\n")
        time.sleep(0.05)
        self.link.discard_input()


class SartoriusSbi(LineDialect):
    name = "sbi"
    model = "Sartorius"
    parse = staticmethod(parse_sbi)
    now_cmd = stable_cmd = "P"
    zero_cmd, tare_cmd = "V", "U"

    def encode(self, cmd: str) -> bytes:
        return b"\x1b" + cmd.encode("ascii") + b"\r\n"

    def _command(self, cmd: str) -> None:
        self.link.discard_input()
        self.link.write(self.encode(cmd))
