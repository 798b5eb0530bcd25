"""Read-only queries shared by the CLI, the exporters and the UI.

They return plain frozen dataclasses, never ORM rows, so callers cannot write
behind the operations' back, and each listing is a fixed number of queries
(no N+1 while filling a table).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date, datetime

from sqlalchemy import func, select

from workbench import anchoring, scales
from workbench.errors import AmbiguousId, NotFound
from workbench.model import Article, Claim, Event, Evidence, Link, Note, Session
from workbench.store import Library

MIN_PREFIX = 8


@dataclass(frozen=True)
class SessionSummary:
    id: str
    title: str
    description: str
    status: str
    scale_name: str
    created: datetime
    updated: datetime
    articles: int
    claims: int
    links: int
    checked: int  # claims with a verdict from the scale (not a working state)

    @property
    def progress(self) -> float:
        return self.checked / self.claims if self.claims else 0.0


@dataclass(frozen=True)
class ArticleInfo:
    id: str
    session_id: str
    position: int
    title: str
    outlet: str | None
    author: str | None
    url: str | None
    published: date | None
    language: str | None
    source_name: str | None
    fmt: str
    chars: int
    content_hash: str
    version: int = 1  # bumped by every edit; an edit based on an older one is refused

    @property
    def label(self) -> str:
        """How the article is named to the user: its outlet, else its title."""
        return self.outlet or self.title


@dataclass(frozen=True)
class ClaimInfo:
    id: str
    article_id: str
    start: int
    end: int
    quote: str
    prefix: str
    suffix: str
    verdict: str
    rationale: str
    checkworthiness: int | None
    created: datetime
    updated: datetime
    version: int = 1  # bumped by every edit; an edit based on an older one is refused
    judged_by: str | None = None  # who gave the current verdict (audit trail); None if unchecked


@dataclass(frozen=True)
class LinkInfo:
    id: str
    session_id: str
    claim_a_id: str
    claim_b_id: str
    type: str
    note: str
    created: datetime
    updated: datetime
    version: int = 1  # bumped by every edit; an edit based on an older one is refused

    def other(self, claim_id: str) -> str:
        return self.claim_b_id if claim_id == self.claim_a_id else self.claim_a_id


@dataclass(frozen=True)
class EvidenceInfo:
    id: str
    claim_id: str
    url: str
    title: str
    citation: str
    excerpt: str
    accessed: date | None
    created: datetime
    updated: datetime
    version: int = 1  # bumped by every edit; an edit based on an older one is refused


@dataclass(frozen=True)
class NoteInfo:
    id: str
    session_id: str
    target_kind: str
    target_id: str
    text: str
    created: datetime
    updated: datetime
    version: int = 1  # bumped by every edit; an edit based on an older one is refused


@dataclass(frozen=True)
class SessionDetail:
    """Everything of one session, loaded in a fixed number of queries."""

    summary: SessionSummary
    scale: scales.VerdictScale
    articles: tuple[ArticleInfo, ...]
    claims: tuple[ClaimInfo, ...]
    links: tuple[LinkInfo, ...]
    evidence: tuple[EvidenceInfo, ...]
    notes: tuple[NoteInfo, ...]

    def article(self, article_id: str) -> ArticleInfo:
        for a in self.articles:
            if a.id == article_id:
                return a
        raise NotFound(f"no article with id {article_id} in this session")

    def label_of(self, article_id: str) -> str:
        """The outlet (else the title) of one of the session's articles; "" if unknown."""
        for a in self.articles:
            if a.id == article_id:
                return a.label
        return ""

    def claims_of(self, article_id: str) -> list[ClaimInfo]:
        return [c for c in self.claims if c.article_id == article_id]

    def links_of(self, claim_id: str) -> list[LinkInfo]:
        return [lk for lk in self.links if claim_id in (lk.claim_a_id, lk.claim_b_id)]

    def evidence_of(self, claim_id: str) -> list[EvidenceInfo]:
        return [e for e in self.evidence if e.claim_id == claim_id]

    def notes_of(self, target_id: str) -> list[NoteInfo]:
        return [n for n in self.notes if n.target_id == target_id]


def _article_info(a: Article, chars: int | None = None) -> ArticleInfo:
    return ArticleInfo(
        a.id,
        a.session_id,
        a.position,
        a.title,
        a.outlet,
        a.author,
        a.url,
        a.published,
        a.language,
        a.source_name,
        a.fmt,
        chars if chars is not None else len(a.text),
        a.content_hash,
        a.version,
    )


def _claim_info(c: Claim) -> ClaimInfo:
    return ClaimInfo(
        c.id,
        c.article_id,
        c.start,
        c.end,
        c.quote,
        c.prefix,
        c.suffix,
        c.verdict,
        c.rationale,
        c.checkworthiness,
        c.created,
        c.updated,
        c.version,
    )


def _link_info(lk: Link) -> LinkInfo:
    return LinkInfo(
        lk.id,
        lk.session_id,
        lk.claim_a_id,
        lk.claim_b_id,
        lk.type,
        lk.note,
        lk.created,
        lk.updated,
        lk.version,
    )


def _evidence_info(e: Evidence) -> EvidenceInfo:
    return EvidenceInfo(
        e.id,
        e.claim_id,
        e.url,
        e.title,
        e.citation,
        e.excerpt,
        e.accessed,
        e.created,
        e.updated,
        e.version,
    )


def _note_info(n: Note) -> NoteInfo:
    return NoteInfo(
        n.id, n.session_id, n.target_kind, n.target_id, n.text, n.created, n.updated, n.version
    )


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
            .where(Claim.verdict.not_in(scales.WORKING_STATES))
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
        summary = _summaries(db, session_id)[0]
        rows = db.execute(
            select(Article, func.length(Article.text))
            .where(Article.session_id == session_id)
            .order_by(Article.position, Article.created)
        ).all()
        articles = tuple(_article_info(a, n) for a, n in rows)
        ids = [a.id for a in articles]
        claims = tuple(
            _claim_info(c)
            for c in db.scalars(
                select(Claim).where(Claim.article_id.in_(ids)).order_by(Claim.start)
            )
        )
        links = tuple(
            _link_info(lk)
            for lk in db.scalars(
                select(Link).where(Link.session_id == session_id).order_by(Link.created)
            )
        )
        judges = dict(
            db.execute(
                select(Event.target_id, Event.actor)
                .where(Event.session_id == session_id, Event.operation == "set_verdict")
                .order_by(Event.id)
            ).all()
        )
        claims = tuple(
            replace(c, judged_by=judges[c.id])
            if c.id in judges and c.verdict not in scales.WORKING_STATES
            else c
            for c in claims
        )
        cids = [c.id for c in claims]
        evidence = tuple(
            _evidence_info(e)
            for e in db.scalars(
                select(Evidence).where(Evidence.claim_id.in_(cids)).order_by(Evidence.created)
            )
        )
        notes = tuple(
            _note_info(n)
            for n in db.scalars(
                select(Note).where(Note.session_id == session_id).order_by(Note.created)
            )
        )
        scale = scales.VerdictScale.from_json(s.scale_name, s.scale)
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


def claim_info(lib: Library, claim_id: str) -> ClaimInfo:
    with lib.read() as db:
        c = db.get(Claim, claim_id)
        if c is None:
            raise NotFound(f"no claim with id {claim_id}")
        return _claim_info(c)


def claim_session(lib: Library, claim_id: str) -> str:
    with lib.read() as db:
        sid = db.scalar(
            select(Article.session_id)
            .join(Claim, Claim.article_id == Article.id)
            .where(Claim.id == claim_id)
        )
    if sid is None:
        raise NotFound(f"no claim with id {claim_id}")
    return sid


def dismissed_keys(lib: Library, session_id: str) -> set[str]:
    from workbench.model import Dismissal

    with lib.read() as db:
        return set(db.scalars(select(Dismissal.key).where(Dismissal.session_id == session_id)))


def verdict_history(lib: Library, claim_id: str) -> list[tuple[datetime, str, str, str]]:
    """(when, who, verdict before, verdict after) for every verdict change of a claim."""
    with lib.read() as db:
        events = db.scalars(
            select(Event)
            .where(Event.target_id == claim_id, Event.operation == "set_verdict")
            .order_by(Event.id)
        )
        return [
            (e.at, e.actor, (e.before or {}).get("verdict", ""), (e.after or {}).get("verdict", ""))
            for e in events
            if (e.before or {}).get("verdict") != (e.after or {}).get("verdict")
        ]


# --------------------------------------------------------------------- ids

_KINDS = {
    "session": Session,
    "article": Article,
    "claim": Claim,
    "link": Link,
    "evidence": Evidence,
    "note": Note,
}


def resolve_id(lib: Library, prefix: str, *kinds: str) -> tuple[str, str]:
    """(kind, full id) for an id or a unique prefix of at least 8 characters."""
    prefix = prefix.strip().lower()
    kinds = kinds or tuple(_KINDS)
    if len(prefix) < MIN_PREFIX:
        raise NotFound(f"id {prefix!r} is too short; give at least {MIN_PREFIX} characters")
    found: list[tuple[str, str]] = []
    with lib.read() as db:
        for kind in kinds:
            model = _KINDS[kind]
            col = model.id  # type: ignore[attr-defined]
            for ident in db.scalars(
                select(col).where(col.like(f"{_escape(prefix)}%", escape="\\")).limit(3)
            ):
                found.append((kind, ident))
    if not found:
        raise NotFound(f"no {' or '.join(kinds)} with id {prefix}")
    if len(found) > 1:
        raise AmbiguousId(f"id {prefix} matches more than one row; give more characters")
    return found[0]


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


# --------------------------------------------------------------------- checks


def broken_anchors(lib: Library, session_id: str | None = None) -> list[tuple[str, str]]:
    """(claim id, problem) for every claim whose quote no longer matches its span,
    and every article whose text no longer matches its content hash (of one
    session, or of the whole library)."""
    import hashlib

    problems: list[tuple[str, str]] = []
    with lib.read() as db:
        articles = select(Article)
        claims = select(Claim.id, Claim.start, Claim.end, Claim.quote, Article.text).join(
            Article, Claim.article_id == Article.id
        )
        if session_id is not None:
            articles = articles.where(Article.session_id == session_id)
            claims = claims.where(Article.session_id == session_id)
        for art in db.scalars(articles):
            if hashlib.sha256(art.text.encode("utf-8")).hexdigest() != art.content_hash:
                problems.append((art.id, "article text does not match its content hash"))
        rows = db.execute(claims)
        for cid, start, end, quote, text in rows:
            if not anchoring.matches(text, start, end, quote):
                problems.append((cid, f"quote no longer matches the text at {start}-{end}"))
    return problems


def links_by_claim(links: tuple[LinkInfo, ...]) -> dict[str, list[LinkInfo]]:
    out: dict[str, list[LinkInfo]] = defaultdict(list)
    for lk in links:
        out[lk.claim_a_id].append(lk)
        out[lk.claim_b_id].append(lk)
    return out
