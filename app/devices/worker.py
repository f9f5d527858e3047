"""One thread per device (Electrum style): every call into a driver runs on its thread.

Public methods of a driver submit work with ``call``/``submit``; the functions that touch
the port are decorated with ``@on_device_thread`` and assert that they run there. The
thread is stopped with a flag and joined, never killed. Between jobs it runs ``idle()``
(used for streaming and for the box's link timers).
"""

from __future__ import annotations

import functools
import logging
import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any, TypeVar

log = logging.getLogger(__name__)
T = TypeVar("T")


class DeviceThread:
    def __init__(self, name: str, idle: Callable[[], None] | None = None, idle_interval: float = 0.05) -> None:
        self.name = name
        self._jobs: queue.Queue[tuple[Callable[[], Any], Future] | None] = queue.Queue()
        self._idle = idle
        self._idle_interval = idle_interval
        self._stopping = threading.Event()
        self.thread = threading.Thread(target=self._run, name=f"device-{name}", daemon=True)
        self.thread.start()

    def is_current(self) -> bool:
        return threading.current_thread() is self.thread

    def submit(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> Future:
        fut: Future = Future()
        if self._stopping.is_set():
            fut.set_exception(RuntimeError(f"device thread {self.name} stopped"))
            return fut
        self._jobs.put((functools.partial(fn, *args, **kwargs), fut))
        return fut

    def call(self, fn: Callable[..., T], *args: Any, timeout: float | None = None, **kwargs: Any) -> T:
        if self.is_current():
            return fn(*args, **kwargs)
        return self.submit(fn, *args, **kwargs).result(timeout)

    def stop(self, timeout: float = 5.0) -> None:
        self._stopping.set()
        self._jobs.put(None)
        if not self.is_current():
            self.thread.join(timeout)

    @property
    def stopping(self) -> bool:
        return self._stopping.is_set()

    def _run(self) -> None:
        while not self._stopping.is_set():
            try:
                item = self._jobs.get(timeout=self._idle_interval if self._idle else None)
            except queue.Empty:
                item = None
                if self._idle and not self._stopping.is_set():
                    self._safe(self._idle)
                continue
            if item is None:
                continue
            fn, fut = item
            if not fut.set_running_or_notify_cancel():
                continue
            try:
                fut.set_result(fn())
            except BaseException as exc:  # delivered to the caller, not raised here
                fut.set_exception(exc)
            if self._idle and self._jobs.empty() and not self._stopping.is_set():
                self._safe(self._idle)
        while True:  # fail whatever is still queued
            try:
                item = self._jobs.get_nowait()
            except queue.Empty:
                break
            if item is not None and item[1].set_running_or_notify_cancel():
                item[1].set_exception(RuntimeError(f"device thread {self.name} stopped"))

    def _safe(self, fn: Callable[[], None]) -> None:
        try:
            fn()
        except Exception:  # an idle hook must not end the thread
            log.exception("idle hook of %s failed", self.name)


def on_device_thread(method: Callable[..., T]) -> Callable[..., T]:
    """Assert that a driver method runs on its device's thread (``self._worker``)."""

    @functools.wraps(method)
    def wrapper(self: Any, *args: Any, **kwargs: Any) -> T:
        assert self._worker.is_current(), f"{method.__qualname__} must run on the device thread"
        return method(self, *args, **kwargs)

    return wrapper
