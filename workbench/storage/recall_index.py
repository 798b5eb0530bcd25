"""Claim memory's index: the matching terms of every judged claim, in the database.

A judged claim (a verdict that is not a working state) is one row of
``recall_claims`` (its session, the total weight of its terms by
:func:`workbench.analysis.matching.features.term_weight`, how many terms and
a digest of the quote they were read from) and one row of ``recall_terms``
per matching term (lemmas, numbers as digits, alias and synonym-concept
terms of :func:`workbench.analysis.terms.profile`). A term's weight depends
on the term alone, so the query supplies it.
The same tables on SQLite and PostgreSQL (migration 0007).

Kept current in the transaction of the edit: triggers on ``claims`` (and on
an article moving to another session) note the claims whose index rows are
due in ``recall_dirty``; :func:`sync_pending` reads those claims and writes
their rows before the transaction commits (``Library.write``), so a verdict
set or cleared, a claim resized, removed or restored, a session deleted or
imported and every undo change the index with the rows. Terms are computed
in Python, which is why a trigger cannot write them itself. Edits made by
other tools are picked up by the next write or recall.

Candidates for a query come from the database: the claims sharing its terms,
read from its rarest terms first (terms in more than :data:`COMMON_SHARE` of
the index select nothing, and at most :data:`POSTING_BUDGET` postings are
read), ranked by the measure "where else" ranks its candidates by (weighted
Dice of the shared terms). The fitted matcher then scores only the best
:data:`RESCORE` of them (:mod:`workbench.queries.recall`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sqlalchemy import Connection, TextClause, bindparam
from sqlalchemy import text as sql
from sqlalchemy.orm import Session as DbSession

from workbench import vocabulary
from workbench.analysis.matching.features import term_weight
from workbench.analysis.terms import profile
from workbench.storage.store import Library

# A term in more than this share of the indexed claims (and more than
# COMMON_MIN of them) is too common to select candidates, as in "where else".
COMMON_SHARE = 0.05
COMMON_MIN = 50
# At most this many postings are read for one query (its rarest terms first;
# the rarest term is always read).
POSTING_BUDGET = 5_000
# The matcher scores this many candidates, the closest by weighted Dice of
# the terms they share with the query (among every claim that shares one).
RESCORE = 12

# A longer query reads its heaviest terms only (one statement reads each term).
MAX_QUERY_TERMS = 64

REPAIR = "(workbench check --repair rebuilds it)"

# Frozen: a change to the schema below needs a new migration.
_JUDGED = "verdict NOT IN ({})".format(
    ", ".join("'" + s.replace("'", "''") + "'" for s in vocabulary.WORKING_STATES)
)
TABLES = ("recall_claims", "recall_terms", "recall_dirty", "recall_meta")
TRIGGERS_SQLITE = ("recall_claims_ai", "recall_claims_au", "recall_claims_ad", "recall_articles_au")
TRIGGERS_POSTGRES = ("recall_claims_changed", "recall_articles_moved")
# Lets "when and by whom was this verdict set" read a claim's events directly.
EVENTS_INDEX = "CREATE INDEX ix_recall_events_target ON events (target_id)"
_DIRTY_SQLITE = "INSERT OR IGNORE INTO recall_dirty (claim_id) VALUES "
SCHEMA_SQLITE = [
    "CREATE TABLE recall_claims (doc INTEGER PRIMARY KEY, claim_id VARCHAR(36) NOT NULL UNIQUE, "
    "session_id VARCHAR(36) NOT NULL, total FLOAT NOT NULL, terms INTEGER NOT NULL, "
    "digest VARCHAR(32) NOT NULL)",
    "CREATE INDEX ix_recall_claims_session ON recall_claims (session_id)",
    "CREATE TABLE recall_terms (term TEXT NOT NULL, doc INTEGER NOT NULL, "
    "PRIMARY KEY (term, doc)) WITHOUT ROWID",
    "CREATE INDEX ix_recall_terms_doc ON recall_terms (doc)",
    "CREATE TABLE recall_dirty (claim_id VARCHAR(36) PRIMARY KEY)",
    "CREATE TABLE recall_meta (key VARCHAR(50) PRIMARY KEY, value TEXT NOT NULL)",
    f"CREATE TRIGGER recall_claims_ai AFTER INSERT ON claims WHEN new.{_JUDGED} "
    f"BEGIN {_DIRTY_SQLITE}(new.id); END",
    "CREATE TRIGGER recall_claims_au AFTER UPDATE OF quote, verdict, article_id ON claims "
    f"WHEN old.{_JUDGED} OR new.{_JUDGED} BEGIN {_DIRTY_SQLITE}(old.id), (new.id); END",
    f"CREATE TRIGGER recall_claims_ad AFTER DELETE ON claims WHEN old.{_JUDGED} "
    f"BEGIN {_DIRTY_SQLITE}(old.id); END",
    "CREATE TRIGGER recall_articles_au AFTER UPDATE OF session_id ON articles BEGIN "
    "INSERT OR IGNORE INTO recall_dirty (claim_id) SELECT id FROM claims "
    f"WHERE article_id = new.id AND {_JUDGED}; END",
]
DROP_SQLITE = [
    *(f"DROP TRIGGER IF EXISTS {name}" for name in TRIGGERS_SQLITE),
    *(f"DROP TABLE IF EXISTS {name}" for name in TABLES),
]
_DIRTY_PG = "INSERT INTO recall_dirty (claim_id) VALUES ({}) ON CONFLICT DO NOTHING;"
SCHEMA_POSTGRES = [
    "CREATE TABLE recall_claims (doc INTEGER GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, "
    "claim_id VARCHAR(36) NOT NULL UNIQUE, session_id VARCHAR(36) NOT NULL, "
    "total DOUBLE PRECISION NOT NULL, terms INTEGER NOT NULL, digest VARCHAR(32) NOT NULL)",
    "CREATE INDEX ix_recall_claims_session ON recall_claims (session_id)",
    "CREATE TABLE recall_terms (term TEXT NOT NULL, doc INTEGER NOT NULL, PRIMARY KEY (term, doc))",
    "CREATE INDEX ix_recall_terms_doc ON recall_terms (doc)",
    "CREATE TABLE recall_dirty (claim_id VARCHAR(36) PRIMARY KEY)",
    "CREATE TABLE recall_meta (key VARCHAR(50) PRIMARY KEY, value TEXT NOT NULL)",
    "CREATE FUNCTION recall_note_claim() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
    f"IF TG_OP <> 'INSERT' AND OLD.{_JUDGED} THEN {_DIRTY_PG.format('OLD.id')} END IF; "
    f"IF TG_OP <> 'DELETE' AND NEW.{_JUDGED} THEN {_DIRTY_PG.format('NEW.id')} END IF; "
    "RETURN NULL; END $$",
    "CREATE TRIGGER recall_claims_changed AFTER INSERT OR DELETE OR UPDATE OF quote, verdict, "
    "article_id ON claims FOR EACH ROW EXECUTE FUNCTION recall_note_claim()",
    "CREATE FUNCTION recall_note_article() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
    "INSERT INTO recall_dirty (claim_id) SELECT id FROM claims "
    f"WHERE article_id = NEW.id AND {_JUDGED} ON CONFLICT DO NOTHING; RETURN NULL; END $$",
    "CREATE TRIGGER recall_articles_moved AFTER UPDATE OF session_id ON articles "
    "FOR EACH ROW EXECUTE FUNCTION recall_note_article()",
]
DROP_POSTGRES = [
    "DROP TRIGGER IF EXISTS recall_claims_changed ON claims",
    "DROP TRIGGER IF EXISTS recall_articles_moved ON articles",
    "DROP FUNCTION IF EXISTS recall_note_claim()",
    "DROP FUNCTION IF EXISTS recall_note_article()",
    *(f"DROP TABLE IF EXISTS {name}" for name in TABLES),
]

Db = Connection | DbSession

# Sentences whose terms show what this program reads from a claim: lemmas,
# numbers, aliases, synonym concepts and their weights. When the lexicon or
# the weights change, so does the fingerprint, and ``check`` reports the
# index as built by other terms.
_PROBES = (
    "Four drones were launched from the sea and 1,200 people were evacuated, "
    "the U.S. military said on Monday.",
    "No one was injured in the blast at the port, according to officials in Kuwait.",
    "The government has denied reports that it is planning to ban the sale of weapons.",
)


@lru_cache(maxsize=1)
def terms_fingerprint() -> str:
    """A digest of the terms and weights this program reads from a few sentences."""
    parts = []
    for probe in _PROBES:
        parts += [f"{t}:{w:.4f}" for t, w in sorted(claim_terms(probe).items())]
    return hashlib.blake2b("|".join(parts).encode("utf-8"), digest_size=8).hexdigest()


def claim_terms(quote: str) -> dict[str, float]:
    """The matching terms of a claim's quote and their weights."""
    return {t: term_weight(t) for t in profile(quote).terms}


def digest(quote: str) -> str:
    """What the index remembers of the quote its terms were read from."""
    return hashlib.blake2b(quote.encode("utf-8"), digest_size=16).hexdigest()


def _conn(db: Db) -> Connection:
    return db.connection() if isinstance(db, DbSession) else db


def _marks(conn: Connection) -> str:
    return "?" if conn.dialect.name == "sqlite" else "%s"


# ------------------------------------------------------------------ keeping it current


def has_index(db: Db) -> bool:
    """Whether the library has the recall index's tables (schema 0007 on)."""
    conn = _conn(db)
    if conn.dialect.name == "sqlite":
        found = conn.execute(
            sql("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'recall_dirty'")
        ).first()
        return found is not None
    return conn.execute(sql("SELECT to_regclass('recall_dirty') IS NOT NULL")).scalar() is True


def sync_pending(db: Db) -> int:
    """Bring the index rows of the claims noted in ``recall_dirty`` up to date,
    in the caller's transaction; how many claims were looked at."""
    conn = _conn(db)
    if conn.dialect.name == "sqlite":
        ids = list(conn.execute(sql("SELECT claim_id FROM recall_dirty")).scalars())
        if not ids:
            return 0
        conn.execute(sql("DELETE FROM recall_dirty"))
    else:
        # Rows another desk is syncing are locked: this waits for its commit
        # and then finds them gone, so each row is indexed by one transaction.
        ids = list(conn.execute(sql("DELETE FROM recall_dirty RETURNING claim_id")).scalars())
        if not ids:
            return 0
    for start in range(0, len(ids), 500):
        _reindex(conn, ids[start : start + 500])
    return len(ids)


def _ids(statement: str) -> TextClause:
    """``statement`` with ``:ids`` taking a list."""
    return sql(statement).bindparams(bindparam("ids", expanding=True))


def _reindex(conn: Connection, ids: list[str]) -> None:
    conn.execute(
        _ids(
            "DELETE FROM recall_terms WHERE doc IN "
            "(SELECT doc FROM recall_claims WHERE claim_id IN :ids)"
        ),
        {"ids": ids},
    )
    conn.execute(_ids("DELETE FROM recall_claims WHERE claim_id IN :ids"), {"ids": ids})
    rows = conn.execute(
        _ids(
            "SELECT c.id, a.session_id, c.quote FROM claims c JOIN articles a "
            f"ON a.id = c.article_id WHERE c.id IN :ids AND c.{_JUDGED}"
        ),
        {"ids": ids},
    ).all()
    if not rows:
        return
    terms = {cid: claim_terms(quote) for cid, _, quote in rows}
    m = _marks(conn)
    conn.exec_driver_sql(
        "INSERT INTO recall_claims (claim_id, session_id, total, terms, digest) "
        f"VALUES ({m}, {m}, {m}, {m}, {m})",
        [
            (cid, sid, sum(terms[cid].values()), len(terms[cid]), digest(quote))
            for cid, sid, quote in rows
        ],
    )
    docs = conn.execute(
        _ids("SELECT claim_id, doc FROM recall_claims WHERE claim_id IN :ids"),
        {"ids": [r[0] for r in rows]},
    ).all()
    postings = sorted((t, doc) for cid, doc in docs for t in terms[cid])
    if postings:
        conn.exec_driver_sql(f"INSERT INTO recall_terms (term, doc) VALUES ({m}, {m})", postings)


def build(db: Db) -> int:
    """Fill the index afresh from the claims (migration 0007, ``check --repair``,
    the bench); the tables must exist. How many claims were indexed."""
    conn = _conn(db)
    sqlite = conn.dialect.name == "sqlite"
    for table in ("recall_terms", "recall_claims", "recall_dirty", "recall_meta"):
        conn.execute(sql(f"DELETE FROM {table}"))
    rows = conn.execute(
        sql(
            "SELECT c.id, a.session_id, c.quote FROM claims c JOIN articles a "
            f"ON a.id = c.article_id WHERE c.{_JUDGED} ORDER BY c.id"
        )
    ).all()
    m = _marks(conn)
    cache: dict[str, dict[str, float]] = {}
    claims: list[tuple[int, str, str, float, int, str]] = []
    postings: list[tuple[str, int]] = []
    for doc, (cid, sid, quote) in enumerate(rows, start=1):
        terms = cache.get(quote)
        if terms is None:
            terms = cache[quote] = claim_terms(quote)
        claims.append((doc, cid, sid, sum(terms.values()), len(terms), digest(quote)))
        postings += [(t, doc) for t in terms]
    postings.sort()
    # The doc index is built once, after the postings (much faster than row by row).
    conn.execute(sql("DROP INDEX ix_recall_terms_doc"))
    if claims:
        conn.exec_driver_sql(
            "INSERT INTO recall_claims (doc, claim_id, session_id, total, terms, digest) "
            f"VALUES ({m}, {m}, {m}, {m}, {m}, {m})",
            claims,
        )
    for start in range(0, len(postings), 50_000):
        conn.exec_driver_sql(
            f"INSERT INTO recall_terms (term, doc) VALUES ({m}, {m})",
            postings[start : start + 50_000],
        )
    conn.execute(sql("CREATE INDEX ix_recall_terms_doc ON recall_terms (doc)"))
    if not sqlite:  # the next claim indexed by a sync gets the next doc number
        conn.execute(
            sql(
                "SELECT setval(pg_get_serial_sequence('recall_claims', 'doc'), "
                "(SELECT COALESCE(MAX(doc), 0) + 1 FROM recall_claims), false)"
            )
        )
    conn.execute(
        sql("INSERT INTO recall_meta (key, value) VALUES ('terms', :v)"),
        {"v": terms_fingerprint()},
    )
    return len(claims)


def create(db: Db) -> None:
    """Create the index's tables and triggers (dropping what is left of them)."""
    conn = _conn(db)
    sqlite = conn.dialect.name == "sqlite"
    for statement in (
        *(DROP_SQLITE if sqlite else DROP_POSTGRES),
        *(SCHEMA_SQLITE if sqlite else SCHEMA_POSTGRES),
    ):
        conn.execute(sql(statement))


def rebuild(lib: Library) -> int:
    """Re-create the index (tables and triggers) and fill it from the claims."""
    with lib.write() as db:
        create(db)
        count = build(db)
    lib.forget_schema()
    return count


def waiting(db: Db) -> bool:
    """Whether claims changed by another tool wait to be indexed."""
    return bool(_conn(db).execute(sql("SELECT EXISTS (SELECT 1 FROM recall_dirty)")).scalar())


def pending(lib: Library) -> bool:
    """:func:`waiting`, in a read of its own."""
    if not lib.keeps_recall_index():
        return False
    with lib.read() as db:
        return waiting(db)


# ------------------------------------------------------------------ candidates


@dataclass(frozen=True)
class Candidate:
    """A judged claim sharing terms with a query, with what recall shows of it."""

    claim_id: str
    session_id: str
    session_title: str
    quote: str
    verdict: str
    rationale: str
    dice: float  # weighted Dice of the shared terms


def candidates(
    db: Db,
    terms: dict[str, float],
    *,
    exclude_session: str | None = None,
    limit: int = RESCORE,
    indexed: int | None = None,
) -> list[Candidate]:
    """The judged claims closest to a query's ``terms`` (weighted Dice), best first.

    ``indexed``: how many claims the index holds, when the caller knows.
    """
    conn = _conn(db)
    if not terms:
        return []
    if indexed is None:
        indexed = conn.execute(sql("SELECT count(*) FROM recall_claims")).scalar_one()
    common = max(COMMON_MIN, int(COMMON_SHARE * indexed))
    heaviest = sorted(terms, key=lambda t: (-terms[t], t))[:MAX_QUERY_TERMS]
    chosen = _rarest(conn, heaviest, common)
    if not chosen:
        return []
    params: dict[str, Any] = {"qt": sum(terms.values()), "n": limit}
    # Each posting of a chosen term counts that term's weight.
    postings = []
    for k, term in enumerate(chosen):
        params[f"t{k}"], params[f"w{k}"] = term, terms[term]
        postings.append(
            f"SELECT doc, CAST(:w{k} AS DOUBLE PRECISION) AS w FROM recall_terms WHERE term = :t{k}"
        )
    exclude = ""
    if exclude_session is not None:
        exclude = "WHERE doc NOT IN (SELECT doc FROM recall_claims WHERE session_id = :ex) "
        params["ex"] = exclude_session
    statement = sql(
        f"WITH p AS ({' UNION ALL '.join(postings)}), "
        f"g AS (SELECT doc, SUM(w) AS shared FROM p {exclude}GROUP BY doc), "
        "d AS (SELECT rc.claim_id, g.shared / (:qt + rc.total) AS dice, g.doc "
        "FROM g JOIN recall_claims rc ON rc.doc = g.doc ORDER BY dice DESC, g.doc LIMIT :n) "
        "SELECT d.claim_id, a.session_id, s.title, c.quote, c.verdict, c.rationale, d.dice "
        "FROM d JOIN claims c ON c.id = d.claim_id JOIN articles a ON a.id = c.article_id "
        f"JOIN sessions s ON s.id = a.session_id WHERE c.{_JUDGED} ORDER BY d.dice DESC, d.doc"
    )
    return [
        Candidate(cid, sid, title, quote, verdict, rationale or "", float(dice))
        for cid, sid, title, quote, verdict, rationale, dice in conn.execute(statement, params)
    ]


def indexed_count(db: Db) -> int:
    """How many claims the index holds."""
    return int(_conn(db).execute(sql("SELECT count(*) FROM recall_claims")).scalar_one())


def size_estimate(db: Db) -> int:
    """About how many claims the index holds (at least as many), read from
    the primary key alone: enough to tell common terms, and fast."""
    found = _conn(db).execute(sql("SELECT MAX(doc) FROM recall_claims")).scalar()
    return int(found or 0)


def _rarest(conn: Connection, terms: Sequence[str], common: int) -> list[str]:
    """The query terms that select candidates: rarest first, none in more than
    ``common`` claims, until :data:`POSTING_BUDGET` postings are spent."""
    parts = []
    params: dict[str, Any] = {"cap": common + 1}
    for k, term in enumerate(terms):
        params[f"t{k}"] = term
        parts.append(
            f"SELECT :t{k} AS term, (SELECT count(*) FROM (SELECT 1 FROM recall_terms "
            f"WHERE term = :t{k} LIMIT :cap) AS p) AS n"
        )
    counts = sorted(
        (int(n), str(term))
        for term, n in conn.execute(sql(" UNION ALL ".join(parts)), params)
        if 0 < n <= common
    )
    chosen: list[str] = []
    spent = 0
    for n, term in counts:
        if chosen and spent + n > POSTING_BUDGET:
            break
        chosen.append(term)
        spent += n
    return chosen


# ------------------------------------------------------------------ checking it


def _missing_parts(conn: Connection) -> bool:
    if conn.dialect.name == "sqlite":
        found = set(
            conn.execute(
                sql("SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger')")
            ).scalars()
        )
        return not set(TABLES) | set(TRIGGERS_SQLITE) <= found
    tables = set(
        conn.execute(
            sql("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")
        ).scalars()
    )
    triggers = set(
        conn.execute(sql("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")).scalars()
    )
    return not (set(TABLES) <= tables and set(TRIGGERS_POSTGRES) <= triggers)


def index_problems(lib: Library) -> list[str]:
    """Where the recall index disagrees with the claims (empty when it agrees)."""
    with lib.engine.connect() as conn:
        if _missing_parts(conn):
            return [f"the recall index is missing {REPAIR}"]
        built = conn.execute(sql("SELECT value FROM recall_meta WHERE key = 'terms'")).scalar()
        if built != terms_fingerprint():
            return [f"the recall index was built with other matching terms {REPAIR}"]
        waiting = set(conn.execute(sql("SELECT claim_id FROM recall_dirty")).scalars())
        judged = {
            cid: (sid, digest(quote))
            for cid, sid, quote in conn.execute(
                sql(
                    "SELECT c.id, a.session_id, c.quote FROM claims c JOIN articles a "
                    f"ON a.id = c.article_id WHERE c.{_JUDGED}"
                )
            )
            if cid not in waiting
        }
        indexed = {
            cid: (sid, dig, n)
            for cid, sid, dig, n in conn.execute(
                sql("SELECT claim_id, session_id, digest, terms FROM recall_claims")
            )
            if cid not in waiting
        }
        postings = conn.execute(sql("SELECT count(*) FROM recall_terms")).scalar_one()
        expected_postings = conn.execute(
            sql("SELECT COALESCE(SUM(terms), 0) FROM recall_claims")
        ).scalar_one()
        conn.rollback()
    problems = []
    missing = judged.keys() - indexed.keys()
    extra = indexed.keys() - judged.keys()
    stale = [c for c in judged.keys() & indexed.keys() if indexed[c][:2] != judged[c]]
    if missing:
        problems.append(f"the recall index lacks {len(missing)} judged claims {REPAIR}")
    if extra:
        problems.append(
            f"the recall index holds {len(extra)} claims that are gone or not judged {REPAIR}"
        )
    if stale:
        problems.append(
            f"the recall index has {len(stale)} claims as they were before an edit {REPAIR}"
        )
    if postings != expected_postings:
        problems.append(
            f"the recall index has {postings} term entries where its claims have "
            f"{expected_postings} {REPAIR}"
        )
    return problems
