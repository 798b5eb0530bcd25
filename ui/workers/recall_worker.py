"""Claim memory off the GUI thread: recall for a claim, or for whole articles.

A :class:`RecallJob` runs one function of the core (``recall`` for the
selected claim, ``recall_in_article`` for the articles of a session) on a
``QThread`` of its own and hands back the plain result with the key it was
asked for; the receiver compares that key with what it shows now and drops a
result that came too late (another claim selected, another session open).
A job keeps itself alive until its thread has ended, so a widget that goes
away first never destroys a running thread. ``shutdown_recalls`` (connected
to ``aboutToQuit``) asks every job to stop and waits for it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, QTimer, Signal, Slot

from ui.controller import SessionController
from workbench import ops
from workbench.errors import WorkbenchError
from workbench.storage.store import Library

if TYPE_CHECKING:  # the matcher loads when recall first runs, not at start-up
    from workbench.queries.recall import PastVerdict
    from workbench.queries.recall_article import RecalledSentence

Work = Callable[[threading.Event], object]
# A session's articles are recalled this long after it opens (or reloads), so
# the window paints first and an import's several reloads make one search.
SESSION_DELAY_MS = 300


class _Worker(QObject):
    finished = Signal(object)  # the work's result
    failed = Signal(str)  # why it could not be done (busy library, our bug)

    def __init__(self, work: Work, cancel: threading.Event) -> None:
        super().__init__()
        self._work = work
        self._cancel = cancel

    @Slot()
    def run(self) -> None:
        try:
            result = self._work(self._cancel)
        except WorkbenchError as err:  # busy, unreachable, the claim just deleted
            self.failed.emit(str(err))
            return
        except Exception as err:  # our bug: report it, never leave the thread hanging
            self.failed.emit(f"{type(err).__name__}: {err}")
            return
        self.finished.emit(result)


_ACTIVE: set[RecallJob] = set()
_hooked_quit = False


def shutdown_recalls(msecs: int = 30_000) -> bool:
    """Ask every running recall to stop and wait for its thread; True if all ended."""
    return all(job.wait(msecs) for job in list(_ACTIVE))


def running_recalls() -> int:
    return len(_ACTIVE)


class RecallJob(QObject):
    """One recall on its own thread. ``done(key, result)`` arrives on the GUI
    thread after the thread has ended; ``failed(key, message)`` instead when
    the work raised."""

    done = Signal(object, object)
    failed = Signal(object, str)

    def __init__(self, key: object, work: Work) -> None:
        super().__init__()
        self.key = key
        self._cancel = threading.Event()
        self._worker = _Worker(work, self._cancel)
        self._thread = QThread()
        self._thread.setObjectName("recall")
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)
        self._worker.finished.connect(self._on_result)
        self._worker.failed.connect(self._on_failure)
        # Direct: the thread ends itself, also while the GUI thread waits in wait().
        self._worker.finished.connect(self._thread.quit, Qt.ConnectionType.DirectConnection)
        self._worker.failed.connect(self._thread.quit, Qt.ConnectionType.DirectConnection)
        self._thread.finished.connect(self._on_thread_finished)
        self._result: object = None
        self._error: str | None = None

    def start(self) -> RecallJob:
        global _hooked_quit
        app = QCoreApplication.instance()
        if app is not None and not _hooked_quit:
            app.aboutToQuit.connect(shutdown_recalls)
            _hooked_quit = True
        _ACTIVE.add(self)
        self._thread.start()
        return self

    def cancel(self) -> None:
        """The result is no longer wanted: stop at the next sentence (thread-safe)."""
        self._cancel.set()

    def wait(self, msecs: int = 30_000, *, cancel: bool = True) -> bool:
        """Block until the thread ends (asking it to stop first, unless
        ``cancel`` is False); True if it ended. The result is delivered."""
        if cancel:
            self._cancel.set()
        ended = self._thread.wait(msecs)
        if ended:
            QCoreApplication.processEvents()  # deliver the queued result
        return ended

    def _on_result(self, result: object) -> None:
        self._result = result

    def _on_failure(self, message: str) -> None:
        self._error = message

    def _on_thread_finished(self) -> None:
        self._thread.wait()
        _ACTIVE.discard(self)
        if self._error is not None:
            self.failed.emit(self.key, self._error)
        else:
            self.done.emit(self.key, self._result)


def recall_claim(lib: Library, key: object, claim_id: str, *, limit: int = 5) -> RecallJob:
    """Judged claims of other sessions like ``claim_id`` (``list[PastVerdict]``)."""

    def work(_cancel: threading.Event) -> list[PastVerdict]:
        from workbench.queries.recall import recall

        return recall(lib, claim_id=claim_id, limit=limit)

    return RecallJob(key, work).start()


def recall_articles(lib: Library, key: object, article_ids: Sequence[str]) -> RecallJob:
    """Sentences of the articles that match judged claims of other sessions
    (``dict[article id, list[RecalledSentence]]``)."""
    ids = list(article_ids)

    def work(cancel: threading.Event) -> dict[str, list[RecalledSentence]]:
        from workbench.queries.recall_article import recall_in_article

        out: dict[str, list[RecalledSentence]] = {}
        for aid in ids:
            if cancel.is_set():
                break
            out[aid] = recall_in_article(lib, aid, cancelled=cancel.is_set)
        return out

    return RecallJob(key, work).start()


class SessionRecall(QObject):
    """Marks, in the background, the sentences of the open session's articles
    that match claims judged in other sessions: when a session opens (or is
    reloaded after an import) and when an article is added. ``found`` carries
    an article id and its ``list[RecalledSentence]``; results for a session
    that is no longer open are dropped."""

    found = Signal(str, object)  # article id, list[RecalledSentence]

    def __init__(self, controller: SessionController) -> None:
        super().__init__(controller)
        self._c = controller
        self._generation = 0  # bumped when the session (or its article list) is loaded
        self._queue: list[str] = []
        self._job: RecallJob | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SESSION_DELAY_MS)
        self._timer.timeout.connect(self._next)
        self._stopped = False
        controller.session_loaded.connect(self._session_loaded)
        controller.changed.connect(self._changed)

    @property
    def busy(self) -> bool:
        return self._job is not None or bool(self._queue)

    def stop(self) -> None:
        """No more searches (the window is closing): the queue is dropped, a
        running search is asked to stop, and nothing new starts after this."""
        self._stopped = True
        self._timer.stop()
        self._queue = []
        if self._job is not None:
            self._job.cancel()

    def _session_loaded(self) -> None:
        if self._stopped:
            return
        self._generation += 1
        if self._job is not None:
            self._job.cancel()
        d = self._c.detail
        self._queue = [a.id for a in d.articles] if d is not None else []
        self._timer.start()

    def _changed(self, change: ops.Change) -> None:
        if change.operation in ("add_article", "restore") and "article" in change.kinds:
            d = self._c.detail
            known = {a.id for a in d.articles} if d is not None else set()
            self._queue += [i for i in change.ids if i in known and i not in self._queue]
            self._next()

    def _next(self) -> None:
        if self._timer.isActive():
            return  # a session just opened: its search starts when the timer fires
        if self._stopped or self._job is not None or not self._queue:
            return
        if self._c.session_id is None:
            return
        batch, self._queue = self._queue, []
        key = (self._c.session_id, self._generation)
        self._job = recall_articles(self._c.lib, key, batch)
        self._job.done.connect(self._arrived)
        self._job.failed.connect(self._gone_wrong)

    def _arrived(self, key: object, result: object) -> None:
        self._job = None
        if key == (self._c.session_id, self._generation):
            for aid, sentences in cast("dict[str, list[RecalledSentence]]", result).items():
                self.found.emit(aid, sentences)
        self._next()

    def _gone_wrong(self, key: object, message: str) -> None:
        self._job = None
        if key == (self._c.session_id, self._generation):
            self._c.status.emit(f"Could not look for claims checked before: {message}")
        self._next()

    def wait(self) -> None:
        """Block until every queued recall has been delivered (tests, screenshots)."""
        if self._timer.isActive():
            self._timer.stop()
            self._next()
        while self._job is not None:
            self._job.wait(cancel=False)
