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
        "part",
        re.compile(
            r"\b(?:at\s+the\s+(?P<edge>beginning|start|end)\s+of|(?P<part>early|late|mid-?)|"
            r"(?P<earlier>earlier(?:\s+in)?)|(?:in\s+)?the\s+(?P<half>first|second|last)\s+half\s+of)\s*"
            r"(?P<which>this|last|the|next)\s+(?P<unit>week|month|year)\b",
            re.I,
        ),
    ),
    (
        "ago",
        re.compile(
            r"\b(?P<n>an?|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+"
            r"(?P<unit>days?|weeks?|months?|years?)\s+"
            r"(?P<dir>ago|earlier|later|(?:before|after)(?=\s*[,.;:]|\s*$))",
            re.I,
        ),
    ),
    (
        "relative",
        re.compile(
            r"\b(?P<rel>yesterday|today|tonight|last\s+night|this\s+morning|"
            r"this\s+week|last\s+week|last\s+month|"
            r"this\s+month|last\s+year|the\s+day\s+before|the\s+previous\s+day|"
            r"the\s+(?:next|following)\s+(?:day|morning|evening|night)|"
            r"(?:over\s+)?the\s+weekend|this\s+weekend|"
            r"last\s+weekend)\b",
            re.I,
        ),
    ),
    (
        "month",
        re.compile(
            rf"\b(?P<pre>in|since|during|early|late|mid-?|last|(?i:last))\s+(?P<mon>{_MONTH})"
            r"(?:\s+(?P<y>(?:19|20)\d\d))?\b"
        ),
    ),
    ("year", re.compile(r"\b(?:in|since|during|throughout)\s+(?P<y>(?:19|20)\d\d)\b(?!-)")),
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


def find_time_mentions(
    text: str, published: datetime.date | None, anchor: datetime.date | None = None
) -> list[TimeMention]:
    """Time expressions in ``text``, left to right, without overlaps (longest first).

    ``anchor`` is the last date the article named before ``text``: "two days
    earlier" and "the next day" count from it (without one they stay words).
    """
    found: list[TimeMention] = []
    taken: list[tuple[int, int]] = []
    if not _MAYBE_TIME.search(text):
        return found
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            mention = _resolve(kind, m, published, anchor)
            if mention is not None:
                found.append(mention)
                taken.append((mention.start, mention.end))
    return sorted(found, key=lambda t: t.start)


def _resolve(
    kind: str, m: re.Match[str], pub: datetime.date | None, anchor: datetime.date | None = None
) -> TimeMention | None:
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
        last = groups["pre"].lower() == "last"
        if pub and not groups["y"] and last and year == pub.year and month >= pub.month:
            year -= 1  # "last September", said in September: a year before
        rng = _month_range(year, month)
        return TimeMention(start, end, words, str(rng), rng, _against(words, pub))
    if kind == "year":
        y = int(groups["y"])
        rng = DateRange(datetime.date(y, 1, 1), datetime.date(y, 12, 31))
        return TimeMention(start, end, words, str(rng), rng, "")
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
    if kind == "part":
        return _part(m, pub)
    if kind == "ago":
        return _ago(m, pub, anchor)
    return _relative(m, pub, anchor)


_UNRESOLVED = "no publication date to resolve against"
_SMALL = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
          "seven": 7, "eight": 8, "nine": 9, "ten": 10}  # fmt: skip


def _unit_range(unit: str, which: str, pub: datetime.date) -> DateRange:
    """The week (Monday to Sunday), month or year ``which`` ("this", "last", "next") names."""
    if unit == "week":
        monday = pub - datetime.timedelta(days=pub.weekday())
        shift = {"last": -7, "next": 7}.get(which, 0)
        first = monday + datetime.timedelta(days=shift)
        return DateRange(first, first + datetime.timedelta(days=6))
    if unit == "month":
        year, month = pub.year, pub.month
        if which == "last":
            year, month = (year - 1, 12) if month == 1 else (year, month - 1)
        elif which == "next":
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return _month_range(year, month)
    year = pub.year + {"last": -1, "next": 1}.get(which, 0)
    return DateRange(datetime.date(year, 1, 1), datetime.date(year, 12, 31))


def _part(m: re.Match[str], pub: datetime.date | None) -> TimeMention:
    """ "at the beginning of this month", "late last week", "earlier this month"."""
    words = m.group()
    g = m.groupdict()
    if pub is None:
        return TimeMention(m.start(), m.end(), words, " ".join(words.split()), None, _UNRESOLVED)
    unit, which = g["unit"].lower(), g["which"].lower()
    whole = _unit_range(unit, "this" if which == "the" else which, pub)
    days = (whole.last - whole.first).days + 1
    third = max(1, days // 3)
    edge = (g["edge"] or g["part"] or g["half"] or "").lower().rstrip("-")
    if g["earlier"]:
        rng = DateRange(whole.first, max(whole.first, min(whole.last, pub - datetime.timedelta(1))))
    elif edge in ("beginning", "start", "early"):
        rng = DateRange(whole.first, whole.first + datetime.timedelta(days=third - 1))
    elif edge in ("end", "late"):
        rng = DateRange(whole.last - datetime.timedelta(days=third - 1), whole.last)
    elif edge == "mid":
        rng = DateRange(
            whole.first + datetime.timedelta(days=third),
            whole.last - datetime.timedelta(days=third),
        )
    elif edge == "first":
        rng = DateRange(whole.first, whole.first + datetime.timedelta(days=days // 2 - 1))
    else:  # second or last half
        rng = DateRange(whole.first + datetime.timedelta(days=days // 2), whole.last)
    if which in ("this", "the") and rng.last > pub and rng.first <= pub:
        rng = DateRange(rng.first, pub)
    return TimeMention(m.start(), m.end(), words, str(rng), rng, _against(words, pub))


def _ago(
    m: re.Match[str], pub: datetime.date | None, anchor: datetime.date | None
) -> TimeMention | None:
    """ "two days ago" (from publication), "three days earlier" (from the last date named)."""
    words = m.group()
    g = m.groupdict()
    n = int(g["n"]) if g["n"].isdigit() else _SMALL[g["n"].lower()]
    unit = g["unit"].lower().rstrip("s")
    days = n * {"day": 1, "week": 7, "month": 30, "year": 365}[unit]
    direction = g["dir"].lower()
    base = pub if direction == "ago" else anchor
    if base is None:
        why = _UNRESOLVED if direction == "ago" else "no earlier date in the article to count from"
        return TimeMention(m.start(), m.end(), words, " ".join(words.split()), None, why)
    sign = 1 if direction in ("later", "after") else -1
    d = base + datetime.timedelta(days=sign * days)
    if unit == "year":
        d = _safe_date(base.year + sign * n, base.month, base.day) or d
    if unit in ("month", "year"):
        approx = DateRange(d - datetime.timedelta(days=15), d + datetime.timedelta(days=15))
        if unit == "year":
            approx = _month_range(d.year, d.month)
        note = f"'{words}' counted from {base.isoformat()}: about {approx}"
        return TimeMention(m.start(), m.end(), words, str(approx), approx, note)
    note = (
        _against(words, base)
        if direction == "ago"
        else f"'{words}' counted from {base.isoformat()}, the date named before"
    )
    return TimeMention(m.start(), m.end(), words, d.isoformat(), _day(d), note)


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


def _relative(
    m: re.Match[str], pub: datetime.date | None, anchor: datetime.date | None = None
) -> TimeMention | None:
    words = m.group()
    rel = " ".join(words.lower().split())
    one = datetime.timedelta(days=1)
    if rel.startswith(("the next ", "the following ")):
        rel = "the next day"
    if rel in ("the previous day", "the next day", "the following day") or (
        rel == "the day before" and anchor is not None
    ):
        if anchor is None:
            return TimeMention(
                m.start(), m.end(), words, rel, None, "no earlier date in the article to count from"
            )
        d = anchor + (one if rel in ("the next day", "the following day") else -one)
        note = f"'{words}' counted from {anchor.isoformat()}, the date named before"
        return TimeMention(m.start(), m.end(), words, d.isoformat(), _day(d), note)
    if pub is None:
        return TimeMention(m.start(), m.end(), words, rel, None, _UNRESOLVED)
    monday = pub - datetime.timedelta(days=pub.weekday())
    rng: DateRange
    if rel in ("today", "tonight", "this morning"):
        rng = _day(pub)
    elif rel in ("yesterday", "last night", "the day before"):
        rng = _day(pub - one)
    elif rel == "this week":
        rng = DateRange(monday, pub)
    elif rel == "last week":
        rng = DateRange(monday - datetime.timedelta(days=7), monday - one)
    elif rel == "this month":
        rng = DateRange(pub.replace(day=1), pub)
    elif rel == "last month":
        first = pub.replace(day=1) - one
        rng = _month_range(first.year, first.month)
    elif rel == "last year":
        rng = DateRange(datetime.date(pub.year - 1, 1, 1), datetime.date(pub.year - 1, 12, 31))
    elif rel in ("the weekend", "over the weekend", "this weekend", "last weekend"):
        # The most recent Saturday and Sunday on or before publication.
        saturday = pub - datetime.timedelta(days=(pub.weekday() - 5) % 7)
        if rel == "last weekend" and pub.weekday() >= 5:
            saturday -= datetime.timedelta(days=7)
        rng = DateRange(saturday, min(pub, saturday + one))
    else:
        return None
    return TimeMention(m.start(), m.end(), words, str(rng), rng, _against(words, pub))
