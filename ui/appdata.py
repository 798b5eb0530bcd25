"""The UI's packaged data: the application icon and style sheets.

Found through ``importlib.resources`` (package data of ``ui``), so the same
code works from a checkout, an installed wheel and a PyInstaller bundle.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from importlib.resources.abc import Traversable

from PySide6.QtGui import QIcon, QPixmap

APP_ID = "org.factcheckworkbench.Workbench"  # desktop file, icon and AppStream id
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)


def data_root() -> Traversable:
    return files("ui") / "data"


def icon_svg() -> Traversable:
    return data_root() / "icons" / f"{APP_ID}.svg"


def icon_png(size: int) -> Traversable:
    return data_root() / "icons" / f"{APP_ID}-{size}.png"


@cache
def app_icon() -> QIcon:
    """The application icon: every rendered PNG size, and the SVG for the rest."""
    icon = QIcon()
    for size in ICON_SIZES:
        pm = QPixmap()
        if pm.loadFromData(icon_png(size).read_bytes(), "PNG"):
            icon.addPixmap(pm)
    return icon
