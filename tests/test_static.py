"""Lint and types as part of the suite: ruff over everything, mypy over the whole of ``app/``
with the settings in pyproject.toml (STYLE.md). The tools are in the test extras: a missing
tool fails here rather than passing silently."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tomllib
import typing
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# ``# type: ignore[code]  # why``: one or more codes, then a reason of a few words.
IGNORE = re.compile(r"#\s*type:\s*ignore(?P<rest>.*)$")
NAMED = re.compile(r"^\[(?P<codes>[a-z0-9-]+(?:,\s*[a-z0-9-]+)*)\]\s+#\s*(?P<why>\S.{8,})$")
# Settings that switch checking off wholesale (per module or everywhere).
LOOSENING = {"ignore_errors", "disable_error_code", "follow_imports", "allow_untyped_defs", "allow_incomplete_defs"}
STRICT_FOR = ("app.core.*", "app.services.*")


def _tool(name: str) -> str:
    local = Path(sys.executable).parent / name
    found = str(local) if local.exists() else shutil.which(name)
    if found is None:
        pytest.fail(f"{name} is not installed (it is in the test extras)")
    return found


def _mypy(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    # The configuration (files, strictness) comes from the pyproject.toml next to the code.
    return subprocess.run([_tool("mypy"), *args], cwd=cwd, capture_output=True, text=True, timeout=900)


def _mypy_config() -> dict[str, typing.Any]:
    with open(ROOT / "pyproject.toml", "rb") as f:
        return dict(tomllib.load(f)["tool"]["mypy"])


def test_ruff_clean() -> None:
    done = subprocess.run([_tool("ruff"), "check", "app", "tests", "bench"], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-3000:]


def test_ruff_format_clean() -> None:
    done = subprocess.run(
        [_tool("ruff"), "format", "--check", "app", "tests", "bench"], cwd=ROOT, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout[-3000:]


def test_mypy_whole_app() -> None:
    done = _mypy(ROOT, "app")
    assert done.returncode == 0, done.stdout[-5000:]
    assert "Success: no issues found" in done.stdout


def test_mypy_settings_are_not_loosened() -> None:
    config = _mypy_config()
    overrides = config.pop("overrides", [])
    assert not LOOSENING & set(config), f"global mypy settings switch checks off: {sorted(LOOSENING & set(config))}"
    assert config.get("warn_unused_ignores") is True  # an ignore nothing needs any more goes
    assert "ignore-without-code" in config.get("enable_error_code", [])
    assert config.get("files") == ["app"] or config.get("files") == "app"
    strict: set[str] = set()
    for override in overrides:
        modules = override["module"] if isinstance(override["module"], list) else [override["module"]]
        loose = LOOSENING & set(override)
        assert not loose, f"{modules}: {sorted(loose)} switches checking off"
        assert not any(m in ("*", "app", "app.*") for m in modules), f"blanket override {modules}"
        if override.get("disallow_untyped_defs") is True:
            strict.update(modules)
    assert set(STRICT_FOR) <= strict, f"disallow_untyped_defs must cover {STRICT_FOR}, covers {sorted(strict)}"


def _ignores() -> list[tuple[str, int, str]]:
    found = []
    for path in sorted((ROOT / "app").rglob("*.py")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if re.search(r"#\s*(mypy:|type:\s*ignore)", line):
                found.append((str(path.relative_to(ROOT)), n, line))
    return found


def test_every_remaining_ignore_names_its_code_and_a_reason() -> None:
    bad = []
    for where, n, line in _ignores():
        if "# mypy:" in line.replace("#  ", "# "):
            bad.append(f"{where}:{n}: a file-level mypy switch")
            continue
        match = IGNORE.search(line)
        if match is None or NAMED.match(match.group("rest").strip()) is None:
            bad.append(f"{where}:{n}: {line.strip()}")
    assert not bad, "type: ignore without [code] and '# reason':\n" + "\n".join(bad)


def test_the_ignore_rule_catches_a_bare_ignore() -> None:
    """The pattern above is what the previous test relies on: it must tell good from bad."""

    def ok(line: str) -> bool:
        m = IGNORE.search(line)
        return m is not None and NAMED.match(m.group("rest").strip()) is not None

    assert ok("x = f()  # type: ignore[attr-defined]  # PySide6 stub lacks setWindowIcon")
    assert ok("x = f()  # type: ignore[arg-type, union-attr]  # raw JSON: validated below")
    assert not ok("x = f()  # type: ignore")
    assert not ok("x = f()  # type: ignore[attr-defined]")
    assert not ok("x = f()  # type: ignore  # because")


def test_mypy_catches_a_planted_error(tmp_path: Path) -> None:
    """A copy of app/ with a wrong assignment and an unannotated function in app.core: mypy,
    run exactly as the suite runs it, must fail on both (the check is not a no-op)."""
    shutil.copytree(ROOT / "app", tmp_path / "app", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    if (ROOT / ".mypy_cache").is_dir():  # the unchanged modules come from the cache: seconds, not a minute
        shutil.copytree(ROOT / ".mypy_cache", tmp_path / ".mypy_cache")
    target = tmp_path / "app" / "core" / "roles.py"
    lines = target.read_text(encoding="utf-8").count("\n")
    with open(target, "a", encoding="utf-8") as f:
        f.write('\n\ndef _planted_untyped(x):\n    return x\n\n\n_PLANTED: int = "not a number"\n')
    done = _mypy(tmp_path, "app")
    assert done.returncode != 0, done.stdout[-3000:]
    assert f"app/core/roles.py:{lines + 3}: error" in done.stdout and "[no-untyped-def]" in done.stdout, done.stdout
    assert f"app/core/roles.py:{lines + 7}: error" in done.stdout and "[assignment]" in done.stdout, done.stdout


def test_typed_seams_carry_no_any() -> None:
    """What every screen is handed (UiContext) and the settings (Config) say what they carry:
    no Any, no catch-all extras dict, no __getattr__ (issue 15)."""
    from app.config import Config
    from app.devices.factory import DeviceSet
    from app.devices.printer import LabelPrinter
    from app.runtime.station import Runtime
    from app.services.station import Station
    from app.ui.context import UiContext

    names = {"Station": Station, "DeviceSet": DeviceSet, "LabelPrinter": LabelPrinter, "Runtime": Runtime}
    for cls in (UiContext, Config):
        assert "__getattr__" not in vars(cls), f"{cls.__name__} answers any attribute"
        assert "extras" not in getattr(cls, "__dataclass_fields__", {}), f"{cls.__name__} has an extras dict"
        hints = typing.get_type_hints(cls, localns=names)
        for name, hint in hints.items():
            assert "Any" not in repr(hint), f"{cls.__name__}.{name}: {hint!r}"
        for name, member in vars(cls).items():
            if isinstance(member, property) and member.fget is not None:
                returned = typing.get_type_hints(member.fget).get("return")
                assert returned is not None and "Any" not in repr(returned), f"{cls.__name__}.{name}: {returned!r}"
