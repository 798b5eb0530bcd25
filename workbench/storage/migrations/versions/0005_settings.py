"""Settings for the library or one session (for example the organisation and
review address that ClaimReview markup needs).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from workbench.storage.schema import UTCDateTime

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "settings",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column(
            "session_id",
            sa.String(36),
            sa.ForeignKey("sessions.id", ondelete="CASCADE"),
            nullable=True,
        ),
        sa.Column("key", sa.String(100), nullable=False),
        sa.Column("value", sa.Text, nullable=False),
        sa.Column("updated", UTCDateTime(), nullable=False),
        # Constraint names share one namespace per schema on PostgreSQL:
        # "key" is the dismissals' already.
        sa.UniqueConstraint("session_id", "key", name="setting_key"),
    )
    op.create_index("ix_settings_session_id", "settings", ["session_id"])


def downgrade() -> None:
    op.drop_table("settings")
