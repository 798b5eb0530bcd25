"""Every editable row carries a version, so an edit based on an old copy of a
row (a colleague changed it meanwhile) is refused instead of overwriting it.
Audit events say which running program wrote them, so an open window can tell
a colleague's edits from its own; on PostgreSQL every new event notifies the
listening desks.

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
    with op.batch_alter_table("events") as batch:
        batch.add_column(sa.Column("origin", sa.String(32), nullable=True))
    if op.get_context().dialect.name == "postgresql":
        op.execute(
            "CREATE FUNCTION events_notify() RETURNS trigger LANGUAGE plpgsql AS "
            "$$ BEGIN PERFORM pg_notify('workbench_events', ''); RETURN NULL; END $$"
        )
        op.execute(
            "CREATE TRIGGER events_notify AFTER INSERT ON events "
            "FOR EACH STATEMENT EXECUTE FUNCTION events_notify()"
        )


def downgrade() -> None:
    if op.get_context().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS events_notify ON events")
        op.execute("DROP FUNCTION IF EXISTS events_notify()")
    with op.batch_alter_table("events") as batch:
        batch.drop_column("origin")
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
            batch.drop_column("version")
