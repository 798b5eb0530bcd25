"""Whether a sentence is about the article's own event or about background.

A report of one strike also tells of earlier strikes, the campaign so far and
history; those counts must not be set against another outlet's count of the
strike itself. The decision is made from evidence that can be stated:

- cumulative or open-ended time: "since September", "so far", "to date",
  "this year", "in total", "bringing the total to", "altogether";
- the wider whole as subject: "the campaign has", "the war has", "the
  operation has", "such strikes have";
- earlier or other events named: "previous strikes", "an earlier attack",
  "a similar raid", "last year", "in 2013", "years ago";
- tense: the past perfect ("had killed") tells what came before the event.

Sentences of the lead (the first paragraph, or the first two sentences) are
about the main event unless one of those cues says otherwise. A date found
later in the article that falls well apart from the lead's date is checked
in :mod:`workbench.analysis.facts.extract` (``_date_scope``).
"""

from __future__ import annotations

import datetime
import functools
import re

__all__ = ["BACKGROUND", "MAIN", "sentence_scope"]

MAIN = "main"
BACKGROUND = "background"

# Cues about the whole sentence: a count over a period, the wider whole as subject.
_SENTENCE_CUES: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(
            r"\bsince\s+(?:the\s+(?:start|beginning)|(?:early|late|mid-?)?\s*"
            r"(?:January|February|March|April|May|June|July|August|September|October|"
            r"November|December|(?:19|20)\d\d|last|then|it\s+began|they\s+began))",
            re.I,
        ),
        "'since …': a count over a period, not this event",
    ),
    (re.compile(r"\b(?:so\s+far|to\s+date|thus\s+far|up\s+to\s+now)\b", re.I), "'so far'"),
    (
        re.compile(
            r"\b(?:in\s+total|a\s+total\s+of|altogether|in\s+all|cumulative|annually|"
            r"bringing\s+(?:the\s+)?(?:total|toll|number|tally)|overall\s+(?:toll|total))\b",
            re.I,
        ),
        "a total, not this event",
    ),
    (
        re.compile(
            r"\b(?:the|this|its|their|a|his|her)\s+(?:\w+\s+)?(?:campaign|war|offensive|"
            r"insurgency|conflict|crackdown|series\s+of\s+\w+|operations)\s+"
            r"(?:\w+\s+)?(?:has|have|had)\b",
            re.I,
        ),
        "the wider campaign as subject ('the campaign has …')",
    ),
    (
        re.compile(
            r"\b(?:violence|fighting|conflict|war|insurgency|campaign|unrest|uprising|crisis|"
            r"epidemic|outbreak)\b[^.;]{0,60}?\b(?:has|have)\s+(?:\w+\s+)?(?:claimed|killed|"
            r"left|cost|displaced)\b|\b(?:war|conflict|insurgency|campaign)(?:['’]s)?\s+"
            r"(?:death\s+)?toll\b",
            re.I,
        ),
        "a toll of the wider conflict",
    ),
    (
        re.compile(
            r"\b(?:such|these|those|the)\s+(?:\w+\s+)?(?:strikes|attacks|raids|operations|"
            r"bombings|incidents)\s+(?:\w+\s+)?(?:have|had)\b",
            re.I,
        ),
        "several events as subject ('such strikes have …')",
    ),
    (
        re.compile(
            r"\b(?:World\s+War|Cold\s+War|in\s+the\s+(?:19|20)\d0s|centur(?:y|ies)|"
            r"historically|in\s+history)\b",
            re.I,
        ),
        "history",
    ),
)
# Cues about the clause they are in: another event, an earlier time, the past perfect.
_CLAUSE_CUES: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(
            r"\b(?:previous|earlier|prior|past|last|former|similar|separate|another|other|"
            r"recent)\s+(?:\w+\s+)?(?:strikes?|attacks?|raids?|incidents?|operations?|"
            r"bombings?|clashes|assaults?|massacres?|shootings?|missions?|attempts?)\b",
            re.I,
        ),
        "an earlier or other event named",
    ),
    (
        re.compile(
            r"\b(?:last\s+year|(?:a|one|two|three|four|five|several|many|\d+)\s+(?:years?|decades?)"
            r"\s+ago|in\s+the\s+past|this\s+year|earlier\s+this\s+year|last\s+(?:spring|summer|"
            r"autumn|fall|winter|January|February|March|April|May|June|July|August|September|"
            r"October|November|December)|in\s+recent\s+(?:years|months|weeks))\b",
            re.I,
        ),
        "a time well before the event",
    ),
    (
        re.compile(
            r"\b(?:had|hadn't|had\s+not)\s+(?:also\s+|already\s+|been\s+)?\w+(?:ed|en)\b", re.I
        ),
        "past perfect: what came before the event",
    ),
)
_PAST_PERFECT = _CLAUSE_CUES[-1][0]
_REPORTED = re.compile(
    r"\b(?:said|says|told|added|stated|reported|announced|confirmed|claimed|explained|insisted|"
    r"noted|believed|thought|learned|found|knew|realised|realized|admitted|denied|according|"
    r"acknowledged)\b",
    re.I,
)
_YEAR = re.compile(
    r"\b(?:in|since|during|by)\s+(?:(?:early|late|mid-?)\s*)?"
    r"(?:(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December)\s+)?(?P<y>(?:19|20)\d\d)\b"
)
_CLAUSE_EDGE = re.compile(r"[,;:()\u2014\u2013]|\s-\s|\bwhere\b|\bwhich\b|\bwho\b")


def _clause(sentence: str, pos: int) -> tuple[int, int]:
    """The span of the clause of ``sentence`` that holds position ``pos``."""
    start, end = 0, len(sentence)
    for m in _CLAUSE_EDGE.finditer(sentence):
        if m.end() <= pos:
            start = m.end()
        elif m.start() > pos:
            end = m.start()
            break
    return start, end


def sentence_scope(
    sentence: str,
    in_lead: bool,
    published: datetime.date | None = None,
    span: tuple[int, int] | None = None,
) -> tuple[str, str]:
    """(MAIN or BACKGROUND, the evidence) for a fact of one sentence.

    ``in_lead``: the sentence is in the article's first paragraph (or among
    its first two sentences). ``span`` (sentence-relative) is where the fact
    is: cues such as "last year" or the past perfect count only in its own
    clause ("Godane, blamed for the attack on a mall last year, was killed
    Monday": Monday is the event's). Without ``span`` any clause counts.
    """
    cue = _sentence_cue(sentence)
    if cue is not None:
        return BACKGROUND, cue
    lo, hi = (0, len(sentence)) if span is None else _clause(sentence, span[0])
    if span is not None:
        hi = max(hi, _clause(sentence, max(span[0], span[1] - 1))[1])
    return _clause_scope(sentence, in_lead, published, lo, hi)


@functools.lru_cache(maxsize=4096)
def _sentence_cue(sentence: str) -> str | None:
    for pattern, why in _SENTENCE_CUES:
        m = pattern.search(sentence)
        if m is not None:
            return f"{why}: “{m.group().strip()}”"
    return None


@functools.lru_cache(maxsize=4096)
def _clause_scope(
    sentence: str, in_lead: bool, published: datetime.date | None, lo: int, hi: int
) -> tuple[str, str]:
    reported = _REPORTED.search(sentence) is not None
    for pattern, why in _CLAUSE_CUES:
        for m in pattern.finditer(sentence, lo, hi):
            if pattern is _PAST_PERFECT and reported:
                continue  # "said the depot had been evacuated": reported speech
            return BACKGROUND, f"{why}: “{m.group().strip()}”"
    for m in _YEAR.finditer(sentence, lo, hi):
        year = int(m.group("y"))
        if published is not None and year < published.year:
            return BACKGROUND, f"an earlier year: “{m.group()}”"
    if in_lead:
        return MAIN, "in the lead paragraph"
    return MAIN, ""
