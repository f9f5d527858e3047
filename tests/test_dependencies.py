"""pyproject declares what the application imports, and nothing it does not."""

from __future__ import annotations

import ast
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
# distribution name -> the top-level module it provides, where they differ
MODULE_OF = {
    "PySide6-Essentials": "PySide6",
    "SQLAlchemy": "sqlalchemy",
    "opencv-python-headless": "cv2",
    "zxing-cpp": "zxingcpp",
    "pyserial": "serial",
    "argon2-cffi": "argon2",
    "pyhanko": "pyhanko",
    "pyhanko-certvalidator": "pyhanko_certvalidator",
    "python-stdnum": "stdnum",
    "tomli-w": "tomli_w",
    "psycopg": "psycopg",
    "pillow": "PIL",
    "XlsxWriter": "xlsxwriter",
}


def _name(spec: str) -> str:
    for sep in "[<>=!~ ;":
        spec = spec.split(sep, 1)[0]
    return spec.strip()


def _imported_top_levels() -> set[str]:
    names: set[str] = set()
    for path in (ROOT / "app").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(a.name.split(".")[0] for a in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module.split(".")[0])
    return names - set(sys.stdlib_module_names) - {"app", "__future__"}


def _modules(specs: list[str]) -> set[str]:
    return {MODULE_OF.get(_name(s), _name(s).replace("-", "_")) for s in specs}


def test_every_imported_package_is_declared():
    declared = _modules(PYPROJECT["project"]["dependencies"])
    declared |= _modules(PYPROJECT["project"]["optional-dependencies"]["postgres"])
    declared |= {"shiboken6"}  # PySide6's own binding runtime, installed with it at its exact version
    # platform-only modules imported behind a platform check
    optional_platform = {"winreg", "msvcrt", "win32api", "win32print", "pywintypes", "win32con", "fcntl", "termios"}
    missing = _imported_top_levels() - declared - optional_platform
    assert not missing, f"imported but not declared in pyproject.toml: {sorted(missing)}"


def test_every_main_dependency_is_imported():
    # tzdata is data for zoneinfo (never imported by name)
    unused = _modules(PYPROJECT["project"]["dependencies"]) - _imported_top_levels() - {"tzdata"}
    assert not unused, f"declared but never imported by app/: {sorted(unused)}"


def test_postgres_driver_is_an_extra_and_in_the_test_extra():
    extras = PYPROJECT["project"]["optional-dependencies"]
    assert "psycopg" not in {_name(s) for s in PYPROJECT["project"]["dependencies"]}
    assert "psycopg" in {_name(s) for s in extras["postgres"]}
    assert "psycopg" in {_name(s) for s in extras["test"]}
