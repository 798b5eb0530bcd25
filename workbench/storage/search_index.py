"""Library search: every article, claim, rationale and note, in every session.

The index lives in the database and changes in the same transaction as the
rows (SQLite FTS5 filled by triggers; PostgreSQL GIN indexes over
``to_tsvector``), see migration 0004. Queries take words, ``"exact
phrases"`` and ``prefix*`` words, all of which must occur; accents and case
do not matter on SQLite (``remove_diacritics``), case does not on PostgreSQL.
Anything else a user types is taken as plain words, never as query syntax.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import cast

from sqlalchemy import text as sql
from sqlalchemy.orm import Session as DbSession

from workbench.analysis.text import split_sentences
from workbench.errors import UserError
from workbench.preview import shorten
from workbench.storage.store import Library

KINDS = ("article", "claim", "rationale", "note")

# SQLite: an FTS5 table whose rowid is the source row's rowid times 4 plus a
# kind code (0 article, 1 claim quote, 2 rationale, 3 note). Triggers cannot
# write to a virtual table while ``trusted_schema`` is off (our setting, see
# reliability.md), so they only note which index rows are due in the plain
# table ``search_dirty``; ``sync_pending`` brings those rows up to date inside
# the same write transaction, before it commits (``Library.write``). Edits made
# by other tools are picked up by the next write or search.
# Frozen: a change to these needs a new migration.
_DIRTY = "INSERT OR IGNORE INTO search_dirty(fts_rowid) VALUES "
SCHEMA_SQLITE = [
    "CREATE VIRTUAL TABLE search_index USING fts5("
    "kind UNINDEXED, row_id UNINDEXED, session_id UNINDEXED, article_id UNINDEXED, body, "
    "tokenize = 'unicode61 remove_diacritics 2')",
    "CREATE TABLE search_dirty (fts_rowid INTEGER PRIMARY KEY)",
    f"CREATE TRIGGER search_articles_ai AFTER INSERT ON articles BEGIN {_DIRTY}"
    "(new.rowid * 4); END",
    f"CREATE TRIGGER search_articles_au AFTER UPDATE OF title, session_id ON articles BEGIN "
    f"{_DIRTY}(new.rowid * 4); END",
    f"CREATE TRIGGER search_articles_ad AFTER DELETE ON articles BEGIN {_DIRTY}"
    "(old.rowid * 4); END",
    f"CREATE TRIGGER search_claims_ai AFTER INSERT ON claims BEGIN {_DIRTY}"
    "(new.rowid * 4 + 1), (new.rowid * 4 + 2); END",
    f"CREATE TRIGGER search_claims_au AFTER UPDATE OF quote, rationale, article_id ON claims "
    f"BEGIN {_DIRTY}(new.rowid * 4 + 1), (new.rowid * 4 + 2); END",
    f"CREATE TRIGGER search_claims_ad AFTER DELETE ON claims BEGIN {_DIRTY}"
    "(old.rowid * 4 + 1), (old.rowid * 4 + 2); END",
    f"CREATE TRIGGER search_notes_ai AFTER INSERT ON notes BEGIN {_DIRTY}(new.rowid * 4 + 3); END",
    f"CREATE TRIGGER search_notes_au AFTER UPDATE OF text ON notes BEGIN {_DIRTY}"
    "(new.rowid * 4 + 3); END",
    f"CREATE TRIGGER search_notes_ad AFTER DELETE ON notes BEGIN {_DIRTY}(old.rowid * 4 + 3); END",
]
DROP_SQLITE = [
    *(
        f"DROP TRIGGER IF EXISTS search_{t}_{w}"
        for t in ("articles", "claims", "notes")
        for w in ("ai", "au", "ad")
    ),
    "DROP TABLE IF EXISTS search_dirty",
    "DROP TABLE IF EXISTS search_index",
]
_INSERT = "INSERT INTO search_index(rowid, kind, row_id, session_id, article_id, body) "
_SOURCES = (
    "SELECT a.rowid * 4, 'article', a.id, a.session_id, a.id, a.title || char(10) || a.text "
    "FROM articles a",
    "SELECT c.rowid * 4 + 1, 'claim', c.id, a.session_id, c.article_id, c.quote "
    "FROM claims c JOIN articles a ON a.id = c.article_id",
    "SELECT c.rowid * 4 + 2, 'rationale', c.id, a.session_id, c.article_id, c.rationale "
    "FROM claims c JOIN articles a ON a.id = c.article_id",
    "SELECT n.rowid * 4 + 3, 'note', n.id, n.session_id, "
    "COALESCE(n.article_id, (SELECT article_id FROM claims WHERE id = n.claim_id)), n.text "
    "FROM notes n",
)
_ALIAS = ("a", "c", "c", "n")
# Rebuild the whole index from the rows (migration 0004 and `check --repair`).
REBUILD_SQLITE = (
    "DELETE FROM search_index",
    *(_INSERT + source for source in _SOURCES),
    "DELETE FROM search_dirty",
)
# Bring the index rows noted in search_dirty up to date.
SYNC_SQLITE = (
    "DELETE FROM search_index WHERE rowid IN (SELECT fts_rowid FROM search_dirty)",
    *(
        _INSERT + source + f" WHERE {alias}.rowid IN "
        f"(SELECT fts_rowid / 4 FROM search_dirty WHERE fts_rowid % 4 = {code})"
        for code, (source, alias) in enumerate(zip(_SOURCES, _ALIAS, strict=True))
    ),
    "DELETE FROM search_dirty",
)


def sync_pending(db: DbSession) -> None:
    """Update the index rows that edits in this transaction made due (SQLite)."""
    if db.execute(sql("SELECT EXISTS (SELECT 1 FROM search_dirty)")).scalar():
        for statement in SYNC_SQLITE:
            db.execute(sql(statement))


_TERM = re.compile(r'"([^"]*)"|(\S+)')
_WORD = re.compile(r"\w+", re.UNICODE)
SNIPPET_CHARS = 160


@dataclass(frozen=True)
class Hit:
    """One place the query matched, for the CLI and the search window."""

    kind: str  # article, claim, rationale or note
    session_id: str
    article_id: str | None
    id: str  # the article, claim or note
    text: str  # the passage (a sentence of an article, else the whole text, shortened)
    start: int | None  # span in the article's text, for articles and claims
    end: int | None
    score: float  # higher is better


@dataclass(frozen=True)
class Term:
    words: tuple[str, ...]  # one word, or the words of a phrase
    prefix: bool


def parse_query(query: str) -> list[Term]:
    """Words, "phrases" and prefix* words; punctuation is never syntax."""
    terms: list[Term] = []
    for phrase, bare in _TERM.findall(query):
        if phrase:
            words = tuple(_WORD.findall(phrase))
            if words:
                terms.append(Term(words, False))
            continue
        prefix = bare.endswith("*")
        words = tuple(_WORD.findall(bare))
        for k, word in enumerate(words):
            terms.append(Term((word,), prefix and k == len(words) - 1))
    if not terms:
        raise UserError("give at least one word to search for")
    return terms


def _fts5(terms: list[Term]) -> str:
    parts = []
    for t in terms:
        quoted = '"' + " ".join(w.replace('"', "") for w in t.words) + '"'
        parts.append(quoted + ("*" if t.prefix else ""))
    return " AND ".join(parts)


def _tsquery(terms: list[Term]) -> str:
    def word(w: str, prefix: bool) -> str:
        return "'" + w.lower().replace("'", "''").replace("\\", "") + "'" + (":*" if prefix else "")

    parts = []
    for t in terms:
        if len(t.words) == 1:
            parts.append(word(t.words[0], t.prefix))
        else:
            parts.append("(" + " <-> ".join(word(w, False) for w in t.words) + ")")
    return " & ".join(parts)


def search(lib: Library, query: str, *, limit: int = 50) -> list[Hit]:
    """The best ``limit`` places in the library matching ``query``, best first."""
    terms = parse_query(query)
    if lib.engine.dialect.name == "sqlite":
        if _pending(lib):  # edits by another tool since our last write
            with lib.write():
                pass  # the write brings the index up to date before it commits
        rows = _search_sqlite(lib, terms, limit)
    else:
        rows = _search_postgres(lib, terms, limit)
    return [_hit(lib, terms, row) for row in rows]


Row = tuple[str, str, str | None, str, str, float, int | None, int | None]


def _pending(lib: Library) -> bool:
    with lib.read() as db:
        return bool(db.execute(sql("SELECT EXISTS (SELECT 1 FROM search_dirty)")).scalar())


def _search_sqlite(lib: Library, terms: list[Term], limit: int) -> list[Row]:
    # Rank on the index alone (rowid and bm25), then read the columns and join
    # the claims' spans for the few rows kept: reading them for every match
    # first made a common word ("about", "their*") cost 4-5 times as much.
    statement = sql(
        "SELECT s.kind, s.session_id, s.article_id, s.row_id, s.body, -top.score, "
        'claims.start, claims."end" '
        "FROM (SELECT rowid AS r, rank AS score FROM search_index "
        "WHERE search_index MATCH :q ORDER BY rank LIMIT :n) AS top "
        "JOIN search_index AS s ON s.rowid = top.r "
        "LEFT JOIN claims ON s.kind = 'claim' AND claims.id = s.row_id "
        "ORDER BY top.score"
    )
    with lib.read() as db:
        result = db.execute(statement, {"q": _fts5(terms), "n": limit})
        return [cast(Row, tuple(r)) for r in result]


_PG_SOURCES = (
    ("article", "a.session_id", "a.id", "a.id", "a.title || chr(10) || a.text", "articles a"),
    (
        "claim",
        "a.session_id",
        "c.article_id",
        "c.id",
        "c.quote",
        "claims c JOIN articles a ON a.id = c.article_id",
    ),
    (
        "rationale",
        "a.session_id",
        "c.article_id",
        "c.id",
        "c.rationale",
        "claims c JOIN articles a ON a.id = c.article_id",
    ),
    (
        "note",
        "n.session_id",
        "COALESCE(n.article_id, (SELECT article_id FROM claims WHERE id = n.claim_id))",
        "n.id",
        "n.text",
        "notes n",
    ),
)


def _search_postgres(lib: Library, terms: list[Term], limit: int) -> list[Row]:
    spans = {"claim": ("c.start", 'c."end"')}
    selects = [
        f"SELECT '{kind}', {sid}, {aid}, {rid}, {body}, "
        f"ts_rank(to_tsvector('simple', {body}), q.query) AS score, "
        f"{spans.get(kind, ('NULL::int', 'NULL::int'))[0]}, "
        f"{spans.get(kind, ('NULL::int', 'NULL::int'))[1]} "
        f"FROM {source}, q WHERE to_tsvector('simple', {body}) @@ q.query"
        for kind, sid, aid, rid, body, source in _PG_SOURCES
    ]
    statement = (
        "WITH q AS (SELECT to_tsquery('simple', :q) AS query) "
        + " UNION ALL ".join(selects)
        + " ORDER BY score DESC LIMIT :n"
    )
    with lib.read() as db:
        result = db.execute(sql(statement), {"q": _tsquery(terms), "n": limit})
        return [cast(Row, tuple(r)) for r in result]


def _locate(body: str, terms: list[Term]) -> tuple[int, int] | None:
    """The span of the earliest occurrence of any term in ``body``."""
    best: tuple[int, int] | None = None
    for t in terms:
        pattern = r"\W+".join(re.escape(w) for w in t.words) + (r"\w*" if t.prefix else r"(?!\w)")
        found = re.search(r"(?<!\w)" + pattern, body, re.IGNORECASE)
        if found and (best is None or found.start() < best[0]):
            best = (found.start(), found.end())
    return best


def _hit(lib: Library, terms: list[Term], row: Row) -> Hit:
    kind, session_id, article_id, row_id, body, score, start, end = row
    passage = body
    if kind == "article":
        article_text = body[body.find("\n") + 1 :]  # the title comes first
        span = _locate(article_text, terms)
        if span is not None:
            sentence = next(
                (s for s in split_sentences(article_text) if s.start <= span[0] < s.end), None
            )
            start, end = (sentence.start, sentence.end) if sentence else span
            passage = article_text[start:end]
    return Hit(
        kind,
        session_id,
        article_id,
        row_id,
        shorten(passage, SNIPPET_CHARS),
        start,
        end,
        float(score),
    )


def index_problems(lib: Library) -> list[str]:
    """Where the SQLite index disagrees with the rows (empty when it agrees)."""
    if lib.engine.dialect.name != "sqlite":
        return []
    with lib.engine.connect() as conn:
        exists = conn.execute(
            sql("SELECT 1 FROM sqlite_master WHERE name = 'search_index'")
        ).first()
        if exists is None:
            return ["the search index is missing (workbench check --repair rebuilds it)"]
        counts: dict[str, int] = dict(
            conn.execute(sql("SELECT kind, count(*) FROM search_index GROUP BY kind")).all()
        )
        expected = {
            "article": conn.execute(sql("SELECT count(*) FROM articles")).scalar_one(),
            "claim": conn.execute(sql("SELECT count(*) FROM claims")).scalar_one(),
            "note": conn.execute(sql("SELECT count(*) FROM notes")).scalar_one(),
        }
        expected["rationale"] = expected["claim"]
        stale = conn.execute(
            sql(
                "SELECT count(*) FROM claims c LEFT JOIN search_index s "
                "ON s.rowid = c.rowid * 4 + 1 WHERE s.row_id IS NOT c.id"
            )
        ).scalar_one()
    problems = [
        f"the search index has {counts.get(kind, 0)} {kind} entries for {n} rows "
        "(workbench check --repair rebuilds it)"
        for kind, n in expected.items()
        if counts.get(kind, 0) != n
    ]
    if stale and not problems:
        problems.append(
            f"the search index points {stale} claims at other rows "
            "(workbench check --repair rebuilds it)"
        )
    return problems


def rebuild(lib: Library) -> None:
    """Build the SQLite index afresh from the rows (re-creating it if dropped)."""
    if lib.engine.dialect.name != "sqlite":
        return
    with lib.engine.begin() as conn:
        found = conn.execute(
            sql("SELECT count(*) FROM sqlite_master WHERE name IN ('search_index', 'search_dirty')")
        ).scalar_one()
        if found != 2:
            for statement in (*DROP_SQLITE, *SCHEMA_SQLITE):
                conn.execute(sql(statement))
        for statement in REBUILD_SQLITE:
            conn.execute(sql(statement))
    lib.forget_schema()
