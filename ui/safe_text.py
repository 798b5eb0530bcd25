"""Untrusted text (article quotes, notes, outlets) shown in Qt widgets.

Qt renders a label or tooltip as HTML when it merely looks like HTML, so
article text could restyle what the fact-checker sees or load local images.
Labels that show data use plain text; tooltips and any rich text go through
``escape`` first.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel


def escape(text: str) -> str:
    """Text made safe to put inside rich text (line breaks kept)."""
    return html.escape(text).replace("\n", "<br>")


def tooltip(text: str) -> str:
    """A tooltip that shows ``text`` literally, whatever it contains."""
    return f"<p>{escape(text)}</p>" if text else ""


def plain_label(label: QLabel) -> QLabel:
    """Make a label show its text literally (never as HTML)."""
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label
