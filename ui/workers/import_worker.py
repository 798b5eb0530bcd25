"""Running ``workbench.importers.batch.import_files`` on a worker thread.

The worker is a plain QObject moved to a QThread; it reports progress and its
result through queued signals, so the GUI thread never reads or parses a file.
Cancelling sets a flag that the core's progress callback reads before each
file (the file being read finishes; nothing after it starts).
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, Signal, Slot

from workbench.importers import batch
from workbench.storage.store import Library


class ImportWorker(QObject):
    """Imports a batch of files into one session; lives on its own thread."""

    progress = Signal(int, int, str)  # files done, total, file now being read
    finished = Signal(object)  # batch.BatchResult
    crashed = Signal(str)  # an unexpected error (our bug), as text

    def __init__(
        self, lib: Library, session_id: str, paths: Sequence[Path], *, encoding: str | None = None
    ) -> None:
        super().__init__()
        self._lib = lib
        self._session_id = session_id
        self._paths = list(paths)
        self._encoding = encoding
        self._cancel = threading.Event()
        self.thread_ident: int | None = None  # the thread that did the work

    def cancel(self) -> None:
        """Stop before the next file (thread-safe)."""
        self._cancel.set()

    def _progress(self, done: int, total: int, path: Path) -> bool:
        self.progress.emit(done, total, path.name)
        return not self._cancel.is_set()

    @Slot()
    def run(self) -> None:
        """Import every file; always ends with ``finished`` or ``crashed``."""
        self.thread_ident = threading.get_ident()
        try:
            result = batch.import_files(
                self._lib,
                self._session_id,
                self._paths,
                encoding=self._encoding,
                progress=self._progress,
            )
        except Exception as err:  # a bug must not leave the thread or the dialog hanging
            self.crashed.emit(f"{type(err).__name__}: {err}")
            return
        self.finished.emit(result)


# Jobs keep themselves alive here until their thread has ended, so a job
# whose requester (dialog, window) goes away never loses its QThread early.
_ACTIVE: set[ImportThread] = set()
_hooked_quit = False


def shutdown_imports(msecs: int = 30_000) -> bool:
    """Cancel every running import and wait for its thread; True if all ended.

    Connected to ``aboutToQuit`` automatically; call it yourself before
    closing the library.
    """
    return all(job.wait(msecs) for job in list(_ACTIVE))


class ImportThread(QObject):
    """Owns one worker and its QThread, and stops the thread cleanly.

    ``done`` is emitted after the thread has finished and been joined, so a
    receiver may drop this object at once without Qt's "destroyed while
    running" warning. Until then the job holds a reference to itself.
    """

    progress = Signal(int, int, str)
    done = Signal(object)  # BatchResult, or None when the worker crashed
    crashed = Signal(str)

    def __init__(
        self,
        lib: Library,
        session_id: str,
        paths: Sequence[Path],
        *,
        encoding: str | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.worker = ImportWorker(lib, session_id, paths, encoding=encoding)
        self._thread = QThread()
        self._thread.setObjectName("import")
        self.worker.moveToThread(self._thread)
        self._thread.started.connect(self.worker.run)
        self.worker.progress.connect(self.progress)
        self.worker.finished.connect(self._on_result)
        self.worker.crashed.connect(self._on_crash)
        # Direct: quit from the worker thread itself, so the thread also ends
        # while the GUI thread is blocked in wait() (shutdown).
        self.worker.finished.connect(self._thread.quit, Qt.ConnectionType.DirectConnection)
        self.worker.crashed.connect(self._thread.quit, Qt.ConnectionType.DirectConnection)
        self._thread.finished.connect(self._on_thread_finished)
        self._result: object = None
        self._running = False

    @property
    def running(self) -> bool:
        return self._running

    def start(self) -> None:
        global _hooked_quit
        app = QCoreApplication.instance()
        if app is not None and not _hooked_quit:
            app.aboutToQuit.connect(shutdown_imports)
            _hooked_quit = True
        _ACTIVE.add(self)
        self._running = True
        self._thread.start()

    def cancel(self) -> None:
        self.worker.cancel()

    def wait(self, msecs: int = 30_000) -> bool:
        """Cancel and block until the thread ends (for shutdown); True if it ended."""
        self.worker.cancel()
        return self._thread.wait(msecs)

    def _on_result(self, result: object) -> None:
        self._result = result

    def _on_crash(self, text: str) -> None:
        self._result = None
        self.crashed.emit(text)

    def _on_thread_finished(self) -> None:
        self._thread.wait()
        self._running = False
        _ACTIVE.discard(self)
        self.done.emit(self._result)
