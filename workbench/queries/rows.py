"""Rows of one session read by id: what changed after an edit, and nothing else.

The UI keeps a ``SessionDetail`` current from each ``Change`` by reading only
the rows the change names (a verdict reads one claim, not the session). Each
function is one query whatever the number of ids; ``changed_rows`` reads all
kinds a change names in one read transaction.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session as DbSession

from workbench import vocabulary
from workbench.errors import NotFound
from workbench.queries.records import (
    ClaimInfo,
    EvidenceInfo,
    LinkInfo,
    NoteInfo,
    claim_record,
    evidence_record,
    link_record,
    note_record,
)
from workbench.storage.schema import Claim, Event, Evidence, Link, Note, Session
from workbench.storage.store import Library


@dataclass(frozen=True)
class SessionHeader:
    """The session row's own fields (no counts)."""

    id: str
    title: str
    description: str
    status: str
    scale: vocabulary.VerdictScale
    updated: datetime


@dataclass(frozen=True)
class ChangedRows:
    """The rows among ``ids`` that exist now, per kind (a missing id was deleted)."""

    claims: tuple[ClaimInfo, ...] = ()
    links: tuple[LinkInfo, ...] = ()
    evidence: tuple[EvidenceInfo, ...] = ()
    notes: tuple[NoteInfo, ...] = ()
    header: SessionHeader | None = None


def claims_by_ids(db: DbSession, ids: Collection[str]) -> list[ClaimInfo]:
    """The claims with these ids, with who gave their current verdict."""
    if not ids:
        return []
    # Core rows (no ORM identity map): this runs after every edit.
    found: Any = db.execute(select(Claim.__table__).where(Claim.id.in_(ids)))
    claims = [claim_record(c) for c in found]
    if not claims:
        return []
    judged = [c.id for c in claims if c.verdict not in vocabulary.WORKING_STATES]
    judges: dict[str, str] = {}
    if judged:
        rows = db.execute(
            select(Event.target_id, Event.actor)
            .where(Event.target_id.in_(judged), Event.operation.in_(vocabulary.VERDICT_OPERATIONS))
            .order_by(Event.id)
        ).all()
        judges = {target: actor for target, actor in rows if target is not None}
    return [replace(c, judged_by=judges[c.id]) if c.id in judges else c for c in claims]


def links_by_ids(db: DbSession, ids: Collection[str]) -> list[LinkInfo]:
    if not ids:
        return []
    return [link_record(lk) for lk in db.scalars(select(Link).where(Link.id.in_(ids)))]


def evidence_by_ids(db: DbSession, ids: Collection[str]) -> list[EvidenceInfo]:
    if not ids:
        return []
    return [evidence_record(e) for e in db.scalars(select(Evidence).where(Evidence.id.in_(ids)))]


def notes_by_ids(db: DbSession, ids: Collection[str]) -> list[NoteInfo]:
    if not ids:
        return []
    return [note_record(n) for n in db.scalars(select(Note).where(Note.id.in_(ids)))]


def session_header(db: DbSession, session_id: str) -> SessionHeader:
    s: Any = db.execute(select(Session.__table__).where(Session.id == session_id)).first()
    if s is None:
        raise NotFound(f"no session with id {session_id}")
    return SessionHeader(
        s.id,
        s.title,
        s.description,
        s.status,
        vocabulary.VerdictScale.from_json(s.scale_name, s.scale),
        s.updated,
    )


def changed_rows(
    lib: Library,
    session_id: str,
    kinds: Collection[str],
    ids: Collection[str],
    *,
    header: bool = False,
) -> ChangedRows:
    """The rows of the kinds ``kinds`` whose id is in ``ids``, in one read
    (one query per kind named; the session row too when ``header``)."""
    with lib.read() as db:
        return ChangedRows(
            tuple(claims_by_ids(db, ids)) if "claim" in kinds else (),
            tuple(links_by_ids(db, ids)) if "link" in kinds else (),
            tuple(evidence_by_ids(db, ids)) if "evidence" in kinds else (),
            tuple(notes_by_ids(db, ids)) if "note" in kinds else (),
            session_header(db, session_id) if header else None,
        )
