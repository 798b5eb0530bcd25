"""Operations on evidence, the sources behind a verdict: add, edit, remove."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete
from sqlalchemy.orm import Session as DbSession

from workbench.errors import InvalidOperation
from workbench.ops.framework import Change, OpCall, Outcome, get_row, operation, parse_date, perform
from workbench.ops.snapshots import jsonable, removal, row_dicts, tables
from workbench.storage.schema import Claim, Evidence, utcnow
from workbench.storage.store import Library
from workbench.vocabulary import new_id

EVIDENCE_FIELDS = ("url", "title", "citation", "excerpt", "accessed")
NO_SOURCE = "evidence needs a URL or a citation"


def _blank_nulls(values: dict[str, Any]) -> dict[str, Any]:
    return {k: ("" if v is None else v) for k, v in values.items()}


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

    def body(db: DbSession) -> Outcome:
        eid = evidence_id or new_id()
        claim = get_row(db, Claim, claim_id, "claim")
        now = utcnow()
        db.add(
            Evidence(
                id=eid,
                claim_id=claim_id,
                url=url.strip(),
                title=title,
                citation=citation,
                excerpt=excerpt,
                accessed=parse_date(accessed) or now.date(),
                created=now,
                updated=now,
            )
        )
        claim.updated = now
        return Outcome(
            session_id=claim.article.session_id,
            target_id=eid,
            description="Add evidence",
            kinds={"evidence", "claim"},
            ids={eid, claim_id},
            redo={
                "claim_id": claim_id,
                "url": url,
                "title": title,
                "citation": citation,
                "excerpt": excerpt,
                "accessed": accessed,
                "evidence_id": eid,
            },
            inverse=OpCall("remove_evidence", {"evidence_id": eid}),
            after={"claim_id": claim_id, "url": url, "title": title},
        )

    return perform(
        lib,
        op="add_evidence",
        body=body,
        refuse=[(not url.strip() and not citation.strip(), NO_SOURCE)],
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

    def body(db: DbSession) -> Outcome:
        row = get_row(db, Evidence, evidence_id, "evidence", expected_version=expected_version)
        before = {f: jsonable(getattr(row, f)) for f in EVIDENCE_FIELDS}
        for name, value in (
            ("url", url),
            ("title", title),
            ("citation", citation),
            ("excerpt", excerpt),
        ):
            if value is not None:
                setattr(row, name, value)
        if accessed is not None:
            row.accessed = parse_date(accessed)
        if not row.url.strip() and not row.citation.strip():
            raise InvalidOperation(NO_SOURCE)
        row.updated = utcnow()
        after = {f: jsonable(getattr(row, f)) for f in EVIDENCE_FIELDS}
        claim_id = row.claim_id
        return Outcome(
            session_id=db.get_one(Claim, claim_id).article.session_id,
            target_id=evidence_id,
            description="Edit evidence",
            kinds={"evidence", "claim"},
            ids={evidence_id, claim_id},
            redo={"evidence_id": evidence_id, **_blank_nulls(after)},
            inverse=OpCall("edit_evidence", {"evidence_id": evidence_id, **_blank_nulls(before)}),
            before=before,
            after=after,
        )

    return perform(lib, op="edit_evidence", body=body)


@operation
def remove_evidence(lib: Library, evidence_id: str) -> Change:
    """Remove a piece of evidence (undo restores it)."""

    def body(db: DbSession) -> Outcome:
        t = tables()
        row = get_row(db, Evidence, evidence_id, "evidence")
        claim_id = row.claim_id
        sid = db.get_one(Claim, claim_id).article.session_id
        snapshot: dict[str, Any] = {
            "evidence": row_dicts(db, t["evidence"], Evidence.id == evidence_id),
            "root": {"kind": "evidence", "id": evidence_id},
        }
        db.execute(delete(Evidence).where(Evidence.id == evidence_id))
        return removal(
            snapshot=snapshot,
            session_id=sid,
            target_id=evidence_id,
            description="Remove evidence",
            redo={"evidence_id": evidence_id},
            kinds=frozenset({"evidence", "claim"}),
            ids=frozenset({evidence_id, claim_id}),
        )

    return perform(lib, op="remove_evidence", body=body)
