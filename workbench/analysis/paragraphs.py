"""Where an article's lines are paragraphs, for display only.

Text copied from a web page usually has one line per paragraph and no blank
lines between them; shown as it is, it reads as one wall of text. The panes
show an empty line at each of these breaks (the stored text and every offset
into it stay exactly as they are): ``display_breaks`` says where.
"""

from __future__ import annotations

import itertools

__all__ = ["LONG_LINE", "display_breaks"]

# A line this long is a paragraph that was never wrapped by hand (hand-wrapped
# text keeps lines under about 80 characters).
LONG_LINE = 100
# At least this share of the non-blank lines must be long for the article to
# count as "one line per paragraph" (headings, bylines and captions are short).
LONG_SHARE = 0.3


def display_breaks(text: str) -> list[int]:
    """Offsets (into ``text``) of lines that start a paragraph with no blank line
    before them, in an article whose paragraphs are single lines.

    Each offset is the index just after a ``\\n``; a view shows an empty line
    there. Hand-wrapped text (short lines) and text that already separates its
    paragraphs with blank lines get none.
    """
    lines = text.split("\n")
    nonblank = [ln for ln in lines if ln.strip()]
    if len(nonblank) < 2:
        return []
    long_lines = sum(1 for ln in nonblank if len(ln.strip()) > LONG_LINE)
    if long_lines == 0 or long_lines < LONG_SHARE * len(nonblank):
        return []
    breaks: list[int] = []
    pos = 0
    for previous, line in itertools.pairwise(lines):
        pos += len(previous) + 1
        if previous.strip() and line.strip():
            breaks.append(pos)
    return breaks
