"""The inspection box session seen from the GUI.

The box's own thread calls ``BridgeHandler``; it only emits Qt signals, so progress,
prompts and attach/detach reach the GUI thread queued. ``run_session`` runs on the "io"
pool (never the GUI thread): connect, wait for the phone, start, wait for the report or a
typed error. A prompt's ``answer`` callable only queues a message on the box's thread, so
the GUI never waits on the box and the box keeps acknowledging while a person decides.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, Signal

from app.core.errors import DeviceError
from app.devices.box import BoxHandler, BoxPrompt, BoxSession, InspectionResult
from app.devices.errors import SessionCancelled


class BoxBridge(QObject):
    progress = Signal(str, int)  # step, percent
    prompt = Signal(object, object)  # BoxPrompt, answer(outcome)
    attached = Signal(str)
    detached = Signal()
    state = Signal(str)


class BridgeHandler(BoxHandler):
    """Runs on the box's thread: emit and return at once."""

    def __init__(self, bridge: BoxBridge) -> None:
        self.bridge = bridge

    def on_state(self, state: str) -> None:
        self.bridge.state.emit(state)

    def on_attached(self, connector: str) -> None:
        self.bridge.attached.emit(connector)

    def on_detached(self) -> None:
        self.bridge.detached.emit()

    def on_progress(self, session_id: str, step: str, percent: int) -> None:
        self.bridge.progress.emit(step, int(percent))

    def on_prompt(self, prompt: BoxPrompt, answer: Callable[[str], None]) -> None:
        self.bridge.prompt.emit(prompt, answer)


@dataclass
class SessionControl:
    """Shared between the GUI (cancel) and the io worker (run)."""

    profile: str = "quick"
    phone_wait_s: float = 60.0
    session_timeout_s: float = 900.0
    session: BoxSession | None = None
    _cancelled: threading.Event = field(default_factory=threading.Event)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def cancel(self) -> None:
        with self._lock:
            self._cancelled.set()
            session = self.session
        if session is not None and not session.done:
            session.cancel()

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    def _started(self, session: BoxSession) -> None:
        with self._lock:
            self.session = session
            cancelled = self._cancelled.is_set()
        if cancelled:
            session.cancel()


def no_box() -> DeviceError:
    return DeviceError(
        "本工作站没有配置检测盒，请在“设备”中设置检测盒端口",
        "No inspection box is configured at this station; set its port under Devices",
        code="no_box",
    )


def run_session(box: Any, handler: BoxHandler, control: SessionControl) -> InspectionResult:
    """Blocking; call on a worker. Returns the report or raises a DeviceError with zh/en text."""
    if box is None:
        raise no_box()
    box.connect(timeout=3.0)  # BoxNotAnswering when the box is silent
    if not box.wait_for_phone(control.phone_wait_s):
        raise DeviceError(
            "检测盒上没有手机：请插入手机后再点“开始检测”",
            "No phone in the box: plug the phone in, then press Start inspection",
            code="no_phone",
        )
    if control.cancelled:
        raise SessionCancelled()
    session = box.start_session(control.profile, handler=handler)
    control._started(session)
    return session.wait(control.session_timeout_s)
