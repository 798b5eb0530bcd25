"""Claim memory's index: the matching terms of every judged claim, kept in the
database and current in the transaction of each edit (triggers note the claims
due, the writer indexes them before it commits), on SQLite and PostgreSQL
alike; and an index of events by target, for "when was this verdict set".
The claims judged so far are indexed here.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01
"""

from __future__ import annotations

from alembic import op

from workbench.storage import recall_index

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    recall_index.create(bind)
    op.execute(recall_index.EVENTS_INDEX)
    recall_index.build(bind)


def downgrade() -> None:
    sqlite = op.get_context().dialect.name == "sqlite"
    for statement in recall_index.DROP_SQLITE if sqlite else recall_index.DROP_POSTGRES:
        op.execute(statement)
    op.execute("DROP INDEX IF EXISTS ix_recall_events_target")
