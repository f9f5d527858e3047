"""Package dependencies point down only (ARCHITECTURE.md "Composition"), checked by the
import-linter contracts in pyproject ``[tool.importlinter]``: the layers, the reference platform
depending only on the core contract, demo code kept out of the operations, a core free of Qt,
SQL and I/O, and the window never touching the database directly.

Each contract is also shown to fail: a copy of the package with one planted import must be
reported broken by that contract, so a contract that checks nothing cannot pass here."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CONFIG = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]
CONTRACTS = {c["id"]: c for c in CONFIG["contracts"]}


def _lint_imports() -> str:
    """The lint-imports command: TW_LINT_IMPORTS, beside this Python, or on PATH."""
    named = os.environ.get("TW_LINT_IMPORTS")
    if named:
        return named
    local = Path(sys.executable).parent / "lint-imports"
    found = str(local) if local.exists() else shutil.which("lint-imports")
    if found is None:
        pytest.skip(
            "import-linter is not installed (it belongs in the test extras; or point TW_LINT_IMPORTS "
            "at a lint-imports command): the layer contracts of pyproject [tool.importlinter] were "
            "not checked"
        )
    return found


def _run(tree: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(tree), "NO_COLOR": "1", "COLUMNS": "200"}
    return subprocess.run(
        [_lint_imports(), "--no-cache", "--config", str(tree / "pyproject.toml")],
        cwd=tree,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def _verdicts(output: str) -> dict[str, str]:
    """Contract name -> KEPT or BROKEN, from the summary lines."""
    verdicts = {}
    for c in CONTRACTS.values():
        for line in output.splitlines():
            if line.strip() in (f"{c['name']} KEPT", f"{c['name']} BROKEN"):
                verdicts[c["id"]] = line.strip().rsplit(" ", 1)[1]
    return verdicts


def test_the_package_keeps_every_contract():
    done = _run(ROOT)
    assert _verdicts(done.stdout) == {cid: "KEPT" for cid in CONTRACTS}, done.stdout[-4000:] + done.stderr[-2000:]
    assert done.returncode == 0


def test_every_package_has_its_layer():
    """A new top-level package or module must be placed in the layers, or nothing checks it."""
    named = {name.strip() for layer in CONTRACTS["layers"]["layers"] for name in layer.split("|")}
    present = {f"app.{p.stem}" for p in (ROOT / "app").glob("*.py") if p.stem not in ("__init__", "__main__")}
    present |= {f"app.{p.name}" for p in (ROOT / "app").iterdir() if (p / "__init__.py").exists()}
    assert present == named


# contract id -> (file in app/, the import planted at its end)
PLANTED = {
    "layers": ("services/items.py", "import app.ui.shell"),  # an operation reaching up into the window
    "refplatform": ("refplatform/store.py", "import app.config"),  # below it in the layers, yet not core
    "demo": ("services/items.py", "import app.demo.data"),
    "core": ("core/clock.py", "import os"),
    "ui-services": ("ui/keys.py", "import app.store.models"),
    "sql": ("devices/readings.py", "import sqlite3"),
}


def test_every_contract_is_planted():
    assert set(PLANTED) == set(CONTRACTS)


@pytest.fixture(scope="module")
def clean_copy(tmp_path_factory) -> Path:
    """The package's Python files and pyproject.toml, copied (fonts and pictures are not needed)."""
    tree = tmp_path_factory.mktemp("layers") / "clean"
    shutil.copytree(
        ROOT / "app",
        tree / "app",
        ignore=lambda folder, names: [
            n for n in names if n == "__pycache__" or (not n.endswith(".py") and not (Path(folder) / n).is_dir())
        ],
    )
    shutil.copy(ROOT / "pyproject.toml", tree / "pyproject.toml")
    return tree


@pytest.mark.parametrize("contract", sorted(PLANTED))
def test_a_planted_violation_breaks_its_contract(contract, clean_copy, tmp_path):
    tree = tmp_path / "planted"
    shutil.copytree(clean_copy, tree)
    relative, line = PLANTED[contract]
    target = tree / "app" / relative
    target.write_text(
        target.read_text(encoding="utf-8") + f"\n{line}  # planted by tests/test_layers.py\n", encoding="utf-8"
    )
    done = _run(tree)
    verdicts = _verdicts(done.stdout)
    assert verdicts.get(contract) == "BROKEN", done.stdout[-4000:] + done.stderr[-2000:]
    assert done.returncode != 0
