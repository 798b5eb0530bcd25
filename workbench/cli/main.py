"""The command line: the same operations as the desktop app, from a terminal.

``workbench [--db PATH_OR_URL] COMMAND ... [--json]``. With ``--json`` every
command prints exactly one JSON object on stdout. Errors go to stderr as one
line, with exit status 1 (2 for a malformed command line).
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import sys
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import asdict, is_dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, NoReturn

from sqlalchemy.exc import SQLAlchemyError

from workbench import about, ops, vocabulary
from workbench.analysis import anchoring
from workbench.errors import WorkbenchError
from workbench.preview import shorten
from workbench.queries.claims import claim_info, resolve_id
from workbench.queries.sessions import article_text, list_sessions, session_detail, session_summary
from workbench.storage.store import Library, open_library, translate_error
from workbench.vocabulary import LINK_TYPES

Handler = Callable[[Library, argparse.Namespace], tuple[dict[str, Any], str, int]]

# The operations the commands of this module run, directly or through the
# importers (tests/cli/test_cli_reach.py checks that every operation of the
# registry is run by a command of some module of workbench/cli).
REACHES = frozenset(
    {
        "create_session",
        "update_session",
        "delete_session",
        "add_article",
        "add_claim",
        "remove_claim",
        "resize_claim",
        "link_claims",
        "unlink",
        "set_verdict",
        "add_evidence",
        "add_note",
    }
)


class CliError(Exception):
    """A failure to report as one line on stderr."""


class OneLineParser(argparse.ArgumentParser):
    """Usage errors as one line on stderr (status 2), like every other error."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"error: {message} (see {self.prog} --help)\n")


def _json_default(value: object) -> object:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if is_dataclass(value) and not isinstance(value, type):
        return asdict(value)
    if isinstance(value, set | frozenset | tuple):
        return list(value)
    raise TypeError(f"cannot serialise {type(value).__name__}")


def _resolve(lib: Library, ident: str, *kinds: str) -> str:
    return resolve_id(lib, ident, *kinds)[1]


# ----------------------------------------------------------------- sessions


def cmd_session_new(lib: Library, a: argparse.Namespace) -> tuple[dict[str, Any], str, int]:
    custom = a.verdicts.split(",") if a.verdicts is not None else None
    change = ops.create_session(
        lib, a.title, scale=a.scale, description=a.description or "", custom_verdicts=custom
    )
    return {"id": change.target_id}, f"{change.target_id}  {a.title}", 0


cmd_session_new.creates_library = True  # type: ignore[attr-defined]


def cmd_session_list(lib: Library, a: argparse.Namespace) -> tuple[dict[str, Any], str, int]:
    rows = list_sessions(lib)
    lines = [
        f"{s.id[:8]}  {s.title}  ({s.articles} articles, {s.claims} claims, {s.links} links, "
        f"{s.checked}/{s.claims} checked, changed {s.updated.astimezone():%Y-%m-%d %H:%M})"
        for s in rows
    ]
    return {"sessions": [asdict(s) for s in rows]}, "\n".join(lines) or "no sessions", 0


def cmd_session_show(lib: Library, a: argparse.Namespace) -> tuple[dict[str, Any], str, int]:
    detail = session_detail(lib, _resolve(lib, a.session, "session"))
    s = detail.summary
    counts = {"articles": s.articles, "claims": s.claims, "links": s.links, "checked": s.checked}
    out = {
        "session": asdict(s),
        "scale": list(detail.scale.choices()),
        "counts": counts,
        "articles": [asdict(x) for x in detail.articles],
        "claims": [asdict(x) for x in detail.claims],
        "links": [asdict(x) for x in detail.links],
        "evidence": [asdict(x) for x in detail.evidence],
        "notes": [asdict(x) for x in detail.notes],
    }
    lines = [
        f"{s.title}  [{s.id}]",
        f"scale: {s.scale_name}; " + ", ".join(f"{v} {k}" for k, v in counts.items()),
    ]
    quotes = {c.id: c for c in detail.claims}
    for art in detail.articles:
        lines.append(
            f"\n{art.id[:8]}  {art.title} — {art.outlet or 'unknown outlet'}"
            f"{' (' + art.published.isoformat() + ')' if art.published else ''}"
        )
        for c in detail.claims_of(art.id):
            lines.append(f"  {c.id[:8]}  [{c.verdict}] “{c.quote}”")
    if detail.links:
        lines.append("\nlinks:")
        for lk in detail.links:
            lines.append(
                f"  {lk.id[:8]}  {lk.type}: “{shorten(quotes[lk.claim_a_id].quote, 40)}” <-> "
                f"“{shorten(quotes[lk.claim_b_id].quote, 40)}”"
            )
    return out, "\n".join(lines), 0


def cmd_session_rename(lib: Library, a: argparse.Namespace) -> tuple[dict[str, Any], str, int]:
    sid = _resolve(lib, a.session, "session")
    ops.rename_session(lib, sid, a.title)
    return {"id": sid, "title": a.title}, f"renamed {sid[:8]} to {a.title}", 0


def cmd_session_delete(lib: Library, a: argparse.Namespace) -> tuple[dict[str, Any], str, int]:
    sid = _resolve(lib, a.session, "session")
    if not a.yes:
        raise CliError("deleting a session removes all its work; add --yes to confirm")
    ops.delete_session(lib, sid)
    return {"id": sid, "deleted": True}, f"deleted session {sid}", 0


# ----------------------------------------------------------------- import


def cmd_import(lib: Library, a: argparse.Namespace) -> tuple[dict[str, Any], str, int]:
    from workbench.importers.batch import import_files

    sid = _resolve(lib, a.session, "session")
    from workbench.cli.web import import_addresses, is_address

    web = import_addresses(lib, sid, [f for f in a.files if is_address(f)])
    files = [Path(f) for f in a.files if not is_address(f)]
    result = import_files(lib, sid, files, encoding=a.encoding)
    articles = [
        {
            "id": r.article_id,
            "title": r.article.title,
            "outlet": r.article.outlet,
            "author": r.article.author,
            "url": r.article.url,
            "published": r.article.published,
            "file": str(r.path),
            "chars": len(r.article.text),
            "encoding": r.article.encoding,
        }
        for r in result.imported
    ]
    errors = [{"file": str(e.path), "reason": e.reason} for e in result.errors]
    lines = [f"imported {r.article_id[:8]}  {r.article.title}  ({r.path})" for r in result.imported]
    for e in result.errors:
        print(f"error: {e.path}: {e.reason}", file=sys.stderr)
    articles, errors, lines = web.articles + articles, web.errors + errors, web.lines + lines
    status = 1 if errors else 0
    return {"articles": articles, "errors": errors}, "\n".join(lines), status


def cmd_paste(lib: Library, a: argparse.Namespace) -> tuple[dict[str, Any], str, int]:
    from workbench.importers import from_pasted_text
    from workbench.importers.batch import import_article

    sid = _resolve(lib, a.session, "session")
    art = from_pasted_text(
        sys.stdin.read(),
        title=a.title,
        outlet=a.outlet,
        author=a.author,
        url=a.url,
        published=a.published,
    )
    aid = import_article(lib, sid, art)
    return {"id": aid, "title": art.title}, f"imported {aid}", 0


# ----------------------------------------------------------------- claims and links


def _whole_characters(text: str, start: int, end: int, what: str) -> None:
    """Refuse a span that cuts a character (a flag, an accented letter) in two."""
    if not (0 <= start <= end <= len(text)):
        return  # the operation explains what is wrong with it
    wide = anchoring.grapheme_span(text, start, end)
    if wide != (start, end):
        edge = wide[0] if wide[0] != start else end
        cluster = anchoring.grapheme_span(text, edge, edge + 1)
        raise CliError(
            f"{what} {start}-{end} splits the character {text[cluster[0] : cluster[1]]!r} "
            f"in two; use --start {wide[0]} --end {wide[1]}"
        )


def _find_quote(text: str, quote: str, occurrence: int) -> tuple[int, int]:
    """The quote's span; a quote typed in another Unicode normal form (a
    decomposed "Zoë" from some keyboards) matches the article's own form."""
    for form in dict.fromkeys(
        (quote, unicodedata.normalize("NFC", quote), unicodedata.normalize("NFD", quote))
    ):
        if anchoring.count_occurrences(text, form):
            return anchoring.find_quote(text, form, occurrence)
    return anchoring.find_quote(text, quote, occurrence)  # says it does not occur


def cmd_claim_add(lib: Library, a: argparse.Namespace) -> tuple[dict[str, Any], str, int]:
    aid = _resolve(lib, a.article, "article")
    text = article_text(lib, aid)
    if a.quote is not None and (a.start is not None or a.end is not None):
        raise CliError("give either --quote TEXT or --start N and --end N, not both")
    if a.quote is not None:
        start, end = _find_quote(text, a.quote, a.occurrence)
        _whole_characters(text, start, end, "the quote found at")
    elif a.start is not None and a.end is not None:
        start, end = a.start, a.end
        _whole_characters(text, start, end, "the span")
    else:
        raise CliError("give --quote TEXT, or --start N and --end N")
    change = ops.add_claim(lib, aid, start, end)
    assert change.target_id
    c = claim_info(lib, change.target_id)
    return (
        {"id": c.id, "start": c.start, "end": c.end, "quote": c.quote},
        f"{c.id}  {c.start}-{c.end}  “{c.quote}”",
        0,
    )


def cmd_claim_remove(lib: Library, a: argparse.Namespace) -> tuple[dict[str, Any], str, int]:
    cid = _resolve(lib, a.claim, "claim")
    change = ops.remove_claim(lib, cid)
    return {"id": cid, "removed": sorted(change.ids)}, f"removed claim {cid}", 0


def cmd_claim_resize(lib: Library, a: argparse.Namespace) -> tuple[dict[str, Any], str, int]:
    cid = _resolve(lib, a.claim, "claim")
    text = article_text(lib, claim_info(lib, cid).article_id)
    _whole_characters(text, a.start, a.end, "the span")
    ops.resize_claim(lib, cid, a.start, a.end)
    c = claim_info(lib, cid)
    return (
        {"id": c.id, "start": c.start, "end": c.end, "quote": c.quote},
        f"{c.id}  {c.start}-{c.end}  “{c.quote}”",
        0,
    )


def cmd_link(lib: Library, a: argparse.Namespace) -> tuple[dict[str, Any], str, int]:
    first = _resolve(lib, a.claim_a, "claim")
    second = _resolve(lib, a.claim_b, "claim")
    change = ops.link_claims(lib, first, second, a.type, note=a.note or "")
    return {"id": change.target_id}, f"{change.target_id}  {a.type}", 0


def cmd_unlink(lib: Library, a: argparse.Namespace) -> tuple[dict[str, Any], str, int]:
    lid = _resolve(lib, a.link, "link")
    ops.unlink(lib, lid)
    return {"id": lid, "removed": True}, f"removed link {lid}", 0


def cmd_verdict(lib: Library, a: argparse.Namespace) -> tuple[dict[str, Any], str, int]:
    cid = _resolve(lib, a.claim, "claim")
    ops.set_verdict(lib, cid, a.verdict, rationale=a.rationale)
    c = claim_info(lib, cid)
    return (
        {"id": cid, "verdict": c.verdict, "rationale": c.rationale},
        f"{cid[:8]}  {c.verdict}",
        0,
    )


def cmd_evidence_add(lib: Library, a: argparse.Namespace) -> tuple[dict[str, Any], str, int]:
    cid = _resolve(lib, a.claim, "claim")
    change = ops.add_evidence(
        lib,
        cid,
        url=a.url or "",
        title=a.title or "",
        excerpt=a.excerpt or "",
        citation=a.citation or "",
        accessed=a.accessed,
    )
    return {"id": change.target_id}, f"{change.target_id}  {a.url or a.citation}", 0


def cmd_note_add(lib: Library, a: argparse.Namespace) -> tuple[dict[str, Any], str, int]:
    kind, target = resolve_id(lib, a.target, "session", "article", "claim", "link")
    change = ops.add_note(lib, target, a.text)
    return (
        {"id": change.target_id, "target_kind": kind, "target_id": target},
        f"{change.target_id}  note on {kind} {target[:8]}",
        0,
    )


# ----------------------------------------------------------------- reports and upkeep


def cmd_check(lib: Library, a: argparse.Namespace) -> tuple[dict[str, Any], str, int]:
    from workbench.storage.integrity import check_library

    if a.repair:
        from workbench.storage.integrity import repair_indexes

        repair_indexes(lib)
    problems = check_library(lib)
    advice = None
    if problems and lib.sqlite_path is not None:
        from workbench.storage.recovery import restore_advice

        advice = restore_advice(lib.sqlite_path)
    text = "ok" if not problems else "\n".join([*problems, advice or ""]).strip()
    payload: dict[str, Any] = {"ok": not problems, "problems": problems}
    if problems:
        payload["advice"] = advice  # which backup to restore, and the command
    return payload, text, 1 if problems else 0


def cmd_backup(lib: Library, a: argparse.Namespace) -> tuple[dict[str, Any], str, int]:
    from workbench.storage import backup

    if lib.sqlite_path is None:  # a team library on a server: pg_dump, checked as it is written
        out = backup.take_backup(lib, reason="manual", out=Path(a.out) if a.out else None)
        return {"file": str(out), "check": "ok"}, f"backup written to {out} (verified: ok)", 0
    out = backup.take_backup(lib, reason="manual", out=Path(a.out) if a.out else None)
    result = backup.verify(out)
    if result != "ok":
        raise CliError(f"the backup at {out} failed its check: {result}")
    return {"file": str(out), "check": result}, f"backup written to {out} (verified: ok)", 0


def cmd_demo(lib: Library, a: argparse.Namespace) -> tuple[dict[str, Any], str, int]:
    from workbench.demo import ensure_demo_session

    sid = ensure_demo_session(lib)
    s = session_summary(lib, sid)
    return (
        {"id": sid, "title": s.title, "articles": s.articles, "claims": s.claims, "links": s.links},
        f"{sid}  {s.title}: {s.articles} articles, {s.claims} claims, {s.links} links",
        0,
    )


cmd_demo.creates_library = True  # type: ignore[attr-defined]


def cmd_scales(lib: Library, a: argparse.Namespace) -> tuple[dict[str, Any], str, int]:
    data = {name: list(s.labels) for name, s in vocabulary.PRESETS.items()}
    lines = [f"{name}: {', '.join(labels)}" for name, labels in data.items()]
    lines.append(f"working states (every scale): {', '.join(vocabulary.WORKING_STATES)}")
    return {"scales": data, "working_states": list(vocabulary.WORKING_STATES)}, "\n".join(lines), 0


# ----------------------------------------------------------------- parser


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--json",
        action="store_true",
        default=argparse.SUPPRESS,
        help="print exactly one JSON object on stdout",
    )
    common.add_argument(
        "--db",
        default=argparse.SUPPRESS,
        help="library database: a file path or a database URL "
        "(default: $WORKBENCH_DB or the user data folder)",
    )
    common.add_argument(
        "--user",
        default=argparse.SUPPRESS,
        help="your name in the audit trail (default: $WORKBENCH_USER or your login name)",
    )
    parser = OneLineParser(
        prog="workbench",
        parents=[common],
        description="Fact-Check Workbench: compare news reports of one story from a terminal.",
    )
    parser.add_argument("--version", action=about.VersionAction)
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def add(parent: Any, name: str, handler: Handler, help_: str) -> argparse.ArgumentParser:
        p: argparse.ArgumentParser = parent.add_parser(
            name, parents=[common], help=help_, description=help_
        )
        p.set_defaults(handler=handler)
        return p

    session = sub.add_parser("session", help="create, list, show, rename, delete sessions")
    ssub = session.add_subparsers(dest="action", required=True, metavar="ACTION")
    p = add(ssub, "new", cmd_session_new, "start a new session")
    p.add_argument("title")
    p.add_argument(
        "--scale",
        default=vocabulary.DEFAULT_SCALE,
        help=f"verdict scale: {', '.join(vocabulary.PRESETS)} (or a name for --verdicts)",
    )
    p.add_argument("--verdicts", help="a custom scale: comma-separated verdict labels")
    p.add_argument("--description")
    add(ssub, "list", cmd_session_list, "list sessions with their counts")
    p = add(ssub, "show", cmd_session_show, "articles, claims and links of a session")
    p.add_argument("session")
    p = add(ssub, "rename", cmd_session_rename, "rename a session")
    p.add_argument("session")
    p.add_argument("title")
    p = add(ssub, "delete", cmd_session_delete, "delete a session and all its work")
    p.add_argument("session")
    p.add_argument("--yes", action="store_true", help="confirm the deletion")

    p = add(
        sub, "import", cmd_import, "import article files (.txt .md .html .docx .pdf) or web pages"
    )
    p.add_argument("session")
    p.add_argument("files", nargs="+", metavar="FILE_OR_URL", help="a file, or an http(s) URL")
    p.add_argument("--encoding", help="decode text files with this encoding")
    p = add(sub, "paste", cmd_paste, "import text from standard input as an article")
    p.add_argument("session")
    p.add_argument("--title")
    p.add_argument("--outlet")
    p.add_argument("--author")
    p.add_argument("--url")
    p.add_argument("--published", help="YYYY-MM-DD")

    claim = sub.add_parser("claim", help="mark, resize or remove claims")
    csub = claim.add_subparsers(dest="action", required=True, metavar="ACTION")
    p = add(csub, "add", cmd_claim_add, "mark a claim in an article")
    p.add_argument("article")
    p.add_argument("--quote", help="the exact words of the claim")
    p.add_argument("--occurrence", type=int, default=1, help="which occurrence of the quote")
    p.add_argument("--start", type=int)
    p.add_argument("--end", type=int)
    p = add(csub, "remove", cmd_claim_remove, "remove a claim with its links and notes")
    p.add_argument("claim")
    p = add(csub, "resize", cmd_claim_resize, "move a claim's span")
    p.add_argument("claim")
    p.add_argument("--start", type=int, required=True)
    p.add_argument("--end", type=int, required=True)

    p = add(sub, "link", cmd_link, "link two claims of different articles")
    p.add_argument("claim_a")
    p.add_argument("claim_b")
    p.add_argument("--type", required=True, choices=LINK_TYPES)
    p.add_argument("--note")
    p = add(sub, "unlink", cmd_unlink, "remove a link")
    p.add_argument("link")

    p = add(sub, "verdict", cmd_verdict, "record a verdict on a claim")
    p.add_argument("claim")
    p.add_argument("verdict")
    p.add_argument("--rationale")

    evidence = sub.add_parser("evidence", help="evidence behind verdicts")
    esub = evidence.add_subparsers(dest="action", required=True, metavar="ACTION")
    p = add(esub, "add", cmd_evidence_add, "attach evidence to a claim")
    p.add_argument("claim")
    p.add_argument("--url")
    p.add_argument("--title")
    p.add_argument("--excerpt")
    p.add_argument("--citation")
    p.add_argument("--accessed", metavar="YYYY-MM-DD", help="when the source was read (today)")

    note = sub.add_parser("note", help="notes on sessions, articles, claims and links")
    nsub = note.add_subparsers(dest="action", required=True, metavar="ACTION")
    p = add(nsub, "add", cmd_note_add, "write a note")
    p.add_argument("target", metavar="TARGET_ID")
    p.add_argument("text")

    p = add(sub, "check", cmd_check, "check the library (integrity, references, quote anchors)")
    p.add_argument(
        "--repair",
        action="store_true",
        help="rebuild the search and recall indexes if they disagree",
    )
    p = add(sub, "backup", cmd_backup, "write a verified backup of the library")
    p.add_argument("--out", help="backup file (default: the backups folder beside the library)")
    add(sub, "demo", cmd_demo, "create (if missing) and show the demo session")
    add(sub, "scales", cmd_scales, "list the verdict scale presets")

    from workbench.cli import articles as cli_articles
    from workbench.cli import claim_memory as cli_memory
    from workbench.cli import edits as cli_edits
    from workbench.cli import exports as cli_export
    from workbench.cli import search as cli_search
    from workbench.cli import suggest as cli_extra
    from workbench.cli import suggestions as cli_suggestions
    from workbench.cli import web as cli_web

    cli_extra.register(sub, add)
    cli_export.register(sub, add)  # export ..., session export/import, import-annotations
    cli_search.register(sub, add)
    cli_articles.register(sub, add)
    cli_web.register(sub, add)
    cli_edits.register(sub, add)  # session update/scale, claim rationale/checkworthiness, ...
    cli_suggestions.register(sub, add)  # suggestion accept/link/dismiss/undismiss
    cli_memory.register(sub, add)  # claim copy-verdict
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    as_json = getattr(args, "json", False)
    handler: Handler = args.handler
    lib: Library | None = None
    try:
        if getattr(handler, "no_library", False):
            payload, text, status = handler(None, args)  # type: ignore[arg-type]
        else:
            # Only a command that starts from nothing creates a library: every
            # other one names something that a new, empty library cannot hold.
            creates = getattr(handler, "creates_library", False)
            lib = open_library(
                getattr(args, "db", None), create=creates, actor=getattr(args, "user", None)
            )
            if lib.created:
                print(f"note: created a new library at {lib.sqlite_path}", file=sys.stderr)
            payload, text, status = handler(lib, args)
            if lib.created:
                payload = {**payload, "library_created": str(lib.sqlite_path)}
    except (WorkbenchError, CliError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    except OSError as err:
        print(f"error: {err.strerror or err}: {err.filename or ''}".rstrip(": "), file=sys.stderr)
        return 1
    except sqlite3.Error as err:  # the driver itself, outside the store's translation
        print(f"error: {translate_error(err)}", file=sys.stderr)
        return 1
    except SQLAlchemyError as err:  # e.g. a --db URL naming an unknown database driver
        print(f"error: database: {str(err).splitlines()[0]}", file=sys.stderr)
        return 1
    except Exception as err:  # our bug: still one line, with a way to see more
        if os.environ.get("WORKBENCH_DEBUG"):
            raise
        print(
            f"error: internal error ({type(err).__name__}: {err}); "
            "run with WORKBENCH_DEBUG=1 for details",
            file=sys.stderr,
        )
        return 1
    finally:
        if lib is not None:
            lib.close()
    try:
        if as_json:
            print(json.dumps(payload, default=_json_default, ensure_ascii=False))
        elif text:
            print(text)
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader went away (`... | head`): not an error of ours. Point
        # stdout at /dev/null so the interpreter's final flush stays quiet.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    return status


if __name__ == "__main__":
    sys.exit(main())
