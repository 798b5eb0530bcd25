"""Time expressions in news text, resolved against the article's publication date.

"on Monday" means the most recent Monday on or before publication (unless
"next"), "last week" the calendar week before the one of publication, "on
the 9th" the most recent 9th. Each result keeps how it was resolved, so a
fact-checker can see why "Monday" became 2026-03-09.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

__all__ = ["DateRange", "TimeMention", "find_time_mentions", "ranges_overlap"]

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip

_WD = r"(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
)
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("iso", re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b")),
    (
        "dmy",
        re.compile(
            rf"\b(?P<d>[0-3]?\d)(?:st|nd|rd|th)?(?:\s+of)?\s+(?P<mon>{_MONTH})"
            r"(?:,?\s+(?P<y>(?:19|20)\d\d))?(?![\w])"
        ),
    ),
    (
        "mdy",
        re.compile(
            rf"\b(?P<mon>{_MONTH})\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\b"
            r"(?:,?\s+(?P<y>(?:19|20)\d\d)\b)?"
        ),
    ),
    ("dom", re.compile(r"\bon\s+the\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)\b(?!\s+of\b)", re.I)),
    (
        "weekday",
        re.compile(
            rf"\b(?:(?P<rel>last|next|this|on|early|late)\s+)?{_WD}"
            r"(?:(?:'s|’s)|\s+(?:morning|afternoon|evening|night))?\b"
        ),
    ),
    (
        "relative",
        re.compile(
            r"\b(?P<rel>yesterday|today|tonight|last\s+night|this\s+morning|"
            r"earlier\s+this\s+(?:week|month|year)|this\s+week|last\s+week|last\s+month|"
            r"this\s+month|last\s+year|the\s+day\s+before)\b",
            re.I,
        ),
    ),
    (
        "month",
        re.compile(
            rf"\b(?:in|since|during|early|late|mid-?)\s+(?P<mon>{_MONTH})(?:\s+(?P<y>(?:19|20)\d\d))?\b"
        ),
    ),
)


# Every pattern above needs one of these; most sentences have none.
_MAYBE_TIME = re.compile(
    r"\d|day|night|week|month|year|morning|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec"
)


@dataclass(frozen=True)
class DateRange:
    """An inclusive range of days; a single day has ``first == last``."""

    first: datetime.date
    last: datetime.date

    def __str__(self) -> str:
        if self.first == self.last:
            return self.first.isoformat()
        return f"{self.first.isoformat()}..{self.last.isoformat()}"


@dataclass(frozen=True)
class TimeMention:
    """A time expression found in a text: span, the words, and what it resolved to.

    ``resolved`` is ``None`` when there was no publication date to resolve a
    relative expression against; ``weekday`` (0 = Monday) is kept for those.
    """

    start: int
    end: int
    text: str
    value: str
    resolved: DateRange | None
    note: str
    weekday: int | None = None


def ranges_overlap(a: DateRange, b: DateRange) -> bool:
    """Whether two day ranges share at least one day."""
    return a.first <= b.last and b.first <= a.last


def _day(d: datetime.date) -> DateRange:
    return DateRange(d, d)


def _month_range(year: int, month: int) -> DateRange:
    first = datetime.date(year, month, 1)
    nxt = datetime.date(year + (month == 12), month % 12 + 1, 1)
    return DateRange(first, nxt - datetime.timedelta(days=1))


def _safe_date(year: int, month: int, day: int) -> datetime.date | None:
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def find_time_mentions(text: str, published: datetime.date | None) -> list[TimeMention]:
    """Time expressions in ``text``, left to right, without overlaps (longest first)."""
    found: list[TimeMention] = []
    taken: list[tuple[int, int]] = []
    if not _MAYBE_TIME.search(text):
        return found
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            mention = _resolve(kind, m, published)
            if mention is not None:
                found.append(mention)
                taken.append((mention.start, mention.end))
    return sorted(found, key=lambda t: t.start)


def _resolve(kind: str, m: re.Match[str], pub: datetime.date | None) -> TimeMention | None:
    words = m.group()
    start, end = m.start(), m.end()
    groups = m.groupdict()
    if kind in ("iso", "dmy", "mdy"):
        return _explicit(m, pub)
    if kind == "month":
        month = MONTHS[groups["mon"].lower().rstrip(".")]
        if groups["mon"].lower().rstrip(".") in ("may", "mar") and not groups["y"]:
            return None  # "in may", "mar" are too often not months
        year = int(groups["y"]) if groups["y"] else (pub.year if pub else None)
        if year is None:
            return TimeMention(start, end, words, groups["mon"], None, "no year known")
        if pub and not groups["y"] and datetime.date(year, month, 1) > pub:
            year -= 1
        rng = _month_range(year, month)
        return TimeMention(start, end, words, str(rng), rng, _against(words, pub))
    if kind == "dom":
        day = int(groups["d"])
        if not 1 <= day <= 31:
            return None
        if pub is None:
            return TimeMention(
                start,
                end,
                words,
                f"day {day} of an unknown month",
                None,
                "no publication date to resolve against",
            )
        year, month = pub.year, pub.month
        if day > pub.day:
            year, month = (year - 1, 12) if month == 1 else (year, month - 1)
        d = _safe_date(year, month, day)
        if d is None:
            return None
        return TimeMention(start, end, words, d.isoformat(), _day(d), _against(words, pub))
    if kind == "weekday":
        wd = WEEKDAYS.index(groups["wd"].lower())
        rel = (groups["rel"] or "").lower()
        if pub is None:
            return TimeMention(
                start,
                end,
                words,
                groups["wd"],
                None,
                "no publication date to resolve against",
                weekday=wd,
            )
        back = (pub.weekday() - wd) % 7
        if rel == "next":
            d = pub + datetime.timedelta(days=(wd - pub.weekday()) % 7 or 7)
        else:
            if rel == "last" and back == 0:
                back = 7
            d = pub - datetime.timedelta(days=back)
        return TimeMention(start, end, words, d.isoformat(), _day(d), _against(words, pub), wd)
    return _relative(m, pub)


def _against(words: str, pub: datetime.date | None) -> str:
    return f"'{words.strip()}' resolved against {pub.isoformat()}" if pub else ""


def _explicit(m: re.Match[str], pub: datetime.date | None) -> TimeMention | None:
    g = m.groupdict()
    month = int(g["m"]) if g.get("m") else MONTHS[g["mon"].lower().rstrip(".")]
    day = int(g["d"])
    words = m.group()
    if g.get("mon") and g["mon"].lower().rstrip(".") == "may" and g.get("y") is None and day > 31:
        return None
    if g.get("y"):
        d = _safe_date(int(g["y"]), month, day)
        if d is None:
            return None
        return TimeMention(m.start(), m.end(), words, d.isoformat(), _day(d), "")
    if pub is None:
        if _safe_date(2000, month, day) is None:
            return None
        return TimeMention(
            m.start(), m.end(), words, f"--{month:02d}-{day:02d}", None, "no year known"
        )
    d = _safe_date(pub.year, month, day)
    if d is None:
        return None
    note = f"year taken from publication date {pub.isoformat()}"
    if d > pub + datetime.timedelta(days=7):
        d2 = _safe_date(pub.year - 1, month, day)
        if d2 is None:
            return None
        d = d2
        note = f"year before publication ({pub.isoformat()}) assumed"
    return TimeMention(m.start(), m.end(), words, d.isoformat(), _day(d), note)


def _relative(m: re.Match[str], pub: datetime.date | None) -> TimeMention | None:
    words = m.group()
    rel = " ".join(words.lower().split())
    if pub is None:
        return TimeMention(
            m.start(), m.end(), words, rel, None, "no publication date to resolve against"
        )
    one = datetime.timedelta(days=1)
    monday = pub - datetime.timedelta(days=pub.weekday())
    rng: DateRange
    if rel in ("today", "tonight", "this morning"):
        rng = _day(pub)
    elif rel in ("yesterday", "last night", "the day before"):
        rng = _day(pub - one)
    elif rel == "this week":
        rng = DateRange(monday, pub)
    elif rel == "earlier this week":
        rng = DateRange(monday, max(monday, pub - one))
    elif rel == "last week":
        rng = DateRange(monday - datetime.timedelta(days=7), monday - one)
    elif rel == "this month":
        rng = DateRange(pub.replace(day=1), pub)
    elif rel == "earlier this month":
        rng = DateRange(pub.replace(day=1), max(pub.replace(day=1), pub - one))
    elif rel == "last month":
        first = pub.replace(day=1) - one
        rng = _month_range(first.year, first.month)
    elif rel == "earlier this year":
        rng = DateRange(pub.replace(month=1, day=1), max(pub.replace(month=1, day=1), pub - one))
    elif rel == "last year":
        rng = DateRange(datetime.date(pub.year - 1, 1, 1), datetime.date(pub.year - 1, 12, 31))
    else:
        return None
    return TimeMention(m.start(), m.end(), words, str(rng), rng, _against(words, pub))
