"""Rules that find checkable facts in one sentence: casualties and counts of things.

Each rule is a pure function from a sentence (its text and where it starts in
the article) to :class:`Fact` records whose spans point into the article
text. Places and attributions are in :mod:`workbench.facts_names`, time
expressions in :mod:`workbench.dates`; the article-level steps (which date is
the event's, whose surname is whose) in :mod:`workbench.facts`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from workbench.numbers import UNITS, format_number

__all__ = [
    "FACETS",
    "NOUN_STOP",
    "Count",
    "Fact",
    "casualty_facts",
    "is_event_sentence",
    "parse_count",
    "quantity_facts",
]

FACETS = ("casualties", "quantities", "time", "place", "attribution")


@dataclass(frozen=True)
class Fact:
    """A checkable detail stated by one article, lined up across articles by ``facet`` and ``key``.

    ``start``/``end`` locate ``text`` in the article; ``value`` is normalised
    and readable ("0", ">=2", "2026-03-09", "Harbour Gazette"); ``number`` is
    the numeric value where there is one (the lower bound for "at least N");
    ``note`` says how a value was worked out.
    """

    facet: str
    article_id: str
    start: int
    end: int
    text: str
    key: str
    value: str
    number: float | None = None
    note: str = ""


# --------------------------------------------------------------------------- numbers

_NUMWORD = (
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    r"fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|"
    r"eighty|ninety)"
)
_NUM = (
    r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|"
    rf"{_NUMWORD}(?:-{_NUMWORD})?|an?\s+dozen|dozens|hundreds|thousands|scores|a\s+hundred|a\s+thousand)"
    r"(?:\s+(?:hundred|thousand|million|billion))?"
)
_QUAL = (
    r"(?:at\s+least|more\s+than|over|up\s+to|as\s+many\s+as|nearly|almost|about|around|"
    r"roughly|approximately|some|fewer\s+than|less\s+than|at\s+most|an\s+estimated|"
    r"at\s+least\s+another|another|close\s+to|just\s+over|just\s+under|upwards\s+of)"
)
NUMBER_PHRASE = re.compile(
    rf"(?<![\w$£€.,-])(?:(?P<qual>{_QUAL})\s+)?(?P<num>{_NUM})(?![\w%]|[.,]\d)", re.I
)
_OPEN_ENDED = {"dozens": 24.0, "hundreds": 200.0, "thousands": 2000.0, "scores": 40.0}
_MULT = {"hundred": 100.0, "thousand": 1000.0, "million": 1e6, "billion": 1e9}


@dataclass(frozen=True)
class Count:
    """A counted amount as an interval: "at least two" is ``Count(">=2", 2, 2, inf)``."""

    value: str
    number: float
    low: float
    high: float

    def overlaps(self, other: Count) -> bool:
        """Whether both counts can be true at once."""
        return self.low <= other.high and other.low <= self.high


def parse_count(qual: str | None, num: str) -> Count | None:
    """Turn a matched number phrase ("at least", "two") into a :class:`Count`."""
    words = num.lower().split()
    inf = float("inf")
    if words[0] in _OPEN_ENDED:
        n = _OPEN_ENDED[words[0]]
        return Count(f">={format_number(n)}", n, n, inf)
    if words[0] in ("a", "an"):
        words = words[1:]
        base = float(UNITS.get(words[0], 1))
        words = words[1:]
    else:
        first = words[0].replace(",", "")
        if "-" in first:
            tens, ones = first.split("-")
            base = float(UNITS[tens] + UNITS[ones])
        elif first in UNITS:
            base = float(UNITS[first])
        else:
            try:
                base = float(first)
            except ValueError:
                return None
        words = words[1:]
    for w in words:
        base *= _MULT.get(w, 1.0)
    q = " ".join((qual or "").lower().split())
    v = format_number(base)
    if q in ("at least", "at least another"):
        return Count(f">={v}", base, base, inf)
    if q in ("more than", "over", "just over", "upwards of"):
        return Count(f">{v}", base, base + (1 if base == int(base) else 0), inf)
    if q in ("up to", "as many as", "at most"):
        return Count(f"<={v}", base, 0.0, base)
    if q in ("fewer than", "less than", "just under"):
        return Count(f"<{v}", base, 0.0, max(0.0, base - 1))
    if q in (
        "nearly",
        "almost",
        "about",
        "around",
        "roughly",
        "approximately",
        "some",
        "an estimated",
        "close to",
    ):
        return Count(f"~{v}", base, base * 0.9, base * 1.1)
    return Count(v, base, base, base)


def _is_year(num: str, qual: str | None) -> bool:
    return qual is None and bool(re.fullmatch(r"(1[89]|20)\d\d", num))


# --------------------------------------------------------------------------- casualties

_KILLED = {"killed", "dead", "died", "death", "deaths", "fatalities", "fatality", "perished"}
_INJURED = {"injured", "wounded", "hurt", "injuries", "injury", "harmed"}
_CAS_WORD = re.compile(
    r"\b(killed|dead|died|deaths|fatalities|perished|injured|wounded|hurt|injuries|casualties)\b",
    re.I,
)
_ZERO = (
    re.compile(
        r"\b(?:no\s+one|no-one|nobody|none(?:\s+of\s+(?:the\s+)?[a-z]+)?)\s+"
        r"(?:(?:was|were|is|are|has|have|had|been|being|got|reported|reportedly|seriously|badly|"
        r"critically|fatally|immediately)\s+){0,3}"
        r"(?P<w>injured|hurt|wounded|killed|harmed|died|dead)\b",
        re.I,
    ),
    re.compile(
        r"\bno\s+(?:(?:reported|immediate|serious|other|known|further|confirmed)\s+)?"
        r"(?:reports?\s+of\s+(?:any\s+)?)?(?P<w>injuries|injury|casualties|fatalities|deaths|dead)\b",
        re.I,
    ),
)
_CLAUSE_BREAK = re.compile(
    r",(?!\d)|[;:()\"“”]|\b(?:and|but|while|when|after|as|including|before|whereas)\b", re.I
)
_DEATH_TOLL = re.compile(
    rf"\bdeath\s+toll\s+(?:\w+\s+){{0,3}}?(?:to|of|at|reached|hit|is|was|stands\s+at|stood\s+at)\s+"
    rf"(?:(?P<qual>{_QUAL})\s+)?(?P<num>{_NUM})\b",
    re.I,
)
_FORWARD = re.compile(
    rf"^\s+(?:(?P<qual>{_QUAL})\s+)?(?P<num>{_NUM})\b(?!\s+(?:percent|per\s+cent|years?|days?))",
    re.I,
)


def _cas_key(word: str) -> str:
    w = word.lower()
    if w in _KILLED:
        return "killed"
    if w in _INJURED:
        return "injured"
    return "casualties"


def casualty_facts(sentence: str, offset: int, article_id: str) -> list[Fact]:
    """Casualty counts: "no one was injured", "at least two people were killed", "five wounded"."""
    if not _CAS_WORD.search(sentence) and "toll" not in sentence:
        return []
    facts: list[Fact] = []
    taken: list[tuple[int, int]] = []
    for pattern in _ZERO:
        for m in pattern.finditer(sentence):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            taken.append((m.start(), m.end()))
            key = _cas_key(m.group("w"))
            span = (offset + m.start(), offset + m.end(), m.group())
            keys = ["injured", "killed"] if key == "casualties" else [key]
            for k in keys:
                facts.append(Fact("casualties", article_id, *span, k, "0", 0.0))
            if key == "injured":
                note = f"implied by '{m.group()}'"
                facts.append(Fact("casualties", article_id, *span, "killed", "0", 0.0, note))
    for m in _DEATH_TOLL.finditer(sentence):
        count = parse_count(m.group("qual"), m.group("num"))
        if count is not None and not _is_year(m.group("num"), m.group("qual")):
            taken.append((m.start(), m.end()))
            facts.append(
                Fact(
                    "casualties",
                    article_id,
                    offset + m.start(),
                    offset + m.end(),
                    m.group(),
                    "killed",
                    count.value,
                    count.number,
                )
            )
    for m in _CAS_WORD.finditer(sentence):
        if any(s <= m.start() < e for s, e in taken):
            continue
        found = _count_before(sentence, m.start()) or _count_after(sentence, m.end(), m.group())
        if found is None:
            continue
        start, end, count = found
        start, end = min(start, m.start()), max(end, m.end())
        taken.append((start, end))
        facts.append(
            Fact(
                "casualties",
                article_id,
                offset + start,
                offset + end,
                sentence[start:end],
                _cas_key(m.group()),
                count.value,
                count.number,
            )
        )
    return facts


def _count_before(sentence: str, word_start: int) -> tuple[int, int, Count] | None:
    clause_start = 0
    for b in _CLAUSE_BREAK.finditer(sentence, 0, word_start):
        clause_start = b.end()
    last: re.Match[str] | None = None
    for m in NUMBER_PHRASE.finditer(sentence, clause_start, word_start):
        last = m
    if last is None or _is_year(last.group("num"), last.group("qual")):
        return None
    between = sentence[last.end() : word_start].split()
    open_ended = last.group("num").lower() in _OPEN_ENDED
    if len(between) > 4 or (between and between[0].lower() in ("than", "per", "percent")):
        return None
    if between and between[0].lower() == "of" and not open_ended:
        return None
    if re.search(r"\bno[\s-]+$", sentence[max(0, last.start() - 4) : last.start()], re.I):
        return None
    count = parse_count(last.group("qual"), last.group("num"))
    if count is None:
        return None
    return last.start(), word_start, count


def _count_after(sentence: str, word_end: int, word: str) -> tuple[int, int, Count] | None:
    if word.lower() not in ("killed", "injured", "wounded"):
        return None
    m = _FORWARD.match(sentence[word_end:])
    if m is None or _is_year(m.group("num"), m.group("qual")):
        return None
    count = parse_count(m.group("qual"), m.group("num"))
    if count is None:
        return None
    return word_end + m.start("qual" if m.group("qual") else "num"), word_end + m.end(), count


# --------------------------------------------------------------------------- quantities

_IRREGULAR_PLURALS = {
    "people": "people", "men": "man", "women": "woman", "children": "child", "police": "police",
    "personnel": "personnel", "feet": "foot", "teeth": "tooth", "mice": "mouse", "geese": "goose",
    "cattle": "cattle", "sheep": "sheep", "aircraft": "aircraft", "staff": "staff", "crew": "crew",
    "troops": "troop", "series": "series", "species": "species", "news": "news",
}  # fmt: skip
_NOT_COUNTED = {
    "second", "minute", "hour", "day", "week", "month", "year", "decade", "century", "time",
    "percent", "per", "cent", "point", "am", "pm", "a.m", "p.m", "o'clock", "th", "st", "nd", "rd",
    "others", "other", "more", "less", "ago", "times", "way", "ways", "thing", "things", "part",
    "parts", "side", "sides", "kind", "kinds", "piece", "pieces", "reason", "reasons", "lot",
    "lots",
}  # fmt: skip
NOUN_STOP = frozenset(
    """a an the of and or but to in on at by for from with as is are was were be been being has have
    had that which who whom whose this these those it its their there than then who also more most
    other others each every some any all both such not no nor so very just only still even about
    into over under after before during while when where why how would could should will may might
    must can did do does said says told say""".split()
)
_ADJECTIVES = frozenset(
    "new more other additional further separate different several many few small large big old "
    "young first second third last next same such own whole main major key".split()
)


def _singular(word: str) -> str:
    w = word.lower()
    if w in _IRREGULAR_PLURALS:
        return _IRREGULAR_PLURALS[w]
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith(("ches", "shes", "sses", "xes", "zes")):
        return w[:-2]
    if w.endswith("s") and not w.endswith(("ss", "us", "is")):
        return w[:-1]
    return w


def _is_plural(word: str) -> bool:
    w = word.lower()
    if w in _IRREGULAR_PLURALS:
        return True
    return len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is", "ous"))


_WORD_AFTER = re.compile(r"\s+([A-Za-z][A-Za-z\-]*)")


def quantity_facts(
    sentence: str, offset: int, article_id: str, skip: list[tuple[int, int]]
) -> list[Fact]:
    """Counts of things: "four drones", "two patrol boats", "30,000 tonnes of diesel".

    ``skip`` holds sentence-relative spans already used (casualties, dates).
    """
    facts: list[Fact] = []
    for m in NUMBER_PHRASE.finditer(sentence):
        if any(m.start() < e and s < m.end() for s, e in skip):
            continue
        num, qual = m.group("num"), m.group("qual")
        if _is_year(num, qual) or sentence[max(0, m.start() - 4) : m.start()].lower().endswith(
            ("no ", "no-")
        ):
            continue
        words: list[tuple[str, int]] = []
        pos = m.end()
        lower_num = num.lower()
        if lower_num.split()[0] in _OPEN_ENDED:
            of = re.match(r"\s+of\b", sentence[pos:])
            if of is None:
                continue
            pos += of.end()
        while len(words) < 3:
            w = _WORD_AFTER.match(sentence, pos)
            if w is None or w.group(1).lower() in NOUN_STOP:
                break
            words.append((w.group(1), w.end()))
            pos = w.end()
            if _is_plural(w.group(1)):
                break
        if not words:
            continue
        count = parse_count(qual, num)
        if count is None:
            continue
        head_i = next((i for i, (w, _) in enumerate(words) if _is_plural(w)), None)
        if head_i is None:
            if count.number != 1 or len(words) != 1:
                continue
            head_i = 0
        head = _singular(words[head_i][0])
        if head in _NOT_COUNTED or words[head_i][0][0].isupper() or head.endswith(("ly", "ing")):
            continue
        mods = [
            w.lower() for w, _ in words[:head_i] if w[0].islower() and w.lower() not in _ADJECTIVES
        ]
        key = " ".join([*mods[-1:], head])
        end = words[head_i][1]
        facts.append(
            Fact(
                "quantities",
                article_id,
                offset + m.start(),
                offset + end,
                sentence[m.start() : end],
                key,
                count.value,
                count.number,
            )
        )
    return facts


# --------------------------------------------------------------------------- events

_EVENT = re.compile(
    r"\b(?:attack\w*|strikes?|struck|hit|bomb\w*|blasts?|explo\w+|raids?|airstrikes?|shell\w*|"
    r"kill\w*|dead|died|deaths?|injur\w*|wounded|crash\w*|fire|blaze|flood\w*|earthquake|"
    r"collaps\w*|shooting|happened|occurred|incident|took\s+place|launched|fired|clash\w*|"
    r"arrested|detained|seized|captured|disappeared|kidnapp\w*|abduct\w*)\b",
    re.I,
)


def is_event_sentence(sentence: str) -> bool:
    """Whether a sentence tells what happened (an attack, deaths, a crash...), not its aftermath."""
    return _EVENT.search(sentence) is not None
