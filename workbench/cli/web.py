"""Command-line commands for the web: import by address, page snapshots.

``workbench import SESSION URL...`` goes through ``import_addresses`` (the
import command hands its http(s) arguments here); ``workbench snapshot ...``
keeps, lists and writes out snapshots of pages.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select

from workbench.errors import AmbiguousId, NotFound
from workbench.queries.claims import MIN_PREFIX, resolve_id
from workbench.storage.schema import Snapshot
from workbench.storage.store import Library

Result = tuple[dict[str, Any], str, int]

# The operations these commands run, directly or through the web importer
# (see tests/cli/test_cli_reach.py).
REACHES = frozenset({"add_snapshot", "remove_snapshot"})


def is_address(arg: str) -> bool:
    """An argument that names a web address rather than a file ("scheme://...")."""
    head = arg.strip().split("://", 1)
    return len(head) == 2 and head[0].isalpha() and not Path(arg).exists()


@dataclass
class AddressResults:
    articles: list[dict[str, Any]] = field(default_factory=list)
    errors: list[dict[str, Any]] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)


def import_addresses(lib: Library, session_id: str, urls: list[str]) -> AddressResults:
    """Import web pages; each failure is printed to stderr and listed."""
    from workbench.importers.web_import import import_urls

    out = AddressResults()
    if not urls:
        return out
    batch = import_urls(lib, session_id, urls)
    for r in batch.imported:
        out.articles.append(
            {
                "id": r.article_id,
                "title": r.article.title,
                "outlet": r.article.outlet,
                "author": r.article.author,
                "url": r.article.url,
                "published": r.article.published,
                "file": None,
                "address": r.url,
                "final_url": r.page.final_url,
                "chars": len(r.article.text),
                "encoding": r.article.encoding,
                "snapshot": {
                    "id": r.snapshot_id,
                    "sha256": r.page.sha256,
                    "size": len(r.page.body),
                    "fetched": r.page.fetched.isoformat(),
                },
            }
        )
        out.lines.append(f"imported {r.article_id[:8]}  {r.article.title}  ({r.page.final_url})")
    for e in batch.errors:
        print(f"error: {e.url}: {e.reason}", file=sys.stderr)
        out.errors.append({"file": None, "address": e.url, "reason": e.reason})
    return out


def _snapshot_id(lib: Library, prefix: str) -> str:
    prefix = prefix.strip().lower()
    if len(prefix) < MIN_PREFIX:
        raise NotFound(f"id {prefix!r} is too short; give at least {MIN_PREFIX} characters")
    with lib.read() as db:
        found = list(db.scalars(select(Snapshot.id).where(Snapshot.id.startswith(prefix)).limit(2)))
    if not found:
        raise NotFound(f"no snapshot with id {prefix}")
    if len(found) > 1:
        raise AmbiguousId(f"id {prefix} matches more than one snapshot; give more characters")
    return found[0]


def _info(s: Any) -> dict[str, Any]:
    return {
        "id": s.id,
        "session_id": s.session_id,
        "article_id": s.article_id,
        "evidence_id": s.evidence_id,
        "url": s.url,
        "final_url": s.final_url,
        "fetched": s.fetched,
        "status": s.status,
        "content_type": s.content_type,
        "sha256": s.sha256,
        "size": s.size,
    }


def cmd_snapshot_save(lib: Library, a: argparse.Namespace) -> Result:
    from workbench.importers.web_import import snapshot_evidence, snapshots

    eid = resolve_id(lib, a.evidence, "evidence")[1]
    sid = snapshot_evidence(lib, eid)
    info = next(s for s in snapshots(lib, evidence_id=eid) if s.id == sid)
    return _info(info), f"kept {sid}  {info.final_url}  sha256 {info.sha256}", 0


def cmd_snapshot_list(lib: Library, a: argparse.Namespace) -> Result:
    from workbench.importers.web_import import snapshots

    sid = resolve_id(lib, a.session, "session")[1]
    found = snapshots(lib, session_id=sid)
    lines = [
        f"{s.id[:8]}  {s.fetched[:19]}  {s.size:>9,} B  {s.sha256[:12]}  {s.final_url}"
        for s in found
    ]
    return {"snapshots": [_info(s) for s in found]}, "\n".join(lines) or "no snapshots", 0


def cmd_snapshot_export(lib: Library, a: argparse.Namespace) -> Result:
    from workbench.importers.web_import import snapshot_body
    from workbench.storage.output import atomic_output

    sid = _snapshot_id(lib, a.snapshot)
    body = snapshot_body(lib, sid)
    with atomic_output(a.out, lib=lib, binary=True) as out:
        out.write(body)
    return {"id": sid, "file": str(a.out), "size": len(body)}, f"wrote {a.out}", 0


def cmd_snapshot_remove(lib: Library, a: argparse.Namespace) -> Result:
    from workbench import ops

    sid = _snapshot_id(lib, a.snapshot)
    change = ops.remove_snapshot(lib, sid)
    url = change.inverse.args["final_url"]
    return {"id": sid, "url": url, "removed": True}, f"removed snapshot {sid}  {url}", 0


def register(sub: Any, add: Any) -> None:
    snap = sub.add_parser("snapshot", help="keep and read snapshots of web pages")
    ssub = snap.add_subparsers(dest="action", required=True, metavar="ACTION")
    p = add(ssub, "save", cmd_snapshot_save, "fetch an evidence URL now and keep the page")
    p.add_argument("evidence")
    p = add(ssub, "list", cmd_snapshot_list, "the pages kept for a session")
    p.add_argument("session")
    p = add(ssub, "export", cmd_snapshot_export, "write a kept page's bytes to a file")
    p.add_argument("snapshot")
    p.add_argument("--out", required=True, type=Path)
    p = add(ssub, "remove", cmd_snapshot_remove, "remove a kept page")
    p.add_argument("snapshot")
