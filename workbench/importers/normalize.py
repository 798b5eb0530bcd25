"""Text normalisation shared by every importer.

The app stores character offsets into the imported text, so normalisation
must be deterministic and idempotent: running it twice gives the same text.
"""

from __future__ import annotations

import re
import unicodedata

# Characters Python's str.splitlines() treats as line breaks. Turning them all
# into "\n" keeps line-based processing (headers, titles) in step with the
# stored text; form feeds from PDF page breaks would otherwise glue words.
_LINE_BREAKS = re.compile("\r\n|[\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")
# Remaining C0 controls (except tab and newline), DEL, C1 controls and the
# byte-order mark: invisible, meaningless in an article, and they break
# offsets in widgets that drop them.
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ufeff]")
# A lone surrogate (possible in pasted text) cannot be encoded to UTF-8 and
# would make the database refuse the row.
_SURROGATES = re.compile("[\ud800-\udfff]")
_TRAILING_SPACE = re.compile(r"[^\S\n]+$", re.MULTILINE)
_BLANK_RUNS = re.compile(r"\n{3,}")
_SPACE_RUNS = re.compile(r"\s+")

MAX_TITLE_CHARS = 300
SHORT_LINE_CHARS = 200


def normalize_text(text: str) -> str:
    """Return ``text`` normalised for storage.

    Line ends become "\\n", the text is in Unicode NFC, control characters
    other than "\\n" and "\\t" are removed, trailing whitespace is stripped
    from every line, runs of blank lines collapse to one blank line, and the
    whole is stripped at both ends.
    """
    text = _LINE_BREAKS.sub("\n", text)
    text = _SURROGATES.sub("\ufffd", text)
    # Controls go before NFC: removing one between a letter and a combining
    # mark would otherwise leave a decomposed pair behind.
    text = _CONTROLS.sub("", text)
    text = unicodedata.normalize("NFC", text)
    text = _TRAILING_SPACE.sub("", text)
    text = _BLANK_RUNS.sub("\n\n", text)
    return text.strip()


def clean_field(value: object) -> str | None:
    """Normalise a metadata value to one trimmed line, or None when empty."""
    if value is None:
        return None
    line = _SPACE_RUNS.sub(" ", normalize_text(str(value))).strip()
    return line or None


def clean_title(value: object) -> str | None:
    """Like ``clean_field``, capped so a runaway title cannot flood the UI."""
    line = clean_field(value)
    if line is None:
        return None
    if len(line) > MAX_TITLE_CHARS:
        line = line[: MAX_TITLE_CHARS - 1].rstrip() + "…"
    return line


# A first line opening like this credits a source or a photo; it is not a title.
_CREDIT = re.compile(
    r"^(?:as\s+(?:revealed|reported|first\s+reported)\s+by|according\s+to|by|via|from|source|"
    r"sources|photo|photos|image|picture|video|reporting\s+by|written\s+by|with\s+reporting|"
    r"credit|updated|published|posted|copyright|\(c\)|©)\b",
    re.IGNORECASE,
)
_SECTIONS = frozenset(
    "world news politics opinion business economy sport sports americas europe asia africa "
    "international national local breaking latest live analysis culture science health "
    "technology tech environment".split()
)
_DATE_ONLY = re.compile(r"^[\d\s/.,:-]+$|^\w+\s+\d{1,2},?\s+\d{4}$")


def looks_like_title(line: str) -> bool:
    """Whether a first line reads as a headline, not a section label or a credit.

    "USA" or "WORLD NEWS" (a short label in capitals), "As revealed by the
    New York Times." (a credit), a lone date, a line ending in a full stop or
    a colon (a sentence of the text, or a lead-in) are not titles.
    """
    line = line.strip()
    words = line.split()
    if not words or len(line) >= SHORT_LINE_CHARS:
        return False
    if len(words) == 1 and words[0].lower().strip(".:") in _SECTIONS:
        return False
    if _CREDIT.match(line) or _DATE_ONLY.match(line):
        return False
    if line.endswith((":", ";", ",")) or (line.endswith(".") and not line.endswith("..")):
        return False
    letters = [c for c in line if c.isalpha()]
    return not (len(words) <= 3 and letters and all(c.isupper() for c in letters))


def first_short_line(text: str) -> str | None:
    """The first non-empty line of ``text`` if it reads as a title (``looks_like_title``)."""
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            return stripped if looks_like_title(stripped) else None
    return None


def choose_title(meta_title: str | None, text: str, stem: str | None) -> str:
    """Pick a title: metadata, else the first short line, else the stem."""
    for candidate in (meta_title, first_short_line(text), stem):
        title = clean_title(candidate)
        if title:
            return title
    return "Untitled"
