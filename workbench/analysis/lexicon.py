"""English word knowledge for matching, offline: lemmas, rarity, synonyms, aliases, acronyms.

- Lemmas come from simplemma (its English dictionary ships in the package):
  "loaded" -> "load", "deaths" -> "death", "struck" -> "strike".
- Rarity comes from wordfreq's general-English frequencies (its "small"
  English list of about 29,000 words, shipped in the package and read in
  40 ms), so that even a session of three articles knows "explosion" says
  more than "said": :func:`rarity` is ``7.2 - zipf``, clamped to 0.4..5.5;
  a word outside the list (zipf below 3) counts as zipf 2.
- Synonym groups for news vocabulary (big/large, dock/pier/port,
  killed/dead/fatalities, said/stated/told, attack/strike) are read from
  ``data/news_synonyms.txt``; a word in a group also yields the group's
  concept term (``"~dock"``).
- Aliases (US / U.S. / United States / America, UK, UN, EU...) and country /
  demonym forms (Venezuela / Venezuelan) are read from ``data/aliases.txt``
  and become one term (``"=us"``); acronyms a session defines in its own text
  ("Central Intelligence Agency (CIA)") are learned by :func:`learn_acronyms`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

__all__ = [
    "ALIAS_PREFIX",
    "CONCEPT_PREFIX",
    "Aliases",
    "concepts_of",
    "default_aliases",
    "learn_acronyms",
    "lemma",
    "rarity",
]

CONCEPT_PREFIX = "~"
ALIAS_PREFIX = "="
# Longest alias phrase, in words.
MAX_PHRASE = 6
# Single-word alias forms this short match only when written in capitals
# ("US", "UN", "WHO"), so the pronoun "us" stays a stop word.
SHORT_FORM = 3
_RARITY_TOP = 7.2
_RARITY_MIN = 0.4
_RARITY_MAX = 5.5
_UNLISTED_ZIPF = 2.0

# Irregular forms simplemma leaves alone or reads another way in news text.
_LEMMA_FIX = {
    "fatalities": "fatality",
    "shot": "shoot",
    "struck": "strike",
    "media": "media",
    "data": "data",
    "news": "news",
    "police": "police",
    "us": "us",
    "left": "leave",
    "found": "find",
    "felt": "feel",
}


def _data(name: str) -> list[str]:
    text = resources.files("workbench").joinpath("data", name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and line[0] != "#"]


@lru_cache(maxsize=300_000)
def lemma(lower: str) -> str:
    """The dictionary form of a lower-case English word ("deaths" -> "death")."""
    fixed = _LEMMA_FIX.get(lower)
    if fixed is not None:
        return fixed
    if not lower.isalpha() or len(lower) <= 2:
        return lower
    import simplemma  # imported (and its dictionary read) on first use

    out = simplemma.lemmatize(lower, lang="en")
    return out.lower() if out else lower


@lru_cache(maxsize=1)
def _frequencies() -> dict[str, float]:
    import wordfreq  # imported on first use: the app starts without it

    return wordfreq.get_frequency_dict("en", wordlist="small")


@lru_cache(maxsize=300_000)
def rarity(word: str) -> float:
    """How much sharing ``word`` says, from general-English frequency (0.4 common .. 5.5 rare)."""
    freq = _frequencies().get(word)
    zipf = math.log10(freq) + 9 if freq else _UNLISTED_ZIPF
    return max(_RARITY_MIN, min(_RARITY_MAX, _RARITY_TOP - zipf))


@lru_cache(maxsize=1)
def _synonyms() -> dict[str, tuple[str, ...]]:
    groups: dict[str, list[str]] = {}
    for line in _data("news_synonyms.txt"):
        head, _, rest = line.partition(":")
        for word in rest.split():
            for form in {word, lemma(word)}:
                tag = CONCEPT_PREFIX + head.strip()
                if tag not in groups.setdefault(form, []):
                    groups[form].append(tag)
    return {w: tuple(tags) for w, tags in groups.items()}


# Deaths and injuries are both casualties ("no one was hurt" vs "two died").
_CASUALTY = CONCEPT_PREFIX + "casualty"
_CASUALTY_GROUPS = frozenset({CONCEPT_PREFIX + "kill", CONCEPT_PREFIX + "injure"})


def concepts_of(lemma_form: str) -> tuple[str, ...]:
    """Concept terms of a lemma: its synonym groups (and "~casualty" for deaths/injuries)."""
    tags = _synonyms().get(lemma_form, ())
    if any(t in _CASUALTY_GROUPS for t in tags):
        return (*tags, _CASUALTY)
    if lemma_form in ("casualty", "casualties"):
        return (_CASUALTY,)
    return tags


@dataclass(frozen=True)
class Aliases:
    """Phrases and words that name one thing, each mapped to one canonical term."""

    phrases: dict[tuple[str, ...], str] = field(default_factory=dict)
    # Single words: canonical name, and whether the form must be written in capitals.
    words: dict[str, tuple[str, bool]] = field(default_factory=dict)
    # First word of each phrase -> its longest phrase, in words.
    starts: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.phrases and not self.starts:
            for words in self.phrases:
                self.starts[words[0]] = max(self.starts.get(words[0], 0), len(words))

    def with_acronyms(self, acronyms: dict[str, tuple[str, ...]]) -> Aliases:
        """These aliases plus acronyms a session defines ("cia" -> central intelligence agency)."""
        if not acronyms:
            return self
        phrases = dict(self.phrases)
        words = dict(self.words)
        for short, full in acronyms.items():
            canon = self.phrases.get(full) or self.words.get(short, (short, True))[0]
            phrases.setdefault(full, canon)
            words.setdefault(short, (canon, True))
        return Aliases(phrases, words)

    def match(self, lowers: list[str], surfaces: list[str], at: int) -> tuple[str, int] | None:
        """The alias starting at word ``at``: (canonical term, words used), longest first."""
        first = lowers[at]
        longest = self.starts.get(first, 0)
        for size in range(min(longest, len(lowers) - at), 1, -1):
            canon = self.phrases.get(tuple(lowers[at : at + size]))
            if canon is not None:
                return ALIAS_PREFIX + canon, size
        entry = self.words.get(first)
        if entry is None:
            return None
        canon, capitals = entry
        surface = surfaces[at]
        if capitals and not surface.isupper():
            return None
        if not capitals and not surface[:1].isupper():
            return None
        return ALIAS_PREFIX + canon, 1


@lru_cache(maxsize=1)
def default_aliases() -> Aliases:
    """The shipped alias table (``data/aliases.txt``)."""
    phrases: dict[tuple[str, ...], str] = {}
    words: dict[str, tuple[str, bool]] = {}
    for line in _data("aliases.txt"):
        canon, _, rest = line.partition(":")
        canon = canon.strip()
        for form in (f.strip() for f in rest.split("|")):
            parts = tuple(form.split())
            if len(parts) > 1:
                phrases[parts] = canon
            elif parts:
                bare = parts[0].replace(".", "")
                words[parts[0]] = (canon, len(bare) <= SHORT_FORM)
    return Aliases(phrases, words)


_DEFINITION = re.compile(
    r"((?:[A-Z][\w'’-]*\s+(?:(?:of|the|and|for|on|in|de)\s+)*){1,8})\(\s*([A-Z][A-Za-z]{1,7})\s*\)"
)
_SMALL = frozenset("of the and for on in de".split())


def learn_acronyms(texts: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """Acronyms defined in the texts: "Central Intelligence Agency (CIA)" -> cia.

    The capitalised words before the brackets must spell the acronym by their
    initials (small words such as "of" may be skipped).
    """
    found: dict[str, tuple[str, ...]] = {}
    for text in texts:
        for m in _DEFINITION.finditer(text):
            short = m.group(2)
            letters = short.upper()
            words = m.group(1).split()
            # Take the shortest tail of the phrase whose initials spell the acronym.
            for start in range(len(words) - 1, -1, -1):
                tail = words[start:]
                initials = "".join(w[0] for w in tail if w.lower() not in _SMALL).upper()
                if initials == letters and tail[0].lower() not in _SMALL:
                    found.setdefault(short.lower(), tuple(w.lower() for w in tail))
                    break
                if len(initials) > len(letters):
                    break
    return found
