"""Command-line commands for an article's details: show, edit, remove and restore.

``article edit`` sets or clears (``""``) the title, outlet, author, URL and
publication date; ``article remove`` takes an article out with its claims,
their links, evidence and notes; ``article restore`` puts a removed article
back from the audit trail, with all of that. Each runs one operation of
:mod:`workbench.ops`, so it is audited and has an inverse like every edit.
"""

from __future__ import annotations

import argparse
import datetime
from typing import Any

from sqlalchemy import select

from workbench import ops
from workbench.errors import NotFound, UserError
from workbench.queries.claims import MIN_PREFIX, resolve_id
from workbench.queries.records import ArticleInfo
from workbench.queries.sessions import session_detail
from workbench.storage.schema import Article, Event
from workbench.storage.store import Library

Result = tuple[dict[str, Any], str, int]

# The operations these commands run (see tests/cli/test_cli_reach.py).
REACHES = frozenset({"update_article", "move_article", "remove_article", "restore"})
FIELDS = ("title", "outlet", "author", "url", "published")


def _article(lib: Library, ident: str) -> ArticleInfo:
    aid = resolve_id(lib, ident, "article")[1]
    with lib.read() as db:
        row = db.get(Article, aid)
        if row is None:
            raise NotFound(f"no article with id {ident}")
        sid = row.session_id
    return session_detail(lib, sid).article(aid)


def _payload(info: ArticleInfo) -> dict[str, Any]:
    return {
        "id": info.id,
        "session_id": info.session_id,
        "title": info.title,
        "outlet": info.outlet,
        "author": info.author,
        "url": info.url,
        "published": info.published.isoformat() if info.published else None,
    }


def _lines(info: ArticleInfo) -> str:
    p = _payload(info)
    return "\n".join(f"{k:<10} {'' if p[k] is None else p[k]}" for k in ("id", *FIELDS))


def check_published(value: str) -> str:
    """``value`` if it is empty or a real YYYY-MM-DD date; else a one-line error."""
    value = value.strip()
    if not value:
        return ""
    try:
        if len(value) != 10:
            raise ValueError
        datetime.date.fromisoformat(value)
    except ValueError:
        raise UserError(f"published date {value!r} is not a date written YYYY-MM-DD") from None
    return value


def cmd_article_show(lib: Library, a: argparse.Namespace) -> Result:
    info = _article(lib, a.article)
    return _payload(info), _lines(info), 0


def cmd_article_edit(lib: Library, a: argparse.Namespace) -> Result:
    info = _article(lib, a.article)
    values = {f: getattr(a, f) for f in FIELDS if getattr(a, f) is not None}
    if not values:
        raise UserError("nothing to change: give --title, --outlet, --author, --url or --published")
    if "title" in values and not values["title"].strip():
        raise UserError("an article needs a title; give a non-empty --title")
    if "published" in values:
        values["published"] = check_published(values["published"])
    change = ops.update_article(lib, info.id, **values)
    after = _article(lib, info.id)
    changed = [f for f in FIELDS if _payload(info)[f] != _payload(after)[f]]
    before = {f: _payload(info)[f] for f in changed}
    out = {**_payload(after), "changed": changed, "before": before, "operation": change.operation}
    text = _lines(after) + ("\n(no field changed)" if not changed else "")
    return out, text, 0


def cmd_article_remove(lib: Library, a: argparse.Namespace) -> Result:
    info = _article(lib, a.article)
    change = ops.remove_article(lib, info.id)
    removed = sorted(change.ids - {info.id})
    claims = sum(1 for c in change.inverse.args["snapshot"].get("claims", []))
    links = len(change.inverse.args["snapshot"].get("links", []))
    text = (
        f"removed article {info.id}  {info.label} ({claims} claims, {links} links); "
        f"`workbench article restore {info.id[:8]}` brings it back"
    )
    return (
        {"id": info.id, "removed": removed, "claims": claims, "links": links},
        text,
        0,
    )


def cmd_article_move(lib: Library, a: argparse.Namespace) -> Result:
    """Move an article among the session's panes; places count from 1 (the leftmost)."""
    if a.place < 1:
        raise UserError(f"place {a.place} is not a pane's place; 1 is the first (leftmost) pane")
    info = _article(lib, a.article)
    change = ops.move_article(lib, info.id, a.place - 1)
    place = int(change.redo.args["position"]) + 1
    order = session_detail(lib, info.session_id).articles
    lines = [
        f"{'>' if x.id == info.id else ' '} {n}  {x.id[:8]}  {x.label}"
        for n, x in enumerate(order, 1)
    ]
    return (
        {"id": info.id, "place": place, "order": [x.id for x in order]},
        "\n".join(lines),
        0,
    )


def cmd_article_restore(lib: Library, a: argparse.Namespace) -> Result:
    """Undo the last removal of an article, from the snapshot kept in the audit trail."""
    ident = a.article.strip().lower()
    if len(ident) < MIN_PREFIX:
        raise NotFound(f"id {ident!r} is too short; give at least {MIN_PREFIX} characters")
    with lib.read() as db:
        events = list(
            db.scalars(
                select(Event)
                .where(Event.operation == "remove_article", Event.target_id.like(f"{ident}%"))
                .order_by(Event.id.desc())
            )
        )
        targets = {e.target_id for e in events}
        snapshot = events[0].before if events else None
    if not events or snapshot is None:
        raise NotFound(f"no removed article with id {ident}")
    if len(targets) > 1:
        raise UserError(f"id {ident} matches more than one removed article; give more characters")
    rows = snapshot.get("articles") or []
    if not rows or not isinstance(rows[0].get("text"), str) or rows[0]["text"].startswith("<"):
        raise UserError("this removal was recorded without the article's text; import it again")
    aid = rows[0]["id"]
    try:
        resolve_id(lib, aid, "article")
    except NotFound:
        pass
    else:
        raise UserError(f"article {aid} is in the library already")
    ops.restore(lib, snapshot)
    info = _article(lib, aid)
    claims, links = len(snapshot.get("claims") or []), len(snapshot.get("links") or [])
    return (
        {**_payload(info), "claims": claims, "links": links},
        f"restored article {aid}  {info.label} ({claims} claims, {links} links)",
        0,
    )


def register(sub: Any, add: Any) -> None:
    article = sub.add_parser("article", help="show, edit, move, remove or restore an article")
    asub = article.add_subparsers(dest="action", required=True, metavar="ACTION")
    p = add(asub, "show", cmd_article_show, "an article's details")
    p.add_argument("article")
    p = add(
        asub,
        "edit",
        cmd_article_edit,
        'set an article\'s details ("" clears one; the text never changes)',
    )
    p.add_argument("article")
    p.add_argument("--title")
    p.add_argument("--outlet")
    p.add_argument("--author")
    p.add_argument("--url")
    p.add_argument("--published", metavar="YYYY-MM-DD")
    p = add(
        asub, "remove", cmd_article_remove, "remove an article with its claims, links and notes"
    )
    p.add_argument("article")
    p = add(
        asub,
        "move",
        cmd_article_move,
        "move an article to another place among the panes (1 is the leftmost)",
    )
    p.add_argument("article")
    p.add_argument("place", type=int, metavar="PLACE")
    p = add(
        asub,
        "restore",
        cmd_article_restore,
        "bring back a removed article with its claims, links and notes",
    )
    p.add_argument("article")
