"""Which tables hold a session's rows, and what the last session-file import
brought: shared by the session file (export) and its import (an operation)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Table, select

from workbench.storage.schema import (
    Article,
    Claim,
    Dismissal,
    Event,
    Evidence,
    Link,
    Note,
    Session,
    Setting,
)

# The tables of a session's rows besides the session itself, parents first.
TABLES = ("articles", "claims", "links", "evidence", "notes", "dismissals", "settings")


def table_of(name: str) -> Table:
    models: dict[str, Any] = {
        "sessions": Session,
        "articles": Article,
        "claims": Claim,
        "links": Link,
        "evidence": Evidence,
        "notes": Note,
        "dismissals": Dismissal,
        "settings": Setting,
    }
    table = models[name].__table__
    assert isinstance(table, Table)
    return table


def last_import_base(db: Any, session_id: str) -> dict[str, Any] | None:
    """The rows of the session file this library last imported for the session."""
    event = db.scalar(
        select(Event)
        .where(Event.session_id == session_id, Event.operation == "import_session")
        .order_by(Event.id.desc())
        .limit(1)
    )
    if event is None or not event.after:
        return None
    base = event.after.get("base")
    return base if isinstance(base, dict) else None
