"""Snapshots of removed rows, and putting them back: the undo of every deletion.

A deletion keeps, in its audit event and its inverse, every row it removes
(a claim goes with its links, evidence and notes). ``restore`` inserts them
again; ``remove_rows`` removes links and claims together (the inverse of
accepting a suggestion, and of restoring what it removed).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import Table, delete, insert, or_, select
from sqlalchemy.orm import Session as DbSession

from workbench.ops.framework import Change, OpCall, Outcome, operation, perform
from workbench.storage.schema import (
    Article,
    Claim,
    Dismissal,
    Evidence,
    Link,
    Note,
    Session,
    UTCDateTime,
)
from workbench.storage.store import Library


def jsonable(value: Any) -> Any:
    """A date or time as ISO text (how snapshots and audit events keep them)."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def row_dicts(db: DbSession, table: Table, where: Any) -> list[dict[str, Any]]:
    """The rows of ``table`` that match ``where``, as JSON-friendly dicts."""
    rows = db.execute(select(table).where(where)).mappings().all()
    return [{k: jsonable(v) for k, v in row.items()} for row in rows]


def from_json(table: Table, row: dict[str, Any]) -> dict[str, Any]:
    """A row kept by ``row_dicts``, with its dates and times parsed back."""
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


def tables() -> dict[str, Table]:
    """The tables a snapshot may hold rows of, by the snapshot's key."""
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
RESTORE_ORDER = ("sessions", "articles", "claims", "links", "evidence", "notes", "dismissals")


def snapshot_claims(db: DbSession, claim_ids: list[str]) -> dict[str, list[dict[str, Any]]]:
    """Rows that go when these claims go: links, evidence and notes with them."""
    t = tables()
    link_ids = list(
        db.scalars(
            select(Link.id).where(
                or_(Link.claim_a_id.in_(claim_ids), Link.claim_b_id.in_(claim_ids))
            )
        )
    )
    return {
        "claims": row_dicts(db, t["claims"], Claim.id.in_(claim_ids)),
        "links": row_dicts(db, t["links"], Link.id.in_(link_ids)),
        "evidence": row_dicts(db, t["evidence"], Evidence.claim_id.in_(claim_ids)),
        "notes": row_dicts(
            db, t["notes"], or_(Note.claim_id.in_(claim_ids), Note.link_id.in_(link_ids))
        ),
    }


def ids_in(snapshot: dict[str, Any]) -> frozenset[str]:
    """Every row id a snapshot holds."""
    return frozenset(
        row["id"] for rows in snapshot.values() if isinstance(rows, list) for row in rows
    )


_SINGULAR = {
    "sessions": "session",
    "articles": "article",
    "claims": "claim",
    "links": "link",
    "evidence": "evidence",
    "notes": "note",
    "dismissals": "dismissal",
}


def kinds_in(snapshot: dict[str, Any]) -> frozenset[str]:
    """The kinds of rows (claim, link...) a snapshot holds."""
    return frozenset(_SINGULAR[k] for k, rows in snapshot.items() if k in _SINGULAR and rows)


def removal(
    *,
    snapshot: dict[str, Any],
    session_id: str | None,
    target_id: str | None,
    description: str,
    redo: dict[str, Any],
    kinds: frozenset[str] | None = None,
    ids: frozenset[str] = frozenset(),
    touch: bool = True,
) -> Outcome:
    """The outcome of a deletion: the snapshot is the audit event's ``before``
    and the inverse restores it. ``kinds`` (default: what the snapshot holds)
    and ``ids`` (added to the snapshot's) say what the UI must refresh."""
    return Outcome(
        session_id=session_id,
        target_id=target_id,
        description=description,
        kinds=kinds_in(snapshot) if kinds is None else kinds,
        ids=ids_in(snapshot) | ids,
        redo=redo,
        inverse=OpCall("restore", {"snapshot": snapshot}),
        before=snapshot,
        touch=touch,
    )


@operation
def remove_rows(lib: Library, link_ids: list[str], claim_ids: list[str]) -> Change:
    """Remove links and claims together (the inverse of accepting a suggestion)."""

    def body(db: DbSession) -> Outcome:
        t = tables()
        snapshot: dict[str, Any] = snapshot_claims(db, claim_ids)
        known = {row["id"] for row in snapshot["links"]}
        snapshot["links"] += [
            r for r in row_dicts(db, t["links"], Link.id.in_(link_ids)) if r["id"] not in known
        ]
        known_notes = {row["id"] for row in snapshot["notes"]}
        snapshot["notes"] += [
            r
            for r in row_dicts(db, t["notes"], Note.link_id.in_(link_ids))
            if r["id"] not in known_notes
        ]
        sids = {r["session_id"] for r in snapshot["links"]}
        sid = next(iter(sids)) if sids else None
        snapshot["root"] = {"kind": "rows", "link_ids": link_ids, "claim_ids": claim_ids}
        db.execute(delete(Link).where(Link.id.in_(link_ids)))
        db.execute(delete(Claim).where(Claim.id.in_(claim_ids)))
        return removal(
            snapshot=snapshot,
            session_id=sid,
            target_id=None,
            description="Remove claims and links",
            redo={"link_ids": link_ids, "claim_ids": claim_ids},
            kinds=kinds_in(snapshot) | {"link"},
        )

    return perform(lib, op="remove_rows", body=body)


# What undoes a restore, by the kind of row the deletion started from.
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
    root = snapshot.get("root", {})
    kind = root.get("kind", "")
    if kind == "rows":
        inverse = OpCall(
            "remove_rows", {"link_ids": root["link_ids"], "claim_ids": root["claim_ids"]}
        )
    else:
        op_name, arg = _REMOVERS[kind]
        inverse = OpCall(op_name, {arg: root["id"]})

    def body(db: DbSession) -> Outcome:
        t = tables()
        for name in RESTORE_ORDER:
            rows = snapshot.get(name) or []
            if rows:
                db.execute(insert(t[name]), [from_json(t[name], r) for r in rows])
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
        return Outcome(
            session_id=sid,
            target_id=root.get("id"),
            description="Restore",
            kinds=kinds_in(snapshot),
            ids=ids_in(snapshot),
            redo={"snapshot": snapshot},
            inverse=inverse,
            after={"root": root},
        )

    return perform(lib, op="restore", body=body)
