"""Operations on sessions: create, rename or update, change the verdict scale, delete."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session as DbSession

from workbench import vocabulary
from workbench.errors import InvalidOperation
from workbench.ops.framework import Change, OpCall, Outcome, get_row, operation, perform, short
from workbench.ops.snapshots import removal, row_dicts, snapshot_claims, tables
from workbench.storage.schema import Article, Claim, Dismissal, Note, Session, utcnow
from workbench.storage.store import Library
from workbench.vocabulary import new_id


def _scale(scale: str, custom_verdicts: list[str] | None) -> vocabulary.VerdictScale:
    """A preset scale by name, or a custom one with these labels."""
    if custom_verdicts is not None:
        try:
            return vocabulary.custom(scale, custom_verdicts)
        except ValueError as err:
            raise InvalidOperation(str(err)) from None
    try:
        return vocabulary.preset(scale)
    except KeyError as err:
        raise InvalidOperation(str(err.args[0])) from None


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
    chosen = _scale(scale, custom_verdicts)
    sid = session_id or new_id()

    def body(db: DbSession) -> Outcome:
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
        return Outcome(
            session_id=sid,
            target_id=sid,
            description=f"New session {short(title)}",
            kinds={"session"},
            ids={sid},
            redo={
                "title": title,
                "scale": scale,
                "description": description,
                "custom_verdicts": custom_verdicts,
                "session_id": sid,
            },
            inverse=OpCall("delete_session", {"session_id": sid}),
            after={"title": title, "scale": chosen.name},
            touch=False,
        )

    return perform(lib, op="create_session", body=body)


@operation
def update_session(
    lib: Library,
    session_id: str,
    title: str | None = None,
    description: str | None = None,
    status: str | None = None,
) -> Change:
    """Rename a session or change its description or status (open / closed)."""

    def body(db: DbSession) -> Outcome:
        row = get_row(db, Session, session_id, "session")
        before = {"title": row.title, "description": row.description, "status": row.status}
        if title is not None:
            row.title = title.strip()
        if description is not None:
            row.description = description
        if status is not None:
            row.status = status
        row.updated = utcnow()
        after = {"title": row.title, "description": row.description, "status": row.status}
        return Outcome(
            session_id=session_id,
            target_id=session_id,
            description=f"Rename session {short(after['title'])}",
            kinds={"session"},
            ids={session_id},
            redo={"session_id": session_id, **after},
            inverse=OpCall("update_session", {"session_id": session_id, **before}),
            before=before,
            after=after,
            touch=False,
        )

    return perform(
        lib,
        op="update_session",
        body=body,
        refuse=[
            (title is not None and not title.strip(), "a session needs a title"),
            (
                status is not None and status not in ("open", "closed"),
                "status is 'open' or 'closed'",
            ),
        ],
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
    else:
        chosen = _scale(scale, custom_verdicts)

    def body(db: DbSession) -> Outcome:
        row = get_row(db, Session, session_id, "session")
        before = {"scale": row.scale_name, "verdicts": row.scale}
        row.scale_name, row.scale, row.updated = chosen.name, chosen.to_json(), utcnow()
        after = {"scale": chosen.name, "verdicts": chosen.to_json()}
        return Outcome(
            session_id=session_id,
            target_id=session_id,
            description=f"Verdict scale {chosen.name}",
            kinds={"session"},
            ids={session_id},
            redo={"session_id": session_id, **after},
            inverse=OpCall("set_scale", {"session_id": session_id, **before}),
            before=before,
            after=after,
            touch=False,
        )

    return perform(lib, op="set_scale", body=body)


@operation
def delete_session(lib: Library, session_id: str) -> Change:
    """Delete a session and everything in it (undo restores all of it)."""

    def body(db: DbSession) -> Outcome:
        t = tables()
        row = get_row(db, Session, session_id, "session")
        title = row.title
        article_ids = list(db.scalars(select(Article.id).where(Article.session_id == session_id)))
        claim_ids = list(db.scalars(select(Claim.id).where(Claim.article_id.in_(article_ids))))
        snapshot: dict[str, Any] = {
            "sessions": row_dicts(db, t["sessions"], Session.id == session_id),
            "articles": row_dicts(db, t["articles"], Article.session_id == session_id),
            **snapshot_claims(db, claim_ids),
            "dismissals": row_dicts(db, t["dismissals"], Dismissal.session_id == session_id),
        }
        snapshot["notes"] = row_dicts(db, t["notes"], Note.session_id == session_id)
        snapshot["root"] = {"kind": "session", "id": session_id}
        db.execute(delete(Session).where(Session.id == session_id))
        return removal(
            snapshot=snapshot,
            session_id=session_id,
            target_id=session_id,
            description=f"Delete session {short(title)}",
            redo={"session_id": session_id},
            touch=False,
        )

    return perform(lib, op="delete_session", body=body)
