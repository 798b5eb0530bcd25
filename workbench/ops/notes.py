"""Operations on notes, free text on a session, an article, a claim or a link."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete
from sqlalchemy.orm import Session as DbSession

from workbench.errors import NotFound
from workbench.ops.framework import Change, OpCall, Outcome, get_row, operation, perform, short
from workbench.ops.snapshots import removal, row_dicts, tables
from workbench.storage.schema import Article, Claim, Link, Note, Session, utcnow
from workbench.storage.store import Library
from workbench.vocabulary import new_id


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

    def body(db: DbSession) -> Outcome:
        nid = note_id or new_id()
        sid, target = _note_target(db, target_id)
        now = utcnow()
        db.add(Note(id=nid, session_id=sid, text=text, created=now, updated=now, **target))
        return Outcome(
            session_id=sid,
            target_id=nid,
            description=f"Add note {short(text)}",
            kinds={"note"},
            ids={nid, target_id},
            redo={"target_id": target_id, "text": text, "note_id": nid},
            inverse=OpCall("remove_note", {"note_id": nid}),
            after={"target_id": target_id, "text": text},
        )

    return perform(lib, op="add_note", body=body, refuse=[(not text.strip(), "the note is empty")])


@operation
def edit_note(lib: Library, note_id: str, text: str, expected_version: int | None = None) -> Change:
    """Replace a note's text (an autosaving editor calls this as the user types)."""

    def body(db: DbSession) -> Outcome:
        row = get_row(db, Note, note_id, "note", expected_version=expected_version)
        before = {"text": row.text}
        row.text, row.updated = text, utcnow()
        return Outcome(
            session_id=row.session_id,
            target_id=note_id,
            description=f"Edit note {short(text)}",
            kinds={"note"},
            ids={note_id, row.target_id},
            redo={"note_id": note_id, "text": text},
            inverse=OpCall("edit_note", {"note_id": note_id, **before}),
            before=before,
            after={"text": text},
        )

    return perform(lib, op="edit_note", body=body)


@operation
def remove_note(lib: Library, note_id: str) -> Change:
    """Remove a note (undo restores it)."""

    def body(db: DbSession) -> Outcome:
        t = tables()
        row = get_row(db, Note, note_id, "note")
        sid, target = row.session_id, row.target_id
        snapshot: dict[str, Any] = {
            "notes": row_dicts(db, t["notes"], Note.id == note_id),
            "root": {"kind": "note", "id": note_id},
        }
        db.execute(delete(Note).where(Note.id == note_id))
        return removal(
            snapshot=snapshot,
            session_id=sid,
            target_id=note_id,
            description="Remove note",
            redo={"note_id": note_id},
            kinds=frozenset({"note"}),
            ids=frozenset({note_id, target}),
        )

    return perform(lib, op="remove_note", body=body)
