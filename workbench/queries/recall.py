"""Claim memory: has the library judged this claim before, in any session?

Every claim with a verdict from a scale (not a working state) is a candidate.
The recall index (:mod:`workbench.storage.recall_index`) finds, in the
database, the judged claims sharing the most term weight with the text asked
about; the matcher of "where else" scores the closest of them with the same
tiers and reasons. Each candidate is indexed as a one-passage "article" of its
own, so the matcher returns at most one result per past claim.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session as DbSession

from workbench import vocabulary
from workbench.analysis.matching.index import Match, SessionIndex
from workbench.analysis.text import ArticleText
from workbench.errors import NotFound
from workbench.storage import recall_index
from workbench.storage.schema import Article, Claim, Event
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


def _judgements(db: DbSession, claim_ids: list[str]) -> dict[str, tuple[datetime, str]]:
    """When and by whom each claim's verdict was last set."""
    if not claim_ids:
        return {}
    last = (
        select(Event.target_id, func.max(Event.id).label("last"))
        .where(Event.target_id.in_(claim_ids), Event.operation.in_(vocabulary.VERDICT_OPERATIONS))
        .group_by(Event.target_id)
        .subquery()
    )
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
    return _recall(lib, [text or ""], None, limit, claim_id)[0]


def recall_many(
    lib: Library,
    texts: Sequence[str],
    *,
    exclude_session: str | None = None,
    limit: int = 5,
) -> list[list[PastVerdict]]:
    """:func:`recall` of each text (one list per text, in order), leaving out the
    judged claims of ``exclude_session``: for marking the sentences of an
    imported article that the library judged before."""
    return _recall(lib, list(texts), exclude_session, limit, None)


def _recall(
    lib: Library,
    texts: list[str],
    exclude_session: str | None,
    limit: int,
    claim_id: str | None,
) -> list[list[PastVerdict]]:
    """Everything in one read transaction, after indexing what other tools changed."""
    if not lib.keeps_recall_index():
        return [[] for _ in texts]
    with lib.read() as db:
        if lib.read_only or not recall_index.waiting(db):
            return _answer(db, texts, exclude_session, limit, claim_id)
    with lib.write():
        pass  # the write indexes the claims other tools changed before it commits
    with lib.read() as db:
        return _answer(db, texts, exclude_session, limit, claim_id)


def _answer(
    db: DbSession,
    texts: list[str],
    exclude_session: str | None,
    limit: int,
    claim_id: str | None,
) -> list[list[PastVerdict]]:
    """With ``claim_id``, its quote is the text and its session is left out."""
    if claim_id is not None:
        row = db.execute(
            select(Claim.quote, Article.session_id)
            .join(Article, Article.id == Claim.article_id)
            .where(Claim.id == claim_id)
        ).first()
        if row is None:
            raise NotFound(f"no claim with id {claim_id}")
        texts, exclude_session = [row[0]], row[1]
    found = _found(db, texts, exclude_session, limit)
    when = _judgements(db, list({c.claim_id for hits in found for _, c in hits}))
    return [[_past(m, c, when) for m, c in hits] for hits in found]


def _found(
    db: DbSession, texts: list[str], exclude_session: str | None, limit: int
) -> list[list[tuple[Match, recall_index.Candidate]]]:
    size = recall_index.size_estimate(db)
    found: list[list[tuple[Match, recall_index.Candidate]]] = []
    for text in texts:
        if not text or not text.strip() or not size:
            found.append([])
            continue
        near = recall_index.candidates(
            db, recall_index.claim_terms(text), exclude_session=exclude_session, indexed=size
        )
        found.append(_rescore(text, near, limit))
    return found


def _rescore(
    text: str, near: list[recall_index.Candidate], limit: int
) -> list[tuple[Match, recall_index.Candidate]]:
    """The matcher's verdict on the candidates: score, tier and reasons, best first."""
    if not near:
        return []
    by_id = {c.claim_id: c for c in near}
    index = SessionIndex([ArticleText(c.claim_id, c.quote) for c in near])
    matches = index.find_in_other_sources(text, limit=limit, per_article=1)
    return [(m, by_id[m.passage.article_id]) for m in matches]


def _past(
    m: Match, c: recall_index.Candidate, when: dict[str, tuple[datetime, str]]
) -> PastVerdict:
    at, actor = when.get(c.claim_id, (None, None))
    return PastVerdict(
        c.claim_id,
        c.session_id,
        c.session_title,
        c.quote,
        c.verdict,
        c.rationale,
        m.score,
        m.tier,
        m.reasons,
        at,
        actor,
    )
