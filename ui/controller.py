"""The session controller: the UI's one door to the core.

It holds the open library and session, runs every edit as an operation
pushed on the undo stack, keeps a fresh ``SessionDetail`` (plain data) for
views to read, and tells them what changed. Widgets never touch the database.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoStack

from workbench import ops, queries
from workbench.errors import DatabaseBusy, EnvironmentFault, WorkbenchError
from workbench.scales import UNCHECKED, VerdictScale
from workbench.store import Library
from ui.undo import OpCommand

BUSY_RETRIES = 3


class SessionController(QObject):
    """Open session state and the edit pipeline (operation -> undo stack -> refresh)."""

    session_loaded = Signal()             # a (new) session is open; views rebuild
    changed = Signal(object)              # ops.Change after every edit, undo or redo
    claim_selected = Signal(object)       # claim id or None
    link_selected = Signal(object)        # link id or None
    status = Signal(str)                  # short messages for the status bar
    failed = Signal(str, bool)            # message, retryable (environment's fault)

    def __init__(self, lib: Library, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.lib = lib
        self.undo_stack = QUndoStack(self)
        self.session_id: str | None = None
        self.detail: queries.SessionDetail | None = None
        self._texts: dict[str, str] = {}
        self.selected_claim: str | None = None
        self.selected_link: str | None = None
        self._pending_retry: Callable[[], ops.Change] | None = None

    # ------------------------------------------------------------ session

    def open_session(self, session_id: str) -> None:
        self.session_id = session_id
        self.undo_stack.clear()
        self._texts = queries.article_texts(self.lib, session_id)
        self.detail = queries.session_detail(self.lib, session_id)
        self.selected_claim = None
        self.selected_link = None
        self.session_loaded.emit()

    def reload(self) -> None:
        """Re-read the whole session (after an import) and let every view rebuild,
        keeping the undo history."""
        if self.session_id is None:
            return
        self._texts = queries.article_texts(self.lib, self.session_id)
        self.refresh()
        if self.detail is not None:
            self.session_loaded.emit()

    def close_session(self) -> None:
        self.session_id = None
        self.detail = None
        self._texts = {}
        self.undo_stack.clear()
        self.session_loaded.emit()

    def refresh(self) -> None:
        """Reload the session's data (after an edit, or when told the library changed)."""
        if self.session_id is None:
            return
        try:
            self.detail = queries.session_detail(self.lib, self.session_id)
        except WorkbenchError:
            self.close_session()
            return
        known = set(self._texts)
        current = {a.id for a in self.detail.articles}
        if current - known:
            self._texts = queries.article_texts(self.lib, self.session_id)

    def text(self, article_id: str) -> str:
        if article_id not in self._texts:
            self._texts[article_id] = queries.article_text(self.lib, article_id)
        return self._texts[article_id]

    @property
    def scale(self) -> VerdictScale | None:
        return self.detail.scale if self.detail else None

    def claim(self, claim_id: str) -> queries.ClaimInfo | None:
        if self.detail is None:
            return None
        return next((c for c in self.detail.claims if c.id == claim_id), None)

    def link(self, link_id: str) -> queries.LinkInfo | None:
        if self.detail is None:
            return None
        return next((lk for lk in self.detail.links if lk.id == link_id), None)

    def is_unchecked(self, claim: queries.ClaimInfo) -> bool:
        return claim.verdict == UNCHECKED

    # ------------------------------------------------------------ selection

    def select_claim(self, claim_id: str | None) -> None:
        if claim_id == self.selected_claim:
            return
        self.selected_claim = claim_id
        self.claim_selected.emit(claim_id)

    def select_link(self, link_id: str | None) -> None:
        self.selected_link = link_id
        self.link_selected.emit(link_id)

    # ------------------------------------------------------------ edits

    def run(self, do: Callable[[], ops.Change], *, merge_key: str | None = None
            ) -> ops.Change | None:
        """Run an operation, push it for undo, refresh views. None if it failed
        (the user has been told why; environment faults can be retried).

        Edits with the same ``merge_key`` in a row (autosaved typing) become
        one undo step."""
        change = self._attempt(do)
        if change is None:
            return None
        self.undo_stack.push(
            OpCommand(self.lib, change, self._after_change, self._report, merge_key)
        )
        self._after_change(change)
        return change

    def retry_last_failed(self) -> ops.Change | None:
        """Run again the edit that failed because of the environment (disk, lock)."""
        pending, self._pending_retry = self._pending_retry, None
        return self.run(pending) if pending is not None else None

    def _attempt(self, do: Callable[[], ops.Change]) -> ops.Change | None:
        for attempt in range(BUSY_RETRIES):
            try:
                return do()
            except DatabaseBusy:
                # busy_timeout already waited a few seconds inside SQLite.
                self.status.emit(f"The library is busy, retrying ({attempt + 1}/{BUSY_RETRIES})…")
                continue
            except EnvironmentFault as err:
                self._pending_retry = do
                self.failed.emit(str(err), True)
                return None
            except WorkbenchError as err:
                self.failed.emit(str(err), False)
                return None
        self._pending_retry = do
        self.failed.emit("The library stayed busy: another program is holding it. "
                         "Nothing was lost; retry when it is free.", True)
        return None

    def _after_change(self, change: ops.Change) -> None:
        self.refresh()
        if self.selected_claim and self.claim(self.selected_claim) is None:
            self.select_claim(None)
        if self.selected_link and self.link(self.selected_link) is None:
            self.select_link(None)
        self.changed.emit(change)

    def _report(self, err: Exception) -> None:
        self.refresh()
        self.failed.emit(f"Could not undo/redo: {err}", isinstance(err, EnvironmentFault))
        self.session_loaded.emit()


def deferred(fn: Callable[[], None], msec: int = 0) -> None:
    QTimer.singleShot(msec, fn)
