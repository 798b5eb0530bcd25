"""Operations on web page snapshots (what a page said when it was checked).

Part of the operations layer (``workbench.ops``): each function writes in one
transaction, appends one audit event (metadata only, never the page's bytes)
and returns a ``Change`` with its inverse.
"""

from __future__ import annotations

import base64
import hashlib
from datetime import datetime

from sqlalchemy import delete
from sqlalchemy.orm import Session as DbSession

from workbench.ops.framework import Change, OpCall, Outcome, get_row, operation, perform
from workbench.storage.schema import Article, Evidence, Session, Snapshot
from workbench.storage.store import Library
from workbench.vocabulary import new_id

MAX_URL = 2000


@operation
def add_snapshot(
    lib: Library,
    session_id: str,
    url: str,
    final_url: str,
    fetched: str,
    status: int,
    content_type: str,
    body_b64: str,
    article_id: str | None = None,
    evidence_id: str | None = None,
    snapshot_id: str | None = None,
) -> Change:
    """Keep a fetched page's raw bytes (base64 in ``body_b64``, so the call is
    plain data), with its SHA-256, the final URL and the fetch time (ISO 8601
    with a zone), for an article or a piece of evidence of the session."""
    body = base64.b64decode(body_b64.encode("ascii"), validate=True)
    when = datetime.fromisoformat(fetched)
    digest = hashlib.sha256(body).hexdigest()

    def write(db: DbSession) -> Outcome:
        sid = snapshot_id or new_id()
        get_row(db, Session, session_id, "session")
        if article_id is not None:
            get_row(db, Article, article_id, "article")
        if evidence_id is not None:
            get_row(db, Evidence, evidence_id, "evidence")
        db.add(
            Snapshot(
                id=sid,
                session_id=session_id,
                article_id=article_id,
                evidence_id=evidence_id,
                url=url,
                final_url=final_url,
                fetched=when,
                status=status,
                content_type=content_type[:200],
                sha256=digest,
                size=len(body),
                body=body,
            )
        )
        return Outcome(
            session_id=session_id,
            target_id=sid,
            description="Save a snapshot of the page",
            kinds={"snapshot"},
            ids={sid, *(i for i in (article_id, evidence_id) if i)},
            redo={
                "session_id": session_id,
                "url": url,
                "final_url": final_url,
                "fetched": fetched,
                "status": status,
                "content_type": content_type,
                "body_b64": body_b64,
                "article_id": article_id,
                "evidence_id": evidence_id,
                "snapshot_id": sid,
            },
            inverse=OpCall("remove_snapshot", {"snapshot_id": sid}),
            after={
                "url": url,
                "final_url": final_url,
                "fetched": fetched,
                "sha256": digest,
                "size": len(body),
                "article_id": article_id,
                "evidence_id": evidence_id,
            },
            touch=False,
        )

    return perform(
        lib,
        op="add_snapshot",
        body=write,
        refuse=[
            (when.tzinfo is None, "the fetch time needs a time zone"),
            (
                len(url) > MAX_URL or len(final_url) > MAX_URL,
                f"the address is longer than {MAX_URL} characters",
            ),
        ],
    )


@operation
def remove_snapshot(lib: Library, snapshot_id: str) -> Change:
    """Remove a snapshot (undo puts the same bytes back)."""

    def body(db: DbSession) -> Outcome:
        row = get_row(db, Snapshot, snapshot_id, "snapshot")
        args = {
            "session_id": row.session_id,
            "url": row.url,
            "final_url": row.final_url,
            "fetched": row.fetched.isoformat(),
            "status": row.status,
            "content_type": row.content_type,
            "body_b64": base64.b64encode(row.body).decode("ascii"),
            "article_id": row.article_id,
            "evidence_id": row.evidence_id,
            "snapshot_id": row.id,
        }
        meta = {"url": row.url, "sha256": row.sha256, "size": row.size}
        sid = row.session_id
        db.execute(delete(Snapshot).where(Snapshot.id == snapshot_id))
        return Outcome(
            session_id=sid,
            target_id=snapshot_id,
            description="Remove the snapshot",
            kinds={"snapshot"},
            ids={snapshot_id},
            redo={"snapshot_id": snapshot_id},
            inverse=OpCall("add_snapshot", args),
            before=meta,
            touch=False,
        )

    return perform(lib, op="remove_snapshot", body=body)
