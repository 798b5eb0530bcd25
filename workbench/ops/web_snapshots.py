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

from workbench.errors import InvalidOperation
from workbench.ops.framework import Change, OpCall, _get, _record, operation
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
    if when.tzinfo is None:
        raise InvalidOperation("the fetch time needs a time zone")
    if len(url) > MAX_URL or len(final_url) > MAX_URL:
        raise InvalidOperation(f"the address is longer than {MAX_URL} characters")
    digest = hashlib.sha256(body).hexdigest()
    sid = snapshot_id or new_id()
    with lib.write() as db:
        _get(db, Session, session_id, "session")
        if article_id is not None:
            _get(db, Article, article_id, "article")
        if evidence_id is not None:
            _get(db, Evidence, evidence_id, "evidence")
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
        meta = {
            "url": url,
            "final_url": final_url,
            "fetched": fetched,
            "sha256": digest,
            "size": len(body),
            "article_id": article_id,
            "evidence_id": evidence_id,
        }
        _record(db, lib, "add_snapshot", session_id, sid, None, meta)
    args = {
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
    }
    target = [i for i in (article_id, evidence_id) if i]
    return Change(
        "add_snapshot",
        "Save a snapshot of the page",
        session_id,
        sid,
        frozenset({"snapshot"}),
        frozenset({sid, *target}),
        OpCall("add_snapshot", args),
        OpCall("remove_snapshot", {"snapshot_id": sid}),
    )


@operation
def remove_snapshot(lib: Library, snapshot_id: str) -> Change:
    """Remove a snapshot (undo puts the same bytes back)."""
    with lib.write() as db:
        row = _get(db, Snapshot, snapshot_id, "snapshot")
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
        _record(db, lib, "remove_snapshot", sid, snapshot_id, meta, None)
    return Change(
        "remove_snapshot",
        "Remove the snapshot",
        sid,
        snapshot_id,
        frozenset({"snapshot"}),
        frozenset({snapshot_id}),
        OpCall("remove_snapshot", {"snapshot_id": snapshot_id}),
        OpCall("add_snapshot", args),
    )
