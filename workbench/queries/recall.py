"""Claim memory: has the library judged this claim before, in any session?

Every claim with a verdict from a scale (not a working state) is a candidate;
the matcher of "where else" scores it against the text asked about, with the
same tiers and reasons. Each judged claim is indexed as a one-passage
"article" of its own, so the matcher returns at most one result per past claim.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from workbench import vocabulary
from workbench.analysis.matching.index import SessionIndex
from workbench.analysis.text import ArticleText
from workbench.errors import NotFound
from workbench.storage.schema import Article, Claim, Event, Session
from workbench.storage.store import Library


@dataclass(frozen=True)
class PastVerdict:
    """A judged claim of the library that resembles the one asked about."""

    claim_id: str
    session_id: str
    session_title: str
    quote: str
    verdict: str
    rationale: str
    score: float
    tier: str
    reasons: tuple[str, ...]
    judged: datetime | None  # when its verdict was last set
    judged_by: str | None


@dataclass(frozen=True)
class _Judged:
    claim_id: str
    session_id: str
    session_title: str
    quote: str
    verdict: str
    rationale: str


def _judged_claims(lib: Library, exclude_session: str | None) -> list[_Judged]:
    stmt = (
        select(
            Claim.id, Article.session_id, Session.title, Claim.quote, Claim.verdict, Claim.rationale
        )
        .join(Article, Article.id == Claim.article_id)
        .join(Session, Session.id == Article.session_id)
        .where(Claim.verdict.not_in(vocabulary.WORKING_STATES))
    )
    if exclude_session is not None:
        stmt = stmt.where(Article.session_id != exclude_session)
    with lib.read() as db:
        return [_Judged(*row) for row in db.execute(stmt).all()]


def _judgements(lib: Library, claim_ids: list[str]) -> dict[str, tuple[datetime, str]]:
    """When and by whom each claim's verdict was last set."""
    if not claim_ids:
        return {}
    last = (
        select(Event.target_id, func.max(Event.id).label("last"))
        .where(Event.operation == "set_verdict", Event.target_id.in_(claim_ids))
        .group_by(Event.target_id)
        .subquery()
    )
    with lib.read() as db:
        rows = db.execute(
            select(Event.target_id, Event.at, Event.actor).join(last, Event.id == last.c.last)
        ).all()
    return {target: (at, actor) for target, at, actor in rows if target is not None}


def recall(
    lib: Library,
    *,
    claim_id: str | None = None,
    text: str | None = None,
    limit: int = 5,
) -> list[PastVerdict]:
    """Judged claims resembling ``claim_id``'s quote (from other sessions) or
    ``text`` (from the whole library), best first."""
    session_id: str | None = None
    if claim_id is not None:
        with lib.read() as db:
            row = db.execute(
                select(Claim.quote, Article.session_id)
                .join(Article, Article.id == Claim.article_id)
                .where(Claim.id == claim_id)
            ).first()
        if row is None:
            raise NotFound(f"no claim with id {claim_id}")
        text, session_id = row
    if not text or not text.strip():
        return []
    judged = _judged_claims(lib, session_id)
    if not judged:
        return []
    index = SessionIndex([ArticleText(j.claim_id, j.quote) for j in judged])
    matches = index.find_in_other_sources(text, limit=limit, per_article=1)
    by_id = {j.claim_id: j for j in judged}
    when = _judgements(lib, [m.passage.article_id for m in matches])
    out = []
    for m in matches:
        j = by_id[m.passage.article_id]
        at, actor = when.get(j.claim_id, (None, None))
        out.append(
            PastVerdict(
                j.claim_id,
                j.session_id,
                j.session_title,
                j.quote,
                j.verdict,
                j.rationale,
                m.score,
                m.tier,
                m.reasons,
                at,
                actor,
            )
        )
    return out
