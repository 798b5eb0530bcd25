"""Operations on suggestions: accept one (claims and a link in one step), dismiss, undismiss."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session as DbSession

from workbench.analysis import anchoring
from workbench.errors import InvalidOperation
from workbench.ops.claims import new_claim
from workbench.ops.framework import (
    Change,
    OpCall,
    Outcome,
    get_row,
    lock_session,
    operation,
    perform,
)
from workbench.ops.links import new_link, ordered, unknown_type
from workbench.ops.snapshots import removal, row_dicts, tables
from workbench.storage.schema import Article, Claim, Dismissal, utcnow
from workbench.storage.store import Library
from workbench.vocabulary import LINK_TYPE_LABELS, new_id


@operation
def dismiss_suggestion(
    lib: Library, session_id: str, key: str, dismissal_id: str | None = None
) -> Change:
    """Remember that a suggestion was dismissed, so it is not proposed again."""
    did = dismissal_id or new_id()

    def body(db: DbSession) -> Outcome:
        lock_session(db, session_id)
        exists = db.scalar(
            select(Dismissal.id).where(Dismissal.session_id == session_id, Dismissal.key == key)
        )
        if exists is not None:
            raise InvalidOperation("that suggestion is already dismissed")
        db.add(Dismissal(id=did, session_id=session_id, key=key, created=utcnow()))
        return Outcome(
            session_id=session_id,
            target_id=did,
            description="Dismiss suggestion",
            kinds={"dismissal"},
            ids={did},
            redo={"session_id": session_id, "key": key, "dismissal_id": did},
            inverse=OpCall("undismiss_suggestion", {"dismissal_id": did}),
            after={"key": key},
            touch=False,
        )

    return perform(lib, op="dismiss_suggestion", body=body)


@operation
def undismiss_suggestion(lib: Library, dismissal_id: str) -> Change:
    """Forget a dismissal: the suggestion may be proposed again."""

    def body(db: DbSession) -> Outcome:
        row = get_row(db, Dismissal, dismissal_id, "dismissal")
        sid = row.session_id
        snapshot: dict[str, Any] = {
            "dismissals": row_dicts(db, tables()["dismissals"], Dismissal.id == dismissal_id),
            "root": {"kind": "dismissal", "id": dismissal_id},
        }
        db.execute(delete(Dismissal).where(Dismissal.id == dismissal_id))
        return removal(
            snapshot=snapshot,
            session_id=sid,
            target_id=dismissal_id,
            description="Restore suggestion",
            redo={"dismissal_id": dismissal_id},
            kinds=frozenset({"dismissal"}),
            ids=frozenset({dismissal_id}),
            touch=False,
        )

    return perform(lib, op="undismiss_suggestion", body=body)


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

    def body(db: DbSession) -> Outcome:
        wanted = dict(ids or {})
        wanted.setdefault("claim_a", new_id())
        wanted.setdefault("claim_b", new_id())
        wanted.setdefault("link", new_id())
        created: list[str] = []
        arts = (
            get_row(db, Article, article_a, "article"),
            get_row(db, Article, article_b, "article"),
        )
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
                new_claim(db, art.id, a, wanted[key])
                created.append(wanted[key])
                found = wanted[key]
            claim_ids.append(found)
        first, second = ordered(claim_ids[0], claim_ids[1])
        db.flush()  # the new claims exist before the link points at them
        new_link(db, sid, first, second, type, note, wanted["link"])
        return Outcome(
            session_id=sid,
            target_id=wanted["link"],
            description=f"Accept suggestion ({LINK_TYPE_LABELS[type]})",
            kinds={"claim", "link"},
            ids={wanted["link"], *claim_ids},
            redo={
                "article_a": article_a,
                "start_a": start_a,
                "end_a": end_a,
                "article_b": article_b,
                "start_b": start_b,
                "end_b": end_b,
                "type": type,
                "note": note,
                "ids": wanted,
            },
            inverse=OpCall("remove_rows", {"link_ids": [wanted["link"]], "claim_ids": created}),
            after={"claims_created": created, "claim_a": first, "claim_b": second, "type": type},
        )

    return perform(lib, op="link_passages", body=body, refuse=[unknown_type(type)])
