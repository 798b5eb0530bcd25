"""Undo commands: thin wrappers that run an operation and its inverse.

The operation has already run when the command is pushed (so errors surface
before anything enters the stack); the first ``redo`` the stack makes is
skipped. Later redos and undos run ``workbench.ops.apply`` on the recorded
calls (which keep the same ids, so commands further up the stack stay valid)
through the controller, which waits for a busy library without holding the
window (``short_busy_wait`` and a timer).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from PySide6.QtGui import QUndoCommand
from sqlalchemy import event

from workbench import ops
from workbench.storage.store import BUSY_TIMEOUT_MS, Library

MERGE_ID = 7041  # any constant: commands merge only when their merge keys match
GUI_BUSY_WAIT_MS = 50  # how long an edit on the GUI thread waits for SQLite's lock

# run(call, done) runs an undo or redo now or later and hands ``done`` the result.
Replay = Callable[[ops.OpCall, Callable[[ops.Change], None]], bool]

_short = threading.local()
_WATCHED: set[int] = set()  # engines with the listener below (by id)


def _on_checkout(dbapi_conn: Any, record: Any, _proxy: Any) -> None:
    """Give a connection the short busy wait while ``short_busy_wait`` is on in
    this thread, and the store's own wait again afterwards."""
    short = bool(getattr(_short, "active", False))
    if short == bool(record.info.get("short_wait")):
        return
    ms = GUI_BUSY_WAIT_MS if short else BUSY_TIMEOUT_MS
    cur = dbapi_conn.cursor()
    try:
        cur.execute(f"PRAGMA busy_timeout = {ms}")
    finally:
        cur.close()
    record.info["short_wait"] = short


@contextmanager
def short_busy_wait(lib: Library) -> Iterator[None]:
    """Within the block, SQLite writes from this thread wait at most
    ``GUI_BUSY_WAIT_MS`` for another program's lock (then DatabaseBusy), not
    the store's 5 s: the GUI thread never sleeps on a lock. (PostgreSQL keeps
    its lock timeout: row locks there are held for a statement, not a session.)"""
    if lib.engine.dialect.name == "sqlite" and id(lib.engine) not in _WATCHED:
        event.listen(lib.engine, "checkout", _on_checkout)
        _WATCHED.add(id(lib.engine))
    before = getattr(_short, "active", False)
    _short.active = True
    try:
        yield
    finally:
        _short.active = before


class OpCommand(QUndoCommand):
    """One operation on the undo stack.

    Commands with the same ``merge_key`` (an autosaving editor typing into one
    note or rationale) merge into a single undo step: the first inverse and
    the latest redo.
    """

    def __init__(
        self,
        change: ops.Change,
        replay: Replay,
        on_change: Callable[[ops.Change], None],
        on_error: Callable[[Exception], None],
        merge_key: str | None = None,
    ) -> None:
        super().__init__(change.description)
        self._replay = replay
        self._change = change
        self._on_change = on_change
        self._on_error = on_error
        self._first = True
        self.merge_key = merge_key

    def id(self) -> int:
        return MERGE_ID if self.merge_key else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, OpCommand) or other.merge_key != self.merge_key:
            return False
        self._change = ops.Change(
            other.change.operation,
            other.change.description,
            other.change.session_id,
            other.change.target_id,
            self._change.kinds | other.change.kinds,
            self._change.ids | other.change.ids,
            other.change.redo,
            self._change.inverse,
        )
        self.setText(other.text())
        return True

    @property
    def change(self) -> ops.Change:
        return self._change

    def redo(self) -> None:
        if self._first:
            self._first = False
            return
        self._run(self._change.redo)

    def undo(self) -> None:
        self._run(self._change.inverse)

    def _run(self, call: ops.OpCall) -> None:
        def done(result: ops.Change) -> None:
            if call is self._change.redo:
                # A redo returns a fresh Change whose inverse is valid for what it did now.
                self._change = ops.Change(
                    result.operation,
                    self._change.description,
                    result.session_id,
                    result.target_id,
                    result.kinds,
                    result.ids,
                    self._change.redo,
                    result.inverse,
                )
            self._on_change(result)

        try:
            self._replay(call, done)
        except Exception as err:  # reported, and the command can no longer be replayed
            self.setObsolete(True)
            self._on_error(err)
