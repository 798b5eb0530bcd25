"""Web pages are kept as snapshots (raw bytes, SHA-256, final URL, fetch time)
for articles imported from the web and for evidence URLs.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from workbench.storage.schema import UTCDateTime

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A new table only: no existing table is rebuilt, so no batch mode is
    # needed here (batch mode is for altering tables on SQLite).
    op.create_table(
        "snapshots",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("session_id", sa.String(36), nullable=False),
        sa.Column("article_id", sa.String(36), nullable=True),
        sa.Column("evidence_id", sa.String(36), nullable=True),
        sa.Column("url", sa.String(2000), nullable=False),
        sa.Column("final_url", sa.String(2000), nullable=False),
        sa.Column("fetched", UTCDateTime(), nullable=False),
        sa.Column("status", sa.Integer, nullable=False),
        sa.Column("content_type", sa.String(200), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("body", sa.LargeBinary, nullable=False),
    )
    with op.batch_alter_table("snapshots") as batch:
        batch.create_index("ix_snapshots_session_id", ["session_id"])
        batch.create_index("ix_snapshots_article_id", ["article_id"])
        batch.create_index("ix_snapshots_evidence_id", ["evidence_id"])


def downgrade() -> None:
    with op.batch_alter_table("snapshots") as batch:
        batch.drop_index("ix_snapshots_evidence_id")
        batch.drop_index("ix_snapshots_article_id")
        batch.drop_index("ix_snapshots_session_id")
    op.drop_table("snapshots")
