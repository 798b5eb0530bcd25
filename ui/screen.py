"""Window geometry for the first start and for small screens.

``available_geometry`` is the one place that asks Qt about the screen, so a
test can patch it to pretend to be a 1280x720 laptop or a 1600x1000 monitor.
"""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtGui import QGuiApplication

# Below these sizes the window takes the whole available area.
SMALL_WIDTH, SMALL_HEIGHT = 1440, 860
# On larger screens it leaves a margin around it (a share of each side).
MARGIN_SHARE = 0.03
# The side panel: this share of the window width, within these bounds.
SIDE_SHARE, SIDE_MIN, SIDE_MAX = 0.27, 300, 480
FALLBACK = QRect(0, 0, 1280, 720)


def available_geometry() -> QRect:
    """The primary screen's area without panels and docks (or 1280x720 if unknown)."""
    screen = QGuiApplication.primaryScreen()
    if screen is None:
        return QRect(FALLBACK)
    area = screen.availableGeometry()
    return area if area.isValid() and not area.isEmpty() else QRect(FALLBACK)


def first_start_geometry(area: QRect) -> QRect:
    """The window's frame on first start: the whole of a small screen, or the
    screen less a small margin on a large one, centred."""
    w, h = area.width(), area.height()
    if w > SMALL_WIDTH:
        w = round(w * (1 - 2 * MARGIN_SHARE))
    if h > SMALL_HEIGHT:
        h = round(h * (1 - 2 * MARGIN_SHARE))
    rect = QRect(0, 0, w, h)
    rect.moveCenter(area.center())
    return rect


def side_panel_width(window_width: int) -> int:
    """How wide the claims/inspector panel starts, so the panes keep most of the width."""
    return max(SIDE_MIN, min(SIDE_MAX, round(window_width * SIDE_SHARE)))
