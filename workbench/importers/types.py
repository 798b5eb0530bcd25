"""Data types shared by the importers."""

from __future__ import annotations

from dataclasses import dataclass

SUPPORTED_SUFFIXES: tuple[str, ...] = (
    ".txt",
    ".text",
    ".md",
    ".markdown",
    ".html",
    ".htm",
    ".docx",
    ".pdf",
)


@dataclass(frozen=True)
class ImportedArticle:
    """One article read from a file or pasted, as plain normalised text.

    ``text`` is deterministic for a given input: the app stores character
    offsets into it, so the same file must always give the same text.
    """

    text: str
    title: str
    outlet: str | None = None
    author: str | None = None
    url: str | None = None
    published: str | None = None
    language: str | None = None
    source_name: str | None = None
    encoding: str | None = None
    fmt: str = "txt"


@dataclass(frozen=True)
class Extracted:
    """What a format parser found, before the common finishing steps.

    The text here is raw; ``finish`` in ``reader`` normalises it, applies the
    length cap and picks the title, so every format follows the same rules.
    """

    text: str
    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    url: str | None = None
    published: str | None = None
    language: str | None = None
    encoding: str | None = None
