"""Terms of a sentence for matching: words without stop words, light stems, numbers, names.

A sentence becomes a :class:`TermProfile`: the set of its content terms (light
stems such as ``"evacuat"`` for "evacuated"/"evacuate", numbers as digits so
"four" meets "4", and a few concept terms such as ``"~casualty"`` that let
"no one was injured" meet "two were killed"), the capitalised names it
mentions, and the surface word of each term for explanations.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from workbench.numbers import format_number, word_number

__all__ = [
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
CONCEPT_PREFIX = "~"
# Text with at least this share of capitalised words is taken as title case.
TITLE_CASE_SHARE = 0.7
# Irregular forms that a suffix stripper cannot reach.
_IRREGULAR: dict[str, str] = {
    "struck": "strike",
    "died": "die",
    "dying": "die",
    "dies": "die",
    "shot": "shoot",
    "fled": "flee",
    "fought": "fight",
    "taken": "take",
    "took": "take",
    "men": "man",
    "women": "woman",
    "children": "child",
    "sank": "sink",
    "sunk": "sink",
    "flew": "fly",
    "flown": "fly",
    "threw": "throw",
    "thrown": "throw",
    "caught": "catch",
    "built": "build",
    "bought": "buy",
    "sold": "sell",
    "sent": "send",
    "spent": "spend",
    "began": "begin",
    "begun": "begin",
    "won": "win",
    "lost": "lose",
    "held": "hold",
    "seized": "seize",
    "arrested": "arrest",
    "news": "news",
    "series": "series",
    "species": "species",
}
# Concept terms let different words for one kind of event meet.
_CONCEPTS: dict[str, list[str]] = {
    "death": (
        "kill killed killing kills dead die died dies dying death deaths fatal fatality "
        "fatalities perish perished"
    ).split(),
    "injury": "injure injured injuring injuries injury wound wounded wounds hurt hurting".split(),
    "casualty": "casualty casualties".split(),
    "attack": (
        "attack attacked attacks attacking strike strikes struck striking hit hits hitting "
        "bomb bombed bombing bombs blast blasts explosion explosions exploded raid raids "
        "airstrike airstrikes shelling assault"
    ).split(),
}
_CONCEPT_OF: dict[str, tuple[str, ...]] = {}
for _concept, _words in _CONCEPTS.items():
    for _w in _words:
        tags = [CONCEPT_PREFIX + _concept]
        if _concept in ("death", "injury"):
            tags.append(CONCEPT_PREFIX + "casualty")
        _CONCEPT_OF[_w] = tuple(tags)

_TOKEN = re.compile(r"[^\W_]+(?:['’.,\-][^\W_]+)*")
_NUMERIC = re.compile(r"^\d[\d,]*(?:\.\d+)?(?:st|nd|rd|th)?$")
_ACRONYM = re.compile(r"^(?:[A-Za-z]\.)+[A-Za-z]$")
_NUMBER_TERM = re.compile(r"^\d+(?:\.\d+)?$")
_AMOUNT = re.compile(r"^(\d[\d,]*(?:\.\d+)?)(?:m|bn|b|k|km|kg|mm|cm|ft|mph|kph|g|t)$", re.I)
_PIECE = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Light suffix stripping of a lower-case word: "drones" -> "dron", "evacuated" -> "evacuat"."""
    w = _IRREGULAR.get(word, word)
    if len(w) <= 3 or not w.isalpha():
        return w
    for suffix, repl in (("ies", "y"), ("ied", "y"), ("sses", "ss")):
        if w.endswith(suffix) and len(w) - len(suffix) >= 2:
            return w[: -len(suffix)] + repl
    if w.endswith(("ss", "us", "is")):
        return w
    for suffix in ("ing", "ed"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            w = w[: -len(suffix)]
            if len(w) >= 4 and w[-1] == w[-2] and w[-1] not in "lsz":
                w = w[:-1]
            return w
    if w.endswith("es") and len(w) > 4:
        w = w[:-2] if w[-3] in "sxz" or w.endswith(("ches", "shes")) else w[:-1]
    elif w.endswith("s"):
        w = w[:-1]
    if w.endswith("ly") and len(w) > 5:
        w = w[:-2]
    if w.endswith("e") and len(w) > 3:
        w = w[:-1]
    return w


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
    return (stem(lower), *_CONCEPT_OF.get(lower, ()))


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


def profile(text: str) -> TermProfile:
    """Build the :class:`TermProfile` of a sentence or short claim."""
    terms: set[str] = set()
    surface: dict[str, str] = {}
    numbers: set[str] = set()
    name_terms: set[str] = set()
    names: list[str] = []
    run: list[tuple[str, str]] = []
    run_at_start = False
    content = 0
    negated = False
    position = 0
    alphabetic = capitalised = 0

    def close_run() -> None:
        if run and not (run_at_start and len(run) == 1):
            names.append(" ".join(word for word, _ in run))
            name_terms.update(term for _, term in run)
        run.clear()

    for m in _TOKEN.finditer(text):
        for piece, lower, word_terms, negation, number, weak, alpha, upper in _token_info(
            m.group()
        ):
            negated = negated or negation
            position += 1
            alphabetic += alpha
            capitalised += upper
            if not word_terms:
                if run:
                    close_run()
                continue
            content += 1
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
                    run_at_start = position == 1
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
    )
