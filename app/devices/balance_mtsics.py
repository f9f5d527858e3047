"""MT-SICS conversation: one command at a time, each reply matched by its command id.

After a timeout or a stream the channel is "dirty": before the next command the dialect
sends ``I4`` and discards every line until ``I4 A`` comes back, so a late reply can never
be taken for the answer to a later command. An unsolicited ``I4 A`` is the balance's
power-on banner: the pending command was lost, so it is sent again (once).
"""

from __future__ import annotations

import logging
import time

from . import mtsics
from .dialect import Dialect, RawWeight
from .errors import (
    BalanceBusy,
    BalanceCommandError,
    BalanceOverload,
    BalanceUnderload,
    BalanceUnstable,
    DeviceTimeout,
    ProtocolError,
)
from .mtsics import Reply

log = logging.getLogger(__name__)


def raise_for(reply: Reply, cmd: str) -> None:
    if reply.is_error:
        raise BalanceCommandError(reply.status, cmd, reply.fields[0] if reply.fields else "")
    if reply.status == "+":
        raise BalanceOverload()
    if reply.status == "-":
        raise BalanceUnderload()
    if reply.status == "L":
        raise BalanceCommandError("L", cmd)


class MtSics(Dialect):
    name = "mt-sics"
    can_stream = True

    def __init__(self, link, command_timeout: float = 2.0) -> None:
        super().__init__(link, command_timeout)
        self.dirty = True
        self.serial = ""

    def transact(self, cmd: str, ids: tuple[str, ...] | None = None, timeout: float | None = None) -> Reply:
        ids = ids or (cmd,)
        if self.dirty and cmd != "@":
            self.sync()
        self.link.write(mtsics.encode(cmd))
        deadline = self.deadline(timeout)
        resent = False
        while True:
            line = self.link.readline(deadline)
            if line is None:
                self.dirty = True
                raise DeviceTimeout(f"balance ({cmd})", round(timeout or self.command_timeout, 3))
            reply = mtsics.parse_line(line)
            if reply is None:
                log.debug("discarded %r", line)
                continue
            if reply.is_error:
                raise_for(reply, cmd)
            if reply.cmd == "I4" and reply.status == "A" and "I4" not in ids and cmd != "@":
                self.restarted = True  # power-on banner: our command died with the reboot
                if not resent:
                    resent = True
                    self.link.write(mtsics.encode(cmd))
                continue
            if reply.cmd in ids:
                return reply
            log.debug("reply for another command discarded: %r", line)

    def sync(self) -> None:
        self.link.discard_input()
        self.dirty = False
        try:
            reply = self.transact("I4", timeout=self.command_timeout)
        except Exception:
            self.dirty = True
            raise
        if reply.status != "A":
            self.dirty = True
            raise ProtocolError(f"I4 {reply.status}")
        if self.serial and reply.fields and reply.fields[0] != self.serial:
            self.restarted = True  # a different balance now answers on this port

    def identify(self) -> tuple[str, str]:
        self.link.discard_input()
        self.dirty = False
        reply = self.transact("@", ids=("I4", "@"))
        raise_for(reply, "@")
        self.serial = reply.fields[0] if reply.fields else ""
        model = ""
        try:
            r2 = self.transact("I2")
            if r2.status == "A" and r2.fields:
                model = mtsics.parse_model(" ".join(r2.fields))
        except BalanceCommandError:
            pass  # model is optional; the serial number identifies the balance
        return model, self.serial

    def _weight(self, reply: Reply, cmd: str) -> RawWeight:
        raise_for(reply, cmd)
        if reply.status == "I":
            raise BalanceBusy(cmd)
        if reply.status not in ("S", "D") or len(reply.fields) != 2:
            raise ProtocolError(f"{cmd} {reply.status}")
        value, unit = reply.weight()
        return RawWeight(value, unit, reply.status == "S")

    def stable(self, timeout: float) -> RawWeight:
        end = time.monotonic() + timeout
        while True:
            left = end - time.monotonic()
            if left <= 0:
                raise BalanceUnstable(timeout)
            try:  # a lost or garbled reply costs one command timeout, not the whole wait
                reply = self.transact("S", timeout=min(left, self.command_timeout))
            except DeviceTimeout:
                continue
            if reply.status == "I":
                continue  # the balance's own stability timeout ran out; ask again
            w = self._weight(reply, "S")
            if not w.stable:
                raise ProtocolError("S D")
            return w

    def now(self) -> RawWeight:
        return self._weight(self.transact("SI"), "SI")

    def zero(self) -> None:
        reply = self.transact("Z")
        raise_for(reply, "Z")
        if reply.status == "I":
            raise BalanceUnstable()
        if reply.status != "A":
            raise ProtocolError(f"Z {reply.status}")

    def tare(self) -> RawWeight | None:
        reply = self.transact("T")
        raise_for(reply, "T")
        if reply.status == "I":
            raise BalanceUnstable()
        return self._weight(reply, "T")

    def clear_tare(self) -> None:
        reply = self.transact("TAC")
        raise_for(reply, "TAC")
        if reply.status == "I":
            raise BalanceBusy("TAC")

    def probe(self) -> bool:
        try:
            self.link.discard_input()
            self.dirty = False
            reply = self.transact("I4", timeout=min(self.command_timeout, 0.6))
            return reply.status == "A"
        except Exception:
            return False

    def stream_start(self) -> None:
        if self.dirty:
            self.sync()
        self.link.write(mtsics.encode("SIR"))
        self.dirty = True  # the stream lines must never answer a later command

    def stream_poll(self, budget: float) -> list[RawWeight]:
        out = []
        end = time.monotonic() + budget
        while True:
            line = self.link.readline(end)
            if line is None:
                return out
            reply = mtsics.parse_line(line)
            if reply is None or reply.cmd not in ("S", "SI", "SIR"):
                continue
            if reply.status in ("S", "D") and len(reply.fields) == 2:
                out.append(self._weight(reply, "SIR"))
            elif reply.status in ("+", "-"):
                raise_for(reply, "SIR")

    def stream_stop(self) -> None:
        self.sync()
