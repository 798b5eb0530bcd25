"""What the read side returns: plain frozen dataclasses, never ORM rows, so
callers cannot write behind the operations' back."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime

from workbench import vocabulary
from workbench.errors import NotFound
from workbench.storage.schema import Article, Claim, Evidence, Link, Note


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
    scale: vocabulary.VerdictScale
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


def article_record(a: Article, chars: int | None = None) -> ArticleInfo:
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


def claim_record(c: Claim) -> ClaimInfo:
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


def link_record(lk: Link) -> LinkInfo:
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


def evidence_record(e: Evidence) -> EvidenceInfo:
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


def note_record(n: Note) -> NoteInfo:
    return NoteInfo(
        n.id, n.session_id, n.target_kind, n.target_id, n.text, n.created, n.updated, n.version
    )


def links_by_claim(links: tuple[LinkInfo, ...]) -> dict[str, list[LinkInfo]]:
    out: dict[str, list[LinkInfo]] = defaultdict(list)
    for lk in links:
        out[lk.claim_a_id].append(lk)
        out[lk.claim_b_id].append(lk)
    return out
