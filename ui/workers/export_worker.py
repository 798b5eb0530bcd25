"""Running an export on a worker thread, so a long report (a PDF of thousands
of claims takes minutes) never freezes the window.

The export functions are the core's (plain Python, no Qt); the job runs one
on a QThread and reports back through queued signals. The application waits
for running exports before it quits, so the library is never closed under one.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, Signal, Slot

from workbench.errors import WorkbenchError


class _Worker(QObject):
    finished = Signal(str)  # the message to show
    failed = Signal(str, bool)  # the reason, and whether it is our bug

    def __init__(self, fn: Callable[[], str]) -> None:
        super().__init__()
        self._fn = fn

    @Slot()
    def run(self) -> None:
        try:
            message = self._fn()
        except (OSError, WorkbenchError) as err:
            self.failed.emit(str(err), False)
            return
        except Exception as err:  # our bug: still reported, never a hung thread
            self.failed.emit(f"internal error ({type(err).__name__}: {err})", True)
            return
        self.finished.emit(message)


_ACTIVE: set[ExportJob] = set()
_hooked_quit = False


def wait_for_exports(msecs: int = 600_000) -> bool:
    """Block until every running export has finished; True if all did."""
    return all(job.wait(msecs) for job in list(_ACTIVE))


class ExportJob(QObject):
    """One export on its own thread. ``done(message)`` or ``failed(reason)`` is
    emitted after the thread has ended."""

    done = Signal(str)
    failed = Signal(str)

    def __init__(self, fn: Callable[[], str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._worker = _Worker(fn)
        self._thread = QThread()
        self._thread.setObjectName("export")
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)
        self._worker.finished.connect(self._on_finished)
        self._worker.failed.connect(self._on_failed)
        self._worker.finished.connect(self._thread.quit, Qt.ConnectionType.DirectConnection)
        self._worker.failed.connect(self._thread.quit, Qt.ConnectionType.DirectConnection)
        self._thread.finished.connect(self._on_thread_finished)
        self._outcome: tuple[bool, str] = (False, "the export did not run")

    def start(self) -> None:
        global _hooked_quit
        app = QCoreApplication.instance()
        if app is not None and not _hooked_quit:
            app.aboutToQuit.connect(wait_for_exports)
            _hooked_quit = True
        _ACTIVE.add(self)
        self._thread.start()

    def wait(self, msecs: int = 600_000) -> bool:
        return self._thread.wait(msecs)

    def _on_finished(self, message: str) -> None:
        self._outcome = (True, message)

    def _on_failed(self, reason: str, _bug: bool) -> None:
        self._outcome = (False, reason)

    def _on_thread_finished(self) -> None:
        self._thread.wait()
        _ACTIVE.discard(self)
        ok, text = self._outcome
        if ok:
            self.done.emit(text)
        else:
            self.failed.emit(text)
