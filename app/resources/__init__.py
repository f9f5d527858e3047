"""The workstation's files that are not code — the CJK font, the translations, the icons —
found in one place, through ``importlib.resources``, so the same calls work from a source
checkout, an installed wheel and the PyInstaller bundle. Pure Python: no Qt here.

Everything is a real file on disk in all three (reportlab and Qt want file names), which
``path()`` checks rather than assumes."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

CJK_FONT = "fonts/wqy-microhei.ttc"  # WenQuanYi Micro Hei: embedded in every PDF and the GUI
ICON_SVG = "icons/treasure-warehouse.svg"
ICON_PNG = "icons/treasure-warehouse.png"
ICON_ICO = "icons/treasure-warehouse.ico"
I18N = "i18n"


def path(name: str) -> Path:
    """The file (or folder) ``name``, relative to this package, as a path on disk."""
    found = files(__name__).joinpath(*name.split("/"))
    result = Path(str(found))
    if not result.exists():
        raise FileNotFoundError(f"resource {name!r} is missing from this installation ({result})")
    return result


def cjk_font() -> Path:
    return path(CJK_FONT)


def i18n_dir() -> Path:
    return path(I18N)


def icon(kind: str = "png") -> Path:
    return path({"svg": ICON_SVG, "png": ICON_PNG, "ico": ICON_ICO}[kind])
