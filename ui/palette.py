"""Colours: verdict tones and link types, shared by panes, link map and tables."""

from __future__ import annotations

from PySide6.QtGui import QColor

from workbench.scales import Tone

# Highlight fills (light enough to read black text through).
TONE_FILL: dict[str, QColor] = {
    "working": QColor(255, 230, 140),  # unchecked / in progress: amber
    "true": QColor(170, 225, 170),  # green
    "mixed": QColor(200, 185, 240),  # violet
    "false": QColor(250, 170, 165),  # red
    "other": QColor(190, 215, 240),  # blue-grey
}
UNCHECKED_FILL = QColor(255, 240, 180)
SELECTED_OUTLINE = QColor(30, 90, 200)

LINK_COLOR: dict[str, QColor] = {
    "same": QColor(40, 120, 200),
    "corroborates": QColor(40, 150, 80),
    "contradicts": QColor(210, 50, 50),
    "differs": QColor(225, 140, 20),
    "related": QColor(130, 130, 140),
}


def tone_fill(tone: Tone | str, unchecked: bool = False) -> QColor:
    if unchecked:
        return QColor(UNCHECKED_FILL)
    return QColor(TONE_FILL.get(tone, TONE_FILL["other"]))


def link_color(link_type: str) -> QColor:
    return QColor(LINK_COLOR.get(link_type, LINK_COLOR["related"]))
