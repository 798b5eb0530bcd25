"""The XLSX report: the CSV's rows and more, for spreadsheets, with no encoding to get wrong.

Sheets Claims (the CSV's columns), Links, Facts and Evidence; each with a
frozen header row, an autofilter, column widths and wrapped text; verdict
cells filled with the verdict's colour. XlsxWriter is told never to turn a
string into a formula, a number or a hyperlink, and every text is written
with ``write_string``: a quote starting ``=`` is shown as those characters
and never run (formula injection is as real in XLSX as in CSV).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any

import xlsxwriter

from workbench.export.csv_report import HEADER, report_rows
from workbench.export.html_report import ExportResult
from workbench.export.report_model import (
    LINK_COLOURS,
    fact_rows,
    verdict_colour,
)
from workbench.queries.sessions import session_detail
from workbench.storage.output import atomic_output
from workbench.storage.store import Library
from workbench.vocabulary import LINK_TYPE_LABELS

# A cell holds at most 32,767 characters (Excel's limit, which XlsxWriter enforces).
CELL_LIMIT = 32_767
CUT = "… [cut: the cell limit is 32,767 characters]"

OPTIONS = {
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "strings_to_numbers": False,
    "constant_memory": False,
}
CLAIM_WIDTHS = {
    "Session": 22,
    "Article title": 30,
    "Outlet": 20,
    "URL": 30,
    "Published": 11,
    "Claim id": 12,
    "Quote": 50,
    "Start": 7,
    "End": 7,
    "Verdict": 16,
    "Rationale": 40,
    "Evidence": 36,
    "Notes": 40,
    "Linked claims": 50,
    "Created": 20,
    "Updated": 20,
}
LINK_HEADER = (
    "Link id",
    "Type",
    "Outlet A",
    "Quote A",
    "Verdict A",
    "Outlet B",
    "Quote B",
    "Verdict B",
    "Note",
    "Claim A id",
    "Claim B id",
    "Created",
    "Updated",
)
LINK_WIDTHS = (12, 18, 20, 45, 16, 20, 45, 16, 40, 12, 12, 20, 20)
EVIDENCE_HEADER = (
    "Evidence id",
    "Claim id",
    "Outlet",
    "Quote",
    "Verdict",
    "Title",
    "URL",
    "Citation",
    "Excerpt",
    "Accessed",
)
EVIDENCE_WIDTHS = (12, 12, 20, 45, 16, 30, 36, 30, 45, 11)


def _text(value: object) -> str:
    text = "" if value is None else str(value)
    if len(text) > CELL_LIMIT:
        text = text[: CELL_LIMIT - len(CUT)] + CUT
    return text


class _Sheet:
    def __init__(
        self,
        book: Any,
        name: str,
        header: Sequence[str],
        widths: Sequence[float],
        fmt: dict[str, Any],
    ) -> None:
        self.ws = book.add_worksheet(name)
        self.fmt = fmt
        self.row = 0
        self.cols = len(header)
        for col, (title, width) in enumerate(zip(header, widths, strict=True)):
            self.ws.write_string(0, col, title, fmt["header"])
            self.ws.set_column(col, col, width)
        self.ws.freeze_panes(1, 0)

    def write(self, values: Sequence[object], formats: dict[int, Any] | None = None) -> None:
        self.row += 1
        for col, value in enumerate(values):
            cell_fmt = (formats or {}).get(col, self.fmt["wrap"])
            if isinstance(value, bool):
                self.ws.write_boolean(self.row, col, value, cell_fmt)
            elif isinstance(value, int | float):
                self.ws.write_number(self.row, col, value, cell_fmt)
            else:
                self.ws.write_string(self.row, col, _text(value), cell_fmt)

    def finish(self) -> None:
        self.ws.autofilter(0, 0, max(self.row, 1), self.cols - 1)


def _formats(book: Any) -> dict[str, Any]:
    base = {"text_wrap": True, "valign": "top", "font_size": 10}
    return {
        "header": book.add_format(
            {
                "bold": True,
                "bg_color": "#e8e8e8",
                "bottom": 1,
                "valign": "top",
                "text_wrap": True,
                "font_size": 10,
            }
        ),
        "wrap": book.add_format(base),
        "conflict": book.add_format({**base, "bg_color": "#fdeceb", "font_color": "#b42020"}),
    }


def write_xlsx(fh: Any, lib: Library, session_id: str, *, facts: bool = True) -> ExportResult:
    detail = session_detail(lib, session_id)
    facts_grid = fact_rows(lib, detail) if facts else ()
    book = xlsxwriter.Workbook(fh, {**OPTIONS, "in_memory": True})
    book.set_properties(
        {
            "title": _text(detail.summary.title)[:250],
            "subject": "Fact-check report",
            "comments": "Fact-Check Workbench",
        }
    )
    fmt = _formats(book)
    verdict_fmt: dict[str, Any] = {}

    def for_verdict(verdict: str) -> Any:
        if verdict not in verdict_fmt:
            verdict_fmt[verdict] = book.add_format(
                {
                    "text_wrap": True,
                    "valign": "top",
                    "font_size": 10,
                    "bold": True,
                    "bg_color": verdict_colour(detail.scale, verdict),
                }
            )
        return verdict_fmt[verdict]

    claims = _Sheet(book, "Claims", HEADER, [CLAIM_WIDTHS.get(h, 16) for h in HEADER], fmt)
    verdict_col = HEADER.index("Verdict")
    for row in report_rows(detail):
        claims.write(row, {verdict_col: for_verdict(str(row[verdict_col]))})
    claims.finish()

    by_id = {c.id: c for c in detail.claims}
    links = _Sheet(book, "Links", LINK_HEADER, LINK_WIDTHS, fmt)
    link_fmt = {
        t: book.add_format({"bold": True, "font_color": colour, "valign": "top", "font_size": 10})
        for t, colour in LINK_COLOURS.items()
    }
    for lk in detail.links:
        a, b = by_id[lk.claim_a_id], by_id[lk.claim_b_id]
        links.write(
            (
                lk.id,
                LINK_TYPE_LABELS.get(lk.type, lk.type),
                detail.label_of(a.article_id),
                a.quote,
                a.verdict,
                detail.label_of(b.article_id),
                b.quote,
                b.verdict,
                lk.note,
                a.id,
                b.id,
                _stamp(lk.created),
                _stamp(lk.updated),
            ),
            {
                1: link_fmt.get(lk.type, fmt["wrap"]),
                4: for_verdict(a.verdict),
                7: for_verdict(b.verdict),
            },
        )
    links.finish()

    labels = [a.label for a in detail.articles]
    facts_sheet = _Sheet(
        book,
        "Facts",
        ("Facet", "Key", "Conflict", "Reason", *labels),
        (14, 18, 9, 40, *([24] * len(labels))),
        fmt,
    )
    for f in facts_grid:
        row_fmt = fmt["conflict"] if f.conflict else fmt["wrap"]
        values = (
            f.facet,
            f.key,
            "yes" if f.conflict else "",
            f.reason if f.conflict else "",
            *f.cells,
        )
        facts_sheet.write(values, dict.fromkeys(range(len(values)), row_fmt))
    facts_sheet.finish()

    evidence = _Sheet(book, "Evidence", EVIDENCE_HEADER, EVIDENCE_WIDTHS, fmt)
    for e in detail.evidence:
        c = by_id[e.claim_id]
        evidence.write(
            (
                e.id,
                c.id,
                detail.label_of(c.article_id),
                c.quote,
                c.verdict,
                e.title,
                e.url,
                e.citation,
                e.excerpt,
                e.accessed.isoformat() if e.accessed else "",
            ),
            {4: for_verdict(c.verdict)},
        )
    evidence.finish()
    book.close()
    return ExportResult("", len(detail.claims), len(detail.articles), len(detail.links), 0)


def _stamp(when: Any) -> str:
    return str(when.strftime("%Y-%m-%d %H:%M:%S UTC"))


def export_xlsx(
    lib: Library, session_id: str, out: str | os.PathLike[str], *, facts: bool = True
) -> ExportResult:
    """Write the session's XLSX report to ``out`` (atomically)."""
    with atomic_output(out, lib=lib, binary=True) as fh:
        result = write_xlsx(fh, lib, session_id, facts=facts)
        fh.flush()
        size = fh.tell()
    return ExportResult(str(out), result.claims, result.articles, result.links, size)
