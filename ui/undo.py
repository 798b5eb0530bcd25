"""Undo commands: thin wrappers that run an operation and its inverse.

The operation has already run when the command is pushed (so errors surface
before anything enters the stack); the first ``redo`` the stack makes is
skipped. Later redos and undos run ``workbench.ops.apply`` on the recorded
calls (which keep the same ids, so commands further up the stack stay valid)
through the controller, which waits for a busy library without holding the
window (``short_busy_wait`` and a timer).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager

from PySide6.QtGui import QUndoCommand

from workbench import ops
from workbench.storage.busy_wait import short_busy_wait as _short_wait
from workbench.storage.store import Library

MERGE_ID = 7041  # any constant: commands merge only when their merge keys match
GUI_BUSY_WAIT_MS = 50  # how long an edit on the GUI thread waits for SQLite's lock

# replay(calls, done) runs an undo or redo (its calls in order) now or, when
# the library is busy, later, and hands ``done`` the results.
Replay = Callable[[Sequence[ops.OpCall], Callable[[list[ops.Change]], None]], None]


@contextmanager
def short_busy_wait(lib: Library) -> Iterator[None]:
    """Within the block, writes from the GUI thread wait at most
    ``GUI_BUSY_WAIT_MS`` for another program's lock, then fail as busy (the
    controller queues the edit and a timer retries it): the window never
    sleeps on a lock."""
    with _short_wait(lib, GUI_BUSY_WAIT_MS):
        yield


def merged(changes: Sequence[ops.Change], description: str | None = None) -> ops.Change:
    """One Change naming everything ``changes`` touched (what views are told
    after a batch); its redo and inverse are the first change's."""
    first = changes[0]
    return ops.Change(
        first.operation,
        description or first.description,
        first.session_id,
        first.target_id if len(changes) == 1 else None,
        frozenset().union(*(c.kinds for c in changes)),
        frozenset().union(*(c.ids for c in changes)),
        first.redo,
        first.inverse,
    )


class OpCommand(QUndoCommand):
    """One step on the undo stack: one operation, or a batch of them (an
    import) that undo removes and redo brings back together.

    Commands with the same ``merge_key`` (an autosaving editor typing into one
    note or rationale) merge into a single undo step: the first inverse and
    the latest redo.
    """

    def __init__(
        self,
        change: ops.Change | Sequence[ops.Change],
        replay: Replay,
        on_change: Callable[[ops.Change], None],
        on_error: Callable[[Exception], None],
        merge_key: str | None = None,
        description: str | None = None,
    ) -> None:
        changes = [change] if isinstance(change, ops.Change) else list(change)
        if not changes:
            raise ValueError("an undo step needs at least one change")
        super().__init__(description or changes[0].description)
        self._replay = replay
        self._changes = changes
        self._on_change = on_change
        self._on_error = on_error
        self._first = True
        self.merge_key = merge_key

    def id(self) -> int:
        return MERGE_ID if self.merge_key else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, OpCommand) or other.merge_key != self.merge_key:
            return False
        if len(self._changes) != 1 or len(other.changes) != 1:
            return False
        mine, theirs = self._changes[0], other.change
        self._changes = [
            ops.Change(
                theirs.operation,
                theirs.description,
                theirs.session_id,
                theirs.target_id,
                mine.kinds | theirs.kinds,
                mine.ids | theirs.ids,
                theirs.redo,
                mine.inverse,
            )
        ]
        self.setText(other.text())
        return True

    @property
    def change(self) -> ops.Change:
        """The change this step stands for (a batch's, merged)."""
        return self._changes[0] if len(self._changes) == 1 else merged(self._changes, self.text())

    @property
    def changes(self) -> list[ops.Change]:
        return list(self._changes)

    def redo(self) -> None:
        if self._first:
            self._first = False
            return
        self._run([c.redo for c in self._changes], redo=True)

    def undo(self) -> None:
        self._run([c.inverse for c in reversed(self._changes)], redo=False)

    def _run(self, calls: list[ops.OpCall], *, redo: bool) -> None:
        def done(results: list[ops.Change]) -> None:
            if redo:
                # A redo returns fresh Changes whose inverses are valid for what they did now.
                self._changes = [
                    ops.Change(
                        r.operation,
                        old.description,
                        r.session_id,
                        r.target_id,
                        r.kinds,
                        r.ids,
                        old.redo,
                        r.inverse,
                    )
                    for old, r in zip(self._changes, results, strict=True)
                ]
            self._on_change(merged(results, self.text()))

        try:
            self._replay(calls, done)
        except Exception as err:  # reported, and the command can no longer be replayed
            self.setObsolete(True)
            self._on_error(err)
