"""Command-line commands beyond the basics: suggestions and recovery."""

from __future__ import annotations

import argparse
import shlex
from pathlib import Path
from typing import Any

from workbench.errors import UserError
from workbench.preview import shorten
from workbench.queries.claims import resolve_id
from workbench.queries.sessions import session_detail
from workbench.storage.store import Library

Result = tuple[dict[str, Any], str, int]

# The operations these commands run (see tests/cli/test_cli_reach.py): none,
# suggestions are read here and answered by workbench/cli/suggestions.py.
REACHES: frozenset[str] = frozenset()


def _resolve(lib: Library, ident: str, *kinds: str) -> str:
    return resolve_id(lib, ident, *kinds)[1]


def _passage(p: Any) -> dict[str, Any]:
    return {"article_id": p.article_id, "start": p.start, "end": p.end, "text": p.text}


def cmd_suggest(lib: Library, a: argparse.Namespace) -> Result:
    from workbench.queries.suggestions import suggest_for_claim

    cid = _resolve(lib, a.claim, "claim")
    matches = suggest_for_claim(lib, cid, limit=a.limit)
    results = [
        {
            **_passage(m.passage),
            "score": round(m.score, 4),
            "tier": m.tier,
            "reasons": list(m.reasons),
            "suggested_type": m.suggested_type,
        }
        for m in matches
    ]
    lines = [
        f"{r['score']:.2f} {r['tier'] or 'weak':<8} [{r['suggested_type']}] "
        f"{r['article_id'][:8]} {r['start']}-{r['end']}  “{r['text']}”\n      "
        + "; ".join(r["reasons"])
        for r in results
    ]
    return {"results": results}, "\n".join(lines) or "no similar passages", 0


def cmd_scan(lib: Library, a: argparse.Namespace) -> Result:
    from workbench.queries.suggestions import scan_session_report

    sid = _resolve(lib, a.session, "session")
    report = scan_session_report(lib, sid)
    proposals = report.proposals
    out = [
        {
            "kind": p.kind,
            "score": round(p.score, 4),
            "tier": p.tier,
            "reasons": list(p.reasons),
            "group": p.group,
            "group_label": p.group_label,
            "key": p.key,
            "a": _passage(p.a),
            "b": _passage(p.b),
        }
        for p in proposals
    ]
    lines = [
        f"{p.key[:8]}  {p.score:.2f} {p.tier or 'weak':<8} {p.kind:<11} "
        f"“{shorten(p.a.text, 50)}” <-> “{shorten(p.b.text, 50)}”"
        + (f"  [{p.group_label}]" if p.group_label else "")
        for p in proposals
    ]
    if report.note:
        lines.append(report.note)
    return (
        {"proposals": out, "note": report.note, "found": report.found},
        "\n".join(lines) or "no proposals",
        0,
    )


def cmd_facts(lib: Library, a: argparse.Namespace) -> Result:
    from workbench.queries.suggestions import session_facts

    sid = _resolve(lib, a.session, "session")
    rows = session_facts(lib, sid)
    facets = [
        {
            "facet": r.facet,
            "key": r.key,
            "scope": r.scope,
            "conflict": r.conflict,
            "reason": r.reason,
            "values": [
                {
                    "article_id": f.article_id,
                    "value": f.value,
                    "text": f.text,
                    "start": f.start,
                    "end": f.end,
                    "note": f.note,
                    "who": f.who,
                    "scope": f.scope,
                    "scope_note": f.scope_note,
                }
                for f in r.values
            ],
        }
        for r in rows
    ]
    detail = session_detail(lib, sid)
    lines = []
    for r in rows:
        mark = "CONFLICT " if r.conflict else ("BACKGROUND " if r.scope == "background" else "")
        lines.append(mark + f"{r.facet} / {r.key}")
        if r.reason and (r.conflict or r.key == "source chain"):
            lines.append(f"    ({r.reason})")
        by_article: dict[str, list[str]] = {}
        for f in r.values:
            by_article.setdefault(f.article_id, []).append(f.value)
        for article_id, values in by_article.items():
            shown = ", ".join(dict.fromkeys(values))
            lines.append(f"    {detail.label_of(article_id) or article_id[:8]}: {shown}")
    waiting = [
        detail.label_of(f.article_id)
        for r in rows
        if r.facet == "time"
        for f in r.values
        if "no publication date" in f.note
    ]
    if waiting:
        lines.append(
            "note: relative times in "
            + ", ".join(dict.fromkeys(waiting))
            + " stay unresolved until the publication date is set "
            "(workbench article edit ARTICLE --published YYYY-MM-DD)"
        )
    return {"facets": facets}, "\n".join(lines) or "no facts found", 0


def cmd_restore(lib: Library | None, a: argparse.Namespace) -> Result:
    from workbench.storage import backup
    from workbench.storage.store import resolve_url

    url = resolve_url(getattr(a, "db", None))
    if url.startswith(("postgresql:", "postgresql+")):
        from workbench.storage import pg_backup

        kept = pg_backup.restore(url, Path(a.backup))
        return (
            {"file": url, "from": str(a.backup), "previous": str(kept)},
            f"restored the server library from {a.backup}; the state before is kept in {kept} "
            f"(undo with: workbench --db URL restore {kept})",
            0,
        )
    if not url.startswith("sqlite:///"):
        raise UserError("restore works on SQLite and PostgreSQL libraries only")
    target = Path(url.removeprefix("sqlite:///"))
    moved = backup.restore_backup(Path(a.backup), target)
    text = f"restored {target} from {a.backup}"
    undo = None
    if moved:
        undo = f"workbench --db {shlex.quote(str(target))} restore {shlex.quote(str(moved))}"
        text += f"; the previous library was kept as {moved}; to undo this restore: {undo}"
    return (
        {
            "file": str(target),
            "from": str(a.backup),
            "previous": str(moved) if moved else None,
            "undo": undo,
        },
        text,
        0,
    )


cmd_restore.no_library = True  # type: ignore[attr-defined]


def register(sub: Any, add: Any) -> None:
    p = add(sub, "suggest", cmd_suggest, "find where else a claim appears in the session")
    p.add_argument("claim")
    p.add_argument("--limit", type=int, default=12)
    p = add(sub, "scan", cmd_scan, "propose links across all articles of a session")
    p.add_argument("session")
    p = add(
        sub,
        "facts",
        cmd_facts,
        "casualties, quantities, times, places and attributions side by side",
    )
    p.add_argument("session")
    p = add(
        sub,
        "restore",
        cmd_restore,
        "replace the library with a verified backup (the current file is kept aside)",
    )
    p.add_argument("backup")
