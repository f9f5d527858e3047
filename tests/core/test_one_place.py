"""Facts defined once in app/core: no module outside it carries its own copy."""

from __future__ import annotations

import ast
from pathlib import Path

from app.core import demo, gravity, phone_rules
from app.core.vocab import photo_views

APP = Path(__file__).resolve().parents[2] / "app"


def _constants(path: Path) -> list[tuple[int, object]]:
    """Constants used as values; a table's keys are names (the OIML weight "0.2" g is not a carat)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    keys = {id(k) for d in ast.walk(tree) if isinstance(d, ast.Dict) for k in d.keys if k is not None}
    return [(n.lineno, n.value) for n in ast.walk(tree) if isinstance(n, ast.Constant) and id(n) not in keys]


def _outside(owner: Path, predicate) -> list[str]:  # type: ignore[no-untyped-def]
    return [
        f"{p.relative_to(APP)}:{line}"
        for p in APP.rglob("*.py")
        if p != owner
        for line, value in _constants(p)
        if predicate(value)
    ]


def test_demo_verification_address_once():
    assert _outside(Path(demo.__file__), lambda v: v == demo.DEMO_VERIFY_BASE_URL) == []


def test_grams_per_carat_once():
    assert _outside(Path(gravity.__file__), lambda v: v == "0.2") == []


def test_warranty_days_once():
    assert phone_rules.WARRANTY_DAYS == 180
    src = {p: p.read_text(encoding="utf-8") for p in APP.rglob("*.py")}
    home = Path(phone_rules.__file__).parent / "vocab" / "phone.py"  # defined there, a leaf every module may import
    copies = [
        str(p.relative_to(APP))
        for p, text in src.items()
        if p != home and any(f"WARRANTY_DAYS = {phone_rules.WARRANTY_DAYS}" in line for line in text.splitlines())
    ]
    assert copies == []


def test_photo_view_lists_once():
    views = set(photo_views.PHOTO_VIEWS.codes)

    copies = []
    for p in APP.rglob("*.py"):
        if p == Path(photo_views.__file__):
            continue
        for node in ast.walk(ast.parse(p.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Tuple | ast.Set)
                and len(node.elts) >= 3
                and all(isinstance(e, ast.Constant) and e.value in views for e in node.elts)
            ):
                copies.append(f"{p.relative_to(APP)}:{node.lineno}")
    assert copies == []


def test_luhn_once():
    copies = [
        f"{p.relative_to(APP)}"
        for p in APP.rglob("*.py")
        if "% 10" in p.read_text(encoding="utf-8") and "luhn" in p.read_text(encoding="utf-8").lower()
    ]
    assert copies == []
