"""MT-SICS conversation: one command at a time, each reply matched by its command id.

A stray line (the print key, a duplicate, a reply that arrived after its timeout) looks
exactly like an answer, so no line is trusted by its shape alone:

- the input is discarded before every command is written;
- only a reply that echoes the command's id is its answer;
- a weight is accepted only when it is the single line of its kind between the command
  and the answer to an ``I4`` sent right after it ("bracketing"); any other well-formed
  line in that window is a doubt, and the command is asked again;
- after a timeout or a stream the channel is "dirty": before the next command ``I4`` is
  sent and every line up to ``I4 A`` is discarded.

An unsolicited ``I4 A`` is the balance's power-on banner: the pending command was lost,
so it is sent again (once).
"""

from __future__ import annotations

import logging
import time

from . import mtsics
from .dialect import Dialect, RawWeight
from .errors import (
    BalanceBusy,
    BalanceCommandError,
    BalanceDoubtfulReply,
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
        dropped = self.link.discard_input()
        if dropped:
            log.debug("discarded before %s: %r", cmd, dropped)
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

    def bracketed(self, cmd: str, timeout: float | None = None) -> Reply:
        """``cmd``'s reply, trusted only if no other well-formed line arrives before ``I4 A``."""
        reply = self.transact(cmd, timeout=timeout)
        if reply.status not in mtsics.WEIGHT_STATUSES or self.dirty:
            return reply
        # no discard here: whatever came after our reply is exactly what we need to see.
        # A lost I4 is asked again (it changes nothing on the balance), up to three times.
        self.link.write(mtsics.encode("I4"))
        deadline, tries = self.deadline(timeout), 1
        doubt = False
        while True:
            line = self.link.readline(deadline)
            if line is None and tries < 3:
                tries += 1
                self.link.write(mtsics.encode("I4"))
                deadline = self.deadline(timeout)
                continue
            if line is None:
                self.dirty = True
                raise DeviceTimeout(f"balance ({cmd} I4)", round(timeout or self.command_timeout, 3))
            other = mtsics.parse_line(line)
            if other is None:
                continue  # noise can never become a value, so it casts no doubt
            if other.cmd == "I4" and other.status == "A":
                break
            log.debug("line between %s and I4: %r", cmd, line)
            doubt = True
        if doubt:
            raise BalanceDoubtfulReply(cmd)
        return reply

    def sync(self, tries: int = 3) -> None:
        for attempt in range(tries):
            self.dirty = False
            try:
                reply = self.transact("I4", timeout=self.command_timeout)
                break
            except DeviceTimeout:
                self.dirty = True
                if attempt + 1 == tries:
                    raise
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
                self.capacity = mtsics.parse_capacity(" ".join(r2.fields))
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
            try:  # a lost, garbled or doubtful reply costs one command, not the whole wait
                reply = self.bracketed("S", timeout=min(left, self.command_timeout))
            except (DeviceTimeout, BalanceDoubtfulReply):
                continue
            if reply.status == "I":
                continue  # the balance's own stability timeout ran out; ask again
            w = self._weight(reply, "S")
            if not w.stable:
                raise ProtocolError("S D")
            return w

    def now(self, attempts: int = 3) -> RawWeight:
        for attempt in range(attempts):
            try:
                return self._weight(self.bracketed("SI"), "SI")
            except BalanceDoubtfulReply:
                if attempt + 1 == attempts:
                    raise
        raise AssertionError("unreachable")

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
        out: list[RawWeight] = []
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
