"""Render the application icon's PNG sizes from its SVG with Qt's QSvgRenderer.

    QT_QPA_PLATFORM=offscreen python resources/packaging/render_icons.py

Run it after editing ``ui/data/icons/*.svg``; the PNGs are committed (the
window, the desktop menu and the bundle use them; tests check they match).
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from ui.appdata import APP_ID, ICON_SIZES  # noqa: E402


def render(svg: bytes, size: int) -> QImage:
    renderer = QSvgRenderer(QByteArray(svg))
    if not renderer.isValid():
        raise SystemExit("the icon SVG is not valid")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image


def main() -> int:
    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    folder = ROOT / "ui" / "data" / "icons"
    svg = (folder / f"{APP_ID}.svg").read_bytes()
    for size in ICON_SIZES:
        out = folder / f"{APP_ID}-{size}.png"
        if not render(svg, size).save(str(out), "PNG"):
            print(f"could not write {out}", file=sys.stderr)
            return 1
        print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
