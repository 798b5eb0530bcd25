"""Queries about single claims: one claim, its session, its verdict history,
ids from a prefix, and quotes that no longer match their article."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from sqlalchemy import select

from workbench import vocabulary
from workbench.analysis import anchoring
from workbench.errors import AmbiguousId, NotFound
from workbench.queries.records import ClaimInfo, SessionDetail, claim_record
from workbench.storage.schema import Article, Claim, Event, Evidence, Link, Note, Session
from workbench.storage.store import Library

MIN_PREFIX = 8

_KINDS = {
    "session": Session,
    "article": Article,
    "claim": Claim,
    "link": Link,
    "evidence": Evidence,
    "note": Note,
}


def claim_info(lib: Library, claim_id: str) -> ClaimInfo:
    with lib.read() as db:
        c = db.get(Claim, claim_id)
        if c is None:
            raise NotFound(f"no claim with id {claim_id}")
        return claim_record(c)


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


def verdict_history(lib: Library, claim_id: str) -> list[tuple[datetime, str, str, str]]:
    """(when, who, verdict before, verdict after) for every verdict change of a claim."""
    with lib.read() as db:
        events = db.scalars(
            select(Event)
            .where(Event.target_id == claim_id, Event.operation.in_(vocabulary.VERDICT_OPERATIONS))
            .order_by(Event.id)
        )
        return [
            (e.at, e.actor, (e.before or {}).get("verdict", ""), (e.after or {}).get("verdict", ""))
            for e in events
            if (e.before or {}).get("verdict") != (e.after or {}).get("verdict")
        ]


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


def anchor_problems(detail: SessionDetail, texts: Mapping[str, str]) -> list[tuple[str, str]]:
    """The check of ``workbench.storage.integrity.broken_anchors`` on one session
    already loaded (its texts by article id): no query, so the desktop app runs
    it on a worker thread."""
    import hashlib

    problems: list[tuple[str, str]] = []
    for art in detail.articles:
        text = texts[art.id]
        if hashlib.sha256(text.encode("utf-8")).hexdigest() != art.content_hash:
            problems.append((art.id, "article text does not match its content hash"))
    for c in detail.claims:
        if not anchoring.matches(texts[c.article_id], c.start, c.end, c.quote):
            problems.append((c.id, f"quote no longer matches the text at {c.start}-{c.end}"))
    return problems
