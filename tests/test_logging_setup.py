"""One logging configuration; uncaught exceptions are logged with their traceback and
shown once; the application never hides a missing part of itself behind ImportError."""

from __future__ import annotations

import ast
import logging
import stat
import threading
from pathlib import Path

import pytest

from app import logging_setup

APP = Path(__file__).resolve().parents[1] / "app"


@pytest.fixture
def logfile(data_dir):  # type: ignore[no-untyped-def]
    path = logging_setup.configure_logging(data_dir)
    yield path
    handler = logging_setup._state["handler"]
    logging.getLogger().removeHandler(handler)
    handler.close()
    logging_setup._state["handler"] = None


def _flush() -> None:
    logging_setup._state["handler"].flush()


def test_one_private_rotating_file_and_quiet_libraries(logfile, data_dir):
    again = logging_setup.configure_logging(data_dir, max_bytes=2000, backups=2)
    assert again == logfile
    ours = [h for h in logging.getLogger().handlers if isinstance(h, logging_setup._PrivateRotatingFile)]
    assert len(ours) == 1  # configuring twice does not log every line twice
    logging.getLogger("httpx").info("GET https://platform/… 200")
    logging.getLogger("tw.sync").info("sent 3 events")
    logging.getLogger("app.devices.factory").info("balance on /dev/ttyUSB0")
    _flush()
    text = logfile.read_text(encoding="utf-8")
    assert "sent 3 events" in text and "balance on /dev/ttyUSB0" in text and "GET https" not in text
    assert stat.S_IMODE(logfile.stat().st_mode) == 0o600
    for i in range(400):
        logging.getLogger("tw.test").info("line %d %s", i, "x" * 40)
    files = sorted(p.name for p in logfile.parent.iterdir())
    assert files == ["workstation.log", "workstation.log.1", "workstation.log.2"]  # bounded
    assert all(p.stat().st_size <= 2200 for p in logfile.parent.iterdir())


def test_an_exception_in_a_thread_is_logged_with_its_traceback(logfile):
    seen: list[str] = []
    remove = logging_setup.add_uncaught_listener(lambda t, e, tb, where: seen.append(f"{where}:{e}"))
    try:

        def boom() -> None:
            raise RuntimeError("balance thread fell over")

        t = threading.Thread(target=boom, name="device-balance")
        t.start()
        t.join(10)
    finally:
        remove()
    _flush()
    text = logfile.read_text(encoding="utf-8")
    assert "uncaught exception in device-balance" in text and "Traceback" in text and "def boom" not in text
    assert 'raise RuntimeError("balance thread fell over")' in text
    assert seen == ["device-balance:balance thread fell over"]


@pytest.mark.qt_no_exception_capture
def test_an_exception_in_a_qt_slot_is_logged_and_shown_once_in_the_users_language(qtbot, logfile):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from app.ui.setup.crash import install_crash_reporter

    logging_setup.install_hooks()  # pytest-qt may have put its own hook back
    reporter = install_crash_reporter(QApplication.instance(), logfile, "en")
    try:

        def slot() -> None:
            raise ValueError("weight field was None")

        QTimer.singleShot(0, slot)
        QTimer.singleShot(0, slot)  # the same error again: no second dialog
        qtbot.waitUntil(lambda: reporter.dialog is not None and reporter.dialog.isVisible(), timeout=10_000)
        qtbot.wait(100)
        dialogs = [w for w in QApplication.topLevelWidgets() if w.objectName() == "crashDialog" and w.isVisible()]
        assert len(dialogs) == 1
        assert "weight field was None" in reporter.dialog.text() and str(logfile) in reporter.dialog.text()
        reporter.dialog.close()
        _flush()
        assert "ValueError: weight field was None" in logfile.read_text(encoding="utf-8")
    finally:
        reporter.uninstall()


def _swallowed_project_imports(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Try):
            continue
        catches = {getattr(h.type, "id", None) for h in node.handlers} | {
            getattr(e, "id", None) for h in node.handlers if isinstance(h.type, ast.Tuple) for e in h.type.elts
        }
        if not catches & {"ImportError", "ModuleNotFoundError"}:
            continue
        for stmt in ast.walk(ast.Module(body=node.body, type_ignores=[])):
            if isinstance(stmt, ast.ImportFrom) and (stmt.level or (stmt.module or "").startswith("app")):
                found.append(f"{path.relative_to(APP.parent)}:{stmt.lineno}")
            if isinstance(stmt, ast.Import) and any(a.name.startswith("app") for a in stmt.names):
                found.append(f"{path.relative_to(APP.parent)}:{stmt.lineno}")
    return found


def test_no_part_of_the_application_is_silently_optional():
    swallowed = [hit for path in sorted(APP.rglob("*.py")) for hit in _swallowed_project_imports(path)]
    assert swallowed == []
