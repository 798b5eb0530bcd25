"""Read-only queries shared by the CLI, the exporters and the UI.

They return plain frozen dataclasses, never ORM rows, so callers cannot write
behind the operations' back, and each listing is a fixed number of queries
(no N+1 while filling a table).
"""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import func, select
from sqlalchemy.orm import defer

from workbench import vocabulary
from workbench.errors import NotFound
from workbench.queries.records import (
    SessionDetail,
    SessionSummary,
    article_record,
    claim_record,
    evidence_record,
    link_record,
    note_record,
)
from workbench.storage.schema import Article, Claim, Event, Evidence, Link, Note, Session
from workbench.storage.store import Library


def list_sessions(lib: Library) -> list[SessionSummary]:
    """Every session with its counts, most recently changed first."""
    with lib.read() as db:
        return _summaries(db, None)


def session_summary(lib: Library, session_id: str) -> SessionSummary:
    with lib.read() as db:
        found = _summaries(db, session_id)
    if not found:
        raise NotFound(f"no session with id {session_id}")
    return found[0]


def _summaries(db: object, session_id: str | None) -> list[SessionSummary]:
    from sqlalchemy.orm import Session as DbSession

    assert isinstance(db, DbSession)
    articles = dict(
        db.execute(select(Article.session_id, func.count()).group_by(Article.session_id)).all()
    )
    claims = dict(
        db.execute(
            select(Article.session_id, func.count())
            .join(Claim, Claim.article_id == Article.id)
            .group_by(Article.session_id)
        ).all()
    )
    checked = dict(
        db.execute(
            select(Article.session_id, func.count())
            .join(Claim, Claim.article_id == Article.id)
            .where(Claim.verdict.not_in(vocabulary.WORKING_STATES))
            .group_by(Article.session_id)
        ).all()
    )
    links = dict(db.execute(select(Link.session_id, func.count()).group_by(Link.session_id)).all())
    stmt = select(Session).order_by(Session.updated.desc())
    if session_id is not None:
        stmt = stmt.where(Session.id == session_id)
    return [
        SessionSummary(
            s.id,
            s.title,
            s.description,
            s.status,
            s.scale_name,
            s.created,
            s.updated,
            articles.get(s.id, 0),
            claims.get(s.id, 0),
            links.get(s.id, 0),
            checked.get(s.id, 0),
        )
        for s in db.scalars(stmt)
    ]


def session_detail(lib: Library, session_id: str) -> SessionDetail:
    """A session with its articles (without text), claims, links, evidence and notes."""
    with lib.read() as db:
        s = db.get(Session, session_id)
        if s is None:
            raise NotFound(f"no session with id {session_id}")
        rows = db.execute(
            select(Article, func.length(Article.text))
            .options(defer(Article.text))  # the panes read each text once, on their own
            .where(Article.session_id == session_id)
            .order_by(Article.position, Article.created)
        ).all()
        articles = tuple(article_record(a, n) for a, n in rows)
        ids = [a.id for a in articles]
        claims = tuple(
            claim_record(c)
            for c in db.scalars(
                select(Claim).where(Claim.article_id.in_(ids)).order_by(Claim.start)
            )
        )
        links = tuple(
            link_record(lk)
            for lk in db.scalars(
                select(Link).where(Link.session_id == session_id).order_by(Link.created)
            )
        )
        judges = dict(
            db.execute(
                select(Event.target_id, Event.actor)
                .where(
                    Event.session_id == session_id,
                    Event.operation.in_(vocabulary.VERDICT_OPERATIONS),
                )
                .order_by(Event.id)
            ).all()
        )
        claims = tuple(
            replace(c, judged_by=judges[c.id])
            if c.id in judges and c.verdict not in vocabulary.WORKING_STATES
            else c
            for c in claims
        )
        cids = [c.id for c in claims]
        evidence = tuple(
            evidence_record(e)
            for e in db.scalars(
                select(Evidence).where(Evidence.claim_id.in_(cids)).order_by(Evidence.created)
            )
        )
        notes = tuple(
            note_record(n)
            for n in db.scalars(
                select(Note).where(Note.session_id == session_id).order_by(Note.created)
            )
        )
        scale = vocabulary.VerdictScale.from_json(s.scale_name, s.scale)
        # Counted from the rows just read (the library-wide counts are for listings).
        summary = SessionSummary(
            s.id,
            s.title,
            s.description,
            s.status,
            s.scale_name,
            s.created,
            s.updated,
            len(articles),
            len(claims),
            len(links),
            sum(1 for c in claims if c.verdict not in vocabulary.WORKING_STATES),
        )
    return SessionDetail(summary, scale, articles, claims, links, evidence, notes)


def article_text(lib: Library, article_id: str) -> str:
    with lib.read() as db:
        text = db.scalar(select(Article.text).where(Article.id == article_id))
    if text is None:
        raise NotFound(f"no article with id {article_id}")
    return text


def article_texts(lib: Library, session_id: str) -> dict[str, str]:
    with lib.read() as db:
        return dict(
            db.execute(
                select(Article.id, Article.text).where(Article.session_id == session_id)
            ).all()
        )


def dismissed_keys(lib: Library, session_id: str) -> set[str]:
    from workbench.storage.schema import Dismissal

    with lib.read() as db:
        return set(db.scalars(select(Dismissal.key).where(Dismissal.session_id == session_id)))
