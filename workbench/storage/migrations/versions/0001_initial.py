"""The first tables: sessions, articles, claims, links, evidence, notes, events.

Revision ID: 0001
Revises:
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from workbench.storage.schema import UTCDateTime

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sessions",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("title", sa.String(500), nullable=False),
        sa.Column("description", sa.Text, nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("scale_name", sa.String(100), nullable=False),
        sa.Column("scale", sa.JSON, nullable=False),
        sa.Column("created", UTCDateTime(), nullable=False),
        sa.Column("updated", UTCDateTime(), nullable=False),
    )
    op.create_table(
        "articles",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column(
            "session_id",
            sa.String(36),
            sa.ForeignKey("sessions.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("title", sa.String(1000), nullable=False),
        sa.Column("outlet", sa.String(300)),
        sa.Column("author", sa.String(300)),
        sa.Column("url", sa.String(2000)),
        sa.Column("published", sa.Date),
        sa.Column("language", sa.String(20)),
        sa.Column("source_name", sa.String(1000)),
        sa.Column("fmt", sa.String(20), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("created", UTCDateTime(), nullable=False),
    )
    op.create_index("ix_articles_session_id", "articles", ["session_id"])
    op.create_table(
        "claims",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column(
            "article_id",
            sa.String(36),
            sa.ForeignKey("articles.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("quote", sa.Text, nullable=False),
        sa.Column("prefix", sa.Text, nullable=False),
        sa.Column("suffix", sa.Text, nullable=False),
        sa.Column("verdict", sa.String(100), nullable=False),
        sa.Column("rationale", sa.Text, nullable=False),
        sa.Column("created", UTCDateTime(), nullable=False),
        sa.Column("updated", UTCDateTime(), nullable=False),
        sa.CheckConstraint('start >= 0 AND start < "end"', name="span"),
    )
    op.create_index("ix_claims_article_id", "claims", ["article_id"])
    op.create_table(
        "links",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column(
            "session_id",
            sa.String(36),
            sa.ForeignKey("sessions.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column(
            "claim_a_id",
            sa.String(36),
            sa.ForeignKey("claims.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column(
            "claim_b_id",
            sa.String(36),
            sa.ForeignKey("claims.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("type", sa.String(20), nullable=False),
        sa.Column("note", sa.Text, nullable=False),
        sa.Column("created", UTCDateTime(), nullable=False),
        sa.Column("updated", UTCDateTime(), nullable=False),
        sa.UniqueConstraint("claim_a_id", "claim_b_id", name="pair"),
        sa.CheckConstraint("claim_a_id < claim_b_id", name="ordered_pair"),
        sa.CheckConstraint(
            "type IN ('same', 'corroborates', 'contradicts', 'differs', 'related')", name="type"
        ),
    )
    op.create_index("ix_links_session_id", "links", ["session_id"])
    op.create_index("ix_links_claim_a_id", "links", ["claim_a_id"])
    op.create_index("ix_links_claim_b_id", "links", ["claim_b_id"])
    op.create_table(
        "evidence",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column(
            "claim_id",
            sa.String(36),
            sa.ForeignKey("claims.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("url", sa.String(2000), nullable=False),
        sa.Column("title", sa.String(1000), nullable=False),
        sa.Column("citation", sa.Text, nullable=False),
        sa.Column("excerpt", sa.Text, nullable=False),
        sa.Column("accessed", sa.Date),
        sa.Column("created", UTCDateTime(), nullable=False),
        sa.Column("updated", UTCDateTime(), nullable=False),
    )
    op.create_index("ix_evidence_claim_id", "evidence", ["claim_id"])
    op.create_table(
        "notes",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column(
            "session_id",
            sa.String(36),
            sa.ForeignKey("sessions.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("article_id", sa.String(36), sa.ForeignKey("articles.id", ondelete="CASCADE")),
        sa.Column("claim_id", sa.String(36), sa.ForeignKey("claims.id", ondelete="CASCADE")),
        sa.Column("link_id", sa.String(36), sa.ForeignKey("links.id", ondelete="CASCADE")),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("created", UTCDateTime(), nullable=False),
        sa.Column("updated", UTCDateTime(), nullable=False),
        # CASE, not boolean addition, so the constraint runs on PostgreSQL too
        # (on SQLite both forms mean the same; older libraries keep theirs).
        sa.CheckConstraint(
            "(CASE WHEN article_id IS NULL THEN 0 ELSE 1 END)"
            " + (CASE WHEN claim_id IS NULL THEN 0 ELSE 1 END)"
            " + (CASE WHEN link_id IS NULL THEN 0 ELSE 1 END) <= 1",
            name="one_target",
        ),
    )
    for col in ("session_id", "article_id", "claim_id", "link_id"):
        op.create_index(f"ix_notes_{col}", "notes", [col])
    op.create_table(
        "events",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("at", UTCDateTime(), nullable=False),
        sa.Column("actor", sa.String(200), nullable=False),
        sa.Column("operation", sa.String(100), nullable=False),
        sa.Column("session_id", sa.String(36)),
        sa.Column("target_id", sa.String(36)),
        sa.Column("before", sa.JSON),
        sa.Column("after", sa.JSON),
    )
    op.create_index("ix_events_session_at", "events", ["session_id", "at"])


def downgrade() -> None:
    for table in ("events", "notes", "evidence", "links", "claims", "articles", "sessions"):
        op.drop_table(table)
