"""CSV that spreadsheets open safely: the rules every CSV we write follows.

UTF-8 with a BOM (so Excel detects the encoding), CRLF line ends and RFC 4180
quoting (the ``excel`` dialect), and protection against formula injection
(OWASP "CSV Injection", CWE-1236): a cell that starts with ``=``, ``+``,
``-``, ``@``, tab, CR or LF gets a leading apostrophe, because article text
and notes come from strangers. Files are written to a temporary file and
renamed into place, so a crash never leaves half a report over a good one.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from workbench.export.output import atomic_output

if TYPE_CHECKING:
    from workbench.store import Library

DANGEROUS_FIRST = ("=", "+", "-", "@", "\t", "\r", "\n")


def safe_cell(value: object) -> str:
    """The cell's text, neutralised if a spreadsheet would run it as a formula."""
    text = "" if value is None else str(value)
    if text.startswith(DANGEROUS_FIRST):
        return "'" + text
    return text


def write_csv(
    path: str | os.PathLike[str],
    header: Sequence[str],
    rows: Iterable[Sequence[object]],
    *,
    lib: Library | None = None,
) -> int:
    """Write ``rows`` under ``header`` atomically; returns the number of rows.

    ``lib`` is the open library, so the destination can be refused when it is
    the library, one of its companion files or a backup."""
    count = 0
    with atomic_output(path, lib=lib, encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh, dialect="excel", lineterminator="\r\n")
        writer.writerow([safe_cell(h) for h in header])
        for row in rows:
            writer.writerow([safe_cell(v) for v in row])
            count += 1
    return count
