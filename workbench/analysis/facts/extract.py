"""Checkable facts of articles, lined up across a session to show where reports disagree.

``extract_facts`` finds casualties, counts of things, the time, the place and
who is cited in one article; ``compare_facts`` puts the articles side by side,
one row per facet and key ("casualties / killed", "quantities / drone",
"time / event date"...), conflicts first, each with a one-line reason such as
"none injured vs >=2 killed vs 2 killed".

Each fact is about the article's main event or is background (earlier
events, the wider campaign, history: :mod:`workbench.analysis.facts.scope`, and here
dates well apart from the lead's); only main-event facts are compared, the
others get rows of their own. The day something was said ("the Pentagon
said Friday") is an "other" date, not the event's. A "source chain" row
tells which reports credit which source.
"""

from __future__ import annotations

import bisect
import datetime
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from rapidfuzz import fuzz

from workbench.analysis.facts.names import attribution_facts, place_facts
from workbench.analysis.facts.rules import (
    FACETS,
    Count,
    Fact,
    casualty_facts,
    is_event_sentence,
    parse_count,
    quantity_facts,
)
from workbench.analysis.facts.scope import BACKGROUND, MAIN, sentence_scope
from workbench.analysis.text import ArticleText, split_sentences
from workbench.analysis.time_expressions import (
    DateRange,
    TimeMention,
    find_time_mentions,
    ranges_overlap,
)

__all__ = [
    "FACETS",
    "FacetRow",
    "Fact",
    "compare_facts",
    "compare_values",
    "describe",
    "extract_facts",
    "facts_in_sentences",
]

EVENT_DATE = "event date"
OTHER_DATE = "other"
LOCATION = "location"
OTHER_PLACE = "other place"
# Keys whose values are never set against each other: a press conference on
# Wednesday does not contradict an attack on Monday.
_NEVER_CONFLICT = {("time", OTHER_DATE), ("place", OTHER_PLACE)}


@dataclass(frozen=True)
class FacetRow:
    """One line of the side-by-side comparison: every article's values for one facet and key."""

    facet: str
    key: str
    conflict: bool
    reason: str
    values: tuple[Fact, ...]
    scope: str = MAIN  # "background" rows (earlier events, the campaign) are never compared


def extract_facts(article: ArticleText) -> list[Fact]:
    """All facts of one article, in text order within each facet."""
    return facts_in_sentences(article, [(s.start, s.text) for s in split_sentences(article.text)])


def facts_in_sentences(article: ArticleText, sentences: Sequence[tuple[int, str]]) -> list[Fact]:
    """Facts of ``article`` from already segmented ``(start, text)`` sentences."""
    facts: list[Fact] = []
    event_date_seen = False
    times: list[tuple[Fact, bool, bool]] = []
    lead = _lead(article.text, sentences)
    previous: datetime.date | None = None
    for k, (start, text) in enumerate(sentences):
        event = is_event_sentence(text)
        in_lead = k in lead
        casualties = casualty_facts(text, start, article.article_id)
        attributions = attribution_facts(text, start, article.article_id)
        named = [(f.start - start, f.end - start) for f in attributions]
        # "The Mail on Sunday reported": the day is part of a name, not a date.
        mentions = [
            t
            for t in find_time_mentions(text, article.published, previous)
            if not any(t.text.split()[-1] in f.value.split() for f in attributions)
        ]
        for t in mentions:
            if t.resolved is not None:
                previous = t.resolved.last
        used = [(f.start - start, f.end - start) for f in casualties]
        used += [(t.start, t.end) for t in mentions]
        used += named
        sentence_facts = list(casualties)
        sentence_facts += quantity_facts(text, start, article.article_id, used)
        sentence_facts += place_facts(
            text,
            start,
            article.article_id,
            LOCATION if event else OTHER_PLACE,
            named + [(t.start, t.end) for t in mentions],
        )

        def scoped(f: Fact, text: str = text, start: int = start, in_lead: bool = in_lead) -> Fact:
            span = (f.start - start, f.end - start)
            return _with_scope(f, sentence_scope(text, in_lead, article.published, span))

        facts += [scoped(f) for f in sentence_facts]
        facts += attributions
        for t in mentions:
            fact = scoped(_time_fact(article.article_id, start, t))
            said = bool(
                _REPORTING_BEFORE.search(text, max(0, t.start - 90), t.start)
                or _REPORTING_AFTER.match(text, t.end)
                or (t.start <= 3 and _REPORTING_AFTER_OPENING.match(text, t.end))
            )
            if said:
                fact = replace(
                    fact, note=_join(fact.note, "when it was said, not when it happened")
                )
            times.append((fact, event and not said, said))
            event_date_seen |= event and not said and fact.scope == MAIN
    # The event's date: in sentences that tell what happened; failing that, the first
    # date that is not the day something was said.
    for i, (fact, event, said) in enumerate(times):
        is_event = event or (not event_date_seen and i == 0 and not said)
        facts.append(replace(fact, key=EVENT_DATE if is_event else OTHER_DATE))
    facts = _date_scope(facts, sentences, lead)
    return _resolve_surnames(facts)


# "the Pentagon said Friday", "told reporters on Tuesday", "statements … on Saturday",
# "The Pentagon on Friday confirmed": the day something was said, not the event's.
_REPORTING_BEFORE = re.compile(
    r"\b(?:said|says|told(?:\s+\w+){0,3}|confirmed|announced|reported|added|stated|"
    r"acknowledged|posted|statements?(?:\s+(?!that\b)[\w’'-]+){0,5}|(?:speaking|press\s+conference|"
    r"briefing|interview)(?:\s+[\w’'-]+){0,6})\s+(?:on\s+|late\s+|early\s+)?$",
    re.I,
)
# After the time, with no comma between ("X happened last week, the Courier reported"
# dates the event): "The Pentagon on Friday confirmed"; at the start of a sentence
# "On Monday several MPs confirmed that ...".
_REPORTING_AFTER = re.compile(
    r"\s+(?:the\s+)?(?:[A-Z][\w.’'-]*\s+){0,3}(?:has\s+|had\s+)?"
    r"(?:confirmed|said|announced|told|reported|acknowledged|declared|stated)\b"
)
_REPORTING_AFTER_OPENING = re.compile(
    r"\s*,?\s*(?:[\w.’'-]+\s+){0,8}?(?:confirmed|said|announced|reported|acknowledged)\s+that\b"
)


def _join(a: str, b: str) -> str:
    return f"{a}; {b}" if a else b


def _with_scope(fact: Fact, scope: tuple[str, str]) -> Fact:
    return replace(fact, scope=scope[0], scope_note=scope[1])


def _lead(text: str, sentences: Sequence[tuple[int, str]]) -> set[int]:
    """Indexes of the lead's sentences: the first paragraph that tells something
    (section labels, credits and headlines before it are skipped), at most three
    sentences, and at least the first two sentences of eight words or more."""
    real = [k for k, (_, t) in enumerate(sentences) if len(t.split()) >= 8]
    if not real:
        return set(range(len(sentences)))
    first = real[0]
    start = sentences[first][0]
    end = text.find("\n\n", start)
    end = len(text) if end < 0 else end
    lead = {k for k, (s, _) in enumerate(sentences) if start <= s < end and k >= first}
    lead = set(sorted(lead)[:3]) | set(real[:2])
    return lead


def _date_scope(
    facts: list[Fact], sentences: Sequence[tuple[int, str]], lead: set[int]
) -> list[Fact]:
    """Background too: a sentence outside the lead dated well apart from the event's date."""
    starts = [s for s, _ in sentences]

    def sentence_of(pos: int) -> int:
        return bisect.bisect_right(starts, pos) - 1

    main_dates = [
        r
        for f in facts
        if f.facet == "time" and f.key == EVENT_DATE and f.scope == MAIN
        if sentence_of(f.start) in lead and (r := _date_range(f.value)) is not None
    ] or [
        r
        for f in facts
        if f.facet == "time" and f.key == EVENT_DATE and f.scope == MAIN
        if (r := _date_range(f.value)) is not None
    ][:1]
    apart: dict[int, str] = {}
    main = (
        DateRange(min(r.first for r in main_dates), max(r.last for r in main_dates))
        if main_dates
        else None
    )
    for f in facts:
        if main is None or f.facet != "time" or f.scope != MAIN:
            continue
        k = sentence_of(f.start)
        rng = _date_range(f.value)
        if rng is None or k in lead:
            continue
        before = (main.first - rng.last).days
        after = (rng.first - main.last).days
        # An event more than a week apart from the lead's; any date a month before it.
        if (f.key == EVENT_DATE and max(before, after) > 7) or before > 30:
            apart[k] = f"dated {f.value}, apart from the event's {main}"
    # A sentence whose every date is background (its own cue or the check above)
    # dates the rest of it: "abducted in the Yemeni capital, Sana, in September 2013".
    by_sentence: dict[int, list[Fact]] = {}
    for f in facts:
        if f.facet == "time":
            by_sentence.setdefault(sentence_of(f.start), []).append(f)
    for k, times in by_sentence.items():
        if k in apart or k in lead:
            continue
        if all(t.scope == BACKGROUND for t in times):
            apart[k] = times[0].scope_note
    if not apart:
        return facts
    return [
        replace(f, scope=BACKGROUND, scope_note=apart[sentence_of(f.start)])
        if f.facet != "attribution" and f.scope == MAIN and sentence_of(f.start) in apart
        else f
        for f in facts
    ]


def _time_fact(article_id: str, offset: int, t: TimeMention) -> Fact:
    return Fact(
        "time",
        article_id,
        offset + t.start,
        offset + t.end,
        t.text,
        EVENT_DATE,
        t.value,
        None,
        t.note,
    )


def _resolve_surnames(facts: list[Fact]) -> list[Fact]:
    """Let "Varga said" count as the Elena Varga named earlier in the same article."""
    full = [
        f.value for f in facts if f.facet == "attribution" and f.key == "speaker" and " " in f.value
    ]
    out: list[Fact] = []
    for f in facts:
        if f.facet == "attribution" and f.key == "speaker" and " " not in f.value:
            match = [n for n in full if f.value in (n.split()[-1], n.split()[-1].split("-")[-1])]
            if len(set(match)) == 1:
                f = replace(f, value=match[0], note=f"'{f.value}' taken as {match[0]}")
        out.append(f)
    return out


# --------------------------------------------------------------------------- comparing


def compare_facts(articles: Sequence[ArticleText]) -> list[FacetRow]:
    """Line up the facts of several articles: one row per (facet, key), conflicts first.

    Facts about the articles' main event are compared; background facts
    (earlier events, the wider campaign) get rows of their own, after the
    others, never marked as conflicts. A "source chain" row says which
    outlets credit which original source.
    """
    order = {a.article_id: i for i, a in enumerate(articles)}
    by_key: dict[tuple[str, str], list[Fact]] = {}
    background: dict[tuple[str, str], list[Fact]] = {}
    attributions: list[Fact] = []
    for article in articles:
        for fact in extract_facts(article):
            if fact.facet == "attribution":
                attributions.append(fact)
            target = background if fact.scope == BACKGROUND else by_key
            target.setdefault((fact.facet, fact.key), []).append(fact)
    by_key = _merge_quantity_keys(by_key)
    rows: list[FacetRow] = []
    for (facet, key), facts in by_key.items():
        facts.sort(key=lambda f: (order[f.article_id], f.start))
        facts = _dedupe(facts)
        conflict, reason = _conflict(facet, key, facts)
        rows.append(FacetRow(facet, key, conflict, reason, tuple(facts)))
    chain = source_chain(attributions, order)
    if chain is not None:
        rows.append(chain)
    for (facet, key), facts in background.items():
        facts.sort(key=lambda f: (order[f.article_id], f.start))
        facts = _dedupe(facts)
        reason = "background: " + "; ".join(
            dict.fromkeys(f.scope_note for f in facts if f.scope_note)
        )
        rows.append(FacetRow(facet, key, False, reason, tuple(facts), BACKGROUND))
    facet_rank = {f: i for i, f in enumerate(FACETS)}
    rows.sort(
        key=lambda r: (
            r.scope == BACKGROUND,
            not r.conflict,
            facet_rank[r.facet],
            r.key in (OTHER_DATE, OTHER_PLACE, SOURCE_CHAIN),
            r.key,
        )
    )
    return rows


SOURCE_CHAIN = "source chain"


def source_chain(facts: Sequence[Fact], order: dict[str, int]) -> FacetRow | None:
    """Which outlets credit which original source: three reports that all credit the
    military are one source retold, not three confirmations."""
    if len({f.article_id for f in facts}) < 1 or not facts:
        return None
    names: list[str] = []
    credit: dict[str, set[str]] = {}
    shown: list[Fact] = []
    for f in sorted(facts, key=lambda f: (order[f.article_id], f.start)):
        name = next((n for n in names if _similar_names(n, f.value, 90)), None)
        if name is None:
            names.append(f.value)
            name = f.value
        credit.setdefault(name, set()).add(f.article_id)
        shown.append(replace(f, key=SOURCE_CHAIN, note=f"credited: {name}"))
    outlets = len({f.article_id for f in facts})
    ranked = sorted(credit.items(), key=lambda kv: (-len(kv[1]), names.index(kv[0])))
    parts = [
        f"{name} ← {len(ids)} of {len(order)} reports" if len(ids) > 1 else f"{name} ← 1 report"
        for name, ids in ranked
    ]
    shared = [name for name, ids in ranked if len(ids) > 1]
    lead = ""
    if shared and len(order) > 1:
        lead = f"{len(credit[shared[0]])} reports credit {shared[0]}: one source retold. "
    elif outlets > 1:
        lead = "No source is credited by two reports. "
    return FacetRow("attribution", SOURCE_CHAIN, False, lead + "; ".join(parts), tuple(shown))


def _merge_quantity_keys(
    by_key: dict[tuple[str, str], list[Fact]],
) -> dict[tuple[str, str], list[Fact]]:
    """Line "boats" up with "patrol boats" when that is the only kind of boat counted."""
    keys = [k for f, k in by_key if f == "quantities"]
    merged = dict(by_key)
    for key in keys:
        if " " in key:
            continue
        longer = [k for k in keys if k.endswith(" " + key)]
        if len(longer) == 1:
            target = ("quantities", longer[0])
            moved = [replace(f, key=longer[0]) for f in merged.pop(("quantities", key))]
            merged[target] = merged[target] + moved
    return merged


def _dedupe(facts: list[Fact]) -> list[Fact]:
    seen: set[tuple[str, int, int]] = set()
    out: list[Fact] = []
    for f in facts:
        ident = (f.article_id, f.start, f.end)
        if ident not in seen:
            seen.add(ident)
            out.append(f)
    return out


def _conflict(facet: str, key: str, facts: list[Fact]) -> tuple[bool, str]:
    per_article: dict[str, list[Fact]] = {}
    for f in facts:
        per_article.setdefault(f.article_id, []).append(f)
    if len(per_article) < 2 or (facet, key) in _NEVER_CONFLICT:
        return False, ""
    groups = list(per_article.values())
    clash = any(
        not any(compare_values(a, b) for a in ga for b in gb)
        for i, ga in enumerate(groups)
        for gb in groups[i + 1 :]
    )
    if not clash:
        return False, ""
    described = list(dict.fromkeys(describe(f) for f in facts))
    return True, " vs ".join(described)


def describe(fact: Fact) -> str:
    """A short reading of a fact for a conflict reason: "none injured", ">=2 killed", "4"."""
    if fact.facet == "casualties":
        if fact.number == 0:
            word = next(
                (
                    w
                    for w in (
                        "injured",
                        "hurt",
                        "wounded",
                        "killed",
                        "died",
                        "dead",
                        "casualties",
                        "fatalities",
                        "deaths",
                        "injuries",
                        "unharmed",
                        "unhurt",
                        "unscathed",
                    )
                    if w in fact.text.lower()
                ),
                fact.key,
            )
            if word in ("injuries", "wounded", "hurt", "unharmed", "unhurt", "unscathed"):
                word = "injured"
            return f"none {word}"
        return f"{fact.value} {fact.key}" + (f" ({fact.who})" if fact.who else "")
    return fact.value


def _count(fact: Fact) -> Count | None:
    v = fact.value
    for prefix, qual in (
        (">=", "at least"),
        ("<=", "up to"),
        (">", "more than"),
        ("<", "fewer than"),
        ("~", "about"),
    ):
        if v.startswith(prefix):
            return parse_count(qual, v[len(prefix) :])
    return parse_count(None, v)


def compare_values(a: Fact, b: Fact) -> bool:
    """Whether two facts of the same facet and key can both be true (are compatible)."""
    if (
        a.facet == "casualties"
        and a.who
        and b.who
        and a.number
        and b.number
        and _singular_word(a.who) != _singular_word(b.who)
    ):
        return True  # "5 soldiers killed" and "3 civilians killed" can both be true
    if a.facet in ("casualties", "quantities"):
        ca, cb = _count(a), _count(b)
        return ca is None or cb is None or ca.overlaps(cb)
    if a.facet == "time":
        ra, rb = _date_range(a.value), _date_range(b.value)
        if ra is not None and rb is not None:
            return ranges_overlap(ra, rb)
        # Without a publication date "Tuesday" and "last night" cannot clash;
        # a day of a month can ("--03-09" vs 2026-03-02..2026-03-08).
        return _month_days_overlap(a.value, b.value)
    if a.facet == "place":
        return _similar_names(a.value, b.value, 85)
    return _same_person(a.value, b.value)


def _singular_word(word: str) -> str:
    w = word.lower()
    return w[:-1] if w.endswith("s") else w


def _month_days_overlap(a: str, b: str) -> bool:
    days_a, days_b = _month_days(a), _month_days(b)
    if days_a is None or days_b is None:
        return True
    return bool(days_a & days_b)


def _month_days(value: str) -> set[tuple[int, int]] | None:
    if value.startswith("--") and len(value) == 7:
        return {(int(value[2:4]), int(value[5:7]))}
    rng = _date_range(value)
    if rng is None or (rng.last - rng.first).days > 366:
        return None
    days = (rng.first + datetime.timedelta(days=k) for k in range((rng.last - rng.first).days + 1))
    return {(d.month, d.day) for d in days}


def _date_range(value: str) -> DateRange | None:
    try:
        if ".." in value:
            first, last = value.split("..")
            return DateRange(datetime.date.fromisoformat(first), datetime.date.fromisoformat(last))
        d = datetime.date.fromisoformat(value)
    except ValueError:
        return None
    return DateRange(d, d)


def _words(value: str) -> set[str]:
    return {
        w
        for w in value.lower().replace("’", "'").replace("'s", "").split()
        if w not in ("the", "of")
    }


def _similar_names(a: str, b: str, cutoff: float) -> bool:
    wa, wb = _words(a), _words(b)
    if wa <= wb or wb <= wa:
        return True
    return fuzz.token_sort_ratio(" ".join(sorted(wa)), " ".join(sorted(wb))) >= cutoff


def _same_person(a: str, b: str) -> bool:
    if _similar_names(a, b, 90):
        return True
    return a.split()[-1].lower() == b.split()[-1].lower() and (" " not in a or " " not in b)
