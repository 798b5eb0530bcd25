"""Claims gain a check-worthiness score; dismissed suggestions are remembered;
the audit trail becomes append-only at the database level.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from workbench.storage.schema import UTCDateTime

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A new CHECK constraint makes batch mode rebuild `claims` on SQLite
    # (copy, drop, rename): safe only because the runner turns foreign keys
    # off around the migration, or the DROP would cascade to links, evidence
    # and notes.
    with op.batch_alter_table("claims") as batch:
        batch.add_column(sa.Column("checkworthiness", sa.Integer, nullable=True))
        batch.create_check_constraint(
            "checkworthiness", "checkworthiness IS NULL OR checkworthiness BETWEEN 1 AND 5"
        )
    op.create_table(
        "dismissals",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column(
            "session_id",
            sa.String(36),
            sa.ForeignKey("sessions.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("key", sa.String(200), nullable=False),
        sa.Column("created", UTCDateTime(), nullable=False),
        sa.UniqueConstraint("session_id", "key", name="key"),
    )
    op.create_index("ix_dismissals_session_id", "dismissals", ["session_id"])
    dialect = op.get_context().dialect.name
    if dialect == "sqlite":
        op.execute(
            "CREATE TRIGGER events_no_update BEFORE UPDATE ON events "
            "BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END"
        )
        op.execute(
            "CREATE TRIGGER events_no_delete BEFORE DELETE ON events "
            "BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END"
        )
    elif dialect == "postgresql":
        op.execute(
            "CREATE FUNCTION events_append_only() RETURNS trigger LANGUAGE plpgsql AS "
            "$$ BEGIN RAISE EXCEPTION 'the audit trail is append-only'; END $$"
        )
        op.execute(
            "CREATE TRIGGER events_no_change BEFORE UPDATE OR DELETE ON events "
            "FOR EACH ROW EXECUTE FUNCTION events_append_only()"
        )


def downgrade() -> None:
    dialect = op.get_context().dialect.name
    if dialect == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS events_no_update")
        op.execute("DROP TRIGGER IF EXISTS events_no_delete")
    elif dialect == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS events_no_change ON events")
        op.execute("DROP FUNCTION IF EXISTS events_append_only()")
    op.drop_table("dismissals")
    with op.batch_alter_table("claims") as batch:
        batch.drop_column("checkworthiness")
