"""Run work off the GUI thread and bring the result or the error back to it.

    Op(self, station.intake.receive_parcel, actor, code).success(self.show_parcel).run()

Database work goes to one worker thread (operations are serialised, as in Anki's
task manager); device waits, network and PDF work go to a small separate pool so a
slow printer never delays a save. Every operation that writes (``ServiceContext.operation``)
runs on the database worker: ``refuse_write_off_db_worker`` makes a write started on the
I/O pool fail before its transaction opens, so it can never race the worker's writes. Failures reach ``show_error`` unless the caller
handles them; a person sees a sentence in their language, never a traceback.
"""

from __future__ import annotations

import logging
import threading
import traceback
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal
from PySide6.QtWidgets import QWidget

from app.core.errors import TWError

log = logging.getLogger("tw.ui")

_pools: dict[str, QThreadPool] = {}
_here = threading.local()  # .kind: the pool the current worker thread serves
_running: set[Op] = set()
LANG = {"value": "zh_CN"}


def pool(kind: str) -> QThreadPool:
    if kind not in _pools:
        p = QThreadPool()
        p.setMaxThreadCount(1 if kind == "db" else 4)
        _pools[kind] = p
    return _pools[kind]


class _Bridge(QObject):
    finished = Signal(object, object)


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any], bridge: _Bridge, kind: str = "db") -> None:
        super().__init__()
        self.fn, self.bridge, self.kind = fn, bridge, kind

    def run(self) -> None:
        _here.kind = self.kind
        try:
            result, error = self.fn(), None
        except BaseException as exc:  # noqa: BLE001 - delivered to the GUI thread, never lost
            result, error = None, exc
            if not isinstance(exc, TWError):
                log.error("background operation failed\n%s", traceback.format_exc())
        finally:
            _here.kind = None
        self.bridge.finished.emit(result, error)


class Op:
    def __init__(
        self, parent: QObject | None, fn: Callable[..., Any], *args: Any, kind: str = "db", **kwargs: Any
    ) -> None:
        self.parent = parent
        self.fn = lambda: fn(*args, **kwargs)
        self.kind = kind
        self._success: Callable[[Any], object] | None = None
        self._failure: Callable[[BaseException], object] | None = None
        self._bridge = _Bridge()
        self._bridge.finished.connect(self._deliver)

    def success(self, cb: Callable[[Any], object]) -> Op:
        self._success = cb
        return self

    def failure(self, cb: Callable[[BaseException], object]) -> Op:
        self._failure = cb
        return self

    def run(self) -> Op:
        _running.add(self)
        pool(self.kind).start(_Job(self.fn, self._bridge, self.kind))
        return self

    def _deliver(self, result: Any, error: BaseException | None) -> None:
        _running.discard(self)
        if self.parent is not None and not shiboken6.isValid(self.parent):
            return  # the screen closed meanwhile
        if error is None:
            if self._success:
                self._success(result)
        elif self._failure:
            self._failure(error)
        else:
            show_error(self.parent if isinstance(self.parent, QWidget) else None, error)


def current_pool() -> str | None:
    """The pool the calling thread works for ("db", "io"), or None off the pools."""
    return getattr(_here, "kind", None)


def refuse_write_off_db_worker(action: object) -> None:
    """``ServiceContext.before_write`` hook: a write belongs on the database worker."""
    kind = current_pool()
    if kind is not None and kind != "db":
        raise RuntimeError(f"database write {action} started on the {kind!r} pool, not the database worker")


def busy() -> bool:
    return bool(_running)


def wait_idle(timeout_ms: int = 10_000) -> bool:
    """For tests and shutdown: let queued work finish."""
    from PySide6.QtCore import QCoreApplication, QElapsedTimer

    timer = QElapsedTimer()
    timer.start()
    while _running and timer.elapsed() < timeout_ms:
        for p in _pools.values():
            p.waitForDone(20)
        QCoreApplication.processEvents()
    return not _running


def error_text(error: BaseException, lang: str | None = None) -> str:
    lang = lang or LANG["value"]
    if isinstance(error, TWError):
        return error.message(lang)
    if lang.startswith("zh"):
        return f"发生内部错误，操作未完成，数据未丢失。请联系管理员（{error.__class__.__name__}）。"
    return f"An internal error stopped the operation; nothing was lost. Tell an administrator ({error.__class__.__name__})."


def show_error(parent: QWidget | None, error: BaseException) -> None:
    from PySide6.QtWidgets import QMessageBox  # its enums cost ~5 ms of a start that shows none

    title = "操作未完成" if LANG["value"].startswith("zh") else "Not done"
    box = QMessageBox(QMessageBox.Icon.Warning, title, error_text(error), QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("errorDialog")
    box.open()
