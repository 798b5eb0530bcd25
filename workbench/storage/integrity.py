"""Library checks: the database's own checks, references, our quote anchors and
the indexes kept beside the rows (library search, claim memory).

On SQLite: ``integrity_check`` (or ``quick_check``) and ``foreign_key_check``.
On a PostgreSQL server, whose pages the server itself guards: every
constraint of the schema is present and validated, and no row points at a
missing row (which a dropped or disabled constraint would allow).
"""

from __future__ import annotations

import hashlib
import sqlite3

from sqlalchemy import select, text

from workbench.analysis import anchoring
from workbench.storage import recall_index, search_index
from workbench.storage.schema import Article, Base, Claim
from workbench.storage.store import Library


def _server_constraints(lib: Library) -> list[str]:
    expected = {
        str(c.name)
        for table in Base.metadata.tables.values()
        for c in table.constraints
        if c.name is not None and type(c).__name__ in ("ForeignKeyConstraint", "CheckConstraint")
    }
    with lib.engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT conname, convalidated FROM pg_constraint "
                "WHERE connamespace = current_schema()::regnamespace AND contype IN ('f', 'c')"
            )
        ).all()
    present = {name: valid for name, valid in rows}
    problems = [f"constraint {name} is missing" for name in sorted(expected - set(present))]
    problems += [f"constraint {name} is not validated" for name, ok in present.items() if not ok]
    return problems


def _orphans(lib: Library) -> list[str]:
    """Rows whose foreign key points at no row, on any backend."""
    problems = []
    with lib.engine.connect() as conn:
        for table in Base.metadata.sorted_tables:
            for fk in table.foreign_keys:
                col, parent = fk.parent, fk.column
                count = conn.execute(
                    text(
                        f'SELECT count(*) FROM {table.name} c WHERE c."{col.name}" IS NOT NULL '
                        f"AND NOT EXISTS (SELECT 1 FROM {parent.table.name} p "
                        f'WHERE p."{parent.name}" = c."{col.name}")'
                    )
                ).scalar_one()
                if count:
                    problems.append(
                        f"{count} {table.name} rows point at a missing {parent.table.name} row "
                        f"({col.name})"
                    )
    return problems


def check_library(lib: Library, *, quick: bool = False) -> list[str]:
    """Problems found, one line each; an empty list means the library is sound."""
    problems: list[str] = []
    if lib.engine.dialect.name == "sqlite":
        pragma = "quick_check" if quick else "integrity_check"
        with lib.engine.connect() as conn:
            raw = conn.connection.driver_connection
            assert raw is not None
            try:
                result = [r[0] for r in raw.execute(f"PRAGMA {pragma}").fetchall()]
                if result != ["ok"]:
                    problems += [f"{pragma}: {line}" for line in result]
                for table, rowid, parent, _fk in raw.execute("PRAGMA foreign_key_check").fetchall():
                    problems.append(
                        f"foreign_key_check: {table} row {rowid} points at a missing {parent} row"
                    )
            except sqlite3.DatabaseError as err:  # too damaged for the check to finish
                problems.append(f"{pragma}: {err}")
    elif lib.engine.dialect.name == "postgresql":
        problems += _server_constraints(lib)
        problems += _orphans(lib)
    if not problems:
        problems += [f"claim {ident}: {why}" for ident, why in broken_anchors(lib)]
        problems += search_index.index_problems(lib)
        problems += recall_index.index_problems(lib)
    return problems


def repair_indexes(lib: Library) -> list[str]:
    """Rebuild the indexes that disagree with the rows (``check --repair``);
    which ones were rebuilt."""
    rebuilt = []
    if search_index.index_problems(lib):
        search_index.rebuild(lib)
        rebuilt.append("search")
    if recall_index.index_problems(lib):
        recall_index.rebuild(lib)
        rebuilt.append("recall")
    return rebuilt


def broken_anchors(lib: Library, session_id: str | None = None) -> list[tuple[str, str]]:
    """(claim id, problem) for every claim whose quote no longer matches its span,
    and every article whose text no longer matches its content hash (of one
    session, or of the whole library). Each article's text is read once."""
    problems: list[tuple[str, str]] = []
    with lib.read() as db:
        articles = select(Article.id, Article.text, Article.content_hash)
        if session_id is not None:
            articles = articles.where(Article.session_id == session_id)
        for aid, body, content_hash in db.execute(articles):
            if hashlib.sha256(body.encode("utf-8")).hexdigest() != content_hash:
                problems.append((aid, "article text does not match its content hash"))
            claims = select(Claim.id, Claim.start, Claim.end, Claim.quote).where(
                Claim.article_id == aid
            )
            for cid, start, end, quote in db.execute(claims):
                if not anchoring.matches(body, start, end, quote):
                    problems.append((cid, f"quote no longer matches the text at {start}-{end}"))
    return problems
