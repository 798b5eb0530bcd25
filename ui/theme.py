"""Light or dark: follow the system's colour scheme (or the user's choice).

Qt gives a dark palette only where the platform theme provides one. When the
system says "dark" (``QStyleHints.colorScheme``) but the palette Qt built is
light, or the user asks for dark, the Fusion style gets the dark palette
below; ``ui.palette`` then picks the matching highlight and link colours.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from ui.palette import palette_is_dark

CHOICES = ("system", "light", "dark")
_state: dict[str, object] = {}


def dark_palette() -> QPalette:
    """A dark palette for the Fusion style (text at least 7:1 on its base)."""
    p = QPalette()
    role = QPalette.ColorRole
    group = QPalette.ColorGroup
    for r, c in (
        (role.Window, QColor(40, 42, 46)),
        (role.WindowText, QColor(232, 234, 237)),
        (role.Base, QColor(30, 31, 34)),
        (role.AlternateBase, QColor(38, 40, 44)),
        (role.ToolTipBase, QColor(52, 54, 60)),
        (role.ToolTipText, QColor(232, 234, 237)),
        (role.PlaceholderText, QColor(150, 156, 166)),
        (role.Text, QColor(232, 234, 237)),
        (role.Button, QColor(48, 50, 55)),
        (role.ButtonText, QColor(232, 234, 237)),
        (role.BrightText, QColor(255, 120, 120)),
        (role.Light, QColor(70, 73, 80)),
        (role.Midlight, QColor(58, 61, 67)),
        (role.Mid, QColor(46, 48, 53)),
        (role.Dark, QColor(22, 23, 25)),
        (role.Shadow, QColor(10, 10, 12)),
        (role.Highlight, QColor(58, 110, 200)),
        (role.HighlightedText, QColor(255, 255, 255)),
        (role.Link, QColor(130, 175, 255)),
        (role.LinkVisited, QColor(190, 160, 255)),
    ):
        p.setColor(r, c)
    for r in (role.Text, role.WindowText, role.ButtonText):
        p.setColor(group.Disabled, r, QColor(120, 124, 132))
    return p


def system_is_dark() -> bool:
    """What the desktop asks for (Qt 6.5+), else what the palette already is."""
    hints = QGuiApplication.styleHints()
    scheme = hints.colorScheme() if hasattr(hints, "colorScheme") else None
    if scheme == Qt.ColorScheme.Dark:
        return True
    if scheme == Qt.ColorScheme.Light:
        return False
    return palette_is_dark()


def apply(app: QApplication, choice: str = "system") -> bool:
    """Set the app's palette for ``choice`` ("system", "light" or "dark");
    returns True when the result is dark. With "system" it follows later
    changes of the desktop's scheme too."""
    if choice not in CHOICES:
        raise ValueError(f"theme must be one of {', '.join(CHOICES)}")
    if "light" not in _state:
        _state["light"] = QPalette(app.palette())  # what the platform gave us
    want_dark = system_is_dark() if choice == "system" else choice == "dark"
    if want_dark:
        app.setStyle("Fusion")
        app.setPalette(dark_palette())
    else:
        light = _state["light"]
        assert isinstance(light, QPalette)
        base = light if not palette_is_dark(light) else app.style().standardPalette()
        app.setPalette(base)
    _state["choice"] = choice
    hints = QGuiApplication.styleHints()
    if choice == "system" and not _state.get("hooked") and hasattr(hints, "colorSchemeChanged"):
        hints.colorSchemeChanged.connect(lambda _scheme: _follow(app))
        _state["hooked"] = True
    return want_dark


def _follow(app: QApplication) -> None:
    """The desktop switched light/dark: follow it unless the user chose one."""
    if _state.get("choice") == "system":
        apply(app, "system")
