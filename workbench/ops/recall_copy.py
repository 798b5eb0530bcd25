"""Use a past verdict: copy a judged claim's verdict, rationale and evidence.

Claim memory ("Checked before") finds a claim of another session that was
judged already. ``copy_verdict`` takes its verdict, its rationale (a starting
point to edit) and copies of its evidence rows onto the claim at hand, in one
transaction with one audit event (``copy_verdict``) that names the source
claim and session, so a copied verdict is never mistaken for a fresh one.
``uncopy_verdict`` is its inverse (undo).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session as DbSession

from workbench import vocabulary
from workbench.errors import InvalidOperation
from workbench.ops.evidence import EVIDENCE_FIELDS
from workbench.ops.framework import Change, OpCall, Outcome, get_row, operation, perform, short
from workbench.ops.snapshots import jsonable
from workbench.storage.schema import Claim, Evidence, utcnow
from workbench.storage.store import Library
from workbench.vocabulary import new_id


@operation
def copy_verdict(
    lib: Library,
    claim_id: str,
    from_claim_id: str,
    expected_version: int | None = None,
    evidence_ids: list[str] | None = None,
) -> Change:
    """Give ``claim_id`` the verdict, rationale and evidence of ``from_claim_id``.

    The verdict must be on this claim's session scale. ``evidence_ids`` are the
    ids for the copied evidence rows (redo passes the first run's ids)."""

    def body(db: DbSession) -> Outcome:
        row = get_row(db, Claim, claim_id, "claim", expected_version=expected_version)
        source = get_row(db, Claim, from_claim_id, "claim")
        source_session = source.article.session
        if source.verdict in vocabulary.WORKING_STATES:
            raise InvalidOperation(
                f"that claim has no verdict to copy (it is {source.verdict.lower()})"
            )
        sess = row.article.session
        scale = vocabulary.VerdictScale.from_json(sess.scale_name, sess.scale)
        verdict = next(
            (c for c in scale.labels if c.lower() == source.verdict.strip().lower()), None
        )
        if verdict is None:
            raise InvalidOperation(
                f"the past verdict {source.verdict!r} is not on this session's scale "
                f"({sess.scale_name}: {', '.join(scale.labels)}); "
                "choose a verdict yourself"
            )
        rows = list(
            db.scalars(
                select(Evidence)
                .where(Evidence.claim_id == from_claim_id)
                .order_by(Evidence.created)
            )
        )
        ids = list(evidence_ids or [])
        ids += [new_id() for _ in range(len(rows) - len(ids))]
        before = {"verdict": row.verdict, "rationale": row.rationale}
        now = utcnow()
        row.verdict, row.rationale, row.updated = verdict, source.rationale, now
        for eid, ev in zip(ids, rows, strict=False):
            db.add(
                Evidence(
                    id=eid,
                    claim_id=claim_id,
                    **{f: getattr(ev, f) for f in EVIDENCE_FIELDS},
                    created=now,
                    updated=now,
                )
            )
        copied = ids[: len(rows)]
        after: dict[str, Any] = {
            "verdict": verdict,
            "rationale": source.rationale,
            "from_claim_id": from_claim_id,
            "from_session_id": source_session.id,
            "from_session_title": source_session.title,
            "from_quote": source.quote,
            "evidence_ids": copied,
            "evidence": [{f: jsonable(getattr(ev, f)) for f in EVIDENCE_FIELDS} for ev in rows],
        }
        link = {"claim_id": claim_id, "from_claim_id": from_claim_id, "evidence_ids": copied}
        return Outcome(
            session_id=sess.id,
            target_id=claim_id,
            description=f"Use the verdict {verdict} from {short(source_session.title)}",
            kinds={"claim", "evidence"} if copied else {"claim"},
            ids={claim_id, *copied},
            redo=link,
            inverse=OpCall("uncopy_verdict", {**link, **before}),
            before=before,
            after=after,
        )

    return perform(
        lib,
        op="copy_verdict",
        body=body,
        refuse=[(claim_id == from_claim_id, "a claim cannot take its own verdict")],
    )


@operation
def uncopy_verdict(
    lib: Library,
    claim_id: str,
    from_claim_id: str,
    evidence_ids: list[str],
    verdict: str,
    rationale: str,
) -> Change:
    """Undo ``copy_verdict``: the claim's earlier verdict and rationale come
    back and the copied evidence rows go."""

    def body(db: DbSession) -> Outcome:
        row = get_row(db, Claim, claim_id, "claim")
        before = {"verdict": row.verdict, "rationale": row.rationale}
        row.verdict, row.rationale, row.updated = verdict, rationale, utcnow()
        if evidence_ids:
            db.execute(
                delete(Evidence).where(Evidence.id.in_(evidence_ids), Evidence.claim_id == claim_id)
            )
        link = {"claim_id": claim_id, "from_claim_id": from_claim_id, "evidence_ids": evidence_ids}
        after = {"verdict": verdict, "rationale": rationale, **link}
        return Outcome(
            session_id=row.article.session_id,
            target_id=claim_id,
            description=f"Undo the copied verdict (back to {verdict})",
            kinds={"claim", "evidence"} if evidence_ids else {"claim"},
            ids={claim_id, *evidence_ids},
            redo={**link, "verdict": verdict, "rationale": rationale},
            inverse=OpCall("copy_verdict", link),
            before=before,
            after=after,
        )

    return perform(lib, op="uncopy_verdict", body=body)
