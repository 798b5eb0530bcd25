"""Reading numbers written as digits or words ("30,000", "two", "a dozen", "twenty-five").

Shared by matching (numbers become comparable terms) and facts (counts of
casualties and things).
"""

from __future__ import annotations

import re

__all__ = [
    "NUMBER_WORDS",
    "format_number",
    "word_number",
]

UNITS: dict[str, int] = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "dozen": 12,
    "hundred": 100,
    "thousand": 1000,
}
NUMBER_WORDS = frozenset(UNITS)
MULTIPLIERS: dict[str, int] = {
    "hundred": 100,
    "thousand": 1_000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
}
_DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^\d+(?:\.\d+)?$")
_ORDINAL = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)$")


def word_number(word: str) -> float | None:
    """The value of one token: "14", "30,000", "3.5", "four", "twenty-five", "9th".

    Returns ``None`` for anything that is not a number.
    """
    w = word.lower()
    if _DIGITS.match(w):
        return float(w.replace(",", ""))
    m = _ORDINAL.match(w)
    if m:
        return float(m.group(1))
    if w in UNITS:
        return float(UNITS[w])
    if "-" in w:
        parts = w.split("-")
        if len(parts) == 2 and parts[0] in UNITS and parts[1] in UNITS:
            tens, ones = UNITS[parts[0]], UNITS[parts[1]]
            if tens >= 20 and tens % 10 == 0 and 0 < ones < 10:
                return float(tens + ones)
    return None


def format_number(value: float) -> str:
    """``2.0`` -> ``"2"``, ``3.5`` -> ``"3.5"``, ``30000.0`` -> ``"30000"``."""
    if value == int(value):
        return str(int(value))
    return f"{value:g}"
