"""Character spans <-> quotes, with context (a W3C TextQuoteSelector).

A claim stores ``start``/``end`` offsets into its article's text and the quote
with a little context before and after, so its span can be checked on open
and re-found if offsets ever stop matching.
"""

from __future__ import annotations

from dataclasses import dataclass

from workbench.errors import InvalidOperation

CONTEXT_CHARS = 32


@dataclass(frozen=True)
class Anchor:
    start: int
    end: int
    quote: str
    prefix: str
    suffix: str


def tighten(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without surrounding whitespace (a drag selection often has some)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def anchor(text: str, start: int, end: int, *, context: int = CONTEXT_CHARS) -> Anchor:
    """The anchor of ``text[start:end]``, whitespace trimmed; refuses empty or outside spans."""
    if 0 <= end < start <= len(text):
        raise InvalidOperation(
            f"the span {start}-{end} is reversed: its start comes after its end "
            f"(did you mean {end}-{start}?)"
        )
    if not (0 <= start <= end <= len(text)):
        raise InvalidOperation(f"the span {start}-{end} lies outside the article (0-{len(text)})")
    start, end = tighten(text, start, end)
    if start >= end:
        raise InvalidOperation("the selection is empty; select the words of the claim")
    return Anchor(
        start=start,
        end=end,
        quote=text[start:end],
        prefix=text[max(0, start - context) : start],
        suffix=text[end : end + context],
    )


def find_quote(text: str, quote: str, occurrence: int = 1) -> tuple[int, int]:
    """The span of the ``occurrence``-th (1-based) exact occurrence of ``quote``."""
    if not quote.strip():
        raise InvalidOperation("the quote is empty")
    if occurrence < 1:
        raise InvalidOperation("occurrence counts from 1")
    pos = -1
    found = 0
    while found < occurrence:
        pos = text.find(quote, pos + 1)
        if pos < 0:
            if found == 0:
                raise InvalidOperation(f"the quote {_short(quote)!r} does not occur in the article")
            raise InvalidOperation(
                f"the quote {_short(quote)!r} occurs {found} time(s), not {occurrence}"
            )
        found += 1
    return pos, pos + len(quote)


def count_occurrences(text: str, quote: str) -> int:
    count, pos = 0, text.find(quote)
    while pos >= 0:
        count += 1
        pos = text.find(quote, pos + 1)
    return count


def matches(text: str, start: int, end: int, quote: str) -> bool:
    """True if the stored span still holds the stored quote."""
    return 0 <= start < end <= len(text) and text[start:end] == quote


def reanchor(text: str, quote: str, prefix: str, suffix: str) -> tuple[int, int] | None:
    """Find ``quote`` again, preferring the occurrence whose context matches best."""
    best: tuple[int, int] | None = None
    best_score = -1
    pos = text.find(quote)
    while pos >= 0:
        end = pos + len(quote)
        before = text[max(0, pos - len(prefix)) : pos]
        after = text[end : end + len(suffix)]
        score = _common_suffix(before, prefix) + _common_prefix(after, suffix)
        if score > best_score:
            best, best_score = (pos, end), score
        pos = text.find(quote, pos + 1)
    return best


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _common_suffix(a: str, b: str) -> int:
    return _common_prefix(a[::-1], b[::-1])


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def grapheme_span(text: str, start: int, end: int) -> tuple[int, int]:
    """``start``-``end`` widened to whole user-perceived characters (Unicode
    extended grapheme clusters: a flag, an emoji with its modifiers, a letter
    with its combining accents). Equal to the input when nothing is split."""
    import regex  # Unicode grapheme clusters (\X); the stdlib has none

    new_start, new_end = start, end
    for m in regex.finditer(r"\X", text):
        a, b = m.span()
        if a < start < b:
            new_start = a
        if a < end < b:
            new_end = b
        if a >= end:
            break
    return new_start, new_end
