"""Rules that find checkable facts in one sentence: casualties and counts of things.

Each rule is a pure function from a sentence (its text and where it starts in
the article) to :class:`Fact` records whose spans point into the article
text. Places and attributions are in :mod:`workbench.analysis.facts.names`, time
expressions in :mod:`workbench.analysis.time_expressions`; the article-level steps (which date is
the event's, whose surname is whose) in :mod:`workbench.analysis.facts.extract`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from workbench.analysis.numbers import UNITS, format_number

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
    ``note`` says how a value was worked out; ``who`` whom a casualty count
    is of; ``scope`` whether the fact is about the article's own event
    ("main") or about earlier events, a wider campaign or history
    ("background"), with the evidence in ``scope_note``.
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
    who: str = ""  # casualties: whom the count is of ("traffickers", "civilians")
    scope: str = "main"  # "main" (the article's event) or "background" (earlier events...)
    scope_note: str = ""  # the evidence for ``scope``


# --------------------------------------------------------------------------- numbers

_NUMWORD = (
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    r"fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|"
    r"eighty|ninety)"
)
_NUM = (
    r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|"
    rf"{_NUMWORD}(?:-{_NUMWORD})?|an?\s+dozen|dozens|hundreds|thousands|scores|a\s+hundred|a\s+thousand)"
    r"(?:\s+(?:hundreds?|thousands?|million|billion))?"
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
        base *= _MULT.get(w.rstrip("s") if w.endswith("s") and w != "s" else w, 1.0)
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

_KILLED = {
    "killed", "dead", "died", "death", "deaths", "fatalities", "fatality", "perished", "killing",
    "lives", "life", "slain", "dies", "die", "bodies",
}  # fmt: skip
_INJURED = {
    "injured", "wounded", "hurt", "injuries", "injury", "harmed", "injuring", "wounding",
    "unharmed", "unhurt", "unscathed",
}  # fmt: skip
_MISSING = {"missing", "unaccounted"}
_CAS_WORD = re.compile(
    r"\b(killed|dead|died|deaths|fatalities|perished|injured|wounded|hurt|injuries|casualties|"
    r"killing|wounding|injuring|missing|slain|bodies)\b",
    re.I,
)
# ", including a child," between a count and its casualty word: skipped over.
_APPOSITIVE = re.compile(
    r"\s[—–]\s*[^—–]{3,60}[—–]\s*(?:(?:were|was|had|have|has|been|are|is)\s+){0,3}$|"
    r",\s*(?:including|among\s+them|most\s+of\s+them|many\s+of\s+them|all\s+of\s+them|"
    r"some\s+of\s+them|mostly|mainly)\b[^,;:]{0,60},\s*"
    r"(?:(?:were|was|had|have|has|been|are|is|reportedly|later|all)\s+){0,3}$",
    re.I,
)
# Stems a casualty sentence cannot do without (a cheap test that skips most sentences).
_CASUALTY_STEMS = (
    "kill", "dead", "die", "death", "fatalit", "perish", "injur", "wound", "hurt", "casualt",
    "missing", "slain", "lives", "unharm", "unhurt", "unscathed", "toll", "bodies",
)  # fmt: skip
# "no one was hurt", "nobody was killed", "none of the crew were injured"
_ZERO = (
    re.compile(
        r"\b(?:no\s+one|no-one|nobody|none(?:\s+of\s+(?:the\s+|its\s+|their\s+)?(?P<who>[a-z]+))?)"
        r"\s+(?:(?:was|were|is|are|has|have|had|been|being|got|reported|reportedly|seriously|"
        r"badly|critically|fatally|immediately|believed|thought|to|be|appears?|appeared|else)\s+)"
        r"{0,4}(?P<w>injured|hurt|wounded|killed|harmed|died|dead)\b",
        re.I,
    ),
    re.compile(
        r"\bno\s+(?:(?:reported|immediate|serious|other|known|further|confirmed|major|civilian|"
        r"human)\s+)*(?:reports?\s+of\s+(?:any\s+)?)?"
        r"(?P<w>injuries|injury|casualties|casualty|fatalities|deaths|dead|loss\s+of\s+(?:human\s+)?life|"
        r"lives\s+(?:were\s+|have\s+been\s+)?lost)\b",
        re.I,
    ),
    # "without casualties", "without any injuries"
    re.compile(
        r"\bwithout\s+(?:any\s+)?(?:(?:reported|civilian|human)\s+)?"
        r"(?P<w>casualties|injuries|fatalities|deaths|loss\s+of\s+(?:human\s+)?life)\b",
        re.I,
    ),
    # "the crew escaped unharmed", "all 30 passengers were unhurt"
    re.compile(
        r"\b(?:(?:was|were|is|are|escaped|emerged|left|remained|survived|walked\s+away)\s+)"
        r"(?:(?:all|completely|largely|physically|apparently|reportedly)\s+)?"
        r"(?P<w>unharmed|unhurt|unscathed|uninjured)\b",
        re.I,
    ),
)
_CLAUSE_BREAK = re.compile(
    r",(?!\d)|[;:()\"“”]|\b(?:and|but|while|when|after|as|including|before|whereas|which|who|"
    r"that|since|because|although)\b",
    re.I,
)
_DEATH_TOLL = re.compile(
    rf"\b(?:death\s+)?toll\s+(?:\w+\s+){{0,3}}?(?:to|of|at|reached|hit|is|was|stands\s+at|"
    rf"stood\s+at|climbed\s+to|rose\s+to|climbed\s+toward|toward|towards|past|above)\s+(?:(?P<qual>{_QUAL})\s+)?(?P<num>{_NUM})\b",
    re.I,
)
# "claimed more than 1,400 lives", "cost 12 lives"
_LIVES = re.compile(
    rf"\b(?:claim(?:ed|ing|s)?|took|taken|taking|cost|costing|lost)\s+(?:the\s+)?"
    rf"(?:(?P<qual>{_QUAL})\s+)?(?P<num>{_NUM})\s+(?:\w+\s+)?lives\b",
    re.I,
)
# "the deaths of at least two", "claimed the lives of 12", "the killing of three"
_NOMINAL = re.compile(
    rf"\b(?:(?P<death>deaths?|killings?|killing|murders?)|(?P<inj>injur(?:y|ies|ing)|wounding)|"
    rf"(?:claim(?:ed|ing|s)?|took|taken|taking|cost|costing)\s+the\s+(?P<lives>lives?))\s+of\s+"
    rf"(?:(?P<qual>{_QUAL})\s+)?(?P<num>{_NUM})\b",
    re.I,
)
_FORWARD = re.compile(
    rf"^\s+(?:(?P<qual>{_QUAL})\s+)?(?P<num>{_NUM})\b(?!\s+(?:percent|per\s+cent|years?|days?|"
    r"times|hours?|minutes?|km|miles?|metres?|meters?|feet))",
    re.I,
)
# Whom a count is of: "two of the alleged traffickers", "five civilians", "12 people".
_WHO_AFTER = re.compile(
    r"^\s+(?:of\s+(?:the|their|its|his|her|those)\s+)?(?P<words>(?:[A-Za-z][a-z\-]*\s*){1,3})"
)
_NOT_WHO = frozenset(
    "were was are is have has had been in on at by of and or but the a an as after when who "
    "which that during from with more than people's others other".split()
)
_GENERIC_WHO = frozenset({"", "people", "person", "persons", "individuals", "others", "victims"})
_NUMBER_WORDS_SET = frozenset(UNITS) | {"hundred", "thousand", "million", "dozens", "hundreds"}


def _cas_key(word: str) -> str:
    w = word.lower().split()[0]
    if w in _KILLED or w.startswith(("loss", "lives")):
        return "killed"
    if w in _INJURED:
        return "injured"
    if w in _MISSING:
        return "missing"
    return "casualties"


def _who(text: str) -> str:
    """The plural noun a count is of, from the words after the number ("" if none)."""
    m = _WHO_AFTER.match(text)
    if m is None:
        return ""
    for word in m.group("words").split():
        lw = word.lower()
        if lw in _NOT_WHO or lw in _NUMBER_WORDS_SET:
            return ""
        if lw in _KILLED | _INJURED | _MISSING | {"casualties", "wounded"}:
            return ""
        if _is_plural(lw):
            return lw
    return ""


def _who_before(sentence: str, start: int, end: int) -> str:
    """Whom a count is of, when it stands between the number and the casualty word."""
    words: list[str] = re.findall(r"[A-Za-z][a-z\-]+", sentence[start:end])
    skip = _NOT_WHO | _NUMBER_WORDS_SET | _KILLED | _INJURED | _MISSING | {"casualties", "wounded"}
    for w in reversed(words):
        lw = w.lower()
        if _is_plural(lw) and lw not in skip:
            return lw
    return ""


def casualty_facts(sentence: str, offset: int, article_id: str) -> list[Fact]:
    """Casualty counts in their everyday forms, with whom they are of.

    Verbs ("at least two people were killed", "killing 12"), nouns ("the
    deaths of two", "claimed the lives of", "death toll rose to", "three
    fatalities", "left five dead"), and negations, which are counts of 0
    ("no one was hurt", "no injuries were reported", "without casualties",
    "escaped unharmed"): none hurt also means none killed.
    """
    lower = sentence.lower()
    if not any(stem in lower for stem in _CASUALTY_STEMS):
        return []
    facts: list[Fact] = []
    taken: list[tuple[int, int]] = []

    def add(start: int, end: int, key: str, count: Count, who: str = "", note: str = "") -> None:
        taken.append((start, end))
        facts.append(
            Fact(
                "casualties",
                article_id,
                offset + start,
                offset + end,
                sentence[start:end],
                key,
                count.value,
                count.number,
                note,
                who if who not in _GENERIC_WHO else "",
            )
        )

    zero = Count("0", 0.0, 0.0, 0.0)
    for pattern in _ZERO:
        for m in pattern.finditer(sentence):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            key = _cas_key(m.group("w"))
            who = (m.groupdict().get("who") or "").lower()
            who = who if _is_plural(who) else ""
            if key == "casualties":
                add(m.start(), m.end(), "injured", zero, who)
                add(m.start(), m.end(), "killed", zero, who)
            else:
                add(m.start(), m.end(), key, zero, who)
            if key == "injured":
                add(m.start(), m.end(), "killed", zero, who, f"implied by '{m.group()}'")
    for m in _DEATH_TOLL.finditer(sentence):
        count = parse_count(m.group("qual"), m.group("num"))
        if count is not None and not _is_year(m.group("num"), m.group("qual")):
            add(m.start(), m.end(), "killed", count, _who(sentence[m.end() :]))
    for m in _LIVES.finditer(sentence):
        count = parse_count(m.group("qual"), m.group("num"))
        if count is not None and not _is_year(m.group("num"), m.group("qual")):
            add(m.start(), m.end(), "killed", count)
    for m in _NOMINAL.finditer(sentence):
        if any(m.start() < e and s < m.end() for s, e in taken):
            continue
        count = parse_count(m.group("qual"), m.group("num"))
        if count is None or _is_year(m.group("num"), m.group("qual")):
            continue
        key = "injured" if m.group("inj") else "killed"
        add(m.start(), m.end(), key, count, _who(sentence[m.end() :]))
    for m in _CAS_WORD.finditer(sentence):
        if any(s <= m.start() < e for s, e in taken):
            continue
        before = _count_before(sentence, m.start())
        found = before or _count_after(sentence, m.end(), m.group())
        if found is None:
            continue
        start, end, count = found
        if before is not None:
            who = _who_before(sentence, start, m.start())
        else:
            who = _who(sentence[end:])
        start, end = min(start, m.start()), max(end, m.end())
        if any(start < e and s < end for s, e in taken):
            continue
        add(start, end, _cas_key(m.group()), count, who)
    return facts


def _count_before(sentence: str, word_start: int) -> tuple[int, int, Count] | None:
    head = sentence[:word_start]
    for m in _APPOSITIVE.finditer(head):
        # "Three civilians, including a child, were killed": read past the aside.
        inner = _count_before(sentence[: m.start()] + " " * (word_start - m.start()), word_start)
        if inner is not None:
            return inner
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
    of_them = len(between) >= 2 and between[1].lower() in ("the", "their", "its", "them")
    if between and between[0].lower() == "of" and not open_ended and not of_them:
        return None
    if any(w.lower().strip(",.") in _NOT_COUNTED or w.lower() in _TIME_UNITS for w in between):
        return None  # "two days after they were killed", "3 percent"
    if re.search(r"\bno[\s-]+$", sentence[max(0, last.start() - 4) : last.start()], re.I):
        return None
    count = parse_count(last.group("qual"), last.group("num"))
    if count is None:
        return None
    return last.start(), word_start, count


_TIME_UNITS = frozenset(
    "seconds minutes hours days weeks months years decades times percent".split()
)


def _count_after(sentence: str, word_end: int, word: str) -> tuple[int, int, Count] | None:
    if word.lower() not in ("killed", "injured", "wounded", "killing", "wounding", "injuring"):
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
    # Who tells it or how, and what is compared: not checkable details of the event.
    "account", "report", "story", "version", "source", "statement", "witness", "official",
    "outlet", "newspaper", "article", "interview", "claim", "theory", "explanation", "view",
    "government", "party", "leader", "option", "question", "issue",
    "case", "occasion", "instance", "scenario", "possibility", "word", "sentence", "paragraph",
    "line", "page", "step", "stage", "phase", "round", "term", "expert", "analyst", "observer",
    "idea", "aspect", "sense", "category",
}  # fmt: skip
# "the two countries", "these three men", "both sides": words that refer back to
# something already named; the number is not a new count to check.
_REFERRING = re.compile(
    r"\b(?:the|these|those|its|their|his|her|our|your|my|both|all|each|every|of\s+the|other)\s*$",
    re.I,
)
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
    if w.endswith("men") and len(w) > 4:
        return w[:-3] + "man"
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith(("ches", "shes", "sses", "xes", "zes")):
        return w[:-2]
    if w.endswith("s") and not w.endswith(("ss", "us", "is")):
        return w[:-1]
    return w


def _is_plural(word: str) -> bool:
    w = word.lower()
    if w in _IRREGULAR_PLURALS or (w.endswith("men") and len(w) > 4):
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
        if qual is None and _REFERRING.search(sentence[max(0, m.start() - 12) : m.start()]):
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
                nxt = _WORD_AFTER.match(sentence, pos)
                # "police officers", "security forces": the plural noun after a collective
                if not (
                    w.group(1).lower() in ("police", "security", "military", "army")
                    and nxt is not None
                    and _is_plural(nxt.group(1))
                ):
                    break
        if not words:
            continue
        count = parse_count(qual, num)
        if count is None:
            continue
        plurals = [i for i, (w, _) in enumerate(words) if _is_plural(w)]
        head_i = plurals[-1] if plurals else None
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
    r"\b(?:attack\w*|assault\w*|strikes?|struck|hit|bomb\w*|blasts?|explo\w+|raids?|airstrikes?|shell\w*|"
    r"kill\w*|dead|died|deaths?|injur\w*|wounded|crash\w*|fire|blaze|flood\w*|earthquake|"
    r"collaps\w*|shooting|happened|occurred|incident|took\s+place|launched|fired|clash\w*|"
    r"arrested|detained|seized|captured|disappeared|kidnapp\w*|abduct\w*)\b",
    re.I,
)


_INTENT = re.compile(r"\b(?:to|would|will|could|might|may|threatened\s+to|plans?\s+to)\s+$", re.I)


def is_event_sentence(sentence: str) -> bool:
    """Whether a sentence tells what happened (an attack, deaths, a crash...), not its aftermath.

    A threat or a plan ("threatened to kill him", "would attack") is not an event."""
    return any(
        not _INTENT.search(sentence, max(0, m.start() - 16), m.start())
        for m in _EVENT.finditer(sentence)
    )
