"""Every file that is not code is found through app.resources, and only there."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from app import resources

ROOT = Path(__file__).resolve().parents[1]


def test_font_icons_and_translations_are_inside_the_package() -> None:
    pkg = Path(resources.__file__).parent
    for p in (
        resources.cjk_font(),
        resources.icon("svg"),
        resources.icon("png"),
        resources.icon("ico"),
        resources.i18n_dir(),
    ):
        assert p.exists() and pkg in p.parents
    assert resources.cjk_font().read_bytes()[:4] == b"ttcf"  # a TrueType collection, not a pointer file
    assert sorted(resources.i18n_dir().glob("*_zh_CN.ts"))


def test_a_missing_resource_says_which_one() -> None:
    with pytest.raises(FileNotFoundError, match="nope.ttf"):
        resources.path("fonts/nope.ttf")


def test_no_module_builds_a_path_to_resources_itself() -> None:
    """One place: a second way of finding the font is how the bundle lost it."""
    offenders = []
    for py in (ROOT / "app").rglob("*.py"):
        if py.parent.name == "resources":
            continue
        text = py.read_text(encoding="utf-8")
        if re.search(r"[\"']resources[\"']\s*[,/)]|parents\[\d\]\s*/\s*[\"']resources", text):
            offenders.append(str(py.relative_to(ROOT)))
    assert offenders == []
