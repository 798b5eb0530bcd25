"""Operations on articles: add (import), correct the details, move among the panes, remove.

An article's text is fixed once it is added; ``content_hash`` lets the import
refuse the same text twice in one session, inside the write that adds it.
"""

from __future__ import annotations

import hashlib
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session as DbSession

from workbench.errors import InvalidOperation
from workbench.ops.framework import (
    Change,
    OpCall,
    Outcome,
    get_row,
    lock_session,
    operation,
    parse_date,
    perform,
    short,
)
from workbench.ops.snapshots import jsonable, removal, row_dicts, snapshot_claims, tables
from workbench.storage.schema import Article, Claim, Note, utcnow
from workbench.storage.store import Library
from workbench.vocabulary import new_id


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@operation
def add_article(
    lib: Library,
    session_id: str,
    title: str,
    text: str,
    outlet: str | None = None,
    author: str | None = None,
    url: str | None = None,
    published: str | None = None,
    language: str | None = None,
    source_name: str | None = None,
    fmt: str = "txt",
    article_id: str | None = None,
    position: int | None = None,
) -> Change:
    """Add an article to a session. Its text is fixed from now on.

    The same text twice in one session is refused; the check runs in this
    write, under the session row's lock, so two imports racing cannot both pass."""
    if not text.strip():
        raise InvalidOperation("the article has no text")
    pub = parse_date(published)
    aid = article_id or new_id()
    digest = content_hash(text)

    def body(db: DbSession) -> Outcome:
        lock_session(db, session_id)
        dup = db.scalar(
            select(Article.title).where(
                Article.session_id == session_id, Article.content_hash == digest
            )
        )
        if dup is not None:
            raise InvalidOperation(f"the same text is already in this session (“{dup}”)")
        place = position
        if place is None:
            last = db.scalar(
                select(Article.position)
                .where(Article.session_id == session_id)
                .order_by(Article.position.desc())
                .limit(1)
            )
            place = 0 if last is None else last + 1
        db.add(
            Article(
                id=aid,
                session_id=session_id,
                position=place,
                title=title.strip() or "Untitled",
                outlet=outlet,
                author=author,
                url=url,
                published=pub,
                language=language,
                source_name=source_name,
                fmt=fmt,
                text=text,
                content_hash=digest,
                created=utcnow(),
            )
        )
        return Outcome(
            session_id=session_id,
            target_id=aid,
            description=f"Import {short(title)}",
            kinds={"article"},
            ids={aid},
            redo={
                "session_id": session_id,
                "title": title,
                "text": text,
                "outlet": outlet,
                "author": author,
                "url": url,
                "published": published,
                "language": language,
                "source_name": source_name,
                "fmt": fmt,
                "article_id": aid,
                "position": place,
            },
            inverse=OpCall("remove_article", {"article_id": aid}),
            after={
                "title": title,
                "outlet": outlet,
                "source_name": source_name,
                "chars": len(text),
                "content_hash": digest,
            },
        )

    return perform(lib, op="add_article", body=body)


_DETAILS = ("title", "outlet", "author", "url", "published")


def _blank_nulls(values: dict[str, Any]) -> dict[str, Any]:
    return {k: ("" if v is None else v) for k, v in values.items()}


@operation
def update_article(
    lib: Library,
    article_id: str,
    title: str | None = None,
    outlet: str | None = None,
    author: str | None = None,
    url: str | None = None,
    published: str | None = None,
    expected_version: int | None = None,
) -> Change:
    """Correct an article's metadata (never its text). ``""`` clears a field."""

    def body(db: DbSession) -> Outcome:
        row = get_row(db, Article, article_id, "article", expected_version=expected_version)
        before = {f: jsonable(getattr(row, f)) for f in _DETAILS}
        if title is not None:
            row.title = title.strip() or row.title
        if outlet is not None:
            row.outlet = outlet or None
        if author is not None:
            row.author = author or None
        if url is not None:
            row.url = url or None
        if published is not None:
            row.published = parse_date(published)
        after = {f: jsonable(getattr(row, f)) for f in _DETAILS}
        return Outcome(
            session_id=row.session_id,
            target_id=article_id,
            description=f"Edit article {short(str(after['title']))}",
            kinds={"article"},
            ids={article_id},
            redo={"article_id": article_id, **_blank_nulls(after)},
            inverse=OpCall("update_article", {"article_id": article_id, **_blank_nulls(before)}),
            before=before,
            after=after,
        )

    return perform(lib, op="update_article", body=body)


@operation
def move_article(lib: Library, article_id: str, position: int) -> Change:
    """Move an article to ``position`` (0-based) among the session's panes."""

    def body(db: DbSession) -> Outcome:
        row = get_row(db, Article, article_id, "article")
        sid = row.session_id
        lock_session(db, sid)
        order = list(
            db.scalars(
                select(Article.id).where(Article.session_id == sid).order_by(Article.position)
            )
        )
        old = order.index(article_id)
        order.remove(article_id)
        place = max(0, min(position, len(order)))
        order.insert(place, article_id)
        for i, aid in enumerate(order):
            db.execute(update(Article).where(Article.id == aid).values(position=i))
        return Outcome(
            session_id=sid,
            target_id=article_id,
            description="Move article",
            kinds={"article"},
            ids=order,
            redo={"article_id": article_id, "position": place},
            inverse=OpCall("move_article", {"article_id": article_id, "position": old}),
            before={"position": old},
            after={"position": place},
        )

    return perform(lib, op="move_article", body=body)


@operation
def remove_article(lib: Library, article_id: str) -> Change:
    """Remove an article with its claims, their links, evidence and notes."""

    def body(db: DbSession) -> Outcome:
        t = tables()
        row = get_row(db, Article, article_id, "article")
        sid, title = row.session_id, row.title
        claim_ids = list(db.scalars(select(Claim.id).where(Claim.article_id == article_id)))
        snapshot: dict[str, Any] = {
            "articles": row_dicts(db, t["articles"], Article.id == article_id),
            **snapshot_claims(db, claim_ids),
        }
        snapshot["notes"] += row_dicts(db, t["notes"], Note.article_id == article_id)
        snapshot["root"] = {"kind": "article", "id": article_id}
        db.execute(delete(Article).where(Article.id == article_id))
        # The whole snapshot, text included: `workbench article restore` undoes from it.
        return removal(
            snapshot=snapshot,
            session_id=sid,
            target_id=article_id,
            description=f"Remove article {short(title)}",
            redo={"article_id": article_id},
        )

    return perform(lib, op="remove_article", body=body)
