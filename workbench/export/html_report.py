"""The HTML report: one self-contained file an editor can read, forward and print.

Rendered with Jinja2 with autoescaping on (every text in a session came from
strangers), styles inline, no scripts, no remote resources, and a Content
Security Policy that forbids loading anything. The template pieces in
``templates/_pieces.html.j2`` are also what the review mode shows.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any
from urllib.parse import urlsplit

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from workbench import __version__
from workbench.export.report_model import Report, ReportClaim, build_claims, build_report
from workbench.queries.records import SessionDetail
from workbench.storage.output import atomic_output
from workbench.storage.store import Library


def _lines(value: object) -> Markup:
    """Escaped text with its line breaks kept."""
    return Markup("<br>").join(escape(part) for part in str(value or "").split("\n"))


def web_href(url: object) -> str | None:
    """``url`` if it is a web address a reader may follow; None for anything else
    (``javascript:``, ``file:``, ``data:``... are shown as text, never linked)."""
    text = str(url or "").strip()
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    if parts.scheme.lower() in ("http", "https") and parts.netloc:
        return text
    return None


def _local_time(when: datetime) -> str:
    return when.astimezone().strftime("%Y-%m-%d %H:%M")


@cache
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("workbench.export", "templates"),
        # Everything is escaped but our own style sheet (quotes in CSS must stay quotes).
        autoescape=lambda name: not (name or "").endswith(".css"),
        undefined=StrictUndefined,
        trim_blocks=False,
        keep_trailing_newline=True,
    )
    env.filters["lines"] = _lines
    env.filters["web_href"] = web_href
    env.filters["local_time"] = _local_time
    return env


def render_report(report: Report) -> str:
    return environment().get_template("report.html.j2").render(r=report, version=__version__)


def _piece(name: str, /, *args: Any, **kwargs: Any) -> str:
    """One macro of the shared pieces, rendered."""
    module = environment().get_template("_pieces.html.j2").module
    return str(getattr(module, name)(*args, **kwargs))


def claim_page_html(detail: SessionDetail, claim_id: str, href: str = "claim:") -> str:
    """The review mode's page of one claim: its article, the quote in its stored
    context, and the same verdict, rationale, evidence, notes and links pieces
    as the report (linked quotes are ``href + id`` anchors)."""
    [claim] = build_claims(detail, only=claim_id)
    return _claim_page(claim, href)


def _claim_page(c: ReportClaim, href: str) -> str:
    art = c.article
    meta = [
        m
        for m in (art.outlet, art.author, art.published.isoformat() if art.published else None)
        if m
    ]
    out = [f"<h2>{escape(art.title)}</h2>"]
    if meta:
        out.append(f'<div class="dim">{escape(" · ".join(meta))}</div>')
    out.append(_piece("quote_in_context", c.before, c.quote, c.after))
    out.append(_piece("claim_body", c, href))
    return "".join(out)


def count_table_html(counts: Any, width: int = 160) -> str:
    return _piece("count_table", counts, width)


def bar_html(share: float, colour: str, width: int = 160) -> str:
    return _piece("bar", share, colour, width)


def checked_line_html(checked: int, total: int) -> str:
    return _piece("checked_line", checked, total)


def badge_html(label: str, colour: str) -> str:
    return _piece("badge", label, colour)


@dataclass(frozen=True)
class ExportResult:
    file: str
    claims: int
    articles: int
    links: int
    bytes: int

    def as_json(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "claims": self.claims,
            "articles": self.articles,
            "links": self.links,
            "bytes": self.bytes,
        }


def export_html(
    lib: Library, session_id: str, out: str | os.PathLike[str], *, facts: bool = True
) -> ExportResult:
    """Write the session's HTML report to ``out`` (atomically)."""
    report = build_report(lib, session_id, facts=facts)
    data = render_report(report).encode("utf-8")
    with atomic_output(out, lib=lib, binary=True) as fh:
        fh.write(data)
    return ExportResult(
        str(out), report.claims_total, len(report.articles), report.links_total, len(data)
    )
