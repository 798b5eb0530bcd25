"""`workbench search`: find words and phrases anywhere in the library."""

from __future__ import annotations

import argparse
from dataclasses import asdict
from typing import Any

from workbench.errors import UserError
from workbench.preview import shorten
from workbench.queries.claims import resolve_id
from workbench.queries.sessions import list_sessions
from workbench.storage import search_index
from workbench.storage.store import Library

Result = tuple[dict[str, Any], str, int]

# The operations these commands run (see tests/cli/test_cli_reach.py): none.
REACHES: frozenset[str] = frozenset()


def cmd_search(lib: Library, a: argparse.Namespace) -> Result:
    hits = search_index.search(lib, a.query, limit=a.limit)
    titles = {s.id: s.title for s in list_sessions(lib)}
    lines = []
    for session_id in dict.fromkeys(h.session_id for h in hits):
        lines.append(f"{titles.get(session_id, session_id)} ({session_id[:8]})")
        lines += [f"  {h.kind:<9} {h.id[:8]}  {h.text}" for h in hits if h.session_id == session_id]
    fields = ("kind", "session_id", "article_id", "id", "text", "start", "end")
    results = [{k: v for k, v in asdict(h).items() if k in fields} for h in hits]
    return {"results": results}, "\n".join(lines) or "nothing found", 0


def register(sub: Any, add: Any) -> None:
    p = add(
        sub,
        "search",
        cmd_search,
        'search every article, claim, rationale and note: words, "phrases", prefix*',
    )
    p.add_argument("query")
    p.add_argument("--limit", type=int, default=20)
    register_recall(sub, add)


def cmd_recall(lib: Library, a: argparse.Namespace) -> Result:
    from workbench.queries.recall import recall

    if (a.claim is None) == (a.text is None):
        raise UserError("give a claim id or --text, not both")
    claim_id = resolve_id(lib, a.claim, "claim")[1] if a.claim else None
    found = recall(lib, claim_id=claim_id, text=a.text, limit=a.limit)
    results = [
        {
            "claim_id": p.claim_id,
            "session_id": p.session_id,
            "quote": p.quote,
            "verdict": p.verdict,
            "score": round(p.score, 3),
            "tier": p.tier,
            "reasons": list(p.reasons),
            "judged": p.judged,
            "judged_by": p.judged_by,
        }
        for p in found
    ]
    lines = [
        f"{p.score:.2f} {p.tier or 'weak':<8} {p.verdict:<14} “{shorten(p.quote, 70)}”  "
        f"({p.session_title}, {p.claim_id[:8]})"
        for p in found
    ]
    return {"results": results}, "\n".join(lines) or "not judged before", 0


def register_recall(sub: Any, add: Any) -> None:
    p = add(sub, "recall", cmd_recall, "judged claims of the whole library that resemble a claim")
    p.add_argument("claim", nargs="?", help="a claim id (its own session is left out)")
    p.add_argument("--text", help="any text instead of a claim")
    p.add_argument("--limit", type=int, default=5)
