"""File > Import from web address, and "Save a snapshot" for evidence URLs.

The fetch runs on a worker thread (``WebJob``); a progress dialog with a
Cancel button stays up meanwhile. Cancelling sets a flag the core checks
between chunks of the page, so the fetch stops within one read (at most the
socket timeout) and nothing is stored.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QProgressDialog,
    QVBoxLayout,
    QWidget,
)

from ui.controller import SessionController
from workbench.errors import ImportRefused, WorkbenchError
from workbench.importers.web import check_url

# work(cancelled) -> result, run on the worker thread
Work = Callable[[Callable[[], bool]], object]


class _Worker(QObject):
    finished = Signal(object)  # the work's result
    failed = Signal(str)  # a refusal or error, one line for the user

    def __init__(self, work: Work) -> None:
        super().__init__()
        self._work = work
        self.cancel_flag = threading.Event()

    @Slot()
    def run(self) -> None:
        try:
            result = self._work(self.cancel_flag.is_set)
        except ImportRefused as err:
            self.failed.emit(err.reason if err.reason == "cancelled" else str(err))
            return
        except WorkbenchError as err:
            self.failed.emit(str(err))
            return
        except Exception as err:  # our bug: say so rather than hang the dialog
            self.failed.emit(f"unexpected error: {type(err).__name__}: {err}")
            return
        self.finished.emit(result)


_ACTIVE: set[WebJob] = set()
_hooked_quit = False


def shutdown_web_jobs(msecs: int = 30_000) -> bool:
    """Cancel every fetch and wait for its thread (called when the app quits)."""
    return all(job.wait(msecs) for job in list(_ACTIVE))


class WebJob(QObject):
    """One fetch on its own QThread; ``done`` comes after the thread is joined."""

    done = Signal(object, str)  # result (None on failure), error text ("" on success)

    def __init__(self, work: Work, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.worker = _Worker(work)
        self._thread = QThread()
        self._thread.setObjectName("web")
        self.worker.moveToThread(self._thread)
        self._thread.started.connect(self.worker.run)
        self.worker.finished.connect(self._on_result)
        self.worker.failed.connect(self._on_failed)
        self.worker.finished.connect(self._thread.quit, Qt.ConnectionType.DirectConnection)
        self.worker.failed.connect(self._thread.quit, Qt.ConnectionType.DirectConnection)
        self._thread.finished.connect(self._on_thread_finished)
        self._result: object = None
        self._error = ""

    def start(self) -> None:
        global _hooked_quit
        app = QCoreApplication.instance()
        if app is not None and not _hooked_quit:
            app.aboutToQuit.connect(shutdown_web_jobs)
            _hooked_quit = True
        _ACTIVE.add(self)
        self._thread.start()

    def cancel(self) -> None:
        self.worker.cancel_flag.set()

    def wait(self, msecs: int = 30_000) -> bool:
        self.cancel()
        return self._thread.wait(msecs)

    def _on_result(self, result: object) -> None:
        self._result = result

    def _on_failed(self, text: str) -> None:
        self._error = text

    def _on_thread_finished(self) -> None:
        self._thread.wait()
        _ACTIVE.discard(self)
        self.done.emit(self._result, self._error)


class WebAddressDialog(QDialog):
    """Asks for one or more web addresses (one per line)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import from web address")
        box = QVBoxLayout(self)
        label = QLabel(
            "Web addresses of the articles, one per line (http or https). The page is fetched "
            "once, now, and kept as a snapshot with its SHA-256 and the time it was fetched."
        )
        label.setWordWrap(True)
        self.addresses = QPlainTextEdit()
        self.addresses.setPlaceholderText("https://…")
        self.addresses.setAccessibleName("Web addresses")
        self.addresses.setTabChangesFocus(True)
        label.setBuddy(self.addresses)
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("&Import")
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        box.addWidget(label)
        box.addWidget(self.addresses, 1)
        box.addWidget(self.error)
        box.addWidget(buttons)
        self.resize(560, 240)

    def urls(self) -> list[str]:
        return [line.strip() for line in self.addresses.toPlainText().splitlines() if line.strip()]

    def _accept(self) -> None:
        urls = self.urls()
        if not urls:
            self._show_error("Type or paste at least one web address.")
            return
        for url in urls:
            try:
                check_url(url)
            except ImportRefused as err:
                self._show_error(str(err))
                return
        self.accept()

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()
        self.addresses.setFocus()


class WebTask(QObject):
    """A fetch with its progress dialog; ``finished`` carries the result (or None)."""

    finished = Signal(object, str)

    def __init__(self, parent: QWidget | None, label: str, work: Work) -> None:
        super().__init__(parent)
        self.progress = QProgressDialog(label, "Cancel", 0, 0, parent)
        self.progress.setWindowTitle("Fetching")
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setMinimumDuration(0)
        self.progress.setAutoClose(False)
        self.progress.setAutoReset(False)
        self.progress.setMinimumWidth(420)
        self.progress.canceled.connect(self.cancel)
        self.job = WebJob(work)
        self.job.done.connect(self._done)
        self.cancelled = False

    def start(self) -> None:
        self.job.start()
        self.progress.show()

    def cancel(self) -> None:
        self.cancelled = True
        self.job.cancel()
        self.progress.setLabelText("Cancelling…")

    def _done(self, result: object, error: str) -> None:
        self.progress.canceled.disconnect(self.cancel)
        self.progress.close()
        self.progress.deleteLater()
        self.job.deleteLater()
        self.finished.emit(result, error)
        self.deleteLater()


def import_from_web(
    parent: QWidget,
    lib: Any,
    session_id: str,
    urls: list[str],
    on_done: Callable[[Any, str], None],
    *,
    session: SessionController | None = None,
) -> WebTask:
    """Fetch and import ``urls`` on a worker thread; ``on_done(batch, error)``.
    With ``session`` the pages imported become one undo step there (undo
    removes the articles and their kept pages)."""
    from workbench.importers.web_import import import_urls

    shown = urls[0] if len(urls) == 1 else f"{len(urls)} addresses"
    task = WebTask(
        parent,
        f"Fetching {shown}…",
        lambda cancelled: import_urls(lib, session_id, urls, cancelled=cancelled),
    )
    if session is not None:
        task.finished.connect(lambda batch, _error: _record(session, batch))
    task.finished.connect(on_done)
    task.start()
    return task


def _record(session: SessionController, batch: Any) -> None:
    imported = getattr(batch, "imported", None) or []
    changes = [c for item in imported for c in item.changes]
    if changes:
        what = (
            f"Import {imported[0].article.title}"
            if len(imported) == 1
            else f"Import {len(imported)} web pages"
        )
        session.record_batch(changes, what)


def snapshot_evidence_async(
    parent: QWidget, lib: Any, evidence_id: str, url: str, on_done: Callable[[Any, str], None]
) -> WebTask:
    """Fetch an evidence URL and keep the page; ``on_done(snapshot_id, error)``."""
    from workbench.importers.web_import import snapshot_evidence

    task = WebTask(
        parent,
        f"Saving a snapshot of {url}…",
        lambda cancelled: snapshot_evidence(lib, evidence_id, cancelled=cancelled),
    )
    task.finished.connect(on_done)
    task.start()
    return task


def report_batch(parent: QWidget, batch: Any, error: str) -> str:
    """A status-bar summary; a dialog for addresses that were refused."""
    if batch is None:
        if error and error != "cancelled":
            QMessageBox.warning(parent, "Import from web address", error)
        return "Import cancelled" if error == "cancelled" else "Nothing imported"
    if batch.cancelled and not batch.imported and not batch.errors:
        return "Import cancelled"
    text = f"Imported {len(batch.imported)} article(s) from the web"
    if batch.cancelled:
        text += " (cancelled)"
    if batch.errors:
        QMessageBox.warning(
            parent,
            "Import from web address",
            "These addresses were not imported:\n\n"
            + "\n".join(f"{e.url}: {e.reason}" for e in batch.errors),
        )
        text += f"; {len(batch.errors)} not imported"
    return text
