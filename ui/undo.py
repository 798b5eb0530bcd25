"""Undo commands: thin wrappers that run an operation and its inverse.

The operation has already run when the command is pushed (so errors surface
before anything enters the stack); the first ``redo`` the stack makes is
skipped. Later redos and undos call ``workbench.ops.apply`` on the recorded
calls, which keep the same ids, so commands further up the stack stay valid.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from workbench import ops
from workbench.storage.store import Library

MERGE_ID = 7041  # any constant: commands merge only when their merge keys match


class OpCommand(QUndoCommand):
    """One operation on the undo stack.

    Commands with the same ``merge_key`` (an autosaving editor typing into one
    note or rationale) merge into a single undo step: the first inverse and
    the latest redo.
    """

    def __init__(
        self,
        lib: Library,
        change: ops.Change,
        on_change: Callable[[ops.Change], None],
        on_error: Callable[[Exception], None],
        merge_key: str | None = None,
    ) -> None:
        super().__init__(change.description)
        self._lib = lib
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
        try:
            result = ops.apply(self._lib, call)
        except Exception as err:  # reported, and the command can no longer be replayed
            self.setObsolete(True)
            self._on_error(err)
            return
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
