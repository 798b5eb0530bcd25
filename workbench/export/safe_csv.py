"""CSV that spreadsheets open safely: the rules every CSV we write follows.

UTF-8 with a BOM (so Excel detects the encoding), CRLF line ends and RFC 4180
quoting (the ``excel`` dialect), and protection against formula injection
(OWASP "CSV Injection", CWE-1236), because article text and notes come from
strangers:

* C0 control characters other than tab, LF and CR (NUL, vertical tab, form
  feed, escape...) and DEL are written as their visible Unicode "control
  pictures" (U+2400 block: NUL becomes ␀), so no NUL byte reaches the file
  and nothing invisible hides in a cell;
* a cell whose first character is ``=``, ``+``, ``-``, ``@`` (or their
  full-width forms), tab, CR or LF gets a leading apostrophe, and so does a
  cell where one of them follows only invisible characters (zero-width
  space, BOM, direction marks, other format characters, spaces, and the
  control pictures above).

Cells longer than Excel's 32,767-character limit are written whole and
reported, so the caller can warn that Excel will cut them. Files are written
through :func:`workbench.storage.output.atomic_output`, so a crash never leaves
half a report over a good one.
"""

from __future__ import annotations

import csv
import os
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from workbench.storage.output import atomic_output

if TYPE_CHECKING:
    from workbench.storage.store import Library

DANGEROUS_FIRST = ("=", "+", "-", "@", "\t", "\r", "\n")
FORMULA_START = frozenset("=+-@\uff1d\uff0b\uff0d\uff20")  # and full-width = + - @
EXCEL_CELL_LIMIT = 32_767  # characters (UTF-16 units) Excel keeps in one cell
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _picture(m: re.Match[str]) -> str:
    code = ord(m.group())
    return "\u2421" if code == 0x7F else chr(0x2400 + code)


def _invisible(ch: str) -> bool:
    """Characters a formula may hide behind: spaces, format and control
    characters, and the control pictures they were escaped to."""
    if "\u2400" <= ch <= "\u2421":
        return True
    return ch.isspace() or unicodedata.category(ch) in ("Cf", "Cc", "Zs", "Zl", "Zp")


def safe_cell(value: object) -> str:
    """The cell's text, neutralised if a spreadsheet would run it as a formula."""
    text = _CONTROLS.sub(_picture, "" if value is None else str(value))
    if text.startswith(DANGEROUS_FIRST):
        return "'" + text
    i = 0
    while i < len(text) and _invisible(text[i]):
        i += 1
    if i < len(text) and text[i] in FORMULA_START:
        return "'" + text
    return text


def excel_length(text: str) -> int:
    """Length as Excel counts it (UTF-16 code units)."""
    return len(text.encode("utf-16-le")) // 2


@dataclass(frozen=True)
class LongCell:
    row: int  # 1-based data row (the header is row 0)
    column: str
    length: int


@dataclass
class CsvWritten:
    """What :func:`write_table` wrote: data rows, and the cells Excel will cut."""

    rows: int = 0
    long_cells: list[LongCell] = field(default_factory=list)

    def warnings(self) -> list[str]:
        """One line per problem a reader of the file should know about."""
        if not self.long_cells:
            return []
        shown = ", ".join(
            f"row {c.row} {c.column} ({c.length:,} characters)" for c in self.long_cells[:5]
        )
        more = f" and {len(self.long_cells) - 5} more" if len(self.long_cells) > 5 else ""
        return [
            f"{len(self.long_cells)} cell(s) longer than Excel's limit of "
            f"{EXCEL_CELL_LIMIT:,} characters; the CSV holds them whole, but Excel cuts them "
            f"off: {shown}{more}"
        ]


def write_table(
    path: str | os.PathLike[str],
    header: Sequence[str],
    rows: Iterable[Sequence[object]],
    *,
    lib: Library | None = None,
) -> CsvWritten:
    """Write ``rows`` under ``header`` atomically; says how many rows and which
    cells are too long for Excel.

    ``lib`` is the open library, so the destination can be refused when it is
    the library, one of its companion files or a backup."""
    result = CsvWritten()
    names = [str(h) for h in header]
    with atomic_output(path, lib=lib, encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh, dialect="excel", lineterminator="\r\n")
        writer.writerow([safe_cell(h) for h in header])
        for row in rows:
            result.rows += 1
            cells = [safe_cell(v) for v in row]
            for i, cell in enumerate(cells):
                if len(cell) > EXCEL_CELL_LIMIT // 2 and excel_length(cell) > EXCEL_CELL_LIMIT:
                    column = names[i] if i < len(names) else f"column {i + 1}"
                    result.long_cells.append(LongCell(result.rows, column, excel_length(cell)))
            writer.writerow(cells)
    return result


def write_csv(
    path: str | os.PathLike[str],
    header: Sequence[str],
    rows: Iterable[Sequence[object]],
    *,
    lib: Library | None = None,
) -> int:
    """Write ``rows`` under ``header`` atomically; returns the number of rows."""
    return write_table(path, header, rows, lib=lib).rows
