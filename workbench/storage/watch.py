"""Notice edits that other programs (a colleague's desk, the CLI) commit.

An open window polls a :class:`ChangeWatcher` a few times a second. The check
is nearly free: on SQLite, ``PRAGMA data_version`` on a connection of its own
changes only when another connection committed; on PostgreSQL a trigger
notifies ``workbench_events`` on every audit event and the watcher listens.
Only then are the new audit events read, and those written by this open
library itself (same ``origin``) are left out. What comes back says which
rows changed, so views refresh as they do after a local edit.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select

from workbench.storage.schema import Event
from workbench.storage.store import Library

CHANNEL = "workbench_events"


@dataclass(frozen=True)
class OutsideEdit:
    """One audit event written by another program."""

    event_id: int
    actor: str
    operation: str
    session_id: str | None
    target_id: str | None


def kinds_of(operation: str) -> frozenset[str]:
    """Which kinds of rows an operation (by its name) may have changed."""
    kinds = {k for k in ("article", "link", "evidence", "note", "session") if k in operation}
    if "claim" in operation or "verdict" in operation or "rationale" in operation:
        kinds.add("claim")
    if operation in ("set_checkworthiness", "restore", "remove_rows", "link_passages"):
        kinds |= {"claim", "link", "note", "evidence"}
    if "remove" in operation or "delete" in operation:
        kinds |= {"claim", "link", "note", "evidence"}
    if operation == "set_scale":
        kinds.add("claim")
    return frozenset(kinds or {"claim"})


class ChangeWatcher:
    """Edits by others since the last :meth:`poll` (or since the watcher began)."""

    def __init__(self, lib: Library) -> None:
        self._lib = lib
        self._conn: Any = None
        self._version: int | None = None
        with lib.read() as db:
            self._last = int(db.scalar(select(func.coalesce(func.max(Event.id), 0))) or 0)
        with contextlib.suppress(Exception):  # no cheap signal: every poll reads events
            self._conn = self._open_signal()

    def _open_signal(self) -> Any:
        dialect = self._lib.engine.dialect.name
        if dialect == "sqlite":
            raw: Any = self._lib.engine.raw_connection()
            self._version = raw.driver_connection.execute("PRAGMA data_version").fetchone()[0]
            return raw
        if dialect == "postgresql":
            import psycopg

            url = self._lib.engine.url.set(drivername="postgresql")
            listener = psycopg.connect(url.render_as_string(hide_password=False), autocommit=True)
            listener.execute(f"LISTEN {CHANNEL}")
            return listener
        return None

    def _signalled(self) -> bool:
        """True when someone may have committed since the last look."""
        if self._conn is None:
            return True
        try:
            if self._version is not None:
                raw = self._conn.driver_connection
                version = raw.execute("PRAGMA data_version").fetchone()[0]
                changed = version != self._version
                self._version = version
                return bool(changed)
            return any(True for _ in self._conn.notifies(timeout=0, stop_after=1))
        except Exception:  # the signal connection broke: fall back to reading events
            self.close()
            return True

    def poll(self) -> list[OutsideEdit]:
        """Audit events of other programs committed since the last poll."""
        if not self._signalled():
            return []
        with self._lib.read() as db:
            rows = db.scalars(select(Event).where(Event.id > self._last).order_by(Event.id)).all()
        if rows:
            self._last = rows[-1].id
        return [
            OutsideEdit(e.id, e.actor, e.operation, e.session_id, e.target_id)
            for e in rows
            if e.origin != self._lib.origin
        ]

    def close(self) -> None:
        conn, self._conn, self._version = self._conn, None, None
        if conn is not None:
            with contextlib.suppress(Exception):
                conn.close()
