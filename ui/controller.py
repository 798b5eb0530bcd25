"""The session controller: the UI's one door to the core.

It holds the open library and session, runs every edit as an operation
pushed on the undo stack, keeps a fresh ``SessionDetail`` (plain data) for
views to read, and tells them what changed. Widgets never touch the database.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoStack

from ui.undo import OpCommand, merged, short_busy_wait
from workbench import ops
from workbench.errors import DatabaseBusy, EnvironmentFault, NotFound, StaleEdit, WorkbenchError
from workbench.queries.records import ClaimInfo, LinkInfo, SessionDetail
from workbench.queries.rows import changed_rows
from workbench.queries.sessions import article_text, article_texts, session_detail
from workbench.queries.updates import apply_rows, diff_details, needs_full_reload
from workbench.storage.store import Library
from workbench.storage.watch import ChangeWatcher, kinds_of
from workbench.vocabulary import VerdictScale

# An edit made on the GUI thread waits at most ui.undo.GUI_BUSY_WAIT_MS for a
# lock (not the store's 5 s); then it waits in a queue and a timer tries again,
# so the window keeps painting while another program writes.
BUSY_RETRIES = 40  # further attempts, BUSY_RETRY_DELAY_MS apart (about 12 s in all)
BUSY_RETRY_DELAY_MS = 250
OUTSIDE_POLL_MS = 500  # how often an open window looks for colleagues' edits
READ_ONLY_MESSAGE = "This library is read-only: nothing can be changed"
PRECISE_OUTSIDE = frozenset(
    {
        "set_verdict",
        "set_rationale",
        "set_checkworthiness",
        "add_claim",
        "resize_claim",
        "edit_note",
        "update_link",
    }
)


@dataclass
class _Waiting:
    """An edit not saved yet: ``do`` runs it; a new edit is pushed for undo,
    an undo or redo that waited hands its result to ``replayed``."""

    do: Callable[[], ops.Change]
    merge_key: str | None = None
    replayed: Callable[[ops.Change], None] | None = None


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
        self._claims: dict[str, ClaimInfo] = {}
        self._links: dict[str, LinkInfo] = {}
        self._versions: dict[str, int] | None = None
        self._texts: dict[str, str] = {}
        self.selected_claim: str | None = None
        self.selected_link: str | None = None
        # Edits that could not be saved yet (library busy, disk full...): they
        # are retried, never dropped; ``pending_edits`` says how many wait.
        self._pending: list[_Waiting] = []
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
        # Edits whose target is the only row they change are read back by id;
        # the others (deletions cascade, evidence touches its claim, articles)
        # name too little, and the session is read again ("outside").
        precise = all(e.operation in PRECISE_OUTSIDE for e in mine)
        change = ops.Change(
            "outside_rows" if precise else "outside",
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
        self._set_detail(session_detail(self.lib, session_id))
        self.selected_claim = None
        self.selected_link = None
        self.session_loaded.emit()

    def reload(self) -> None:
        """Re-read the whole session and let every view rebuild, keeping the
        undo history (after "Reload" on a refused edit)."""
        if self.session_id is None:
            return
        self.refresh()
        if self.detail is not None:
            keep = self.selected_claim
            self.selected_claim = self.selected_link = None
            self.session_loaded.emit()
            if keep and self.claim(keep) is not None:
                self.select_claim(keep)

    def close_session(self) -> None:
        self.session_id = None
        self._set_detail(None)
        self._texts = {}
        self.undo_stack.clear()
        self.select_claim(None)
        self.select_link(None)
        self.session_loaded.emit()

    def refresh(self) -> None:
        """Re-read the whole session (views are not told: ``reload`` tells them)."""
        if self.session_id is None:
            return
        try:
            self._set_detail(session_detail(self.lib, self.session_id))
        except NotFound:  # deleted (from the start page, or by another program)
            self.close_session()
            return
        except WorkbenchError as err:  # busy or unreadable for now: keep what is shown
            self.status.emit(f"Could not reload the session: {err}")
            return
        self._forget_texts()

    def _forget_texts(self) -> None:
        if self.detail is not None:
            current = {a.id for a in self.detail.articles}
            self._texts = {k: v for k, v in self._texts.items() if k in current}

    def text(self, article_id: str) -> str:
        """An article's text, read once per session (article text never changes)."""
        if article_id not in self._texts:
            self._texts[article_id] = article_text(self.lib, article_id)
        return self._texts[article_id]

    @property
    def scale(self) -> VerdictScale | None:
        return self.detail.scale if self.detail else None

    def _set_detail(self, detail: SessionDetail | None) -> None:
        self.detail = detail
        self._claims = {c.id: c for c in detail.claims} if detail else {}
        self._links = {lk.id: lk for lk in detail.links} if detail else {}
        self._versions = None  # built when an edit first asks

    def claim(self, claim_id: str) -> ClaimInfo | None:
        return self._claims.get(claim_id)

    def link(self, link_id: str) -> LinkInfo | None:
        return self._links.get(link_id)

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
        if self._versions is None:
            self._versions = {
                row.id: row.version
                for rows in (d.articles, d.notes, d.evidence, d.links, d.claims)
                for row in rows
            }
        return self._versions.get(row_id)

    # ------------------------------------------------------------ edits

    def run(
        self, do: Callable[[], ops.Change], *, merge_key: str | None = None
    ) -> ops.Change | None:
        """Run an operation, push it for undo, refresh views. None if it failed
        (the user has been told why; environment faults can be retried).

        Edits with the same ``merge_key`` in a row (autosaved typing) become
        one undo step. A busy library never holds the window: the edit waits
        in a queue and a timer tries it again."""
        self.last_queued = False
        if self.read_only:
            self.failed.emit(READ_ONLY_MESSAGE, False)
            return None
        if self._pending:
            self.last_queued = True
            # Keep the order of edits: this one waits behind those not yet saved.
            self._pending.append(_Waiting(do, merge_key))
            self.status.emit(f"{len(self._pending)} edits waiting to be saved…")
            return None
        try:
            with short_busy_wait(self.lib):
                change = do()
        except DatabaseBusy:
            self._wait_busy(_Waiting(do, merge_key))
            return None
        except EnvironmentFault as err:
            self._pending.append(_Waiting(do, merge_key))
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

    def _wait_busy(self, waiting: _Waiting) -> None:
        self._pending.append(waiting)
        self.last_queued = True
        self._busy_attempts = 0
        self.status.emit("The library is busy (another program is writing); retrying…")
        QTimer.singleShot(BUSY_RETRY_DELAY_MS, self._retry_busy)

    def _replay(
        self, calls: Sequence[ops.OpCall], done: Callable[[list[ops.Change]], None]
    ) -> None:
        """Run an undo or redo (``OpCommand`` asks): its calls in order, now or
        after the edits still waiting; a busy library makes it wait its turn
        (the calls already done are not run again). Other errors propagate."""
        results: list[ops.Change] = []

        def do() -> ops.Change:
            while len(results) < len(calls):
                results.append(ops.apply(self.lib, calls[len(results)]))
            return merged(results)

        waiting = _Waiting(do, None, lambda _change: done(results))
        if self._pending:
            self._pending.append(waiting)
            self.status.emit(f"{len(self._pending)} edits waiting to be saved…")
            return
        try:
            with short_busy_wait(self.lib):
                do()
        except DatabaseBusy:
            self._wait_busy(waiting)
            return
        done(results)

    def record_batch(self, changes: Sequence[ops.Change], description: str) -> None:
        """Changes already made elsewhere (an import on a worker thread) become
        one undo step, and the views are told once."""
        mine = [c for c in changes if c.session_id in (None, self.session_id)]
        if not mine or self.session_id is None:
            return
        self.undo_stack.push(
            OpCommand(mine, self._replay, self._after_change, self._report, description=description)
        )
        self._after_change(merged(mine, description))

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
            waiting = self._pending[0]
            try:
                with short_busy_wait(self.lib):
                    change = waiting.do()
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
            self._saved(waiting, change)
        self.status.emit("All edits saved")
        return True

    def _saved(self, waiting: _Waiting, change: ops.Change) -> None:
        if waiting.replayed is not None:
            waiting.replayed(change)
        else:
            self._push(change, waiting.merge_key)

    def _retry_busy(self) -> None:
        if not self._pending:
            return
        self._busy_attempts += 1
        waiting = self._pending[0]
        try:
            with short_busy_wait(self.lib):
                change = waiting.do()
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
        self._saved(waiting, change)
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
            OpCommand(change, self._replay, self._after_change, self._report, merge_key)
        )
        self._after_change(change)

    def _after_change(self, change: ops.Change) -> None:
        """Bring the loaded session up to date with ``change`` and tell the views."""
        shown = self._update_detail(change)
        if shown is None:
            return
        if self.selected_claim and self.claim(self.selected_claim) is None:
            self.select_claim(None)
        if self.selected_link and self.link(self.selected_link) is None:
            self.select_link(None)
        self.changed.emit(shown)

    def _update_detail(self, change: ops.Change) -> ops.Change | None:
        """Read what ``change`` names and fold it into ``detail``; returns the
        change as views should see it (its ids widened to every claim whose row,
        span or links differ now). None if the session went away."""
        old = self.detail
        if old is None or self.session_id is None:
            return change
        if change.session_id not in (None, self.session_id):
            return change
        try:
            if needs_full_reload(change):
                # Articles added, removed or moved, a new scale, or edits by
                # someone else (whose Change names only the rows they aimed
                # at, not what cascaded): read the whole session once, and
                # tell the views exactly which rows differ.
                new = session_detail(self.lib, self.session_id)
                self._set_detail(new)
                self._forget_texts()
                return diff_details(change, old, new)
            rows = changed_rows(
                self.lib,
                self.session_id,
                change.kinds,
                change.ids,
                header=True,  # every edit touches the session row (its last change)
            )
        except NotFound:  # the session was deleted
            self.close_session()
            return None
        except WorkbenchError as err:  # busy or unreadable for now: keep what is shown
            self.status.emit(f"Could not reload the session: {err}")
            return change
        new, shown = apply_rows(old, change, rows)
        self._set_detail(new)
        return shown

    def _report(self, err: Exception) -> None:
        self.refresh()
        self.failed.emit(f"Could not undo/redo: {err}", isinstance(err, EnvironmentFault))
        self.session_loaded.emit()
