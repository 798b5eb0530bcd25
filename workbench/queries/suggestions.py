"""Suggestions for a session stored in the library: the bridge between the
pure matchers (``matching``, ``facts``) and the database.

Proposals already linked or dismissed by the user are left out.

The matchers and the fact extractor are imported when first used: the
desktop app imports this module at start and runs them on a worker thread.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from workbench.analysis.text import ArticleText
from workbench.queries.claims import claim_info, claim_session
from workbench.queries.records import SessionDetail
from workbench.queries.sessions import article_texts, dismissed_keys, session_detail
from workbench.storage.store import Library

if TYPE_CHECKING:
    from workbench.analysis.facts.extract import FacetRow
    from workbench.analysis.matching.index import Match, Proposal, ScanReport, SessionIndex


@dataclass(frozen=True)
class SessionTexts:
    session_id: str
    articles: tuple[ArticleText, ...]


def session_texts(lib: Library, session_id: str) -> SessionTexts:
    detail = session_detail(lib, session_id)
    texts = article_texts(lib, session_id)
    return SessionTexts(session_id, analysis_texts(detail, texts.__getitem__))


def analysis_texts(detail: SessionDetail, text_of: Callable[[str], str]) -> tuple[ArticleText, ...]:
    """The session's articles as the matchers and the fact extractor take them,
    from a detail already loaded and its texts (no query: the UI has both)."""
    return tuple(ArticleText(a.id, text_of(a.id), a.published, a.title) for a in detail.articles)


def _index(articles: tuple[ArticleText, ...]) -> SessionIndex:
    from workbench.analysis.matching.index import SessionIndex

    return SessionIndex(articles)


def suggest_for_claim(
    lib: Library, claim_id: str, *, limit: int = 12, index: SessionIndex | None = None
) -> list[Match]:
    """Per other article of the session, its passages that likely state the same thing."""
    claim = claim_info(lib, claim_id)
    if index is None:
        index = _index(session_texts(lib, claim_session(lib, claim_id)).articles)
    return index.find_in_other_sources(claim.quote, article_id=claim.article_id, limit=limit)


def scan_session(
    lib: Library, session_id: str, *, index: SessionIndex | None = None
) -> list[Proposal]:
    """Whole-session proposals, without the dismissed ones and those already linked."""
    if index is None:
        index = _index(session_texts(lib, session_id).articles)
    return filter_proposals(lib, session_id, index.scan())


def scan_session_report(
    lib: Library, session_id: str, *, index: SessionIndex | None = None
) -> ScanReport:
    """:func:`scan_session` with the scan's bound: proposals and a note when it cut them."""
    if index is None:
        index = _index(session_texts(lib, session_id).articles)
    report = index.scan_report()
    report.proposals = filter_proposals(lib, session_id, report.proposals)
    return report


def filter_proposals(
    lib: Library,
    session_id: str,
    proposals: list[Proposal],
    *,
    detail: SessionDetail | None = None,
) -> list[Proposal]:
    """Leave out proposals the user dismissed or already linked (``detail``: the
    session as already loaded, saving its queries)."""
    dismissed = dismissed_keys(lib, session_id)
    if detail is None or detail.summary.id != session_id:
        detail = session_detail(lib, session_id)
    claims = {c.id: c for c in detail.claims}
    linked_spans = set()
    for lk in detail.links:
        a, b = claims[lk.claim_a_id], claims[lk.claim_b_id]
        linked_spans.add(
            frozenset({(a.article_id, a.start, a.end), (b.article_id, b.start, b.end)})
        )
    out = []
    for p in proposals:
        if p.key in dismissed:
            continue
        spans = frozenset(
            {(p.a.article_id, p.a.start, p.a.end), (p.b.article_id, p.b.start, p.b.end)}
        )
        if spans in linked_spans or _claims_cover(detail, p):
            continue
        out.append(p)
    return out


def _claims_cover(detail: SessionDetail, p: Proposal) -> bool:
    """True when both passages already hold claims that are linked to each other."""

    def inside(article_id: str, start: int, end: int) -> set[str]:
        return {c.id for c in detail.claims_of(article_id) if c.start >= start and c.end <= end}

    left = inside(p.a.article_id, p.a.start, p.a.end)
    right = inside(p.b.article_id, p.b.start, p.b.end)
    if not left or not right:
        return False
    return any(lk.other(c) in right for c in left for lk in detail.links_of(c))


def session_facts(lib: Library, session_id: str) -> list[FacetRow]:
    """Facts lined up across the session's articles, conflicts first."""
    from workbench.analysis.facts.extract import compare_facts

    return compare_facts(session_texts(lib, session_id).articles)
