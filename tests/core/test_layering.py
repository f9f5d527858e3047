"""The domain stays free of Qt, SQL and I/O; the GUI never talks to SQLAlchemy."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2] / "app"
FORBIDDEN_IN_CORE = {"PySide6", "sqlalchemy", "serial", "cv2", "httpx", "requests", "reportlab", "cryptography",
                     "pyhanko", "numpy", "app.ui", "app.store", "app.services", "app.devices", "app.sync", "app.certs"}


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def _offenders(folder: str, forbidden: set[str]) -> list[str]:
    bad = []
    for path in (ROOT / folder).rglob("*.py"):
        for name in _imports(path):
            if any(name == f or name.startswith(f + ".") for f in forbidden):
                bad.append(f"{path.relative_to(ROOT)} imports {name}")
    return bad


def test_core_is_pure():
    assert _offenders("core", FORBIDDEN_IN_CORE) == []


def test_ui_goes_through_services():
    assert _offenders("ui", {"sqlalchemy", "app.store.models", "app.store.db"}) == []


def test_only_store_and_services_use_sqlalchemy_outside_sync_server():
    bad = [o for o in _offenders("devices", {"sqlalchemy"}) + _offenders("certs", {"sqlalchemy"})]
    assert bad == []
