"""Sentence segmentation with exact character offsets, and the article-text record.

Offsets are Python ``str`` indices into the article text, so a span found here
can become a claim without any re-search. The splitter is rule-based and
deliberately conservative: a full stop after a known abbreviation, an initial
or an acronym only ends a sentence when the next word is a typical sentence
opener ("The", "He", "But"...).
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

__all__ = ["ArticleText", "Sentence", "split_sentences"]


@dataclass(frozen=True)
class ArticleText:
    """One article of a session as the suggestion code sees it.

    ``text`` is the full article text (offsets refer to it); ``published`` is
    used to resolve relative dates such as "on Monday" or "last week".
    """

    article_id: str
    text: str
    published: datetime.date | None = None
    title: str = ""


@dataclass(frozen=True)
class Sentence:
    """A sentence of an article: ``text == article_text[start:end]``, stripped."""

    start: int
    end: int
    text: str


# Paragraph breaks always end a sentence: a blank line (also "\r\n\r\n") or U+2029.
_PARAGRAPH_BREAK = re.compile(r"\n[^\S\n]*\n|\u2029")
# A line that starts a list item or a heading also starts a sentence.
_LIST_LINE = re.compile(r"\n[^\S\n]*(?:[-*\u2022#]\s|\d{1,3}[.)]\s)")
# A short line without end punctuation before a capitalised line is a heading,
# byline or caption ("Reuters/Global News"), not the start of a wrapped sentence.
_SHORT_LINE = re.compile(
    r"(?:^|(?<=\n))(?P<line>[^\n]{0,39}[^\s.!?,;:\"'\u201d\u2019])[^\S\n]*\n(?=[^\S\n]*[A-Z0-9])"
)
# Terminal punctuation, then closing quotes/brackets, then whitespace or the end.
_TERMINAL = re.compile(
    r"(?:\.(?:[^\S\n]?\.){2,}|[.!?\u2026\u203d]+)[\"'\u201d\u2019\u00bb)\]]*(?=\s|$)"
)
_OPENERS = "\"'\u201c\u2018\u00ab([{"
_CLOSERS_AFTER_SPACE = ",;:)]}"

# A full stop after these never ends a sentence (titles before a name, "e.g.").
_NEVER_FINAL = frozenset(
    "mr mrs ms messrs mme dr prof gen col lt sgt capt cmdr adm maj brig cpl pvt gov sen rep rev "
    "hon pres supt fr mssrs e.g i.e cf viz vs v".split()
)
# A full stop after these ends a sentence only when a sentence opener follows.
_AMBIGUOUS = frozenset(
    "st jr sr etc inc ltd co corp bros est approx dept univ assn ave blvd rd mt ft al "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
# "No. 5", "Vol. 2", "Jan. 9": not final before a digit.
_BEFORE_DIGIT = frozenset(
    "no nos vol pp p fig art sec ch jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
_ACRONYM = re.compile(r"^(?:[A-Za-z]\.)+[A-Za-z]$")
_INITIAL = re.compile(r"^[A-Z]$")
_STARTERS = frozenset(
    """
    the a an he she it they we i you this that these those there here his her its their our my
    your but and or so yet in on at for from to by with after before when while if as although
    though because since however meanwhile then now also still some many most all one two no
    not what who why how where which officials police authorities according earlier later last
    during despite under over both each every several such other another more only just once
    """.split()
)


def split_sentences(text: str) -> list[Sentence]:
    """Split ``text`` into sentences with exact offsets.

    Every returned ``Sentence`` satisfies ``s.text == text[s.start:s.end]`` and
    has no surrounding whitespace; sentences are in order, do not overlap, and
    together cover every non-whitespace character of ``text``.
    """
    cuts: list[int] = [0]
    for para_start, para_end in _paragraphs(text):
        cuts.extend(_sentence_cuts(text, para_start, para_end))
        cuts.append(para_end)
    cuts.append(len(text))
    sentences: list[Sentence] = []
    previous = 0
    for cut in sorted(set(cuts)):
        if cut <= previous:
            continue
        _append_stripped(text, previous, cut, sentences)
        previous = cut
    return sentences


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _PARAGRAPH_BREAK.finditer(text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return spans


def _append_stripped(text: str, start: int, end: int, out: list[Sentence]) -> None:
    chunk = text[start:end]
    stripped = chunk.strip()
    if not stripped:
        return
    lead = len(chunk) - len(chunk.lstrip())
    s = start + lead
    out.append(Sentence(s, s + len(stripped), stripped))


def _sentence_cuts(text: str, start: int, end: int) -> list[int]:
    cuts: list[int] = []
    for m in _LIST_LINE.finditer(text, start, end):
        cuts.append(m.start() + 1)
    for m in _SHORT_LINE.finditer(text, start, end):
        cuts.append(m.end("line"))
    for m in _TERMINAL.finditer(text, start, end):
        if _ends_sentence(text, m.start(), m.end(), end):
            cuts.append(m.end())
    return cuts


def _ends_sentence(text: str, punct_start: int, punct_end: int, limit: int) -> bool:
    nxt = _next_word(text, punct_end, limit)
    if not nxt:
        return True
    first = nxt[0]
    if first.islower() or first in _CLOSERS_AFTER_SPACE:
        return False
    punct = text[punct_start:punct_end].rstrip("\"'\u201d\u2019\u00bb)]")
    if punct != ".":
        return True  # "!", "?", ellipses: the next word is not lower case
    word = _previous_word(text, punct_start)
    lower = word.lower()
    bare = nxt.lstrip(_OPENERS)
    if lower in _BEFORE_DIGIT and bare[:1].isdigit():
        return False
    if lower in _NEVER_FINAL:
        return False
    if lower in _AMBIGUOUS or _ACRONYM.match(word) or _INITIAL.match(word):
        starter = re.match(r"[A-Za-z]+", bare)
        return starter is not None and starter.group().lower() in _STARTERS
    return True


def _next_word(text: str, pos: int, limit: int) -> str:
    i = pos
    while i < limit and text[i].isspace():
        i += 1
    j = i
    while j < limit and not text[j].isspace():
        j += 1
    return text[i:j]


def _previous_word(text: str, pos: int) -> str:
    i = pos
    while i > 0 and not text[i - 1].isspace():
        i -= 1
    return text[i:pos].lstrip(_OPENERS)
