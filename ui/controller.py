"""The session controller: the UI's one door to the core.

It holds the open library and session, runs every edit as an operation
pushed on the undo stack, keeps a fresh ``SessionDetail`` (plain data) for
views to read, and tells them what changed. Widgets never touch the database.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoStack

from ui.undo import OpCommand
from workbench import ops
from workbench.errors import DatabaseBusy, EnvironmentFault, NotFound, StaleEdit, WorkbenchError
from workbench.queries.records import ClaimInfo, LinkInfo, SessionDetail
from workbench.queries.sessions import article_text, article_texts, session_detail
from workbench.storage.store import Library
from workbench.storage.watch import ChangeWatcher, kinds_of
from workbench.vocabulary import VerdictScale

BUSY_RETRIES = 3  # further attempts after SQLite's own busy wait (store.BUSY_TIMEOUT_MS)
BUSY_RETRY_DELAY_MS = 1000
OUTSIDE_POLL_MS = 500  # how often an open window looks for colleagues' edits
READ_ONLY_MESSAGE = "This library is read-only: nothing can be changed"


class SessionController(QObject):
    """Open session state and the edit pipeline (operation -> undo stack -> refresh)."""

    session_loaded = Signal()  # a (new) session is open; views rebuild
    changed = Signal(object)  # ops.Change after every edit, undo or redo
    claim_selected = Signal(object)  # claim id or None
    link_selected = Signal(object)  # link id or None
    status = Signal(str)  # short messages for the status bar
    failed = Signal(str, bool)  # message, retryable (environment's fault)
    stale = Signal(str)  # an edit was refused: someone changed the row since it was shown

    def __init__(self, lib: Library, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.lib = lib
        self.undo_stack = QUndoStack(self)
        self.session_id: str | None = None
        self.detail: SessionDetail | None = None
        self._texts: dict[str, str] = {}
        self.selected_claim: str | None = None
        self.selected_link: str | None = None
        # Edits that could not be saved yet (library busy, disk full...): they
        # are retried, never dropped; ``pending_edits`` says how many wait.
        self._pending: list[tuple[Callable[[], ops.Change], str | None]] = []
        self._busy_attempts = 0
        self.last_queued = False  # the last run() kept its edit waiting (not failed)
        self._watcher: ChangeWatcher | None = None
        self._watch_timer: QTimer | None = None

    # ------------------------------------------------------------ colleagues

    def watch_outside(self, interval_ms: int = OUTSIDE_POLL_MS) -> None:
        """Refresh when other programs (a colleague's desk, the CLI) commit
        edits to the open session, within about ``interval_ms``."""
        if self._watch_timer is not None:
            return
        self._watcher = ChangeWatcher(self.lib)
        self._watch_timer = QTimer(self)
        self._watch_timer.timeout.connect(self.check_outside)
        self._watch_timer.start(interval_ms)

    def stop_watching(self) -> None:
        if self._watch_timer is not None:
            self._watch_timer.stop()
            self._watch_timer = None
        if self._watcher is not None:
            self._watcher.close()
            self._watcher = None

    def check_outside(self) -> ops.Change | None:
        """Look once for others' edits; refresh the views they touch."""
        if self._watcher is None:
            return None
        try:
            edits = self._watcher.poll()
        except WorkbenchError:  # busy or unreachable for now: look again next time
            return None
        mine = [e for e in edits if e.session_id == self.session_id]
        if not mine or self.session_id is None:
            return None
        who = ", ".join(dict.fromkeys(e.actor for e in mine))
        change = ops.Change(
            "outside",
            f"Changes by {who}",
            self.session_id,
            None,
            frozenset().union(*(kinds_of(e.operation) for e in mine)),
            frozenset(e.target_id for e in mine if e.target_id),
            ops.OpCall("outside"),
            ops.OpCall("outside"),
        )
        self._after_change(change)
        self.status.emit(f"Updated: {len(mine)} change(s) by {who}")
        return change

    @property
    def read_only(self) -> bool:
        """The library cannot be written: every edit is refused before it is tried."""
        return self.lib.read_only

    # ------------------------------------------------------------ session

    def open_session(self, session_id: str) -> None:
        self.session_id = session_id
        self.undo_stack.clear()
        self._texts = article_texts(self.lib, session_id)
        self.detail = session_detail(self.lib, session_id)
        self.selected_claim = None
        self.selected_link = None
        self.session_loaded.emit()

    def reload(self) -> None:
        """Re-read the whole session (after an import) and let every view rebuild,
        keeping the undo history."""
        if self.session_id is None:
            return
        self._texts = article_texts(self.lib, self.session_id)
        self.refresh()
        if self.detail is not None:
            keep = self.selected_claim
            self.selected_claim = self.selected_link = None
            self.session_loaded.emit()
            if keep and self.claim(keep) is not None:
                self.select_claim(keep)

    def close_session(self) -> None:
        self.session_id = None
        self.detail = None
        self._texts = {}
        self.undo_stack.clear()
        self.select_claim(None)
        self.select_link(None)
        self.session_loaded.emit()

    def refresh(self) -> None:
        """Reload the session's data (after an edit, or when told the library changed)."""
        if self.session_id is None:
            return
        try:
            self.detail = session_detail(self.lib, self.session_id)
        except NotFound:  # deleted (from the start page, or by another program)
            self.close_session()
            return
        except WorkbenchError as err:  # busy or unreadable for now: keep what is shown
            self.status.emit(f"Could not reload the session: {err}")
            return
        known = set(self._texts)
        current = {a.id for a in self.detail.articles}
        if current - known:
            self._texts = article_texts(self.lib, self.session_id)

    def text(self, article_id: str) -> str:
        if article_id not in self._texts:
            self._texts[article_id] = article_text(self.lib, article_id)
        return self._texts[article_id]

    @property
    def scale(self) -> VerdictScale | None:
        return self.detail.scale if self.detail else None

    def claim(self, claim_id: str) -> ClaimInfo | None:
        if self.detail is None:
            return None
        return next((c for c in self.detail.claims if c.id == claim_id), None)

    def link(self, link_id: str) -> LinkInfo | None:
        if self.detail is None:
            return None
        return next((lk for lk in self.detail.links if lk.id == link_id), None)

    # ------------------------------------------------------------ selection

    def select_claim(self, claim_id: str | None) -> None:
        if claim_id == self.selected_claim:
            return
        self.selected_claim = claim_id
        self.claim_selected.emit(claim_id)

    def select_link(self, link_id: str | None) -> None:
        self.selected_link = link_id
        self.link_selected.emit(link_id)
        if link_id is not None and self.selected_claim is not None:
            # The link is now what Del, the inspector and the panes act on.
            self.select_claim(None)

    def version_of(self, row_id: str) -> int | None:
        """The version of an article, claim, link, evidence or note as shown
        here: edits pass it, so one based on an outdated view is refused."""
        d = self.detail
        if d is None:
            return None
        for rows in (d.claims, d.links, d.evidence, d.notes, d.articles):
            for row in rows:
                if row.id == row_id:
                    return row.version
        return None

    # ------------------------------------------------------------ edits

    def run(
        self, do: Callable[[], ops.Change], *, merge_key: str | None = None
    ) -> ops.Change | None:
        """Run an operation, push it for undo, refresh views. None if it failed
        (the user has been told why; environment faults can be retried).

        Edits with the same ``merge_key`` in a row (autosaved typing) become
        one undo step."""
        self.last_queued = False
        if self.read_only:
            self.failed.emit(READ_ONLY_MESSAGE, False)
            return None
        if self._pending:
            self.last_queued = True
            # Keep the order of edits: this one waits behind those not yet saved.
            self._pending.append((do, merge_key))
            self.status.emit(f"{len(self._pending)} edits waiting to be saved…")
            return None
        try:
            change = do()
        except DatabaseBusy:
            self._pending.append((do, merge_key))
            self.last_queued = True
            self._busy_attempts = 0
            self.status.emit("The library is busy (another program is writing); retrying…")
            QTimer.singleShot(BUSY_RETRY_DELAY_MS, self._retry_busy)
            return None
        except EnvironmentFault as err:
            self._pending.append((do, merge_key))
            self.last_queued = True
            self.failed.emit(f"{err}. The edit is kept and can be retried.", True)
            return None
        except StaleEdit as err:
            self.stale.emit(str(err))
            return None
        except WorkbenchError as err:
            self.failed.emit(str(err), False)
            return None
        self._push(change, merge_key)
        return change

    def saved_or_queued(self, change: ops.Change | None) -> bool:
        """True when ``run`` stored the edit or keeps it waiting to be stored."""
        return change is not None or self.last_queued

    @property
    def pending_edits(self) -> int:
        return len(self._pending)

    def retry_pending(self) -> bool:
        """Save the edits that failed because of the environment, in order.
        True when none is left waiting."""
        while self._pending:
            do, merge_key = self._pending[0]
            try:
                change = do()
            except EnvironmentFault as err:
                self.failed.emit(
                    f"{err}. {len(self._pending)} edit(s) still waiting; nothing was lost.", True
                )
                return False
            except WorkbenchError as err:  # no longer possible (e.g. the claim is gone)
                self._pending.pop(0)
                self.failed.emit(f"A waiting edit could not be applied: {err}", False)
                continue
            self._pending.pop(0)
            self._push(change, merge_key)
        self.status.emit("All edits saved")
        return True

    def _retry_busy(self) -> None:
        if not self._pending:
            return
        self._busy_attempts += 1
        do, merge_key = self._pending[0]
        try:
            change = do()
        except DatabaseBusy:
            if self._busy_attempts < BUSY_RETRIES:
                self.status.emit(
                    f"The library is still busy; retrying ({self._busy_attempts}/{BUSY_RETRIES})…"
                )
                QTimer.singleShot(BUSY_RETRY_DELAY_MS, self._retry_busy)
            else:
                self.failed.emit(
                    "The library stayed busy: another program is holding it. "
                    "Your edit is kept; retry when it is free.",
                    True,
                )
            return
        except EnvironmentFault as err:
            self.failed.emit(f"{err}. The edit is kept and can be retried.", True)
            return
        except WorkbenchError as err:
            self._pending.pop(0)
            self.failed.emit(str(err), False)
            return
        self._pending.pop(0)
        self._push(change, merge_key)
        if self._pending:
            self.retry_pending()
        else:
            self.status.emit("Saved")

    def _push(self, change: ops.Change, merge_key: str | None) -> None:
        if change.session_id is not None and change.session_id != self.session_id:
            # A waiting edit of a session closed since: saved, but its undo
            # history went with that session.
            self.refresh()
            return
        self.undo_stack.push(
            OpCommand(self.lib, change, self._after_change, self._report, merge_key)
        )
        self._after_change(change)

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
