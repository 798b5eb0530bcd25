"""Selections made with the mouse, snapped to whole words.

Annotation tools fact-checkers know (INCEpTION, Label Studio) widen a drag
that starts or ends inside a word to the whole word, so a claim is never
"o individuals". Offsets are Python ``str`` indices into the article text.
"""

from __future__ import annotations

__all__ = ["snap_to_words", "word_at"]

# A word: letters and digits, with apostrophes, hyphens and the separators of
# numbers kept inside it ("don't", "well-known", "30,000", "3.5", "U.S").
_JOINERS = "'\u2019-\u2010\u2011.,:/"


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def _inside_word(text: str, i: int) -> bool:
    """True when position ``i`` (between ``text[i-1]`` and ``text[i]``) splits a word."""
    if i <= 0 or i >= len(text):
        return False
    left, right = text[i - 1], text[i]
    if _is_word_char(left) and _is_word_char(right):
        return True
    # "don|'t", "30|,000": a joiner between two word characters belongs to the word.
    if right in _JOINERS and _is_word_char(left) and i + 1 < len(text):
        return _is_word_char(text[i + 1])
    if left in _JOINERS and _is_word_char(right) and i >= 2:
        return _is_word_char(text[i - 2])
    return False


def word_at(text: str, i: int) -> tuple[int, int]:
    """The word around position ``i`` as (start, end); (i, i) when ``i`` splits no word."""
    start = i
    while _inside_word(text, start):
        start -= 1
    end = i
    while _inside_word(text, end):
        end += 1
    return start, end


def snap_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen ``text[start:end]`` so that it neither starts nor ends inside a word.

    An empty or reversed span is returned as it is (ordered). A span that is all
    whitespace or punctuation is left alone too: there is no word to snap to.
    """
    start, end = max(0, min(start, end)), min(len(text), max(start, end))
    if start == end or not any(_is_word_char(c) for c in text[start:end]):
        return start, end
    return word_at(text, start)[0], word_at(text, end)[1]
