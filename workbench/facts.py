"""Checkable facts of articles, lined up across a session to show where reports disagree.

``extract_facts`` finds casualties, counts of things, the time, the place and
who is cited in one article; ``compare_facts`` puts the articles side by side,
one row per facet and key ("casualties / killed", "quantities / drone",
"time / event date"...), conflicts first, each with a one-line reason such as
"none injured vs >=2 killed vs 2 killed".
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, replace

from rapidfuzz import fuzz

from workbench.dates import DateRange, TimeMention, find_time_mentions, ranges_overlap
from workbench.facts_names import attribution_facts, place_facts
from workbench.facts_rules import (
    FACETS,
    Count,
    Fact,
    casualty_facts,
    is_event_sentence,
    parse_count,
    quantity_facts,
)
from workbench.text import ArticleText, split_sentences

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


def extract_facts(article: ArticleText) -> list[Fact]:
    """All facts of one article, in text order within each facet."""
    return facts_in_sentences(article, [(s.start, s.text) for s in split_sentences(article.text)])


def facts_in_sentences(article: ArticleText, sentences: Sequence[tuple[int, str]]) -> list[Fact]:
    """Facts of ``article`` from already segmented ``(start, text)`` sentences."""
    facts: list[Fact] = []
    event_date_seen = False
    times: list[tuple[Fact, bool]] = []
    for start, text in sentences:
        event = is_event_sentence(text)
        casualties = casualty_facts(text, start, article.article_id)
        mentions = find_time_mentions(text, article.published)
        attributions = attribution_facts(text, start, article.article_id)
        used = [(f.start - start, f.end - start) for f in casualties]
        used += [(t.start, t.end) for t in mentions]
        facts += casualties
        facts += quantity_facts(text, start, article.article_id, used)
        names = [(f.start - start, f.end - start) for f in attributions]
        facts += place_facts(
            text,
            start,
            article.article_id,
            LOCATION if event else OTHER_PLACE,
            names + [(t.start, t.end) for t in mentions],
        )
        facts += attributions
        for t in mentions:
            fact = _time_fact(article.article_id, start, t)
            times.append((fact, event))
            event_date_seen |= event
    # The event's date: in sentences that tell what happened; failing that, the first date.
    for i, (fact, event) in enumerate(times):
        is_event = event or (not event_date_seen and i == 0)
        facts.append(replace(fact, key=EVENT_DATE if is_event else OTHER_DATE))
    return _resolve_surnames(facts)


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
            match = [n for n in full if n.split()[-1] == f.value]
            if len(set(match)) == 1:
                f = replace(f, value=match[0], note=f"'{f.value}' taken as {match[0]}")
        out.append(f)
    return out


# --------------------------------------------------------------------------- comparing


def compare_facts(articles: Sequence[ArticleText]) -> list[FacetRow]:
    """Line up the facts of several articles: one row per (facet, key), conflicts first."""
    order = {a.article_id: i for i, a in enumerate(articles)}
    by_key: dict[tuple[str, str], list[Fact]] = {}
    for article in articles:
        for fact in extract_facts(article):
            by_key.setdefault((fact.facet, fact.key), []).append(fact)
    by_key = _merge_quantity_keys(by_key)
    rows: list[FacetRow] = []
    for (facet, key), facts in by_key.items():
        facts.sort(key=lambda f: (order[f.article_id], f.start))
        facts = _dedupe(facts)
        conflict, reason = _conflict(facet, key, facts)
        rows.append(FacetRow(facet, key, conflict, reason, tuple(facts)))
    facet_rank = {f: i for i, f in enumerate(FACETS)}
    rows.sort(
        key=lambda r: (
            not r.conflict,
            facet_rank[r.facet],
            r.key in (OTHER_DATE, OTHER_PLACE),
            r.key,
        )
    )
    return rows


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
                    )
                    if w in fact.text.lower()
                ),
                fact.key,
            )
            if word in ("injuries", "wounded", "hurt"):
                word = "injured"
            return f"none {word}"
        return f"{fact.value} {fact.key}"
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
