"""Plain-text articles (.txt) with an optional ``Key: value`` header block."""

from __future__ import annotations

import re

from workbench.importers.metadata_dates import parse_date
from workbench.importers.normalize import clean_field, clean_title, normalize_text
from workbench.importers.types import Extracted

# Header keys a user may type, case-insensitive, mapped to metadata fields.
HEADER_KEYS: dict[str, str] = {
    "title": "title",
    "outlet": "outlet",
    "source": "outlet",
    "publication": "outlet",
    "author": "author",
    "by": "author",
    "date": "published",
    "published": "published",
    "url": "url",
    "link": "url",
    "language": "language",
}
_HEADER_LINE = re.compile(r"(?P<key>[A-Za-z]+)[ \t]*:[ \t]*(?P<value>.*)")


def split_header(text: str) -> tuple[dict[str, str], str]:
    """Split a leading ``Key: value`` block from normalised ``text``.

    The block counts only if every line before the first blank line is a
    known key, and a blank line follows it; otherwise the text is returned
    whole, so an article that opens with "Note: ..." keeps its first line.
    Returns the fields found (first occurrence wins) and the remaining text.
    """
    lines = text.split("\n")
    fields: dict[str, str] = {}
    for index, line in enumerate(lines):
        if not line.strip():
            if index == 0:
                return {}, text
            return fields, "\n".join(lines[index + 1 :])
        match = _HEADER_LINE.fullmatch(line.strip())
        if match is None or match.group("key").lower() not in HEADER_KEYS:
            return {}, text
        field = HEADER_KEYS[match.group("key").lower()]
        fields.setdefault(field, match.group("value").strip())
    # Header lines only, no blank line after them: not a header block.
    return {}, text


def extract_plain(text: str, encoding: str | None) -> Extracted:
    """Extract a .txt article: header fields become metadata, the rest is text."""
    fields, body = split_header(normalize_text(text))
    return fields_to_extracted(fields, body, encoding)


def fields_to_extracted(fields: dict[str, str], body: str, encoding: str | None) -> Extracted:
    """Build an ``Extracted`` from header/front-matter fields and a body."""
    return Extracted(
        text=body,
        title=clean_title(fields.get("title")),
        outlet=clean_field(fields.get("outlet")),
        author=clean_field(fields.get("author")),
        url=clean_field(fields.get("url")),
        published=parse_date(fields.get("published")),
        language=clean_field(fields.get("language")),
        encoding=encoding,
    )
