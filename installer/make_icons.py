"""Renders app/resources/icons/treasure-warehouse.svg to the .png (Linux menu, window icon)
and the .ico (Windows) committed beside it. Run after changing the SVG:
    QT_QPA_PLATFORM=offscreen python installer/make_icons.py"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parents[1] / "app" / "resources" / "icons"


def render(size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    QSvgRenderer(str(ICONS / "treasure-warehouse.svg")).render(painter)
    painter.end()
    return image


def main() -> int:
    _app = QGuiApplication(sys.argv[:1])
    ok = render(256).save(str(ICONS / "treasure-warehouse.png"))
    ok = render(256).save(str(ICONS / "treasure-warehouse.ico")) and ok
    print("written" if ok else "failed", ICONS)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
