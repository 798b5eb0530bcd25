"""Entry points: read an article file, or take pasted text."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from workbench.errors import ImportRefused
from workbench.importers.decode import decode_text
from workbench.importers.docx_doc import extract_docx
from workbench.importers.html_doc import extract_html
from workbench.importers.limits import (
    DEFAULT_LIMITS,
    ImportLimits,
    too_large_reason,
    too_long_reason,
)
from workbench.importers.md import extract_markdown
from workbench.importers.metadata_dates import parse_date
from workbench.importers.normalize import choose_title, clean_field, normalize_text
from workbench.importers.pdf_doc import extract_pdf
from workbench.importers.plain import extract_plain
from workbench.importers.types import SUPPORTED_SUFFIXES, Extracted, ImportedArticle

PASTED = "pasted text"
_FORMATS = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".docx": "docx",
    ".pdf": "pdf",
}


def read_article(
    path: str | os.PathLike[str],
    *,
    encoding: str | None = None,
    limits: ImportLimits = DEFAULT_LIMITS,
) -> ImportedArticle:
    """Read one article file (.txt, .md, .html, .docx or .pdf) as plain text.

    ``encoding`` forces the text encoding of .txt/.md/.html files (after an
    ``EncodingUncertain``); it is ignored for .docx and .pdf. Raises
    ``ImportRefused`` naming the file and the reason when the file cannot be
    imported; nothing else is changed in that case. Blocking and possibly
    slow (PDF): call it off the GUI thread.
    """
    shown = os.fspath(path)
    file = Path(shown)
    suffix = file.suffix.lower()
    fmt = _FORMATS.get(suffix)
    if fmt is None:
        kind = f"'{file.suffix}'" if file.suffix else "(no file extension)"
        raise ImportRefused(
            shown, f"unsupported file type {kind} (supported: {', '.join(SUPPORTED_SUFFIXES)})"
        )
    data = read_capped(shown, limits.max_file_bytes)
    extracted = _extract(fmt, data, path=shown, encoding=encoding, limits=limits)
    return finish(
        extracted, path=shown, fmt=fmt, source_name=file.name, stem=file.stem, limits=limits
    )


def _extract(
    fmt: str, data: bytes, *, path: str, encoding: str | None, limits: ImportLimits
) -> Extracted:
    if fmt == "docx":
        return extract_docx(data, path=path, limits=limits)
    if fmt == "pdf":
        return extract_pdf(data, path=path, limits=limits)
    if fmt == "html":
        return extract_html(data, path=path, encoding=encoding)
    text, used = decode_text(data, path=path, encoding=encoding)
    if fmt == "md":
        return extract_markdown(text, used)
    return extract_plain(text, used)


def read_capped(path: str, max_bytes: int) -> bytes:
    """Read a regular file of at most ``max_bytes`` bytes, or refuse.

    The size is checked with ``os.stat`` before the file is opened, so an
    oversized file is refused at once without reading any of it.
    """
    try:
        info = os.stat(path)
    except OSError as exc:
        raise ImportRefused(path, _os_reason(exc)) from None
    _checked_size(path, info, max_bytes)
    # O_NONBLOCK: if the path was swapped for a FIFO since the stat, opening
    # must not hang; fstat below then refuses it.
    flags = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise ImportRefused(path, _os_reason(exc)) from None
    with os.fdopen(fd, "rb") as handle:
        try:
            size = _checked_size(path, os.fstat(fd), max_bytes)
            # Ask for the real size (+1 to notice growth), not the cap: read(n)
            # allocates n bytes up front.
            data = handle.read(size + 1)
            if len(data) > size:  # still growing: read on, up to the cap
                data += handle.read(max_bytes + 1 - len(data))
        except OSError as exc:
            raise ImportRefused(path, _os_reason(exc)) from None
    if len(data) > max_bytes:
        raise ImportRefused(path, too_large_reason(max(len(data), size), max_bytes))
    if not data:
        raise ImportRefused(path, "file is empty")
    return data


def _checked_size(path: str, info: os.stat_result, max_bytes: int) -> int:
    if stat.S_ISDIR(info.st_mode):
        raise ImportRefused(path, "is a folder, not a file")
    if not stat.S_ISREG(info.st_mode):
        # Devices and pipes (/dev/zero, FIFOs) could be read forever.
        raise ImportRefused(path, "not a regular file")
    if info.st_size == 0:
        raise ImportRefused(path, "file is empty")
    if info.st_size > max_bytes:
        raise ImportRefused(path, too_large_reason(info.st_size, max_bytes))
    return info.st_size


def _os_reason(exc: OSError) -> str:
    if isinstance(exc, FileNotFoundError):
        return "file not found"
    if isinstance(exc, PermissionError):
        return "permission denied"
    return f"cannot read the file ({exc.strerror or exc})"


def finish(
    extracted: Extracted,
    *,
    path: str,
    fmt: str,
    source_name: str | None,
    stem: str | None,
    limits: ImportLimits,
) -> ImportedArticle:
    """Normalise the text, enforce the text cap, pick the title."""
    text = normalize_text(extracted.text)
    if not text:
        raise ImportRefused(path, "no text found")
    if len(text) > limits.max_text_chars:
        raise ImportRefused(path, too_long_reason(len(text), limits.max_text_chars))
    return ImportedArticle(
        text=text,
        title=choose_title(extracted.title, text, stem),
        outlet=extracted.outlet,
        author=extracted.author,
        url=extracted.url,
        published=extracted.published,
        language=extracted.language,
        source_name=source_name,
        encoding=extracted.encoding,
        fmt=fmt,
    )


def from_pasted_text(
    text: str,
    *,
    title: str | None = None,
    outlet: str | None = None,
    author: str | None = None,
    url: str | None = None,
    published: str | None = None,
    limits: ImportLimits = DEFAULT_LIMITS,
) -> ImportedArticle:
    """Make an article from pasted text and metadata typed by the user.

    ``published`` accepts the same spellings as file headers ("2026-03-09",
    "9 March 2026"); an unrecognised date is refused rather than dropped,
    since the user typed it on purpose.
    """
    iso: str | None = None
    if published is not None and published.strip():
        iso = parse_date(published)
        if iso is None:
            raise ImportRefused(
                PASTED, f"date '{published.strip()}' not recognised; use YYYY-MM-DD"
            )
    extracted = Extracted(
        text=text,
        title=title,
        outlet=clean_field(outlet),
        author=clean_field(author),
        url=clean_field(url),
        published=iso,
    )
    return finish(
        extracted, path=PASTED, fmt="pasted", source_name=PASTED, stem=None, limits=limits
    )
