"""Every change a user can make, one function each.

Each operation opens one write transaction, changes rows, appends one audit
``Event`` (who, when, what, before/after) and returns a ``Change``: what it
touched, how to do it again (``redo``) and how to undo it (``inverse``). Both
are plain data (``OpCall``) run by ``apply``, so the UI's undo stack, the CLI
and tests share one path. Deletions keep a snapshot of every row they remove,
so undo restores a claim together with its links, evidence and notes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, TypeVar

from sqlalchemy import Table, delete, insert, or_, select, update
from sqlalchemy.orm import Session as DbSession

from workbench import vocabulary
from workbench.analysis import anchoring
from workbench.errors import InvalidOperation, NotFound, StaleEdit
from workbench.storage.schema import (
    Article,
    Base,
    Claim,
    Dismissal,
    Event,
    Evidence,
    Link,
    Note,
    Session,
    UTCDateTime,
    utcnow,
)
from workbench.storage.store import Library
from workbench.vocabulary import LINK_TYPE_LABELS, LINK_TYPES, new_id

M = TypeVar("M", bound=Base)


@dataclass(frozen=True)
class OpCall:
    """An operation by name with JSON-friendly arguments."""

    name: str
    args: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Change:
    """What one operation did, and how to redo or undo it."""

    operation: str
    description: str
    session_id: str | None
    target_id: str | None
    kinds: frozenset[str]
    ids: frozenset[str]
    redo: OpCall
    inverse: OpCall


OPERATIONS: dict[str, Callable[..., Change]] = {}
F = TypeVar("F", bound=Callable[..., Change])


def operation(fn: F) -> F:
    OPERATIONS[fn.__name__] = fn
    return fn


def apply(lib: Library, call: OpCall) -> Change:
    """Run the operation ``call`` names (used for undo and redo)."""
    try:
        fn = OPERATIONS[call.name]
    except KeyError:
        raise InvalidOperation(f"unknown operation {call.name!r}") from None
    return fn(lib, **call.args)


# --------------------------------------------------------------------- helpers


def _get(db: DbSession, model: type[M], ident: str, what: str) -> M:
    row = db.get(model, ident)
    if row is None:
        raise NotFound(f"no {what} with id {ident}")
    return row


def _check_version(db: DbSession, row: Any, expected: int | None, what: str) -> None:
    """Refuse an edit based on an older copy of ``row`` than the one stored.

    ``expected`` is the version the editor saw (None: no check, as for the
    CLI's one-shot commands). The message names who changed it last and how.
    """
    if expected is None or row.version == expected:
        return
    last = db.scalars(
        select(Event).where(Event.target_id == row.id).order_by(Event.id.desc()).limit(1)
    ).first()
    who = ""
    if last is not None:
        how = last.operation.replace("_", " ")
        who = f" by {last.actor} at {last.at.astimezone():%H:%M} ({how})"
    raise StaleEdit(
        f"this {what} was changed{who} since you opened it; "
        "reload to see the change, then edit again"
    )


def _lock_session(db: DbSession, session_id: str) -> Session:
    """The session row, locked until the transaction ends.

    Read-then-write steps within a session (the next article position, the
    order of panes, "is this text already here?") take this lock first, so two
    desks writing to one PostgreSQL server at once are serialised. On SQLite
    ``BEGIN IMMEDIATE`` already serialises writers and FOR UPDATE is omitted.
    """
    row = db.get(Session, session_id, with_for_update=True)
    if row is None:
        raise NotFound(f"no session with id {session_id}")
    return row


def _record(
    db: DbSession,
    lib: Library,
    operation: str,
    session_id: str | None,
    target_id: str | None,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
) -> None:
    db.add(
        Event(
            at=utcnow(),
            actor=lib.actor,
            operation=operation,
            session_id=session_id,
            target_id=target_id,
            before=before,
            after=after,
            origin=lib.origin,
        )
    )


def _touch_session(db: DbSession, session_id: str) -> None:
    db.execute(update(Session).where(Session.id == session_id).values(updated=utcnow()))


def _short(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return f"“{text}”" if len(text) <= limit else f"“{text[: limit - 1]}…”"


def _new_claim(
    db: DbSession,
    article_id: str,
    a: anchoring.Anchor,
    claim_id: str,
    verdict: str = vocabulary.UNCHECKED,
) -> None:
    now = utcnow()
    db.add(
        Claim(
            id=claim_id,
            article_id=article_id,
            start=a.start,
            end=a.end,
            quote=a.quote,
            prefix=a.prefix,
            suffix=a.suffix,
            verdict=verdict,
            rationale="",
            created=now,
            updated=now,
        )
    )


def _new_link(
    db: DbSession, session_id: str, first: str, second: str, type: str, note: str, link_id: str
) -> None:
    """Add a link between an ordered pair, refusing a second link for the pair."""
    _lock_session(db, session_id)  # two desks linking the same pair: one wins, one is told
    existing = db.scalar(select(Link).where(Link.claim_a_id == first, Link.claim_b_id == second))
    if existing is not None:
        raise InvalidOperation(
            f"these claims are already linked ({LINK_TYPE_LABELS[existing.type]}); "
            "change that link's type instead"
        )
    now = utcnow()
    db.add(
        Link(
            id=link_id,
            session_id=session_id,
            claim_a_id=first,
            claim_b_id=second,
            type=type,
            note=note,
            created=now,
            updated=now,
        )
    )


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def _row_dicts(db: DbSession, table: Table, where: Any) -> list[dict[str, Any]]:
    rows = db.execute(select(table).where(where)).mappings().all()
    return [{k: _jsonable(v) for k, v in row.items()} for row in rows]


def _from_json(table: Table, row: dict[str, Any]) -> dict[str, Any]:
    out = {}
    for col in table.columns:
        if col.name not in row:
            continue
        value = row[col.name]
        if isinstance(value, str) and isinstance(col.type, UTCDateTime):
            value = datetime.fromisoformat(value)
        elif isinstance(value, str) and col.type.python_type is date:
            value = date.fromisoformat(value)
        out[col.name] = value
    return out


def _tables() -> dict[str, Table]:
    return {
        "sessions": Session.__table__,  # type: ignore[dict-item]
        "articles": Article.__table__,  # type: ignore[dict-item]
        "claims": Claim.__table__,  # type: ignore[dict-item]
        "links": Link.__table__,  # type: ignore[dict-item]
        "evidence": Evidence.__table__,  # type: ignore[dict-item]
        "notes": Note.__table__,  # type: ignore[dict-item]
        "dismissals": Dismissal.__table__,  # type: ignore[dict-item]
    }


# Insert order that satisfies foreign keys.
_RESTORE_ORDER = ("sessions", "articles", "claims", "links", "evidence", "notes", "dismissals")


def _snapshot_claims(db: DbSession, claim_ids: list[str]) -> dict[str, list[dict[str, Any]]]:
    """Rows that go when these claims go: links, evidence and notes with them."""
    t = _tables()
    link_ids = list(
        db.scalars(
            select(Link.id).where(
                or_(Link.claim_a_id.in_(claim_ids), Link.claim_b_id.in_(claim_ids))
            )
        )
    )
    return {
        "claims": _row_dicts(db, t["claims"], Claim.id.in_(claim_ids)),
        "links": _row_dicts(db, t["links"], Link.id.in_(link_ids)),
        "evidence": _row_dicts(db, t["evidence"], Evidence.claim_id.in_(claim_ids)),
        "notes": _row_dicts(
            db, t["notes"], or_(Note.claim_id.in_(claim_ids), Note.link_id.in_(link_ids))
        ),
    }


def _ids_in(snapshot: dict[str, Any]) -> frozenset[str]:
    return frozenset(
        row["id"] for rows in snapshot.values() if isinstance(rows, list) for row in rows
    )


def _kinds_in(snapshot: dict[str, Any]) -> frozenset[str]:
    singular = {
        "sessions": "session",
        "articles": "article",
        "claims": "claim",
        "links": "link",
        "evidence": "evidence",
        "notes": "note",
        "dismissals": "dismissal",
    }
    return frozenset(singular[k] for k, rows in snapshot.items() if k in singular and rows)


# --------------------------------------------------------------------- sessions


@operation
def create_session(
    lib: Library,
    title: str,
    scale: str = vocabulary.DEFAULT_SCALE,
    description: str = "",
    custom_verdicts: list[str] | None = None,
    session_id: str | None = None,
) -> Change:
    """Start a new fact-check session using a preset or a custom verdict scale."""
    title = title.strip()
    if not title:
        raise InvalidOperation("a session needs a title")
    if custom_verdicts is not None:
        try:
            chosen = vocabulary.custom(scale, custom_verdicts)
        except ValueError as err:
            raise InvalidOperation(str(err)) from None
    else:
        try:
            chosen = vocabulary.preset(scale)
        except KeyError as err:
            raise InvalidOperation(str(err.args[0])) from None
    sid = session_id or new_id()
    with lib.write() as db:
        now = utcnow()
        db.add(
            Session(
                id=sid,
                title=title,
                description=description,
                status="open",
                scale_name=chosen.name,
                scale=chosen.to_json(),
                created=now,
                updated=now,
            )
        )
        after = {"title": title, "scale": chosen.name}
        _record(db, lib, "create_session", sid, sid, None, after)
    args = {
        "title": title,
        "scale": scale,
        "description": description,
        "custom_verdicts": custom_verdicts,
        "session_id": sid,
    }
    return Change(
        "create_session",
        f"New session {_short(title)}",
        sid,
        sid,
        frozenset({"session"}),
        frozenset({sid}),
        OpCall("create_session", args),
        OpCall("delete_session", {"session_id": sid}),
    )


@operation
def update_session(
    lib: Library,
    session_id: str,
    title: str | None = None,
    description: str | None = None,
    status: str | None = None,
) -> Change:
    """Rename a session or change its description or status (open / closed)."""
    if title is not None and not title.strip():
        raise InvalidOperation("a session needs a title")
    if status is not None and status not in ("open", "closed"):
        raise InvalidOperation("status is 'open' or 'closed'")
    with lib.write() as db:
        row = _get(db, Session, session_id, "session")
        before = {"title": row.title, "description": row.description, "status": row.status}
        if title is not None:
            row.title = title.strip()
        if description is not None:
            row.description = description
        if status is not None:
            row.status = status
        row.updated = utcnow()
        after = {"title": row.title, "description": row.description, "status": row.status}
        _record(db, lib, "update_session", session_id, session_id, before, after)
    return Change(
        "update_session",
        f"Rename session {_short(after['title'])}",
        session_id,
        session_id,
        frozenset({"session"}),
        frozenset({session_id}),
        OpCall("update_session", {"session_id": session_id, **after}),
        OpCall("update_session", {"session_id": session_id, **before}),
    )


def rename_session(lib: Library, session_id: str, title: str) -> Change:
    """Rename a session (a shorthand for ``update_session``)."""
    return update_session(lib, session_id, title=title)


@operation
def set_scale(
    lib: Library,
    session_id: str,
    scale: str,
    custom_verdicts: list[str] | None = None,
    verdicts: list[dict[str, str]] | None = None,
) -> Change:
    """Switch the session's verdict scale; claims keep the verdicts they have."""
    if verdicts is not None:
        chosen = vocabulary.VerdictScale.from_json(scale, verdicts)
    elif custom_verdicts is not None:
        try:
            chosen = vocabulary.custom(scale, custom_verdicts)
        except ValueError as err:
            raise InvalidOperation(str(err)) from None
    else:
        try:
            chosen = vocabulary.preset(scale)
        except KeyError as err:
            raise InvalidOperation(str(err.args[0])) from None
    with lib.write() as db:
        row = _get(db, Session, session_id, "session")
        before = {"scale": row.scale_name, "verdicts": row.scale}
        row.scale_name, row.scale, row.updated = chosen.name, chosen.to_json(), utcnow()
        after = {"scale": chosen.name, "verdicts": chosen.to_json()}
        _record(db, lib, "set_scale", session_id, session_id, before, after)
    return Change(
        "set_scale",
        f"Verdict scale {chosen.name}",
        session_id,
        session_id,
        frozenset({"session"}),
        frozenset({session_id}),
        OpCall("set_scale", {"session_id": session_id, **after}),
        OpCall("set_scale", {"session_id": session_id, **before}),
    )


@operation
def delete_session(lib: Library, session_id: str) -> Change:
    """Delete a session and everything in it (undo restores all of it)."""
    t = _tables()
    with lib.write() as db:
        row = _get(db, Session, session_id, "session")
        title = row.title
        article_ids = list(db.scalars(select(Article.id).where(Article.session_id == session_id)))
        claim_ids = list(db.scalars(select(Claim.id).where(Claim.article_id.in_(article_ids))))
        snapshot: dict[str, Any] = {
            "sessions": _row_dicts(db, t["sessions"], Session.id == session_id),
            "articles": _row_dicts(db, t["articles"], Article.session_id == session_id),
            **_snapshot_claims(db, claim_ids),
            "dismissals": _row_dicts(db, t["dismissals"], Dismissal.session_id == session_id),
        }
        snapshot["notes"] = _row_dicts(db, t["notes"], Note.session_id == session_id)
        snapshot["root"] = {"kind": "session", "id": session_id}
        db.execute(delete(Session).where(Session.id == session_id))
        _record(db, lib, "delete_session", session_id, session_id, snapshot, None)
    return Change(
        "delete_session",
        f"Delete session {_short(title)}",
        session_id,
        session_id,
        _kinds_in(snapshot),
        _ids_in(snapshot),
        OpCall("delete_session", {"session_id": session_id}),
        OpCall("restore", {"snapshot": snapshot}),
    )


# --------------------------------------------------------------------- articles


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
    """Add an article to a session. Its text is fixed from now on."""
    if not text.strip():
        raise InvalidOperation("the article has no text")
    pub = _parse_date(published)
    aid = article_id or new_id()
    digest = content_hash(text)
    with lib.write() as db:
        _lock_session(db, session_id)
        dup = db.scalar(
            select(Article.title).where(
                Article.session_id == session_id, Article.content_hash == digest
            )
        )
        if dup is not None:
            raise InvalidOperation(f"the same text is already in this session (“{dup}”)")
        if position is None:
            last = db.scalar(
                select(Article.position)
                .where(Article.session_id == session_id)
                .order_by(Article.position.desc())
                .limit(1)
            )
            position = 0 if last is None else last + 1
        db.add(
            Article(
                id=aid,
                session_id=session_id,
                position=position,
                title=title.strip() or "Untitled",
                outlet=outlet,
                author=author,
                url=url,
                published=pub,
                language=language,
                source_name=source_name,
                fmt=fmt,
                text=text,
                content_hash=content_hash(text),
                created=utcnow(),
            )
        )
        _touch_session(db, session_id)
        after = {
            "title": title,
            "outlet": outlet,
            "source_name": source_name,
            "chars": len(text),
            "content_hash": content_hash(text),
        }
        _record(db, lib, "add_article", session_id, aid, None, after)
    args = {
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
        "position": position,
    }
    return Change(
        "add_article",
        f"Import {_short(title)}",
        session_id,
        aid,
        frozenset({"article"}),
        frozenset({aid}),
        OpCall("add_article", args),
        OpCall("remove_article", {"article_id": aid}),
    )


def _parse_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        raise InvalidOperation(f"published date {value!r} is not YYYY-MM-DD") from None


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
    with lib.write() as db:
        row = _get(db, Article, article_id, "article")
        _check_version(db, row, expected_version, "article")
        fields = ("title", "outlet", "author", "url", "published")
        before = {f: _jsonable(getattr(row, f)) for f in fields}
        if title is not None:
            row.title = title.strip() or row.title
        if outlet is not None:
            row.outlet = outlet or None
        if author is not None:
            row.author = author or None
        if url is not None:
            row.url = url or None
        if published is not None:
            row.published = _parse_date(published)
        after = {f: _jsonable(getattr(row, f)) for f in fields}
        _touch_session(db, row.session_id)
        _record(db, lib, "update_article", row.session_id, article_id, before, after)
        sid = row.session_id
    undo = {k: ("" if v is None else v) for k, v in before.items()}
    return Change(
        "update_article",
        f"Edit article {_short(str(after['title']))}",
        sid,
        article_id,
        frozenset({"article"}),
        frozenset({article_id}),
        OpCall(
            "update_article",
            {"article_id": article_id, **{k: ("" if v is None else v) for k, v in after.items()}},
        ),
        OpCall("update_article", {"article_id": article_id, **undo}),
    )


@operation
def move_article(lib: Library, article_id: str, position: int) -> Change:
    """Move an article to ``position`` (0-based) among the session's panes."""
    with lib.write() as db:
        row = _get(db, Article, article_id, "article")
        sid = row.session_id
        _lock_session(db, sid)
        order = list(
            db.scalars(
                select(Article.id).where(Article.session_id == sid).order_by(Article.position)
            )
        )
        old = order.index(article_id)
        order.remove(article_id)
        position = max(0, min(position, len(order)))
        order.insert(position, article_id)
        for i, aid in enumerate(order):
            db.execute(update(Article).where(Article.id == aid).values(position=i))
        _touch_session(db, sid)
        _record(db, lib, "move_article", sid, article_id, {"position": old}, {"position": position})
    return Change(
        "move_article",
        "Move article",
        sid,
        article_id,
        frozenset({"article"}),
        frozenset(order),
        OpCall("move_article", {"article_id": article_id, "position": position}),
        OpCall("move_article", {"article_id": article_id, "position": old}),
    )


@operation
def remove_article(lib: Library, article_id: str) -> Change:
    """Remove an article with its claims, their links, evidence and notes."""
    t = _tables()
    with lib.write() as db:
        row = _get(db, Article, article_id, "article")
        sid, title = row.session_id, row.title
        claim_ids = list(db.scalars(select(Claim.id).where(Claim.article_id == article_id)))
        snapshot: dict[str, Any] = {
            "articles": _row_dicts(db, t["articles"], Article.id == article_id),
            **_snapshot_claims(db, claim_ids),
        }
        snapshot["notes"] += _row_dicts(db, t["notes"], Note.article_id == article_id)
        snapshot["root"] = {"kind": "article", "id": article_id}
        db.execute(delete(Article).where(Article.id == article_id))
        _touch_session(db, sid)
        # The whole snapshot, text included: `workbench article restore` undoes from it.
        _record(db, lib, "remove_article", sid, article_id, snapshot, None)
    return Change(
        "remove_article",
        f"Remove article {_short(title)}",
        sid,
        article_id,
        _kinds_in(snapshot),
        _ids_in(snapshot),
        OpCall("remove_article", {"article_id": article_id}),
        OpCall("restore", {"snapshot": snapshot}),
    )


# --------------------------------------------------------------------- claims


def _claim_change(op: str, desc: str, sid: str, cid: str, redo: OpCall, inverse: OpCall) -> Change:
    return Change(op, desc, sid, cid, frozenset({"claim"}), frozenset({cid}), redo, inverse)


@operation
def add_claim(
    lib: Library,
    article_id: str,
    start: int,
    end: int,
    verdict: str = vocabulary.UNCHECKED,
    claim_id: str | None = None,
) -> Change:
    """Mark ``text[start:end]`` of an article as a claim (edges' whitespace trimmed)."""
    cid = claim_id or new_id()
    with lib.write() as db:
        art = _get(db, Article, article_id, "article")
        a = anchoring.anchor(art.text, start, end)
        _new_claim(db, article_id, a, cid, verdict)
        sid = art.session_id
        _touch_session(db, sid)
        _record(
            db,
            lib,
            "add_claim",
            sid,
            cid,
            None,
            {"article_id": article_id, "start": a.start, "end": a.end, "quote": a.quote},
        )
    return _claim_change(
        "add_claim",
        f"Add claim {_short(a.quote)}",
        sid,
        cid,
        OpCall(
            "add_claim",
            {
                "article_id": article_id,
                "start": a.start,
                "end": a.end,
                "verdict": verdict,
                "claim_id": cid,
            },
        ),
        OpCall("remove_claim", {"claim_id": cid}),
    )


@operation
def remove_claim(lib: Library, claim_id: str) -> Change:
    """Remove a claim with its links, evidence and notes (undo restores them)."""
    with lib.write() as db:
        row = _get(db, Claim, claim_id, "claim")
        quote = row.quote
        sid = row.article.session_id
        snapshot: dict[str, Any] = {**_snapshot_claims(db, [claim_id])}
        snapshot["root"] = {"kind": "claim", "id": claim_id}
        db.execute(delete(Claim).where(Claim.id == claim_id))
        _touch_session(db, sid)
        _record(db, lib, "remove_claim", sid, claim_id, snapshot, None)
    return Change(
        "remove_claim",
        f"Delete claim {_short(quote)}",
        sid,
        claim_id,
        _kinds_in(snapshot),
        _ids_in(snapshot),
        OpCall("remove_claim", {"claim_id": claim_id}),
        OpCall("restore", {"snapshot": snapshot}),
    )


@operation
def resize_claim(
    lib: Library, claim_id: str, start: int, end: int, expected_version: int | None = None
) -> Change:
    """Move a claim's span within its article."""
    with lib.write() as db:
        row = _get(db, Claim, claim_id, "claim")
        _check_version(db, row, expected_version, "claim")
        a = anchoring.anchor(row.article.text, start, end)
        before = {"start": row.start, "end": row.end}
        row.start, row.end, row.quote, row.prefix, row.suffix = (
            a.start,
            a.end,
            a.quote,
            a.prefix,
            a.suffix,
        )
        row.updated = utcnow()
        sid = row.article.session_id
        _touch_session(db, sid)
        _record(
            db,
            lib,
            "resize_claim",
            sid,
            claim_id,
            before,
            {"start": a.start, "end": a.end, "quote": a.quote},
        )
    return _claim_change(
        "resize_claim",
        f"Resize claim {_short(a.quote)}",
        sid,
        claim_id,
        OpCall("resize_claim", {"claim_id": claim_id, "start": a.start, "end": a.end}),
        OpCall("resize_claim", {"claim_id": claim_id, **before}),
    )


@operation
def set_verdict(
    lib: Library,
    claim_id: str,
    verdict: str,
    rationale: str | None = None,
    validate: bool = True,
    expected_version: int | None = None,
) -> Change:
    """Record a verdict (from the session's scale or a working state) and rationale.

    Undo and redo pass ``validate=False``: they put back a verdict that was
    valid when it was given, even if the session's scale changed since."""
    with lib.write() as db:
        row = _get(db, Claim, claim_id, "claim")
        _check_version(db, row, expected_version, "claim")
        sess = row.article.session
        scale = vocabulary.VerdictScale.from_json(sess.scale_name, sess.scale)
        if validate and verdict not in scale.choices():
            matches = [c for c in scale.choices() if c.lower() == verdict.strip().lower()]
            if not matches:
                raise InvalidOperation(
                    f"{verdict!r} is not on this session's scale ({', '.join(scale.choices())})"
                )
            verdict = matches[0]
        before = {"verdict": row.verdict, "rationale": row.rationale}
        row.verdict = verdict
        if rationale is not None:
            row.rationale = rationale
        row.updated = utcnow()
        after = {"verdict": row.verdict, "rationale": row.rationale}
        _touch_session(db, sess.id)
        _record(db, lib, "set_verdict", sess.id, claim_id, before, after)
        sid = sess.id
    return _claim_change(
        "set_verdict",
        f"Verdict {verdict}",
        sid,
        claim_id,
        OpCall("set_verdict", {"claim_id": claim_id, **after, "validate": False}),
        OpCall("set_verdict", {"claim_id": claim_id, **before, "validate": False}),
    )


@operation
def set_rationale(
    lib: Library, claim_id: str, rationale: str, expected_version: int | None = None
) -> Change:
    """Replace the rationale of a claim's verdict, leaving the verdict as it is."""
    with lib.write() as db:
        row = _get(db, Claim, claim_id, "claim")
        _check_version(db, row, expected_version, "claim")
        before = {"rationale": row.rationale}
        row.rationale, row.updated = rationale, utcnow()
        sid = row.article.session_id
        _touch_session(db, sid)
        _record(db, lib, "set_rationale", sid, claim_id, before, {"rationale": rationale})
    return _claim_change(
        "set_rationale",
        f"Rationale {_short(rationale)}",
        sid,
        claim_id,
        OpCall("set_rationale", {"claim_id": claim_id, "rationale": rationale}),
        OpCall("set_rationale", {"claim_id": claim_id, **before}),
    )


@operation
def set_checkworthiness(
    lib: Library, claim_id: str, value: int | None, expected_version: int | None = None
) -> Change:
    """How worth checking a claim is, 1 (low) to 5 (high), or None."""
    if value is not None and not 1 <= value <= 5:
        raise InvalidOperation("check-worthiness goes from 1 to 5")
    with lib.write() as db:
        row = _get(db, Claim, claim_id, "claim")
        _check_version(db, row, expected_version, "claim")
        before = {"value": row.checkworthiness}
        row.checkworthiness, row.updated = value, utcnow()
        sid = row.article.session_id
        _record(db, lib, "set_checkworthiness", sid, claim_id, before, {"value": value})
    return _claim_change(
        "set_checkworthiness",
        "Check-worthiness",
        sid,
        claim_id,
        OpCall("set_checkworthiness", {"claim_id": claim_id, "value": value}),
        OpCall("set_checkworthiness", {"claim_id": claim_id, **before}),
    )


# --------------------------------------------------------------------- links


def _ordered(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a < b else (b, a)


@operation
def link_claims(
    lib: Library,
    claim_a: str,
    claim_b: str,
    type: str,
    note: str = "",
    link_id: str | None = None,
) -> Change:
    """Link two claims of different articles of one session with a type."""
    if type not in LINK_TYPES:
        raise InvalidOperation(f"link type {type!r} is not one of: {', '.join(LINK_TYPES)}")
    if claim_a == claim_b:
        raise InvalidOperation("a claim cannot be linked to itself")
    lid = link_id or new_id()
    with lib.write() as db:
        ca = _get(db, Claim, claim_a, "claim")
        cb = _get(db, Claim, claim_b, "claim")
        if ca.article_id == cb.article_id:
            raise InvalidOperation(
                "both claims are in the same article; links connect claims across sources"
            )
        sid = ca.article.session_id
        if cb.article.session_id != sid:
            raise InvalidOperation("the claims belong to different sessions")
        first, second = _ordered(claim_a, claim_b)
        _new_link(db, sid, first, second, type, note, lid)
        _touch_session(db, sid)
        _record(
            db,
            lib,
            "link_claims",
            sid,
            lid,
            None,
            {"claim_a": first, "claim_b": second, "type": type, "note": note},
        )
    return Change(
        "link_claims",
        f"Link claims ({LINK_TYPE_LABELS[type]})",
        sid,
        lid,
        frozenset({"link"}),
        frozenset({lid, claim_a, claim_b}),
        OpCall(
            "link_claims",
            {"claim_a": first, "claim_b": second, "type": type, "note": note, "link_id": lid},
        ),
        OpCall("unlink", {"link_id": lid}),
    )


@operation
def update_link(
    lib: Library,
    link_id: str,
    type: str | None = None,
    note: str | None = None,
    expected_version: int | None = None,
) -> Change:
    """Change a link's type or note."""
    if type is not None and type not in LINK_TYPES:
        raise InvalidOperation(f"link type {type!r} is not one of: {', '.join(LINK_TYPES)}")
    with lib.write() as db:
        row = _get(db, Link, link_id, "link")
        _check_version(db, row, expected_version, "link")
        before = {"type": row.type, "note": row.note}
        if type is not None:
            row.type = type
        if note is not None:
            row.note = note
        row.updated = utcnow()
        after = {"type": row.type, "note": row.note}
        sid = row.session_id
        ids = frozenset({link_id, row.claim_a_id, row.claim_b_id})
        _touch_session(db, sid)
        _record(db, lib, "update_link", sid, link_id, before, after)
    return Change(
        "update_link",
        f"Link type {LINK_TYPE_LABELS[after['type']]}",
        sid,
        link_id,
        frozenset({"link"}),
        ids,
        OpCall("update_link", {"link_id": link_id, **after}),
        OpCall("update_link", {"link_id": link_id, **before}),
    )


@operation
def unlink(lib: Library, link_id: str) -> Change:
    """Remove a link (and its notes); the claims stay."""
    t = _tables()
    with lib.write() as db:
        row = _get(db, Link, link_id, "link")
        sid = row.session_id
        ids = {row.claim_a_id, row.claim_b_id}
        snapshot: dict[str, Any] = {
            "links": _row_dicts(db, t["links"], Link.id == link_id),
            "notes": _row_dicts(db, t["notes"], Note.link_id == link_id),
            "root": {"kind": "link", "id": link_id},
        }
        db.execute(delete(Link).where(Link.id == link_id))
        _touch_session(db, sid)
        _record(db, lib, "unlink", sid, link_id, snapshot, None)
    return Change(
        "unlink",
        "Remove link",
        sid,
        link_id,
        _kinds_in(snapshot),
        _ids_in(snapshot) | ids,
        OpCall("unlink", {"link_id": link_id}),
        OpCall("restore", {"snapshot": snapshot}),
    )


# --------------------------------------------------------------------- evidence


_EVIDENCE_FIELDS = ("url", "title", "citation", "excerpt", "accessed")


@operation
def add_evidence(
    lib: Library,
    claim_id: str,
    url: str = "",
    title: str = "",
    citation: str = "",
    excerpt: str = "",
    accessed: str | None = None,
    evidence_id: str | None = None,
) -> Change:
    """Attach a source (a URL or a citation) to a claim's verdict."""
    if not url.strip() and not citation.strip():
        raise InvalidOperation("evidence needs a URL or a citation")
    eid = evidence_id or new_id()
    with lib.write() as db:
        claim = _get(db, Claim, claim_id, "claim")
        sid = claim.article.session_id
        now = utcnow()
        db.add(
            Evidence(
                id=eid,
                claim_id=claim_id,
                url=url.strip(),
                title=title,
                citation=citation,
                excerpt=excerpt,
                accessed=_parse_date(accessed) or now.date(),
                created=now,
                updated=now,
            )
        )
        claim.updated = now
        _touch_session(db, sid)
        _record(
            db,
            lib,
            "add_evidence",
            sid,
            eid,
            None,
            {"claim_id": claim_id, "url": url, "title": title},
        )
    args = {
        "claim_id": claim_id,
        "url": url,
        "title": title,
        "citation": citation,
        "excerpt": excerpt,
        "accessed": accessed,
        "evidence_id": eid,
    }
    return Change(
        "add_evidence",
        "Add evidence",
        sid,
        eid,
        frozenset({"evidence", "claim"}),
        frozenset({eid, claim_id}),
        OpCall("add_evidence", args),
        OpCall("remove_evidence", {"evidence_id": eid}),
    )


@operation
def edit_evidence(
    lib: Library,
    evidence_id: str,
    url: str | None = None,
    title: str | None = None,
    citation: str | None = None,
    excerpt: str | None = None,
    accessed: str | None = None,
    expected_version: int | None = None,
) -> Change:
    """Change fields of a piece of evidence."""
    with lib.write() as db:
        row = _get(db, Evidence, evidence_id, "evidence")
        _check_version(db, row, expected_version, "evidence")
        before = {f: _jsonable(getattr(row, f)) for f in _EVIDENCE_FIELDS}
        for name, value in (
            ("url", url),
            ("title", title),
            ("citation", citation),
            ("excerpt", excerpt),
        ):
            if value is not None:
                setattr(row, name, value)
        if accessed is not None:
            row.accessed = _parse_date(accessed)
        if not row.url.strip() and not row.citation.strip():
            raise InvalidOperation("evidence needs a URL or a citation")
        row.updated = utcnow()
        after = {f: _jsonable(getattr(row, f)) for f in _EVIDENCE_FIELDS}
        claim_id = row.claim_id
        sid = db.get_one(Claim, claim_id).article.session_id
        _touch_session(db, sid)
        _record(db, lib, "edit_evidence", sid, evidence_id, before, after)
    return Change(
        "edit_evidence",
        "Edit evidence",
        sid,
        evidence_id,
        frozenset({"evidence", "claim"}),
        frozenset({evidence_id, claim_id}),
        OpCall("edit_evidence", {"evidence_id": evidence_id, **_nulls_to_empty(after)}),
        OpCall("edit_evidence", {"evidence_id": evidence_id, **_nulls_to_empty(before)}),
    )


def _nulls_to_empty(values: dict[str, Any]) -> dict[str, Any]:
    return {k: ("" if v is None else v) for k, v in values.items()}


@operation
def remove_evidence(lib: Library, evidence_id: str) -> Change:
    """Remove a piece of evidence (undo restores it)."""
    t = _tables()
    with lib.write() as db:
        row = _get(db, Evidence, evidence_id, "evidence")
        claim_id = row.claim_id
        sid = db.get_one(Claim, claim_id).article.session_id
        snapshot: dict[str, Any] = {
            "evidence": _row_dicts(db, t["evidence"], Evidence.id == evidence_id),
            "root": {"kind": "evidence", "id": evidence_id},
        }
        db.execute(delete(Evidence).where(Evidence.id == evidence_id))
        _touch_session(db, sid)
        _record(db, lib, "remove_evidence", sid, evidence_id, snapshot, None)
    return Change(
        "remove_evidence",
        "Remove evidence",
        sid,
        evidence_id,
        frozenset({"evidence", "claim"}),
        frozenset({evidence_id, claim_id}),
        OpCall("remove_evidence", {"evidence_id": evidence_id}),
        OpCall("restore", {"snapshot": snapshot}),
    )


# --------------------------------------------------------------------- notes


def _note_target(db: DbSession, target_id: str) -> tuple[str, dict[str, str | None]]:
    """(session id, the note's target columns) for a session/article/claim/link id."""
    if (s := db.get(Session, target_id)) is not None:
        return s.id, {}
    if (a := db.get(Article, target_id)) is not None:
        return a.session_id, {"article_id": a.id}
    if (c := db.get(Claim, target_id)) is not None:
        return c.article.session_id, {"claim_id": c.id}
    if (lk := db.get(Link, target_id)) is not None:
        return lk.session_id, {"link_id": lk.id}
    raise NotFound(f"no session, article, claim or link with id {target_id}")


@operation
def add_note(lib: Library, target_id: str, text: str, note_id: str | None = None) -> Change:
    """Write a note on a session, an article, a claim or a link."""
    if not text.strip():
        raise InvalidOperation("the note is empty")
    nid = note_id or new_id()
    with lib.write() as db:
        sid, target = _note_target(db, target_id)
        now = utcnow()
        db.add(Note(id=nid, session_id=sid, text=text, created=now, updated=now, **target))
        _touch_session(db, sid)
        _record(db, lib, "add_note", sid, nid, None, {"target_id": target_id, "text": text})
    return Change(
        "add_note",
        f"Add note {_short(text)}",
        sid,
        nid,
        frozenset({"note"}),
        frozenset({nid, target_id}),
        OpCall("add_note", {"target_id": target_id, "text": text, "note_id": nid}),
        OpCall("remove_note", {"note_id": nid}),
    )


@operation
def edit_note(lib: Library, note_id: str, text: str, expected_version: int | None = None) -> Change:
    """Replace a note's text (an autosaving editor calls this as the user types)."""
    with lib.write() as db:
        row = _get(db, Note, note_id, "note")
        _check_version(db, row, expected_version, "note")
        before = {"text": row.text}
        row.text, row.updated = text, utcnow()
        sid, target = row.session_id, row.target_id
        _touch_session(db, sid)
        _record(db, lib, "edit_note", sid, note_id, before, {"text": text})
    return Change(
        "edit_note",
        f"Edit note {_short(text)}",
        sid,
        note_id,
        frozenset({"note"}),
        frozenset({note_id, target}),
        OpCall("edit_note", {"note_id": note_id, "text": text}),
        OpCall("edit_note", {"note_id": note_id, **before}),
    )


@operation
def remove_note(lib: Library, note_id: str) -> Change:
    """Remove a note (undo restores it)."""
    t = _tables()
    with lib.write() as db:
        row = _get(db, Note, note_id, "note")
        sid, target = row.session_id, row.target_id
        snapshot: dict[str, Any] = {
            "notes": _row_dicts(db, t["notes"], Note.id == note_id),
            "root": {"kind": "note", "id": note_id},
        }
        db.execute(delete(Note).where(Note.id == note_id))
        _touch_session(db, sid)
        _record(db, lib, "remove_note", sid, note_id, snapshot, None)
    return Change(
        "remove_note",
        "Remove note",
        sid,
        note_id,
        frozenset({"note"}),
        frozenset({note_id, target}),
        OpCall("remove_note", {"note_id": note_id}),
        OpCall("restore", {"snapshot": snapshot}),
    )


# --------------------------------------------------------------------- suggestions


@operation
def dismiss_suggestion(
    lib: Library, session_id: str, key: str, dismissal_id: str | None = None
) -> Change:
    """Remember that a suggestion was dismissed, so it is not proposed again."""
    did = dismissal_id or new_id()
    with lib.write() as db:
        _lock_session(db, session_id)
        exists = db.scalar(
            select(Dismissal.id).where(Dismissal.session_id == session_id, Dismissal.key == key)
        )
        if exists is not None:
            raise InvalidOperation("that suggestion is already dismissed")
        db.add(Dismissal(id=did, session_id=session_id, key=key, created=utcnow()))
        _record(db, lib, "dismiss_suggestion", session_id, did, None, {"key": key})
    return Change(
        "dismiss_suggestion",
        "Dismiss suggestion",
        session_id,
        did,
        frozenset({"dismissal"}),
        frozenset({did}),
        OpCall("dismiss_suggestion", {"session_id": session_id, "key": key, "dismissal_id": did}),
        OpCall("undismiss_suggestion", {"dismissal_id": did}),
    )


@operation
def undismiss_suggestion(lib: Library, dismissal_id: str) -> Change:
    """Forget a dismissal: the suggestion may be proposed again."""
    t = _tables()
    with lib.write() as db:
        row = _get(db, Dismissal, dismissal_id, "dismissal")
        sid = row.session_id
        snapshot: dict[str, Any] = {
            "dismissals": _row_dicts(db, t["dismissals"], Dismissal.id == dismissal_id),
            "root": {"kind": "dismissal", "id": dismissal_id},
        }
        db.execute(delete(Dismissal).where(Dismissal.id == dismissal_id))
        _record(db, lib, "undismiss_suggestion", sid, dismissal_id, snapshot, None)
    return Change(
        "undismiss_suggestion",
        "Restore suggestion",
        sid,
        dismissal_id,
        frozenset({"dismissal"}),
        frozenset({dismissal_id}),
        OpCall("undismiss_suggestion", {"dismissal_id": dismissal_id}),
        OpCall("restore", {"snapshot": snapshot}),
    )


@operation
def link_passages(
    lib: Library,
    article_a: str,
    start_a: int,
    end_a: int,
    article_b: str,
    start_b: int,
    end_b: int,
    type: str,
    note: str = "",
    ids: dict[str, str] | None = None,
) -> Change:
    """Accept a suggestion: claims for both spans (reusing an existing claim with
    exactly that span) and a link between them, in one transaction."""
    if type not in LINK_TYPES:
        raise InvalidOperation(f"link type {type!r} is not one of: {', '.join(LINK_TYPES)}")
    ids = dict(ids or {})
    ids.setdefault("claim_a", new_id())
    ids.setdefault("claim_b", new_id())
    ids.setdefault("link", new_id())
    created: list[str] = []
    with lib.write() as db:
        arts = (_get(db, Article, article_a, "article"), _get(db, Article, article_b, "article"))
        if arts[0].id == arts[1].id:
            raise InvalidOperation("both passages are in the same article")
        if arts[0].session_id != arts[1].session_id:
            raise InvalidOperation("the articles belong to different sessions")
        sid = arts[0].session_id
        claim_ids = []
        for art, (s, e), key in (
            (arts[0], (start_a, end_a), "claim_a"),
            (arts[1], (start_b, end_b), "claim_b"),
        ):
            a = anchoring.anchor(art.text, s, e)
            found = db.scalar(
                select(Claim.id).where(
                    Claim.article_id == art.id, Claim.start == a.start, Claim.end == a.end
                )
            )
            if found is None:
                _new_claim(db, art.id, a, ids[key])
                created.append(ids[key])
                found = ids[key]
            claim_ids.append(found)
        first, second = _ordered(claim_ids[0], claim_ids[1])
        db.flush()  # the new claims exist before the link points at them
        _new_link(db, sid, first, second, type, note, ids["link"])
        _touch_session(db, sid)
        _record(
            db,
            lib,
            "link_passages",
            sid,
            ids["link"],
            None,
            {"claims_created": created, "claim_a": first, "claim_b": second, "type": type},
        )
    return Change(
        "link_passages",
        f"Accept suggestion ({LINK_TYPE_LABELS[type]})",
        sid,
        ids["link"],
        frozenset({"claim", "link"}),
        frozenset({ids["link"], *claim_ids}),
        OpCall(
            "link_passages",
            {
                "article_a": article_a,
                "start_a": start_a,
                "end_a": end_a,
                "article_b": article_b,
                "start_b": start_b,
                "end_b": end_b,
                "type": type,
                "note": note,
                "ids": ids,
            },
        ),
        OpCall("remove_rows", {"link_ids": [ids["link"]], "claim_ids": created}),
    )


@operation
def remove_rows(lib: Library, link_ids: list[str], claim_ids: list[str]) -> Change:
    """Remove links and claims together (the inverse of accepting a suggestion)."""
    t = _tables()
    with lib.write() as db:
        snapshot: dict[str, Any] = _snapshot_claims(db, claim_ids)
        known = {row["id"] for row in snapshot["links"]}
        snapshot["links"] += [
            r for r in _row_dicts(db, t["links"], Link.id.in_(link_ids)) if r["id"] not in known
        ]
        known_notes = {row["id"] for row in snapshot["notes"]}
        snapshot["notes"] += [
            r
            for r in _row_dicts(db, t["notes"], Note.link_id.in_(link_ids))
            if r["id"] not in known_notes
        ]
        sids = {r["session_id"] for r in snapshot["links"]}
        sid = next(iter(sids)) if sids else None
        snapshot["root"] = {"kind": "rows", "link_ids": link_ids, "claim_ids": claim_ids}
        db.execute(delete(Link).where(Link.id.in_(link_ids)))
        db.execute(delete(Claim).where(Claim.id.in_(claim_ids)))
        if sid:
            _touch_session(db, sid)
        _record(db, lib, "remove_rows", sid, None, snapshot, None)
    return Change(
        "remove_rows",
        "Remove claims and links",
        sid,
        None,
        _kinds_in(snapshot) | {"link"},
        _ids_in(snapshot),
        OpCall("remove_rows", {"link_ids": link_ids, "claim_ids": claim_ids}),
        OpCall("restore", {"snapshot": snapshot}),
    )


# --------------------------------------------------------------------- restore


_REMOVERS: dict[str, tuple[str, str]] = {
    "session": ("delete_session", "session_id"),
    "article": ("remove_article", "article_id"),
    "claim": ("remove_claim", "claim_id"),
    "link": ("unlink", "link_id"),
    "evidence": ("remove_evidence", "evidence_id"),
    "note": ("remove_note", "note_id"),
    "dismissal": ("undismiss_suggestion", "dismissal_id"),
}


@operation
def restore(lib: Library, snapshot: dict[str, Any]) -> Change:
    """Put back rows a deletion removed (the inverse of every delete)."""
    t = _tables()
    root = snapshot.get("root", {})
    with lib.write() as db:
        for name in _RESTORE_ORDER:
            rows = snapshot.get(name) or []
            if rows:
                db.execute(insert(t[name]), [_from_json(t[name], r) for r in rows])
        sids = {
            r.get("session_id")
            for k in ("sessions", "articles", "links", "notes")
            for r in snapshot.get(k) or []
            if r.get("session_id")
        }
        sids |= {r["id"] for r in snapshot.get("sessions") or []}
        if not sids and snapshot.get("claims"):
            art = db.get(Article, snapshot["claims"][0]["article_id"])
            sids = {art.session_id} if art else set()
        if not sids and snapshot.get("evidence"):
            claim = db.get(Claim, snapshot["evidence"][0]["claim_id"])
            sids = {claim.article.session_id} if claim else set()
        sid = next(iter(sids)) if sids else None
        if sid:
            _touch_session(db, sid)
        _record(db, lib, "restore", sid, root.get("id"), None, {"root": root})
    kind = root.get("kind", "")
    if kind == "rows":
        inverse = OpCall(
            "remove_rows", {"link_ids": root["link_ids"], "claim_ids": root["claim_ids"]}
        )
    else:
        op_name, arg = _REMOVERS[kind]
        inverse = OpCall(op_name, {arg: root["id"]})
    return Change(
        "restore",
        "Restore",
        sid,
        root.get("id"),
        _kinds_in(snapshot),
        _ids_in(snapshot),
        OpCall("restore", {"snapshot": snapshot}),
        inverse,
    )


# Operations kept in their own modules register themselves on import; load them
# so ``apply`` (undo, redo) knows every operation by name.
from workbench.ops import web_snapshots as _ops_snapshots  # noqa: E402, F401
