"""The CSV report: one row per claim, with its verdict, evidence, notes and links."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import datetime

from workbench.export.safe_csv import CsvWritten, write_table
from workbench.queries.records import SessionDetail
from workbench.queries.sessions import session_detail
from workbench.storage.store import Library
from workbench.vocabulary import LINK_TYPE_LABELS

HEADER = (
    "Session",
    "Article title",
    "Outlet",
    "URL",
    "Published",
    "Claim id",
    "Quote",
    "Start",
    "End",
    "Verdict",
    "Rationale",
    "Evidence",
    "Notes",
    "Linked claims",
    "Created",
    "Updated",
)
# Several values in one cell (evidence URLs, notes, links) are separated by a
# line break: spreadsheets show them one per line inside the cell.
SEP = "\n"


def report_rows(detail: SessionDetail) -> Iterator[tuple[object, ...]]:
    """The report's rows for a loaded session, in pane order then text order."""
    articles = {a.id: a for a in detail.articles}
    claims = {c.id: c for c in detail.claims}
    order = {a.id: a.position for a in detail.articles}
    for claim in sorted(detail.claims, key=lambda c: (order[c.article_id], c.start)):
        art = articles[claim.article_id]
        evidence = [e.url or e.citation for e in detail.evidence_of(claim.id)]
        notes = [n.text for n in detail.notes_of(claim.id)]
        linked = []
        for lk in detail.links_of(claim.id):
            other = claims[lk.other(claim.id)]
            outlet = articles[other.article_id].label
            linked.append(f"{LINK_TYPE_LABELS[lk.type]}: {outlet}: “{other.quote}”")
        yield (
            detail.summary.title,
            art.title,
            art.outlet or "",
            art.url or "",
            art.published.isoformat() if art.published else "",
            claim.id,
            claim.quote,
            claim.start,
            claim.end,
            claim.verdict,
            claim.rationale,
            SEP.join(evidence),
            SEP.join(notes),
            SEP.join(linked),
            _stamp(claim.created),
            _stamp(claim.updated),
        )


def _stamp(when: datetime) -> str:
    return when.strftime("%Y-%m-%d %H:%M:%S UTC")


def export_report(lib: Library, session_id: str, out: str | os.PathLike[str]) -> CsvWritten:
    """Write the session's report to ``out`` (atomically): the row count and
    the warnings a reader should see (cells Excel would cut off)."""
    detail = session_detail(lib, session_id)
    return write_table(out, HEADER, report_rows(detail), lib=lib)


def export_csv(lib: Library, session_id: str, out: str | os.PathLike[str]) -> int:
    """Write the session's report to ``out`` (atomically); returns the row count."""
    return export_report(lib, session_id, out).rows
