"""Session analysis off the GUI thread: the facts grid, the "where else" index,
its matches and the whole-session scan.

An :class:`AnalysisRunner` runs plain functions on its own worker thread (a
private ``QThreadPool`` of one thread, so the jobs of one panel never run at
the same time and can share their plain-data inputs), and hands each result
to its callback on the GUI thread through a queued signal. A job's result is
dropped, never delivered, when

* a newer job was submitted under the same key (the user moved on),
* the runner was stopped (the window is closing), or
* the caller's own check says the session changed meanwhile: callers pass
  ``current`` returning the token (session id and a generation counter) the
  job was computed for, and the result is delivered only if it still matches.

The work functions receive only plain data (texts, quotes, an index built
from texts) and never touch Qt widgets or the library: everything they need
is read on the GUI thread before the job is submitted.

``stop()`` waits for the running job (a job that reports progress can end
early: :meth:`AnalysisRunner.progress` raises :class:`Cancelled` once the
runner stops) so no thread outlives its window.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, QDeadlineTimer, QObject, QThreadPool, Signal
from PySide6.QtWidgets import QProgressBar

__all__ = ["AnalysisRunner", "Cancelled", "busy_bar"]


class Cancelled(Exception):
    """Raised inside a job when its runner stops; the job's result is dropped."""


@dataclass
class _Job:
    key: str
    ticket: int
    token: Hashable
    current: Callable[[], Hashable] | None
    done: Callable[[Any], None]
    failed: Callable[[str], None] | None


class AnalysisRunner(QObject):
    """One worker thread for a panel's slow jobs; results come back on the GUI thread."""

    # Emitted from the worker thread; Qt queues them to this object's (GUI) thread.
    _finished = Signal(int, object, str)  # ticket, result, error text ("" when none)
    _progressed = Signal(str, int, int)  # key, done, total
    busy_changed = Signal(bool)  # True when the first job starts, False when the last ends
    progress_changed = Signal(str, int, int)  # key, done, total (on the GUI thread)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._jobs: dict[int, _Job] = {}  # submitted, result not yet delivered
        self._latest: dict[str, int] = {}  # key -> ticket of its newest job
        self._tickets = 0
        self._stopping = threading.Event()
        self._held = False  # jobs wait in _queued until release() (start-up)
        self._queued: list[Callable[[], None]] = []
        self._finished.connect(self._deliver)
        self._progressed.connect(self.progress_changed)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.stop)

    # ------------------------------------------------------------ submitting

    def submit(
        self,
        key: str,
        work: Callable[[], Any],
        done: Callable[[Any], None],
        *,
        token: Hashable = None,
        current: Callable[[], Hashable] | None = None,
        failed: Callable[[str], None] | None = None,
    ) -> int:
        """Run ``work()`` on the worker thread and call ``done(result)`` on the GUI
        thread, unless a newer job under ``key`` was submitted, the runner was
        stopped, or ``current()`` no longer equals ``token``. An exception in
        ``work`` goes to ``failed`` (its one-line text) under the same rules."""
        if self._stopping.is_set():
            return 0
        self._tickets += 1
        ticket = self._tickets
        was_busy = self.busy()
        self._jobs[ticket] = _Job(key, ticket, token, current, done, failed)
        self._latest[key] = ticket
        stopping = self._stopping
        emit = self._finished.emit

        def run() -> None:
            if stopping.is_set():
                emit(ticket, None, "cancelled")
                return
            try:
                result = work()
            except Cancelled:
                emit(ticket, None, "cancelled")
            except Exception as err:  # a bug must not leave the panel working for ever
                emit(ticket, None, f"{type(err).__name__}: {err}")
            else:
                emit(ticket, result, "")

        if self._held:
            self._queued.append(run)
        else:
            self._pool.start(run)
        if not was_busy:
            self.busy_changed.emit(True)
        return ticket

    def progress(self, key: str, done: int, total: int) -> None:
        """Report a job's progress (call it from the work function); raises
        :class:`Cancelled` once the runner is stopping, so a long job ends early."""
        if self._stopping.is_set():
            raise Cancelled
        self._progressed.emit(key, done, total)

    def hold(self) -> None:
        """Keep new jobs from starting until :meth:`release` (the app holds them
        while its window paints its first frame)."""
        self._held = True

    def release(self) -> None:
        """Start the jobs held back by :meth:`hold`, in the order they came."""
        self._held = False
        queued, self._queued = self._queued, []
        if not self._stopping.is_set():
            for run in queued:
                self._pool.start(run)

    # ------------------------------------------------------------ state

    def busy(self, key: str | None = None) -> bool:
        """A job (under ``key``, or any) is submitted and its result not yet handled."""
        if key is None:
            return bool(self._jobs)
        return any(job.key == key for job in self._jobs.values())

    @property
    def stopped(self) -> bool:
        return self._stopping.is_set()

    def wait(self, msecs: int = 60_000) -> bool:
        """Block until every submitted job has ended and its result was handled
        (callbacks may submit further jobs: those are waited for too). True if
        nothing is left within ``msecs``. For the screenshot and tests."""
        deadline = QDeadlineTimer(msecs)
        if self._held:
            self.release()  # waiting for a held job would wait for ever
        while self._jobs:
            left = deadline.remainingTime()
            if deadline.hasExpired() or not self._pool.waitForDone(max(left, 0)):
                return False
            # The results are queued to this thread: deliver them now.
            QCoreApplication.sendPostedEvents(self)
            QCoreApplication.processEvents()
        return True

    def stop(self, msecs: int = 30_000) -> bool:
        """Drop every pending result and wait for the running job (called when
        the window closes). True if the worker thread is idle."""
        self._stopping.set()
        self._queued.clear()
        self._pool.clear()  # jobs not started yet never start
        ended = self._pool.waitForDone(msecs)
        had = bool(self._jobs)
        self._jobs.clear()
        self._latest.clear()
        if had:
            self.busy_changed.emit(False)
        return ended

    # ------------------------------------------------------------ delivery

    def _deliver(self, ticket: int, result: object, error: str) -> None:
        job = self._jobs.pop(ticket, None)
        if job is None:  # stopped meanwhile
            return
        latest = self._latest.get(job.key) == ticket
        if latest:
            del self._latest[job.key]
        try:
            fresh = (
                latest
                and not self._stopping.is_set()
                and (job.current is None or job.current() == job.token)
            )
            if fresh and not error:
                job.done(result)
            elif fresh and error != "cancelled" and job.failed is not None:
                job.failed(error)
        finally:
            if not self._jobs:
                self.busy_changed.emit(False)


def busy_bar(name: str) -> QProgressBar:
    """A small moving bar that says a panel is working (hidden until shown);
    its room is kept when hidden, so the layout does not jump."""
    bar = QProgressBar()
    bar.setRange(0, 0)  # no steps: a moving bar that says "working"
    bar.setTextVisible(False)
    bar.setMaximumWidth(90)
    keep = bar.sizePolicy()
    keep.setRetainSizeWhenHidden(True)
    bar.setSizePolicy(keep)
    bar.setAccessibleName(name)
    bar.hide()
    return bar
