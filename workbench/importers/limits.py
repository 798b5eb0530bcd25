"""Size caps for imports and the wording of the messages that enforce them."""

from __future__ import annotations

import math
from dataclasses import dataclass

MB = 1024 * 1024


@dataclass(frozen=True)
class ImportLimits:
    """Caps that keep a hostile or oversized file from hurting the program."""

    max_file_bytes: int = 20 * 1024 * 1024
    max_text_chars: int = 2_000_000
    docx_max_members: int = 2000
    docx_max_uncompressed: int = 200 * 1024 * 1024
    docx_max_ratio: float = 100.0
    pdf_timeout_s: float = 30.0
    pdf_memory_bytes: int = 1024 * 1024 * 1024


DEFAULT_LIMITS = ImportLimits()


def format_mb(n_bytes: int) -> str:
    """Format a size in MB (2**20 bytes) with one decimal, rounded up.

    Rounding up means a file just over a limit never reads as equal to it
    ("20.1 MB; the limit is 20 MB", not "20.0 MB; the limit is 20 MB").
    """
    return f"{math.ceil(n_bytes * 10 / MB) / 10:.1f} MB"


def format_limit_mb(n_bytes: int) -> str:
    """Format a limit in MB without a needless ".0" (20 MB, 2.5 MB)."""
    value = n_bytes / MB
    return f"{int(value)} MB" if value == int(value) else f"{value:.1f} MB"


def too_large_reason(size: int, limit: int) -> str:
    """The one-line reason for a file that exceeds ``limit`` bytes."""
    if limit < MB // 10:
        # Below 0.1 MB the MB figures would hide the difference; say bytes.
        return f"file is {size:,} bytes; the limit is {limit:,} bytes"
    return f"file is {format_mb(size)}; the limit is {format_limit_mb(limit)}"


def too_long_reason(n_chars: int, limit: int, *, at_least: bool = False) -> str:
    """The one-line reason for extracted text longer than ``limit`` characters.

    ``at_least`` is for readers that stop counting once over the limit.
    """
    has = "at least " if at_least else ""
    return f"the extracted text has {has}{n_chars:,} characters; the limit is {limit:,}"
