"""Inspection box client (protocol v2): a session API for the GUI and the CLI.

The box's thread owns the port: it reads, acks, resends and runs the session. Operator
steps go through a ``BoxHandler`` the GUI implements; ``on_prompt`` receives an
``answer(outcome)`` callable that may be called later from any thread, so the box keeps
acknowledging while a person decides. ``BoxSession.wait()`` returns the report or raises
a typed error (PhoneDetached, SessionCancelled, BoxNotAnswering, DeviceDisconnected...).
"""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Any

from .boxlink import Link
from .errors import (
    BoxError,
    BoxNotAnswering,
    DeviceDisconnected,
    DeviceError,
    DeviceTimeout,
    PhoneDetached,
    box_error,
)
from .readings import DeviceIdentity
from .serialport import SerialLink, UsbMatch
from .worker import DeviceThread, on_device_thread

log = logging.getLogger(__name__)
BOX_USB = UsbMatch(0x1209, 0x0007)
OUTCOMES = ("pass", "fail", "skip")


@dataclass(frozen=True)
class BoxPrompt:
    session_id: str
    step: str
    message: str
    timeout_s: float


@dataclass(frozen=True)
class InspectionResult:
    session_id: str
    report_id: str
    report: dict[str, Any]
    box: DeviceIdentity

    def event_payload(self) -> dict[str, Any]:
        """The ``inspection.completed`` payload of platform-api.md."""
        b = self.box
        return {
            "box": {"model": b.model, "serial": b.serial, "firmware": b.firmware},
            "report_id": self.report_id,
            "report": self.report,
        }


class BoxHandler:
    """What the box tells the operator. Called on the box's thread: return quickly."""

    def on_state(self, state: str) -> None: ...
    def on_attached(self, connector: str) -> None: ...
    def on_detached(self) -> None: ...
    def on_progress(self, session_id: str, step: str, percent: int) -> None: ...
    def on_prompt(self, prompt: BoxPrompt, answer: Callable[[str], None]) -> None: ...
    def on_report(self, result: InspectionResult) -> None: ...
    def on_error(self, error: DeviceError) -> None: ...


@dataclass
class BoxSession:
    session_id: str
    profile: str
    handler: BoxHandler
    _box: InspectionBox
    _future: Future = field(default_factory=Future)
    _detached_at: float | None = None

    @property
    def done(self) -> bool:
        return self._future.done()

    def wait(self, timeout: float | None = None) -> InspectionResult:
        try:
            return self._future.result(timeout)
        except TimeoutError:
            raise DeviceTimeout("inspection box session", timeout or 0) from None

    def cancel(self) -> None:
        self._box._worker.submit(self._box._send, {"t": "cancel", "session_id": self.session_id})

    def add_done_callback(self, cb: Callable[[Future], None]) -> None:
        self._future.add_done_callback(cb)


class InspectionBox:
    def __init__(
        self,
        url: str,
        handler: BoxHandler | None = None,
        *,
        host: str = "workstation",
        resolver: Callable[[], str] | None = None,
        usb: UsbMatch | None = BOX_USB,
        ack_timeout: float = 0.5,
        retries: int = 3,
        keepalive_s: float = 1.0,
        detach_grace_s: float = 1.0,
        name: str = "box",
    ) -> None:
        self.handler = handler or BoxHandler()
        self.host = host
        self.identity: DeviceIdentity | None = None
        self.state = "disconnected"
        self.box_state: str | None = None
        self.phone_present: bool | None = None
        self.keepalive_s = keepalive_s
        self.detach_grace_s = detach_grace_s
        self._serial = SerialLink(
            url,
            baudrate=115200,
            resolver=resolver,
            usb=usb if resolver is None else None,
            poll=0.01,
            what="inspection box",
        )
        self._link = Link(
            self._write, self._on_message, on_lost=self._on_lost, ack_timeout=ack_timeout, retries=retries
        )
        self._session: BoxSession | None = None
        self._hello: Future = Future()
        self._status: list[Future] = []
        self._attached: list[Future] = []
        self._next_reconnect = 0.0
        self._want_open = False
        self._worker = DeviceThread(name, idle=self._idle, idle_interval=0.005)

    # -- public (any thread) ------------------------------------------------------------
    def connect(self, timeout: float = 3.0) -> DeviceIdentity:
        fut: Future = self._worker.call(self._open)
        try:
            return fut.result(timeout)
        except TimeoutError:
            raise BoxNotAnswering() from None

    def status(self, timeout: float = 2.5) -> dict[str, Any]:
        fut = self._worker.call(self._ask_status)
        try:
            return fut.result(timeout)
        except TimeoutError:
            raise BoxNotAnswering() from None

    def wait_for_phone(self, timeout: float) -> bool:
        if self.status().get("phone_present"):
            return True
        fut: Future = Future()
        self._worker.call(self._attached.append, fut)
        try:
            fut.result(timeout)
            return True
        except TimeoutError:
            return bool(self.phone_present)

    def start_session(
        self, profile: str = "quick", *, session_id: str | None = None, handler: BoxHandler | None = None
    ) -> BoxSession:
        if profile not in ("quick", "full"):
            raise BoxError(f"未知的检测方案：{profile}", f"Unknown inspection profile: {profile}")
        session = BoxSession(session_id or f"S-{uuid.uuid4().hex[:12]}", profile, handler or self.handler, self)
        self._worker.call(self._start, session)
        return session

    def close(self) -> None:
        try:
            self._worker.call(self._close, timeout=3.0)
        except Exception:
            pass
        self._worker.stop()

    # -- device thread ------------------------------------------------------------------
    def _set_state(self, state: str) -> None:
        if state != self.state:
            self.state = state
            self._notify("on_state", state)

    def _notify(self, name: str, *args: Any) -> None:
        for h in {id(h): h for h in (self.handler, self._session.handler if self._session else None) if h}.values():
            try:
                getattr(h, name)(*args)
            except Exception:
                log.exception("box handler %s failed", name)

    @on_device_thread
    def _open(self) -> Future:
        self._want_open = True
        if self._hello.done() and self._serial.is_open and self.identity is not None:
            return self._hello
        if self._hello.done():
            self._hello = Future()
        if not self._serial.is_open:
            self._serial.open()
        self._link.reset()
        self._link.send({"t": "hello", "host": self.host, "protocol": 2})
        self._set_state("connecting")
        return self._hello

    @on_device_thread
    def _ask_status(self) -> Future:
        fut: Future = Future()
        self._status.append(fut)
        self._send({"t": "status"})
        return fut

    @on_device_thread
    def _start(self, session: BoxSession) -> None:
        if self.identity is None:
            raise DeviceDisconnected("inspection box")
        if self._session is not None and not self._session.done:
            raise box_error("BUSY", "a session is running")
        self._session = session
        self._send({"t": "start", "session_id": session.session_id, "profile": session.profile})

    @on_device_thread
    def _send(self, msg: dict[str, Any]) -> None:
        try:
            self._link.send(msg)
        except DeviceDisconnected as exc:
            self._lost(exc)

    def _write(self, data: bytes) -> None:
        self._serial.write(data)

    @on_device_thread
    def _close(self) -> None:
        self._want_open = False
        self._end_session(DeviceDisconnected("inspection box", "closed"))
        self._serial.close()
        self._set_state("closed")

    def _answer(self, session: BoxSession, step: str) -> Callable[[str], None]:
        def answer(outcome: str) -> None:
            if outcome not in OUTCOMES:
                raise ValueError(f"outcome must be one of {OUTCOMES}")
            self._worker.submit(
                self._send, {"t": "prompt_result", "session_id": session.session_id, "step": step, "outcome": outcome}
            )

        return answer

    def _on_message(self, msg: dict[str, Any]) -> None:
        kind, s = msg["t"], self._session
        ours = s is not None and not s.done and msg.get("session_id") == s.session_id
        if kind == "hello":
            self.identity = DeviceIdentity(
                "box", str(msg.get("model", "")), str(msg.get("serial", "")), str(msg.get("firmware", ""))
            )
            self._set_state("connected")
            if not self._hello.done():
                self._hello.set_result(self.identity)
        elif kind == "status":
            self.box_state, self.phone_present = msg.get("state"), bool(msg.get("phone_present"))
            for fut in self._status:
                if not fut.done():
                    fut.set_result(msg)
            self._status.clear()
        elif kind == "attached":
            self.phone_present = True
            self._notify("on_attached", str(msg.get("connector", "")))
            for fut in self._attached:
                fut.set_result(True) if not fut.done() else None
            self._attached.clear()
        elif kind == "detached":
            self.phone_present = False
            self._notify("on_detached")
            if s is not None and not s.done:
                s._detached_at = time.monotonic()  # the box's PHONE_DETACHED error should follow
        elif kind == "progress" and ours and s is not None:
            self._notify("on_progress", s.session_id, str(msg.get("step", "")), int(msg.get("percent", 0)))
        elif kind == "prompt" and ours and s is not None:
            prompt = BoxPrompt(
                s.session_id, str(msg.get("step", "")), str(msg.get("message", "")), float(msg.get("timeout_s") or 0)
            )
            self._notify("on_prompt", prompt, self._answer(s, prompt.step))
        elif kind == "report" and ours and s is not None:
            result = InspectionResult(
                s.session_id,
                str(msg.get("report_id", "")),
                msg.get("report") or {},
                self.identity or DeviceIdentity("box"),
            )
            s._future.set_result(result)
            self._notify("on_report", result)
        elif kind == "error":
            err = box_error(str(msg.get("code", "INTERNAL")), str(msg.get("message", "")), msg.get("session_id"))
            if s is not None and not s.done and msg.get("session_id") in (s.session_id, None):
                self._end_session(err)
            else:
                self._notify("on_error", err)

    def _end_session(self, err: DeviceError) -> None:
        s = self._session
        if s is not None and not s.done:
            s._future.set_exception(err)
            self._notify("on_error", err)

    def _on_lost(self) -> None:
        self._lost(BoxNotAnswering())

    def _lost(self, err: DeviceError) -> None:
        self.identity = None
        if isinstance(err, DeviceDisconnected):
            self._serial.close()
        self._set_state("not_answering" if isinstance(err, BoxNotAnswering) else "disconnected")
        self._end_session(err)
        self._next_reconnect = time.monotonic() + 0.5

    def _idle(self) -> None:
        now = time.monotonic()
        if self._serial.is_open:
            try:
                data = self._serial.read_some()
                if data:
                    self._link.feed(data)
                self._link.tick()
            except DeviceDisconnected as exc:
                self._lost(exc)
                return
            s = self._session
            if s is not None and not s.done:
                if s._detached_at is not None and now - s._detached_at > self.detach_grace_s:
                    self._end_session(PhoneDetached(session_id=s.session_id))
                elif self._link.idle and now - self._link.last_rx > self.keepalive_s:
                    self._send({"t": "status"})  # an unanswered probe reveals a silent box
        if (
            self._want_open
            and self.identity is None
            and now >= self._next_reconnect
            and self.state in ("disconnected", "not_answering")
        ):
            self._next_reconnect = now + 1.0
            try:
                self._open()
            except DeviceError:
                pass
