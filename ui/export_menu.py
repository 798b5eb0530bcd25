"""File > Export (reports and exchange files) and File > Import session / annotations.

Every export runs the core's exporter (the same as the command line) on the
open session and writes through its atomic writer; every import goes through
the core's operations. The main window only adds these menus.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMenu, QMessageBox, QWidget

from ui.workers.export_worker import ExportJob
from workbench.errors import WorkbenchError
from workbench.storage.store import Library

TITLE = "Fact-Check Workbench"

# name, menu text, file filter, suffix
FORMATS: tuple[tuple[str, str, str, str], ...] = (
    ("html", "&HTML report…", "HTML files (*.html)", ".html"),
    ("pdf", "&PDF report…", "PDF files (*.pdf)", ".pdf"),
    ("xlsx", "&XLSX spreadsheet…", "Excel workbooks (*.xlsx)", ".xlsx"),
    ("claimreview", "Claim&Review JSON-LD…", "JSON-LD files (*.jsonld *.json)", ".jsonld"),
    ("annotations", "W3C &annotations…", "JSON-LD files (*.jsonld *.json)", ".jsonld"),
    ("qdpx", "REFI-&QDA project…", "REFI-QDA projects (*.qdpx)", ".qdpx"),
    ("session", "&Session file…", "Session files (*.fcsession)", ".fcsession"),
)


def _safe_name(title: str) -> str:
    cleaned = "".join(ch if ch.isalnum() or ch in " -_" else "_" for ch in title).strip()
    return cleaned[:80] or "session"


class ExportMenu:
    """The export and import actions of a main window.

    ``window`` must have ``lib``, ``controller`` (with ``detail``),
    ``inspector.flush()``, ``open_session(id)`` and a status bar."""

    def __init__(self, window: QMainWindow, export_menu: QMenu, file_menu: QMenu) -> None:
        self.window = window
        self.job: ExportJob | None = None  # the export being written, if any
        self.actions: dict[str, QAction] = {}
        for name, text, _filter, _suffix in FORMATS:
            if name == "session":
                export_menu.addSeparator()
            act = QAction(text, window)
            act.setObjectName(f"export_{name}")
            act.triggered.connect(lambda _=False, n=name: self.export(n))
            export_menu.addAction(act)
            self.actions[name] = act
        imp = file_menu.addMenu("Import &session or annotations")
        act = QAction("&Session file…", window)
        act.setObjectName("import_session")
        act.triggered.connect(lambda _=False: self.import_session())
        imp.addAction(act)
        self.actions["import_session"] = act
        act = QAction("W3C &annotations into this session…", window)
        act.setObjectName("import_annotations")
        act.triggered.connect(lambda _=False: self.import_annotations())
        imp.addAction(act)
        self.actions["import_annotations"] = act

    @property
    def lib(self) -> Library:
        lib = getattr(self.window, "lib")  # noqa: B009
        assert isinstance(lib, Library)
        return lib

    def _session(self) -> tuple[str, str] | None:
        detail = getattr(self.window, "controller").detail  # noqa: B009
        if detail is None:
            QMessageBox.information(self.window, TITLE, "Open a session first.")
            return None
        return detail.summary.id, detail.summary.title

    def _ask_path(self, title: str, default: str, filt: str) -> str | None:
        path, _ = QFileDialog.getSaveFileName(self.window, title, default, filt)
        return path or None

    def export(self, name: str, path: str | None = None) -> ExportJob | None:
        """Export the open session as ``name`` on a worker thread; asks for a file
        unless ``path`` is given. Returns the running job (None if nothing started)."""
        found = self._session()
        if found is None:
            return None
        if self.job is not None:
            QMessageBox.information(self.window, TITLE, "An export is still being written.")
            return None
        sid, title = found
        _n, text, filt, suffix = next(f for f in FORMATS if f[0] == name)
        kwargs: dict[str, Any] = {}
        if name == "claimreview":
            from ui.dialogs.claimreview_dialog import ask_publisher

            kw = ask_publisher(self.window, self.lib, sid)
            if kw is None:
                return None
            kwargs = kw
        label = text.replace("&", "").rstrip("…")
        if path is None:
            default = str(Path.home() / f"{_safe_name(title)}{suffix}")
            path = self._ask_path(f"Export {label}", default, filt)
            if path is None:
                return None
        getattr(self.window, "inspector").flush()  # noqa: B009
        lib, target, run = self.lib, path, _exporter(name)
        job = ExportJob(lambda: run(lib, sid, target, **kwargs), self.window)
        job.done.connect(lambda message: self._finished(f"{message}: {target}"))
        job.failed.connect(self._failed)
        self.job = job
        self.window.statusBar().showMessage(f"Writing the {label} to {target}…")
        job.start()
        return job

    def _finished(self, message: str) -> None:
        self.job = None
        self.window.statusBar().showMessage(message, 8000)

    def _failed(self, reason: str) -> None:
        self.job = None
        self.window.statusBar().clearMessage()
        QMessageBox.warning(self.window, TITLE, f"The file could not be written.\n\n{reason}")

    def import_session(self, path: str | None = None) -> Any:
        from workbench.export.session_file import import_session_file

        if path is None:
            path, _ = QFileDialog.getOpenFileName(
                self.window,
                "Import session file",
                str(Path.home()),
                "Session files (*.fcsession);;All files (*)",
            )
            if not path:
                return None
        getattr(self.window, "inspector").flush()  # noqa: B009
        try:
            report = import_session_file(self.lib, path)
        except (OSError, WorkbenchError) as err:
            QMessageBox.warning(self.window, TITLE, f"The session was not imported.\n\n{err}")
            return None
        from ui.dialogs.import_report_dialog import ImportReportDialog

        dialog = ImportReportDialog(report, self.window)
        dialog.open()
        self.window.statusBar().showMessage(report.summary().splitlines()[0], 8000)
        getattr(self.window, "open_session")(report.session_id)  # noqa: B009
        return report

    def import_annotations(self, path: str | None = None) -> Any:
        from workbench.export.annotations import import_annotations

        found = self._session()
        if found is None:
            return None
        sid, _title = found
        if path is None:
            path, _ = QFileDialog.getOpenFileName(
                self.window,
                "Import W3C annotations",
                str(Path.home()),
                "JSON-LD files (*.jsonld *.json);;All files (*)",
            )
            if not path:
                return None
        try:
            result = import_annotations(self.lib, sid, path)
        except (OSError, WorkbenchError) as err:
            QMessageBox.warning(self.window, TITLE, f"The annotations were not imported.\n\n{err}")
            return None
        getattr(self.window, "controller").reload()  # noqa: B009
        text = (
            f"{result.added} claims added, {result.reused} matched, {result.verdicts} "
            f"verdicts set, {result.notes} notes added"
        )
        if result.skipped:
            QMessageBox.information(
                self.window, TITLE, text + "\n\nSkipped:\n" + "\n".join(result.skipped[:20])
            )
        self.window.statusBar().showMessage(text, 8000)
        return result


def _exporter(name: str) -> Callable[..., str]:
    def run(lib: Library, sid: str, path: str, **kwargs: Any) -> str:
        if name in ("html", "pdf", "xlsx"):
            from workbench.export import html_report, pdf_report, xlsx_report

            fn = {
                "html": html_report.export_html,
                "pdf": pdf_report.export_pdf,
                "xlsx": xlsx_report.export_xlsx,
            }[name]
            return f"Exported {fn(lib, sid, path).claims} claims"
        if name == "claimreview":
            from workbench.export.claimreview import export_claimreview

            return f"Exported {export_claimreview(lib, sid, path, **kwargs)['claims']} reviews"
        if name == "annotations":
            from workbench.export.annotations import export_annotations

            return f"Exported {export_annotations(lib, sid, path)['claims']} annotations"
        if name == "qdpx":
            from workbench.export.qdpx import export_qdpx

            return f"Exported {export_qdpx(lib, sid, path)['claims']} claims"
        from workbench.export.session_file import export_session

        return f"Exported the session ({export_session(lib, sid, path).claims} claims)"

    return run


def install(window: QWidget, export_menu: QMenu, file_menu: QMenu) -> ExportMenu:
    assert isinstance(window, QMainWindow)
    return ExportMenu(window, export_menu, file_menu)
