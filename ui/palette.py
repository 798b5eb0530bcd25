"""Colours: verdict tones, link types and the panes' chrome, light and dark.

The app follows the system's palette (``ui.theme`` applies it); everything
here picks the light or the dark set from the palette in use, so a widget
asks at paint time and is right in both. The dark fills are deep enough for
light text, the light fills pale enough for black text: ``tests/ui/
test_contrast.py`` computes WCAG AA contrast for text on every highlight in
both palettes.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtGui import QColor, QGuiApplication, QPalette

from workbench.vocabulary import Tone

# How opaque a claim's fill is painted (the selected claim is fully opaque).
FILL_ALPHA, SELECTED_ALPHA = 165, 255
FIND_ALPHA, FIND_CURRENT_ALPHA = 150, 210


def _c(r: int, g: int, b: int) -> QColor:
    return QColor(r, g, b)


@dataclass(frozen=True)
class Theme:
    """Every colour the app paints itself, for one palette (light or dark)."""

    dark: bool
    tone_fill: dict[str, QColor]
    unchecked_fill: QColor
    tone_text: QColor  # text drawn on a tone fill where the view sets it (tables, chips)
    selected_outline: QColor
    link: dict[str, QColor]
    find_fill: QColor
    find_current: QColor
    find_edge: QColor
    chrome: QColor  # pane headers, find bar
    chrome_line: QColor
    gutter: QColor  # link map and badge strip
    accent: QColor  # the current pane's top edge, focus
    title: QColor
    meta: QColor
    hover: QColor
    conflict_fill: QColor
    error: QColor
    banner: QColor
    meter_track: QColor = field(default_factory=lambda: QColor(0, 0, 0, 18))


LIGHT = Theme(
    dark=False,
    tone_fill={
        "working": _c(255, 230, 140),  # unchecked / in progress: amber
        "true": _c(170, 225, 170),  # green
        "mixed": _c(200, 185, 240),  # violet
        "false": _c(250, 170, 165),  # red
        "other": _c(190, 215, 240),  # blue-grey
    },
    unchecked_fill=_c(255, 240, 180),
    tone_text=_c(20, 20, 20),
    selected_outline=_c(30, 90, 200),
    link={
        "same": _c(40, 120, 200),
        "corroborates": _c(40, 150, 80),
        "contradicts": _c(210, 50, 50),
        "differs": _c(200, 110, 0),
        "related": _c(120, 120, 130),
    },
    find_fill=_c(255, 200, 40),
    find_current=_c(255, 140, 0),
    find_edge=_c(200, 120, 0),
    chrome=_c(244, 245, 247),
    chrome_line=_c(222, 224, 228),
    gutter=_c(250, 251, 252),
    accent=_c(30, 90, 200),
    title=_c(29, 35, 48),
    meta=_c(90, 98, 115),
    hover=_c(228, 231, 236),
    conflict_fill=_c(255, 215, 210),
    error=_c(176, 0, 32),
    banner=_c(255, 244, 206),
)

DARK = Theme(
    dark=True,
    tone_fill={
        "working": _c(110, 84, 0),
        "true": _c(38, 98, 52),
        "mixed": _c(86, 64, 138),
        "false": _c(128, 40, 40),
        "other": _c(44, 82, 120),
    },
    unchecked_fill=_c(92, 76, 20),
    tone_text=_c(240, 240, 240),
    selected_outline=_c(130, 175, 255),
    link={
        "same": _c(90, 160, 240),
        "corroborates": _c(80, 190, 110),
        "contradicts": _c(240, 95, 95),
        "differs": _c(240, 170, 60),
        "related": _c(160, 160, 172),
    },
    find_fill=_c(150, 110, 0),
    find_current=_c(160, 84, 0),
    find_edge=_c(240, 170, 60),
    chrome=_c(43, 45, 50),
    chrome_line=_c(62, 65, 72),
    gutter=_c(36, 38, 42),
    accent=_c(110, 160, 255),
    title=_c(236, 238, 242),
    meta=_c(170, 176, 188),
    hover=_c(60, 63, 70),
    conflict_fill=_c(110, 40, 40),
    error=_c(255, 120, 120),
    banner=_c(90, 74, 20),
    meter_track=QColor(255, 255, 255, 30),
)


def palette_is_dark(palette: QPalette | None = None) -> bool:
    """Whether a palette (default: the application's) is a dark one."""
    if palette is None:
        if QGuiApplication.instance() is None:
            return False
        palette = QGuiApplication.palette()
    return palette.color(QPalette.ColorRole.Base).lightness() < 128


def theme(palette: QPalette | None = None) -> Theme:
    """The colour set for a palette (default: the application's)."""
    return DARK if palette_is_dark(palette) else LIGHT


def tone_fill(tone: Tone | str, unchecked: bool = False) -> QColor:
    t = theme()
    if unchecked:
        return QColor(t.unchecked_fill)
    return QColor(t.tone_fill.get(tone, t.tone_fill["other"]))


def link_color(link_type: str) -> QColor:
    t = theme()
    return QColor(t.link.get(link_type, t.link["related"]))


def selected_outline() -> QColor:
    return QColor(theme().selected_outline)
