"""Full-text search over every article, claim, rationale and note of the library.

On SQLite an FTS5 table kept current by triggers, so the index changes in the
same transaction as the rows it describes (a crash can never leave them
apart). Its rowid is the source row's rowid times 4 plus a kind code, so a
trigger finds its index row directly. On PostgreSQL, GIN indexes over the
same ``to_tsvector`` expressions the search uses: the server keeps them.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01
"""

from __future__ import annotations

from alembic import op

from workbench.storage.search_index import DROP_SQLITE, REBUILD_SQLITE, SCHEMA_SQLITE

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

POSTGRES = [
    "CREATE INDEX ix_search_articles ON articles "
    "USING gin (to_tsvector('simple', title || chr(10) || text))",
    "CREATE INDEX ix_search_claims ON claims USING gin (to_tsvector('simple', quote))",
    "CREATE INDEX ix_search_rationales ON claims USING gin (to_tsvector('simple', rationale))",
    "CREATE INDEX ix_search_notes ON notes USING gin (to_tsvector('simple', text))",
]


def upgrade() -> None:
    dialect = op.get_context().dialect.name
    if dialect == "sqlite":
        for statement in (*SCHEMA_SQLITE, *REBUILD_SQLITE):  # index what is already there
            op.execute(statement)
    elif dialect == "postgresql":
        for statement in POSTGRES:
            op.execute(statement)


def downgrade() -> None:
    dialect = op.get_context().dialect.name
    if dialect == "sqlite":
        for statement in DROP_SQLITE:
            op.execute(statement)
    elif dialect == "postgresql":
        for name in ("articles", "claims", "rationales", "notes"):
            op.execute(f"DROP INDEX IF EXISTS ix_search_{name}")
