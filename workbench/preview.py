"""Short previews of quotes and passages: cut at a word boundary, with "…".

Every place that shows a shortened quote (tables, lists, tooltips, the
terminal, reports) calls ``shorten``, so a preview never ends "at the time o".
"""

from __future__ import annotations

__all__ = ["ELLIPSIS", "shorten"]

ELLIPSIS = "\u2026"
# Punctuation that reads badly just before the ellipsis ("said, …").
_TRAILING = " \t,;:-\u2013\u2014([{\"'\u201c\u2018"
# A cut never throws away more than this share of the room to reach a space:
# a very long word (a URL) is cut inside it instead.
_MIN_KEEP = 0.6


def shorten(text: str, limit: int, *, one_line: bool = True) -> str:
    """``text`` in at most ``limit`` characters, ending "…" where it was cut.

    The cut falls at the last word boundary that fits; trailing commas, dashes
    and opening quotes before the ellipsis are dropped. ``one_line`` folds
    line breaks and runs of spaces into single spaces first (table cells,
    list rows); tooltips pass ``one_line=False`` to keep paragraphs.
    """
    text = " ".join(text.split()) if one_line else text.strip()
    if limit <= 0:
        return ""
    if len(text) <= limit:
        return text
    if limit == 1:
        return ELLIPSIS
    room = limit - 1  # one character for the ellipsis
    head = text[: room + 1]
    cut = max(head.rfind(" "), head.rfind("\n"), head.rfind("\t"))
    if text[room].isspace():
        cut = room  # the text breaks between words exactly at the limit
    if cut < _MIN_KEEP * room:
        cut = room
    kept = text[:cut].rstrip(_TRAILING)
    if not kept:
        kept = text[:room]
    return kept + ELLIPSIS
