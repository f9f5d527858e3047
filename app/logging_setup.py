"""One logging configuration for the whole workstation.

A rotating file in the data folder (bounded in size and count, readable by this user
only), the project's loggers under one tree, chatty libraries at WARNING, and hooks
that log every uncaught exception — in the main thread, a Qt slot or any other thread —
with its traceback, then hand it to whoever shows it to a person (the GUI's dialog).

    configure_logging(data_dir)          # GUI and commands, through config_from_args
    add_uncaught_listener(callback)      # callback(exc_type, exc, traceback, where)
"""

from __future__ import annotations

import logging
import os
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Any

LOG_FILE = "workstation.log"
MAX_BYTES = 2 * 1024 * 1024
BACKUPS = 5
FORMAT = "%(asctime)s %(levelname)s %(name)s [%(threadName)s]: %(message)s"
# Libraries that would otherwise fill the file with every request and font lookup.
QUIET = (
    "httpx",
    "httpcore",
    "urllib3",
    "asyncio",
    "PIL",
    "fontTools",
    "reportlab",
    "pyhanko",
    "alembic",
    "sqlalchemy",
    "multipart",
    "uvicorn",
    "hpack",
    "charset_normalizer",
    "matplotlib",
    "keyring",
)

log = logging.getLogger("tw")
Listener = Callable[[type[BaseException], BaseException, TracebackType | None, str], None]
_listeners: list[Listener] = []
_state: dict[str, Any] = {"handler": None}


class _PrivateRotatingFile(logging.Handler):
    """A RotatingFileHandler whose every file is 0600 (logs name people and items), built at
    the first record: ``logging.handlers`` (socket, pickle, queue) is not imported, nor the file
    opened or rotated, on the way to the log-in window. Records pass through this handler's lock."""

    def __init__(self, path: Path, *, max_bytes: int, backups: int) -> None:
        super().__init__()
        self.path, self.max_bytes, self.backups = path, max_bytes, backups
        self._file: logging.Handler | None = None

    def _rotating(self) -> logging.Handler:
        if self._file is None:
            import logging.handlers

            class Private(logging.handlers.RotatingFileHandler):
                def _open(self):
                    if os.name == "posix" and not os.path.exists(self.baseFilename):
                        os.close(os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT, 0o600))
                    return super()._open()

            self._file = Private(self.path, maxBytes=self.max_bytes, backupCount=self.backups, encoding="utf-8")
        return self._file

    def emit(self, record: logging.LogRecord) -> None:
        try:
            file = self._rotating()
        except Exception:  # noqa: BLE001 - as a file handler does: report on stderr, never raise
            self.handleError(record)
            return
        file.setFormatter(self.formatter)
        file.emit(record)

    def flush(self) -> None:
        with self.lock:  # type: ignore[union-attr]  # typeshed: lock is None until createLock(), which Handler.__init__ called
            if self._file is not None:
                self._file.flush()

    def close(self) -> None:
        with self.lock:  # type: ignore[union-attr]  # typeshed: lock is None until createLock(), which Handler.__init__ called
            if self._file is not None:
                self._file.close()
                self._file = None
        super().close()


def log_path(data_dir: Path) -> Path:
    return Path(data_dir) / "logs" / LOG_FILE


def configure_logging(
    data_dir: Path, *, level: int = logging.INFO, max_bytes: int = MAX_BYTES, backups: int = BACKUPS
) -> Path:
    """Idempotent: configuring again (another data folder, a second start in one process)
    replaces the file handler instead of adding a second one."""
    path = log_path(data_dir)
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    root = logging.getLogger()
    old = _state["handler"]
    if old is not None:
        root.removeHandler(old)
        old.close()
    handler = _PrivateRotatingFile(path, max_bytes=max_bytes, backups=backups)
    handler.setFormatter(logging.Formatter(FORMAT))
    root.addHandler(handler)
    root.setLevel(level)
    for name in QUIET:
        logging.getLogger(name).setLevel(logging.WARNING)
    _state["handler"] = handler
    install_hooks()
    return path


def add_uncaught_listener(listener: Listener) -> Callable[[], None]:
    """Called after an uncaught exception was logged; returns a function that removes it."""
    _listeners.append(listener)
    return lambda: _listeners.remove(listener) if listener in _listeners else None


def report_uncaught(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None, where: str) -> None:
    log.critical("uncaught exception in %s", where, exc_info=(exc_type, exc, tb))
    for listener in list(_listeners):
        try:
            listener(exc_type, exc, tb, where)
        except Exception:  # noqa: BLE001 - a broken listener must not hide the first error
            log.exception("uncaught-exception listener failed")


def _sys_hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    # Qt calls this for an exception in a slot or a virtual method, on the GUI thread.
    report_uncaught(exc_type, exc, tb, threading.current_thread().name)


def _thread_hook(args: threading.ExceptHookArgs) -> None:
    if args.exc_type is SystemExit:
        return
    name = args.thread.name if args.thread is not None else "thread"
    report_uncaught(args.exc_type, args.exc_value or args.exc_type(), args.exc_traceback, name)


def install_hooks() -> None:
    sys.excepthook = _sys_hook
    threading.excepthook = _thread_hook
