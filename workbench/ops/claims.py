"""Operations on claims: mark, resize, remove, and judge (verdict, rationale, check-worthiness)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete
from sqlalchemy.orm import Session as DbSession

from workbench import vocabulary
from workbench.analysis import anchoring
from workbench.errors import InvalidOperation
from workbench.ops.framework import Change, OpCall, Outcome, get_row, operation, perform, short
from workbench.ops.snapshots import removal, snapshot_claims
from workbench.storage.schema import Article, Claim, utcnow
from workbench.storage.store import Library
from workbench.vocabulary import new_id


def new_claim(
    db: DbSession,
    article_id: str,
    a: anchoring.Anchor,
    claim_id: str,
    verdict: str = vocabulary.UNCHECKED,
) -> None:
    """Add the claim row for an anchored span (the operations that mark claims share it)."""
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


def _claim_outcome(
    sid: str,
    cid: str,
    *,
    description: str,
    redo: dict[str, Any],
    inverse: OpCall,
    before: dict[str, Any] | None,
    after: dict[str, Any],
    touch: bool = True,
) -> Outcome:
    """An edit of one claim: that claim is all the UI must refresh."""
    return Outcome(
        session_id=sid,
        target_id=cid,
        description=description,
        kinds={"claim"},
        ids={cid},
        redo=redo,
        inverse=inverse,
        before=before,
        after=after,
        touch=touch,
    )


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

    def body(db: DbSession) -> Outcome:
        art = get_row(db, Article, article_id, "article")
        a = anchoring.anchor(art.text, start, end)
        new_claim(db, article_id, a, cid, verdict)
        return _claim_outcome(
            art.session_id,
            cid,
            description=f"Add claim {short(a.quote)}",
            redo={
                "article_id": article_id,
                "start": a.start,
                "end": a.end,
                "verdict": verdict,
                "claim_id": cid,
            },
            inverse=OpCall("remove_claim", {"claim_id": cid}),
            before=None,
            after={"article_id": article_id, "start": a.start, "end": a.end, "quote": a.quote},
        )

    return perform(lib, op="add_claim", body=body)


@operation
def remove_claim(lib: Library, claim_id: str) -> Change:
    """Remove a claim with its links, evidence and notes (undo restores them)."""

    def body(db: DbSession) -> Outcome:
        row = get_row(db, Claim, claim_id, "claim")
        quote = row.quote
        sid = row.article.session_id
        snapshot: dict[str, Any] = {**snapshot_claims(db, [claim_id])}
        snapshot["root"] = {"kind": "claim", "id": claim_id}
        db.execute(delete(Claim).where(Claim.id == claim_id))
        return removal(
            snapshot=snapshot,
            session_id=sid,
            target_id=claim_id,
            description=f"Delete claim {short(quote)}",
            redo={"claim_id": claim_id},
        )

    return perform(lib, op="remove_claim", body=body)


@operation
def resize_claim(
    lib: Library, claim_id: str, start: int, end: int, expected_version: int | None = None
) -> Change:
    """Move a claim's span within its article."""

    def body(db: DbSession) -> Outcome:
        row = get_row(db, Claim, claim_id, "claim", expected_version=expected_version)
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
        return _claim_outcome(
            row.article.session_id,
            claim_id,
            description=f"Resize claim {short(a.quote)}",
            redo={"claim_id": claim_id, "start": a.start, "end": a.end},
            inverse=OpCall("resize_claim", {"claim_id": claim_id, **before}),
            before=before,
            after={"start": a.start, "end": a.end, "quote": a.quote},
        )

    return perform(lib, op="resize_claim", body=body)


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

    def body(db: DbSession) -> Outcome:
        row = get_row(db, Claim, claim_id, "claim", expected_version=expected_version)
        sess = row.article.session
        scale = vocabulary.VerdictScale.from_json(sess.scale_name, sess.scale)
        chosen = verdict
        if validate and chosen not in scale.choices():
            matches = [c for c in scale.choices() if c.lower() == chosen.strip().lower()]
            if not matches:
                raise InvalidOperation(
                    f"{chosen!r} is not on this session's scale ({', '.join(scale.choices())})"
                )
            chosen = matches[0]
        before = {"verdict": row.verdict, "rationale": row.rationale}
        row.verdict = chosen
        if rationale is not None:
            row.rationale = rationale
        row.updated = utcnow()
        after = {"verdict": row.verdict, "rationale": row.rationale}
        return _claim_outcome(
            sess.id,
            claim_id,
            description=f"Verdict {chosen}",
            redo={"claim_id": claim_id, **after, "validate": False},
            inverse=OpCall("set_verdict", {"claim_id": claim_id, **before, "validate": False}),
            before=before,
            after=after,
        )

    return perform(lib, op="set_verdict", body=body)


@operation
def set_rationale(
    lib: Library, claim_id: str, rationale: str, expected_version: int | None = None
) -> Change:
    """Replace the rationale of a claim's verdict, leaving the verdict as it is."""

    def body(db: DbSession) -> Outcome:
        row = get_row(db, Claim, claim_id, "claim", expected_version=expected_version)
        before = {"rationale": row.rationale}
        row.rationale, row.updated = rationale, utcnow()
        return _claim_outcome(
            row.article.session_id,
            claim_id,
            description=f"Rationale {short(rationale)}",
            redo={"claim_id": claim_id, "rationale": rationale},
            inverse=OpCall("set_rationale", {"claim_id": claim_id, **before}),
            before=before,
            after={"rationale": rationale},
        )

    return perform(lib, op="set_rationale", body=body)


@operation
def set_checkworthiness(
    lib: Library, claim_id: str, value: int | None, expected_version: int | None = None
) -> Change:
    """How worth checking a claim is, 1 (low) to 5 (high), or None."""

    def body(db: DbSession) -> Outcome:
        row = get_row(db, Claim, claim_id, "claim", expected_version=expected_version)
        before = {"value": row.checkworthiness}
        row.checkworthiness, row.updated = value, utcnow()
        return _claim_outcome(
            row.article.session_id,
            claim_id,
            description="Check-worthiness",
            redo={"claim_id": claim_id, "value": value},
            inverse=OpCall("set_checkworthiness", {"claim_id": claim_id, **before}),
            before=before,
            after={"value": value},
            touch=False,
        )

    return perform(
        lib,
        op="set_checkworthiness",
        body=body,
        refuse=[(value is not None and not 1 <= value <= 5, "check-worthiness goes from 1 to 5")],
    )
