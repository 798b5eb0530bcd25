"""Terms of a sentence for matching: words without stop words, lemmas, numbers, names.

A sentence becomes a :class:`TermProfile`: the set of its content terms
(lemmas such as ``"evacuate"`` for "evacuated", numbers as digits so "four"
meets "4", one term for each alias such as ``"=us"`` for "U.S."/"American",
and concept terms of synonym groups such as ``"~dock"`` for pier/port/harbour
and ``"~casualty"`` that lets "no one was injured" meet "two were killed"),
the capitalised names it mentions, and the surface word of each term for
explanations. The word knowledge is in :mod:`workbench.analysis.lexicon`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from workbench.analysis.lexicon import (
    ALIAS_PREFIX,
    CONCEPT_PREFIX,
    Aliases,
    concepts_of,
    default_aliases,
    lemma,
)
from workbench.analysis.numbers import format_number, word_number

__all__ = [
    "ALIAS_PREFIX",
    "CONCEPT_PREFIX",
    "STOP_WORDS",
    "WEAK_WORDS",
    "TermProfile",
    "profile",
    "stem",
    "words",
]

STOP_WORDS = frozenset(
    """
    a about above after again against all almost along already also although am among an and
    another any anyone anything are aren't around as at be became because become been before
    being below between both but by can can't cannot could couldn't did didn't do does doesn't
    doing don't down during each either else enough even ever every few for from further get
    gets got had hadn't has hasn't have haven't having he he'd he'll he's her here here's hers
    herself him himself his how however i i'd i'll i'm i've if in into is isn't it it's its
    itself just least less let let's like made make many may me might more most much must
    mustn't my myself neither no nor not now of off often on once only onto or other others
    ought our ours ourselves out over own per perhaps quite rather really same shall shan't she
    she'd she'll she's should shouldn't since so some still such than that that's the their
    theirs them themselves then there there's therefore these they they'd they'll they're
    they've this those though through thus to too toward towards under until unto up upon us
    very via was wasn't we we'd we'll we're we've were weren't what what's whatever when when's
    where where's whether which while who who's whom whose why why's will with within without
    won't would wouldn't yet you you'd you'll you're you've your yours yourself yourselves
    mr mrs ms dr st s t n't 's 're 've 'd 'll
    """.split()
)
# Words that carry little about *what* happened (reporting verbs, generic news words).
WEAK_WORDS = frozenset(
    """
    say said says saying tell told tells report reported reports reporting according
    accord added add adds stated state states claim claimed claims announced statement
    one new also year years time times day days week weeks month months today yesterday
    people person way well first last next back like just told went going go goes come came
    take took taken make made know known see seen think thought want wanted use used need
    including include includes included may might could would will show shows showed shown
    monday tuesday wednesday thursday friday saturday sunday
    """.split()
)
# Text with at least this share of capitalised words is taken as title case.
TITLE_CASE_SHARE = 0.7

_TOKEN = re.compile(r"[^\W_]+(?:['’.,\-][^\W_]+)*")
_NUMERIC = re.compile(r"^\d[\d,]*(?:\.\d+)?(?:st|nd|rd|th)?$")
_ACRONYM = re.compile(r"^(?:[A-Za-z]\.)+[A-Za-z]$")
_NUMBER_TERM = re.compile(r"^\d+(?:\.\d+)?$")
_AMOUNT = re.compile(r"^(\d[\d,]*(?:\.\d+)?)(?:m|bn|b|k|km|kg|mm|cm|ft|mph|kph|g|t)$", re.I)
_PIECE = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")


def stem(word: str) -> str:
    """The matching term of a lower-case word: its lemma ("drones" -> "drone", "died" -> "die")."""
    return lemma(word)


@lru_cache(maxsize=200_000)
def _word_terms(lower: str) -> tuple[str, ...]:
    """Matching terms of one lower-case word: () for stop words, stem plus concepts."""
    if lower in STOP_WORDS:
        return ()
    value = word_number(lower)
    if value is not None:
        return (format_number(value),)
    if lower.endswith(("'s", "’s")):
        lower = lower[:-2]
    lower = lower.replace("’", "'")
    if lower in STOP_WORDS or not lower:
        return ()
    base = lemma(lower)
    return (base, *concepts_of(base))


def _pieces(token: str) -> tuple[str, ...]:
    """Split a joined token like "attack,according" or "drone-strike" into words."""
    if (
        token.isalpha()
        or _NUMERIC.match(token)
        or _ACRONYM.match(token)
        or word_number(token) is not None
    ):
        return (token,)
    amount = _AMOUNT.match(token)
    if amount:
        return (amount.group(1),)  # "7m", "4.2bn", "16km": the number
    return tuple(m.group() for m in _PIECE.finditer(token))


def words(text: str) -> list[str]:
    """The words of ``text`` as matching sees them ("30,000" and "U.S" stay whole)."""
    return [piece for m in _TOKEN.finditer(text) for piece in _pieces(m.group())]


@dataclass(frozen=True)
class TermProfile:
    """What a sentence is about, for matching and for explaining a match."""

    terms: frozenset[str]
    names: tuple[str, ...]
    name_terms: frozenset[str]
    numbers: frozenset[str]
    surface: dict[str, str]
    content_words: int
    negated: bool
    # The first term of each content word, in reading order (for word pairs).
    sequence: tuple[str, ...] = ()

    def describe(self, term: str) -> str:
        """The word a reader saw for ``term`` ("evacuated" for "evacuat")."""
        return self.surface.get(term, term)


_NEGATIONS = frozenset(
    "no not never none nobody nothing neither nor n't without denied deny denies".split()
)


@lru_cache(maxsize=200_000)
def _word_info(lower: str) -> tuple[tuple[str, ...], bool, bool, bool]:
    """(terms, is a negation, is a number, is a weak word) of one lower-case word."""
    terms = _word_terms(lower)
    negation = lower in _NEGATIONS or lower.endswith(("n't", "n’t"))
    number = bool(terms) and _NUMBER_TERM.match(terms[0]) is not None
    return terms, negation, number, lower in WEAK_WORDS


_TokenInfo = tuple[str, str, tuple[str, ...], bool, bool, bool, bool, bool]


@lru_cache(maxsize=200_000)
def _token_info(token: str) -> tuple[_TokenInfo, ...]:
    """Per word of a token: surface, lower case, terms, negation, number, weak, alpha, upper."""
    out: list[_TokenInfo] = []
    for piece in _pieces(token):
        if piece.endswith(("'s", "’s")):
            piece = piece[:-2]
        if not piece:
            continue
        lower = piece.lower()
        word_terms, negation, number, weak = _word_info(lower)
        alpha = piece[0].isalpha()
        out.append(
            (piece, lower, word_terms, negation, number, weak, alpha, alpha and piece[0].isupper())
        )
    return tuple(out)


def profile(text: str, aliases: Aliases | None = None) -> TermProfile:
    """Build the :class:`TermProfile` of a sentence or short claim.

    ``aliases`` defaults to the shipped table; a session passes the table
    plus the acronyms its articles define.
    """
    table = default_aliases() if aliases is None else aliases
    tokens = [info for m in _TOKEN.finditer(text) for info in _token_info(m.group())]
    lowers = [t[1] for t in tokens]
    surfaces = [t[0] for t in tokens]
    terms: set[str] = set()
    surface: dict[str, str] = {}
    numbers: set[str] = set()
    name_terms: set[str] = set()
    names: list[str] = []
    run: list[tuple[str, str]] = []
    run_at_start = False
    content = 0
    negated = False
    alphabetic = capitalised = 0
    sequence: list[str] = []

    def close_run() -> None:
        if run and not (run_at_start and len(run) == 1):
            names.append(" ".join(word for word, _ in run))
            name_terms.update(term for _, term in run)
        run.clear()

    k = 0
    while k < len(tokens):
        piece, lower, word_terms, negation, number, weak, alpha, upper = tokens[k]
        negated = negated or negation
        alphabetic += alpha
        capitalised += upper
        alias = (
            table.match(lowers, surfaces, k)
            if alpha and (lower in table.starts or lower in table.words)
            else None
        )
        if alias is not None:
            term, size = alias
            content += 1
            terms.add(term)
            sequence.append(term)
            surface.setdefault(term, " ".join(surfaces[k : k + size]))
            if upper:
                if not run:
                    run_at_start = k == 0
                run.append((" ".join(surfaces[k : k + size]), term))
            for extra in tokens[k + 1 : k + size]:
                alphabetic += extra[6]
                capitalised += extra[7]
            k += size
            continue
        k += 1
        if not word_terms:
            if run:
                close_run()
            continue
        content += 1
        sequence.append(word_terms[0])
        for term in word_terms:
            terms.add(term)
            if term not in surface:
                surface[term] = lower
        if number:
            numbers.add(word_terms[0])
            if run:
                close_run()
        elif upper and not weak:
            if not run:
                run_at_start = k == 1
            run.append((piece, word_terms[0]))
        elif run:
            close_run()
    close_run()
    if alphabetic >= 4 and capitalised >= TITLE_CASE_SHARE * alphabetic:
        names.clear()  # a headline in title case: capitals say nothing about names
        name_terms.clear()
    return TermProfile(
        terms=frozenset(terms),
        names=tuple(dict.fromkeys(names)),
        name_terms=frozenset(name_terms),
        numbers=frozenset(numbers),
        surface=surface,
        content_words=content,
        negated=negated,
        sequence=tuple(sequence),
    )
