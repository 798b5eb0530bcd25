"""Importing article files: choose, import off the GUI thread, report per file.

``import_files_async`` is the one entry point for the Import menu and for
drag-and-drop: it starts an ``ImportController``, which runs
``workbench.importers.batch.import_files`` on a worker thread behind a cancellable
progress dialog, then (when anything failed or the batch was cancelled)
shows an ``ImportResultDialog`` naming each file and why. A file whose
encoding was uncertain can be retried there with an encoding the user picks.

Every imported article is already committed when the result arrives; a
failure never takes back what was imported. Imports are not on the undo
stack (an article is removed with its own Remove command).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ui import palette
from ui.controller import SessionController
from ui.safe_text import plain_label, tooltip
from ui.workers.import_worker import ImportThread
from workbench.importers import SUPPORTED_SUFFIXES
from workbench.importers.batch import BatchResult, Imported, ImportFailure
from workbench.storage.store import Library

# Offered after the detector's own candidates when an encoding was uncertain.
COMMON_ENCODINGS: tuple[str, ...] = (
    "utf-8",
    "cp1252",
    "iso8859-15",
    "utf-16",
    "cp1251",
    "iso8859-2",
    "mac-roman",
)


def file_filter() -> str:
    """The file dialog's filter: every supported suffix, then all files."""
    patterns = " ".join(f"*{s}" for s in SUPPORTED_SUFFIXES)
    return f"Articles ({patterns});;All files (*)"


def choose_files(parent: QWidget | None, directory: str = "") -> list[Path]:
    """Ask for article files to import; an empty list when cancelled."""
    names, _ = QFileDialog.getOpenFileNames(parent, "Import articles", directory, file_filter())
    return [Path(n) for n in names]


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _dim(label: QLabel) -> QLabel:
    label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    return label


class ImportResultDialog(QDialog):
    """Per-file outcome of an import: what failed and why, what was imported.

    ``retry_requested(path, encoding)`` asks for one file to be read again
    with an explicit encoding; ``add_result`` folds the retry's result in.
    """

    retry_requested = Signal(object, str)  # Path, encoding

    def __init__(
        self, paths: Sequence[Path], result: BatchResult, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import")
        self.setMinimumSize(560, 320)
        self._paths = list(paths)
        self.imported: list[Imported] = []
        self.errors: dict[Path, ImportFailure] = {}
        self.cancelled = result.cancelled
        self.retry_buttons: dict[Path, QPushButton] = {}
        self.encoding_combos: dict[Path, QComboBox] = {}

        self.heading = QLabel()
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.heading.setFont(font)
        self.body = QWidget()
        self.grid = QVBoxLayout(self.body)
        self.grid.setContentsMargins(0, 0, 8, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.body)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)
        self.add_result(result)

    # ------------------------------------------------------------ contents

    def add_result(self, result: BatchResult) -> None:
        """Merge a batch's outcome (a retry replaces that file's error)."""
        for item in result.imported:
            self.errors.pop(item.path, None)
            self.imported.append(item)
        for failure in result.errors:
            self.errors[failure.path] = failure
        self._rebuild()

    def set_busy(self, busy: bool) -> None:
        """Disable the retry buttons while a retry runs."""
        for button in self.retry_buttons.values():
            button.setEnabled(not busy)

    def _rebuild(self) -> None:
        while self.grid.count():
            taken = self.grid.takeAt(0)
            widget = taken.widget() if taken is not None else None
            if widget is not None:
                widget.deleteLater()
        self.retry_buttons.clear()
        self.encoding_combos.clear()
        total = len(self._paths)
        done = {i.path for i in self.imported} | set(self.errors)
        skipped = [p for p in self._paths if p not in done]
        if not self.imported:
            heading = "Nothing was imported"
        else:
            heading = f"Imported {len(self.imported)} of {_plural(total, 'file')}"
        if self.cancelled and skipped:
            heading += " (cancelled)"
        self.heading.setText(heading)

        if self.errors:
            self.grid.addWidget(self._section(f"Not imported ({len(self.errors)})"))
            for failure in self.errors.values():
                self.grid.addWidget(self._failure_row(failure))
        if skipped:
            self.grid.addWidget(self._section(f"Not attempted: cancelled ({len(skipped)})"))
            for path in skipped:
                self.grid.addWidget(self._file_row(path, "", None))
        if self.imported:
            self.grid.addWidget(self._section(f"Imported ({len(self.imported)})"))
            for item in self.imported:
                art = item.article
                detail = f"“{art.title}”" + (f" — {art.outlet}" if art.outlet else "")
                self.grid.addWidget(self._file_row(item.path, detail, None))
        self.grid.addStretch(1)

    @staticmethod
    def _section(text: str) -> QLabel:
        label = QLabel(text)
        font = label.font()
        font.setBold(True)
        label.setFont(font)
        label.setContentsMargins(0, 10, 0, 2)
        return label

    def _file_row(self, path: Path, detail: str, colour: str | None) -> QWidget:
        row = QWidget()
        layout = QVBoxLayout(row)
        layout.setContentsMargins(12, 2, 0, 2)
        layout.setSpacing(0)
        name = plain_label(QLabel(path.name))
        name.setToolTip(tooltip(str(path)))
        name.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(name)
        if detail:
            text = QLabel(detail)
            text.setWordWrap(True)
            text.setTextFormat(Qt.TextFormat.PlainText)
            text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            if colour:
                text.setStyleSheet(f"color: {colour};")
            else:
                _dim(text)
            layout.addWidget(text)
        return row

    def _failure_row(self, failure: ImportFailure) -> QWidget:
        row = self._file_row(failure.path, failure.reason, palette.theme().error.name())
        if not failure.candidates:
            return row
        combo = QComboBox()
        for enc in failure.candidates:
            combo.addItem(enc, enc)
        others = [e for e in COMMON_ENCODINGS if e not in failure.candidates]
        if others:
            combo.insertSeparator(combo.count())
            for enc in others:
                combo.addItem(enc, enc)
        button = QPushButton("Retry with this encoding")
        button.clicked.connect(
            lambda _=False, p=failure.path, c=combo: self.retry_requested.emit(p, c.currentData())
        )
        line = QHBoxLayout()
        line.setContentsMargins(0, 4, 0, 0)
        line.addWidget(QLabel("Encoding:"))
        line.addWidget(combo)
        line.addWidget(button)
        line.addStretch(1)
        layout = row.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.addLayout(line)
        self.retry_buttons[failure.path] = button
        self.encoding_combos[failure.path] = combo
        return row


class ImportController(QObject):
    """Runs one import batch (and its retries) for a session, off the GUI thread.

    Signals: ``finished(BatchResult)`` after every batch, retries included,
    so the main window can refresh; ``status_message(str)`` with a one-line
    summary. ``show_results``: "problems" (default) shows the result dialog
    only when a file failed or the batch was cancelled, "always", or "never".
    """

    finished = Signal(object)  # importing.BatchResult
    status_message = Signal(str)

    def __init__(
        self,
        lib: Library,
        session_id: str,
        parent: QWidget | None = None,
        *,
        show_results: str = "problems",
        session: SessionController | None = None,
    ) -> None:
        super().__init__(parent)
        self._lib = lib
        self._session_id = session_id
        self._session = session  # records each batch as one undo step
        self._parent_widget = parent
        self._show_results = show_results
        self._job: ImportThread | None = None
        self._progress: QProgressDialog | None = None
        self._paths: list[Path] = []
        self._is_retry = False
        self.result_dialog: ImportResultDialog | None = None
        self.worker_thread_ident: int | None = None  # the thread that did the last batch
        self.crash_box: QMessageBox | None = None

    @property
    def running(self) -> bool:
        return self._job is not None

    def start(self, paths: Sequence[Path], encoding: str | None = None) -> None:
        """Import ``paths`` into the session; one batch at a time."""
        if self._job is not None:
            raise RuntimeError("an import is already running")
        self._paths = [Path(p) for p in paths]
        self._is_retry = False
        self._run(self._paths, encoding)

    def retry(self, path: Path, encoding: str) -> None:
        """Read one file again with an explicit encoding."""
        if self._job is not None:
            return
        if self.result_dialog is not None:
            self.result_dialog.set_busy(True)
        self._is_retry = True
        self._run([path], encoding)

    def cancel(self) -> None:
        """Stop after the file being read."""
        if self._job is not None:
            self._job.cancel()

    def wait(self, msecs: int = 30_000) -> bool:
        """Cancel and wait for the worker thread (call before the app quits)."""
        return self._job.wait(msecs) if self._job is not None else True

    # ------------------------------------------------------------ internals

    def _run(self, paths: list[Path], encoding: str | None) -> None:
        job = ImportThread(self._lib, self._session_id, paths, encoding=encoding)
        job.progress.connect(self._on_progress)
        job.done.connect(self._on_done)
        job.crashed.connect(self._on_crash)
        progress = QProgressDialog("Reading files…", "Cancel", 0, len(paths), self._parent_widget)
        progress.setWindowTitle("Import")
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(400)
        progress.setAutoClose(False)
        progress.setAutoReset(False)
        progress.setMinimumWidth(380)
        progress.canceled.connect(self._on_cancel)
        self._progress = progress
        self._job = job
        job.start()

    def _on_cancel(self) -> None:
        self.cancel()
        if self._progress is not None:
            self._progress.setLabelText("Cancelling after the current file…")

    def _on_progress(self, done: int, total: int, name: str) -> None:
        progress = self._progress
        if progress is None or progress.wasCanceled():
            return
        progress.setMaximum(total)
        if done < total:
            progress.setLabelText(f"Reading {name} ({done + 1} of {total})…")
        progress.setValue(done)

    def _on_crash(self, text: str) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Critical,
            "Import",
            "The import stopped because of an error in the program. "
            "Files imported before it are kept.",
            QMessageBox.StandardButton.Close,
            self._parent_widget,
        )
        box.setDetailedText(text)
        box.finished.connect(box.deleteLater)
        self.crash_box = box
        box.open()

    def _on_done(self, result: BatchResult | None) -> None:
        job, self._job = self._job, None
        if job is not None:
            self.worker_thread_ident = job.worker.thread_ident
            job.deleteLater()
        progress, self._progress = self._progress, None
        if progress is not None:
            progress.canceled.disconnect(self._on_cancel)  # close() would emit it
            progress.close()
            progress.deleteLater()
        if result is None:
            result = BatchResult()
        self._record(result)
        if self.result_dialog is not None:
            self.result_dialog.add_result(result)
            self.result_dialog.set_busy(False)
        elif not self._is_retry and self._wants_dialog(result):
            self._open_results(result)
        self.status_message.emit(self._summary(result))
        self.finished.emit(result)
        if self.result_dialog is None:
            self.deleteLater()

    def _record(self, result: BatchResult) -> None:
        """The batch's articles become one undo step of the open session."""
        changes = [i.change for i in result.imported if i.change is not None]
        if self._session is not None and changes:
            what = (
                f"Import {result.imported[0].article.title}"
                if len(changes) == 1
                else f"Import {len(changes)} articles"
            )
            self._session.record_batch(changes, what)

    def _wants_dialog(self, result: BatchResult) -> bool:
        if self._show_results == "always":
            return True
        if self._show_results == "never":
            return False
        return bool(result.errors) or result.cancelled

    def _open_results(self, result: BatchResult) -> None:
        dialog = ImportResultDialog(self._paths, result, self._parent_widget)
        dialog.finished.connect(dialog.deleteLater)
        dialog.retry_requested.connect(self.retry)
        dialog.finished.connect(self._dialog_closed)
        self.result_dialog = dialog
        dialog.open()

    def _dialog_closed(self) -> None:
        self.result_dialog = None
        if self._job is None:
            self.deleteLater()

    @staticmethod
    def _summary(result: BatchResult) -> str:
        text = f"Imported {_plural(len(result.imported), 'article')}"
        if result.errors:
            text += f"; {_plural(len(result.errors), 'file')} not imported"
        if result.cancelled:
            text += " (cancelled)"
        return text


def import_files_async(
    parent: QWidget | None,
    lib: Library,
    session_id: str,
    paths: Sequence[Path],
    *,
    encoding: str | None = None,
    show_results: str = "problems",
    on_done: Callable[[BatchResult], None] | None = None,
    session: SessionController | None = None,
) -> ImportController:
    """Start importing ``paths`` into a session and return its controller.

    With ``session`` (the window's session controller) every batch, retries
    included, becomes one undo step there and the views show the new
    articles. ``on_done`` (or the controller's ``finished`` signal) receives
    every batch's ``BatchResult``. The controller deletes itself when its
    batch and result dialog are done.
    """
    controller = ImportController(
        lib, session_id, parent, show_results=show_results, session=session
    )
    if on_done is not None:
        controller.finished.connect(on_done)
    controller.start(paths, encoding)
    return controller
