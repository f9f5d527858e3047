"""Lint and types as part of the suite: ruff over everything, mypy over the domain and
the operations (STYLE.md). Skipped only when the tools are not installed."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _tool(name: str) -> str | None:
    local = Path(sys.executable).parent / name
    return str(local) if local.exists() else shutil.which(name)


def test_ruff_clean():
    ruff = _tool("ruff")
    if ruff is None:
        pytest.skip("ruff is not installed (it is in the test extras)")
    done = subprocess.run([ruff, "check", "app", "tests", "bench"], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-3000:]


def test_mypy_core_and_services():
    mypy = _tool("mypy")
    if mypy is None:
        pytest.skip("mypy is not installed (it is in the test extras)")
    # app/demo and these command modules lived in app/services until issue 15 moved them; still checked
    done = subprocess.run([mypy, "--follow-imports=silent", "app/core", "app/services", "app/demo",
                           "app/cli/records.py", "app/cli/certificates.py", "app/cli/dossier.py"], cwd=ROOT,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-3000:]


def test_mypy_typed_seams():
    """What every screen is handed (UiContext) and the settings (Config) are typed."""
    mypy = _tool("mypy")
    if mypy is None:
        pytest.skip("mypy is not installed (it is in the test extras)")
    done = subprocess.run([mypy, "--follow-imports=silent", "app/config.py", "app/settings.py", "app/ui/context.py",
                           "app/ui/ops.py"],
                          cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-3000:]
