"""Turn the date spellings found in article metadata into ISO "YYYY-MM-DD"."""

from __future__ import annotations

import datetime as dt
import re

# Our own month table rather than strptime("%B"): strptime follows the
# process locale, which a desktop app may have changed, and the same file
# must give the same date on every machine.
_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})"
_WEEKDAY = r"(?:[A-Za-z]{3,9},?\s+)?"
_PATTERNS = (
    # 2026-03-09, 2026/03/09, 2026.03.09, optionally followed by a time.
    re.compile(r"(?P<year>\d{4})[-/.](?P<month>\d{1,2})[-/.](?P<day>\d{1,2})(?:[T ].*)?"),
    # 9 March 2026, Monday 9 March 2026, 9 Mar. 2026
    re.compile(_WEEKDAY + _DAY + r"\s+" + _MONTH + r",?\s+" + _YEAR),
    # March 9, 2026, Mon, Mar 9 2026
    re.compile(_WEEKDAY + _MONTH + r"\s+" + _DAY + r",?\s+" + _YEAR),
    # PDF dates: D:20260309120000+01'00'
    re.compile(r"D:(?P<year>\d{4})(?P<month>\d{2})(?P<day>\d{2}).*"),
)


def parse_date(value: object) -> str | None:
    """Return ``value`` as an ISO date string, or None if it is not a date.

    Accepts ``datetime.date``/``datetime`` objects and strings such as
    "2026-03-09", "9 March 2026", "March 9, 2026" and PDF "D:20260309...".
    Impossible dates (31 February) give None rather than a guess.
    """
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if not isinstance(value, str):
        return None
    text = value.strip()
    for pattern in _PATTERNS:
        match = pattern.fullmatch(text)
        if match is None:
            continue
        month_text = match.group("month")
        month = int(month_text) if month_text.isdigit() else _MONTHS.get(month_text.lower())
        if month is None:
            continue
        try:
            return dt.date(int(match.group("year")), month, int(match.group("day"))).isoformat()
        except ValueError:
            return None
    return None
