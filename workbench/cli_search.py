"""`workbench search`: find words and phrases anywhere in the library."""

from __future__ import annotations

import argparse
from dataclasses import asdict
from typing import Any

from workbench import queries, search_index
from workbench.store import Library

Result = tuple[dict[str, Any], str, int]


def cmd_search(lib: Library, a: argparse.Namespace) -> Result:
    hits = search_index.search(lib, a.query, limit=a.limit)
    titles = {s.id: s.title for s in queries.list_sessions(lib)}
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
