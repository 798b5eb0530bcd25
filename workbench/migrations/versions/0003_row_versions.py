"""Every editable row carries a version, so an edit based on an old copy of a
row (a colleague changed it meanwhile) is refused instead of overwriting it.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

TABLES = ("sessions", "articles", "claims", "links", "evidence", "notes")


def upgrade() -> None:
    # ADD COLUMN with a constant default: SQLite does it in place (no table
    # copy), PostgreSQL without rewriting the table.
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
            batch.add_column(
                sa.Column("version", sa.Integer, nullable=False, server_default=sa.text("1"))
            )


def downgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
            batch.drop_column("version")
