"""Import an article from a web address, and keep snapshots of evidence URLs.

The fetch (``importers.web``) is blocking: the UI calls these functions on a
worker thread, the CLI directly. Writes go through the operations layer: the
article through ``importing.import_article`` (``ops.add_article``, with the
same duplicate check as files), the raw page through ``ops_snapshots``.
"""

from __future__ import annotations

import base64
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import select

from workbench import ops
from workbench.errors import ImportRefused, InvalidOperation, WorkbenchError
from workbench.importers.batch import add_imported
from workbench.importers.limits import DEFAULT_LIMITS, ImportLimits
from workbench.importers.types import ImportedArticle
from workbench.importers.web import TIMEOUT_S, Cancelled, FetchedPage, fetch, read_page
from workbench.ops.web_snapshots import add_snapshot
from workbench.storage.schema import Claim, Evidence, Snapshot
from workbench.storage.store import Library


@dataclass(frozen=True)
class WebImported:
    url: str
    article_id: str
    snapshot_id: str
    article: ImportedArticle
    page: FetchedPage
    changes: tuple[ops.Change, ...] = ()  # add_article then add_snapshot, for undo


@dataclass(frozen=True)
class WebFailure:
    url: str
    reason: str


@dataclass
class WebBatch:
    imported: list[WebImported] = field(default_factory=list)
    errors: list[WebFailure] = field(default_factory=list)
    cancelled: bool = False


@dataclass(frozen=True)
class SnapshotInfo:
    """A kept page without its bytes."""

    id: str
    session_id: str
    article_id: str | None
    evidence_id: str | None
    url: str
    final_url: str
    fetched: str  # ISO 8601, UTC
    status: int
    content_type: str
    sha256: str
    size: int


def _keep(
    lib: Library,
    session_id: str,
    page: FetchedPage,
    *,
    article_id: str | None = None,
    evidence_id: str | None = None,
) -> str:
    change = _keep_change(lib, session_id, page, article_id=article_id, evidence_id=evidence_id)
    assert change.target_id is not None
    return change.target_id


def _keep_change(
    lib: Library,
    session_id: str,
    page: FetchedPage,
    *,
    article_id: str | None = None,
    evidence_id: str | None = None,
) -> ops.Change:
    return add_snapshot(
        lib,
        session_id,
        page.url,
        page.final_url,
        page.fetched.isoformat(),
        page.status,
        page.content_type,
        base64.b64encode(page.body).decode("ascii"),
        article_id=article_id,
        evidence_id=evidence_id,
    )


def import_url(
    lib: Library,
    session_id: str,
    url: str,
    *,
    limits: ImportLimits = DEFAULT_LIMITS,
    timeout: float = TIMEOUT_S,
    cancelled: Cancelled | None = None,
) -> WebImported:
    """Fetch a page, add its article to the session and keep the raw page.

    Raises ``ImportRefused`` (or ``WorkbenchError`` for a duplicate) with
    nothing changed.
    """
    page = fetch(url, limits=limits, timeout=timeout, cancelled=cancelled)
    art = read_page(page, limits=limits)
    if cancelled is not None and cancelled():
        raise ImportRefused(page.url, "cancelled")
    added = add_imported(lib, session_id, art)
    article_id = added.target_id
    assert article_id is not None
    try:
        kept = _keep_change(lib, session_id, page, article_id=article_id)
    except WorkbenchError:
        ops.remove_article(lib, article_id)  # all or nothing
        raise
    assert kept.target_id is not None
    return WebImported(page.url, article_id, kept.target_id, art, page, (added, kept))


def import_urls(
    lib: Library,
    session_id: str,
    urls: Sequence[str],
    *,
    limits: ImportLimits = DEFAULT_LIMITS,
    timeout: float = TIMEOUT_S,
    cancelled: Cancelled | None = None,
) -> WebBatch:
    """Import each address; failures are collected, not raised."""
    batch = WebBatch()
    for url in urls:
        if cancelled is not None and cancelled():
            batch.cancelled = True
            break
        try:
            batch.imported.append(
                import_url(
                    lib, session_id, url, limits=limits, timeout=timeout, cancelled=cancelled
                )
            )
        except ImportRefused as err:
            if err.reason == "cancelled":
                batch.cancelled = True
                break
            batch.errors.append(WebFailure(url, err.reason))
        except WorkbenchError as err:
            batch.errors.append(WebFailure(url, str(err)))
    return batch


def snapshot_evidence(
    lib: Library,
    evidence_id: str,
    *,
    limits: ImportLimits = DEFAULT_LIMITS,
    timeout: float = TIMEOUT_S,
    cancelled: Cancelled | None = None,
) -> str:
    """Fetch an evidence URL as it is now and keep the page (any content type)."""
    with lib.read() as db:
        row = db.get(Evidence, evidence_id)
        if row is None:
            raise InvalidOperation(f"no evidence with id {evidence_id}")
        url = row.url
        claim = db.get(Claim, row.claim_id)
        session_id = claim.article.session_id if claim is not None else None
    if not url.strip():
        raise InvalidOperation("this evidence has no web address to snapshot")
    if session_id is None:
        raise InvalidOperation("the evidence's claim is gone")
    page = fetch(url, limits=limits, timeout=timeout, accept=None, cancelled=cancelled)
    return _keep(lib, session_id, page, evidence_id=evidence_id)


def snapshots(
    lib: Library,
    *,
    session_id: str | None = None,
    article_id: str | None = None,
    evidence_id: str | None = None,
) -> list[SnapshotInfo]:
    """Kept pages (newest first), without their bytes."""
    cols = [c for c in Snapshot.__table__.columns if c.name != "body"]
    query = select(*cols).order_by(Snapshot.fetched.desc())
    if session_id is not None:
        query = query.where(Snapshot.session_id == session_id)
    if article_id is not None:
        query = query.where(Snapshot.article_id == article_id)
    if evidence_id is not None:
        query = query.where(Snapshot.evidence_id == evidence_id)
    with lib.read() as db:
        rows = db.execute(query).all()
    return [
        SnapshotInfo(
            r.id,
            r.session_id,
            r.article_id,
            r.evidence_id,
            r.url,
            r.final_url,
            r.fetched.isoformat(),
            r.status,
            r.content_type,
            r.sha256,
            r.size,
        )
        for r in rows
    ]


def snapshot_body(lib: Library, snapshot_id: str) -> bytes:
    """The bytes of a kept page, exactly as fetched."""
    with lib.read() as db:
        body = db.scalar(select(Snapshot.body).where(Snapshot.id == snapshot_id))
    if body is None:
        raise InvalidOperation(f"no snapshot with id {snapshot_id}")
    return bytes(body)
