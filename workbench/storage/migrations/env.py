"""Alembic environment: migrations always run on a connection we hand over."""

from __future__ import annotations

from alembic import context

from workbench.storage.schema import Base

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only the programmatic runner is supported
    raise RuntimeError("run migrations through workbench.storage.migrations.upgrade()")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    transactional_ddl=True,
)
with context.begin_transaction():
    context.run_migrations()
