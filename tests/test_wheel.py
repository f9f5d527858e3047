"""``pip wheel .`` is complete: the font, every translation (source and compiled), the icons,
the migrations and every station screen are in it, read through app.resources once installed."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_the_wheel_carries_resources_translations_migrations_and_screens(tmp_path: Path) -> None:
    subprocess.run([sys.executable, "-m", "app.ui.i18n", "compile"], cwd=ROOT, check=True, capture_output=True)
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(ROOT)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    wheel = next(tmp_path.glob("treasure_warehouse-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    wanted = {
        "app/resources/__init__.py",
        "app/resources/fonts/wqy-microhei.ttc",
        "app/resources/icons/treasure-warehouse.png",
        "app/resources/icons/treasure-warehouse.svg",
        "app/resources/icons/treasure-warehouse.ico",
        "app/store/migrations/env.py",
        "app/store/migrations/script.py.mako",
    }
    i18n = ROOT / "app" / "resources" / "i18n"
    for ts in i18n.glob("*.ts"):
        wanted |= {f"app/resources/i18n/{ts.name}", f"app/resources/i18n/{ts.stem}.qm"}
    for py in (ROOT / "app").rglob("*.py"):
        wanted.add(py.relative_to(ROOT).as_posix())  # every screen and demo stage, loaded by name
    assert sorted(wanted - names) == []
    assert not any(n.startswith(("tests/", "resources/")) for n in names)
