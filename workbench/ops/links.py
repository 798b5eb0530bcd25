"""Operations on links between claims of different articles: link, change, unlink."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session as DbSession

from workbench.errors import InvalidOperation
from workbench.ops.framework import (
    Change,
    OpCall,
    Outcome,
    get_row,
    lock_session,
    operation,
    perform,
)
from workbench.ops.snapshots import removal, row_dicts, tables
from workbench.storage.schema import Claim, Link, Note, utcnow
from workbench.storage.store import Library
from workbench.vocabulary import LINK_TYPE_LABELS, LINK_TYPES, new_id


def ordered(a: str, b: str) -> tuple[str, str]:
    """A link's two claims in the order it stores them (one link per pair)."""
    return (a, b) if a < b else (b, a)


def unknown_type(type: str | None) -> tuple[bool, str]:
    """A ``refuse`` pair for a link type that is not one of ours (None: unchanged)."""
    return (
        type is not None and type not in LINK_TYPES,
        f"link type {type!r} is not one of: {', '.join(LINK_TYPES)}",
    )


def new_link(
    db: DbSession, session_id: str, first: str, second: str, type: str, note: str, link_id: str
) -> None:
    """Add a link between an ordered pair, refusing a second link for the pair."""
    lock_session(db, session_id)  # two desks linking the same pair: one wins, one is told
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

    def body(db: DbSession) -> Outcome:
        lid = link_id or new_id()
        ca = get_row(db, Claim, claim_a, "claim")
        cb = get_row(db, Claim, claim_b, "claim")
        if ca.article_id == cb.article_id:
            raise InvalidOperation(
                "both claims are in the same article; links connect claims across sources"
            )
        sid = ca.article.session_id
        if cb.article.session_id != sid:
            raise InvalidOperation("the claims belong to different sessions")
        first, second = ordered(claim_a, claim_b)
        new_link(db, sid, first, second, type, note, lid)
        return Outcome(
            session_id=sid,
            target_id=lid,
            description=f"Link claims ({LINK_TYPE_LABELS[type]})",
            kinds={"link"},
            ids={lid, claim_a, claim_b},
            redo={"claim_a": first, "claim_b": second, "type": type, "note": note, "link_id": lid},
            inverse=OpCall("unlink", {"link_id": lid}),
            after={"claim_a": first, "claim_b": second, "type": type, "note": note},
        )

    return perform(
        lib,
        op="link_claims",
        body=body,
        refuse=[unknown_type(type), (claim_a == claim_b, "a claim cannot be linked to itself")],
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

    def body(db: DbSession) -> Outcome:
        row = get_row(db, Link, link_id, "link", expected_version=expected_version)
        before = {"type": row.type, "note": row.note}
        if type is not None:
            row.type = type
        if note is not None:
            row.note = note
        row.updated = utcnow()
        after = {"type": row.type, "note": row.note}
        return Outcome(
            session_id=row.session_id,
            target_id=link_id,
            description=f"Link type {LINK_TYPE_LABELS[after['type']]}",
            kinds={"link"},
            ids={link_id, row.claim_a_id, row.claim_b_id},
            redo={"link_id": link_id, **after},
            inverse=OpCall("update_link", {"link_id": link_id, **before}),
            before=before,
            after=after,
        )

    return perform(lib, op="update_link", body=body, refuse=[unknown_type(type)])


@operation
def unlink(lib: Library, link_id: str) -> Change:
    """Remove a link (and its notes); the claims stay."""

    def body(db: DbSession) -> Outcome:
        t = tables()
        row = get_row(db, Link, link_id, "link")
        sid, claims = row.session_id, frozenset({row.claim_a_id, row.claim_b_id})
        snapshot: dict[str, Any] = {
            "links": row_dicts(db, t["links"], Link.id == link_id),
            "notes": row_dicts(db, t["notes"], Note.link_id == link_id),
            "root": {"kind": "link", "id": link_id},
        }
        db.execute(delete(Link).where(Link.id == link_id))
        return removal(
            snapshot=snapshot,
            session_id=sid,
            target_id=link_id,
            description="Remove link",
            redo={"link_id": link_id},
            ids=claims,
        )

    return perform(lib, op="unlink", body=body)
