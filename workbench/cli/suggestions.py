"""Command-line answers to suggestions: accept, dismiss, undismiss.

``workbench scan SESSION`` lists proposals, each with a key (its first 8
characters in the plain listing). ``suggestion accept SESSION KEY`` marks
both passages as claims (an existing claim with exactly that span is reused)
and links them, in one step; ``suggestion dismiss`` remembers that a proposal
is not wanted, so scans leave it out; ``suggestion undismiss`` forgets that.
``suggestion link`` accepts any two passages (``ARTICLE:START-END``, or a
claim id), for example a result of ``workbench suggest CLAIM``.
"""

from __future__ import annotations

import argparse
import re
from typing import Any

from sqlalchemy import select

from workbench import ops
from workbench.errors import AmbiguousId, NotFound, UserError
from workbench.preview import shorten
from workbench.queries.claims import MIN_PREFIX, claim_info, resolve_id
from workbench.queries.sessions import session_detail
from workbench.storage.schema import Dismissal
from workbench.storage.store import Library
from workbench.vocabulary import LINK_TYPES

Result = tuple[dict[str, Any], str, int]

# The operations these commands run (see tests/cli/test_cli_reach.py).
REACHES = frozenset({"link_passages", "dismiss_suggestion", "undismiss_suggestion"})


def _resolve(lib: Library, ident: str, *kinds: str) -> str:
    return resolve_id(lib, ident, *kinds)[1]


def _by_key(keys: list[str], prefix: str, what: str, where: str) -> str:
    """The one key starting with ``prefix`` (at least 8 characters)."""
    prefix = prefix.strip().lower()
    if len(prefix) < MIN_PREFIX:
        raise NotFound(f"key {prefix!r} is too short; give at least {MIN_PREFIX} characters")
    found = sorted({k for k in keys if k.startswith(prefix)})
    if not found:
        raise NotFound(f"no {what} with key {prefix} {where}")
    if len(found) > 1:
        raise AmbiguousId(f"key {prefix} matches more than one {what}; give more characters")
    return found[0]


def _proposal(lib: Library, sid: str, key: str) -> Any:
    from workbench.queries.suggestions import scan_session

    proposals = scan_session(lib, sid)
    wanted = _by_key(
        [p.key for p in proposals],
        key,
        "proposal",
        "in this session's scan (accepted and dismissed ones are left out; see workbench scan)",
    )
    return next(p for p in proposals if p.key == wanted)


def _linked(lib: Library, change: ops.Change, type: str) -> Result:
    """What accepting made: the link, its two claims and which of them are new."""
    lid = change.target_id or ""
    claims = sorted(change.ids - {lid})
    created = list(change.inverse.args["claim_ids"])
    quotes = [claim_info(lib, c).quote for c in claims]
    return (
        {"link_id": lid, "type": type, "claims": claims, "claims_created": created},
        f"{lid}  {type}: “{shorten(quotes[0], 40)}” <-> “{shorten(quotes[-1], 40)}”"
        f" ({len(created)} new claims)",
        0,
    )


def cmd_suggestion_accept(lib: Library, a: argparse.Namespace) -> Result:
    sid = _resolve(lib, a.session, "session")
    p = _proposal(lib, sid, a.key)
    kind = a.type or (p.kind if p.kind in LINK_TYPES else "related")
    note = a.note if a.note is not None else "Accepted suggestion: " + "; ".join(p.reasons)
    change = ops.link_passages(
        lib, p.a.article_id, p.a.start, p.a.end, p.b.article_id, p.b.start, p.b.end, kind, note
    )
    return _linked(lib, change, kind)


_PASSAGE = re.compile(r"^(?P<article>[0-9a-fA-F-]+):(?P<start>\d+)-(?P<end>\d+)$")


def _passage(lib: Library, spec: str) -> tuple[str, int, int]:
    """(article id, start, end) of ``ARTICLE:START-END`` or of a claim id."""
    m = _PASSAGE.match(spec.strip())
    if m is None:
        if ":" in spec:
            raise UserError(f"passage {spec!r} is not written ARTICLE:START-END (or a claim id)")
        c = claim_info(lib, _resolve(lib, spec, "claim"))
        return c.article_id, c.start, c.end
    return _resolve(lib, m["article"], "article"), int(m["start"]), int(m["end"])


def cmd_suggestion_link(lib: Library, a: argparse.Namespace) -> Result:
    first, second = _passage(lib, a.first), _passage(lib, a.second)
    change = ops.link_passages(lib, *first, *second, a.type, a.note or "")
    return _linked(lib, change, a.type)


def cmd_suggestion_dismiss(lib: Library, a: argparse.Namespace) -> Result:
    sid = _resolve(lib, a.session, "session")
    p = _proposal(lib, sid, a.key)
    change = ops.dismiss_suggestion(lib, sid, p.key)
    return (
        {"id": change.target_id, "session_id": sid, "key": p.key},
        f"dismissed {p.key[:8]}: “{shorten(p.a.text, 40)}” <-> “{shorten(p.b.text, 40)}”",
        0,
    )


def _dismissals(lib: Library, sid: str) -> list[tuple[str, str, str]]:
    with lib.read() as db:
        rows = db.execute(
            select(Dismissal.id, Dismissal.key, Dismissal.created)
            .where(Dismissal.session_id == sid)
            .order_by(Dismissal.created)
        ).all()
    return [(i, k, c.isoformat()) for i, k, c in rows]


def cmd_suggestion_undismiss(lib: Library, a: argparse.Namespace) -> Result:
    sid = _resolve(lib, a.session, "session")
    rows = _dismissals(lib, sid)
    key = _by_key(
        [k for _, k, _ in rows],
        a.key,
        "dismissed proposal",
        "in this session (see workbench suggestion dismissed)",
    )
    did = next(i for i, k, _ in rows if k == key)
    ops.undismiss_suggestion(lib, did)
    return (
        {"id": did, "session_id": sid, "key": key},
        f"{key[:8]} may be proposed again",
        0,
    )


def cmd_suggestion_dismissed(lib: Library, a: argparse.Namespace) -> Result:
    sid = _resolve(lib, a.session, "session")
    rows = _dismissals(lib, sid)
    label = session_detail(lib, sid).summary.title
    lines = [f"{k}  dismissed {c[:16].replace('T', ' ')}" for _, k, c in rows]
    return (
        {"session_id": sid, "dismissed": [{"id": i, "key": k, "created": c} for i, k, c in rows]},
        "\n".join(lines) or f"no dismissed suggestions in {label}",
        0,
    )


def register(sub: Any, add: Any) -> None:
    group = sub.add_parser("suggestion", help="accept, dismiss or undismiss suggestions")
    gsub = group.add_subparsers(dest="action", required=True, metavar="ACTION")
    p = add(
        gsub,
        "accept",
        cmd_suggestion_accept,
        "accept a scan proposal: claims for both passages and a link, in one step",
    )
    p.add_argument("session")
    p.add_argument("key", help="the proposal's key (8+ characters, from workbench scan)")
    p.add_argument("--type", choices=LINK_TYPES, help="link type (default: the proposed one)")
    p.add_argument("--note", help="the link's note (default: the proposal's reasons)")
    p = add(
        gsub,
        "link",
        cmd_suggestion_link,
        "accept two passages (ARTICLE:START-END or a claim id): claims and a link in one step",
    )
    p.add_argument("first", metavar="PASSAGE")
    p.add_argument("second", metavar="PASSAGE")
    p.add_argument("--type", required=True, choices=LINK_TYPES)
    p.add_argument("--note")
    p = add(gsub, "dismiss", cmd_suggestion_dismiss, "leave a scan proposal out of later scans")
    p.add_argument("session")
    p.add_argument("key", help="the proposal's key (8+ characters, from workbench scan)")
    p = add(gsub, "undismiss", cmd_suggestion_undismiss, "let a dismissed proposal come back")
    p.add_argument("session")
    p.add_argument("key", help="the dismissed proposal's key (see suggestion dismissed)")
    p = add(gsub, "dismissed", cmd_suggestion_dismissed, "the dismissed proposals of a session")
    p.add_argument("session")
