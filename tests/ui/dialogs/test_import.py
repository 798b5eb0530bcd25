"""Importing files off the GUI thread, with per-file results and encoding retry."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from ui.dialogs.import_dialog import (
    ImportController,
    ImportResultDialog,
    file_filter,
    import_files_async,
)
from ui.workers.import_worker import ImportThread, shutdown_imports
from workbench.importers import SUPPORTED_SUFFIXES, ImportedArticle, batch
from workbench.importers.batch import BatchResult
from workbench.queries.sessions import article_text, session_detail
from workbench.storage.store import Library

CYRILLIC = "Привет, мир. Это тест."


@pytest.fixture
def parent(qtbot: QtBot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


@pytest.fixture
def session(lib: Library) -> str:
    from workbench import ops

    sid = ops.create_session(lib, "Imports").target_id
    assert sid
    return sid


@pytest.fixture
def parse_threads(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Thread ids of every read_article call."""
    seen: list[int] = []
    real = batch.read_article

    def spy(path: Any, **kwargs: Any) -> ImportedArticle:
        seen.append(threading.get_ident())
        return real(path, **kwargs)

    monkeypatch.setattr(batch, "read_article", spy)
    return seen


def _files(tmp_path: Path) -> list[Path]:
    paths = []
    for i, outlet in enumerate(("Herald", "Courier", "Gazette")):
        p = tmp_path / f"report{i}.txt"
        p.write_text(
            f"Title: Report {i}\nOutlet: {outlet}\n\nDrones hit the port, {outlet} says ({i}).\n",
            encoding="utf-8",
        )
        paths.append(p)
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    odd = tmp_path / "notes.xyz"
    odd.write_text("not an article format")
    return [paths[0], empty, paths[1], odd, paths[2]]


def _finish(qtbot: QtBot, controller: ImportController) -> BatchResult:
    with qtbot.waitSignal(controller.finished, timeout=20_000) as sig:
        pass
    result = sig.args[0]
    assert isinstance(result, BatchResult)
    return result


def test_batch_imports_off_the_gui_thread_and_lists_errors(
    qtbot: QtBot,
    parent: QWidget,
    lib: Library,
    session: str,
    tmp_path: Path,
    parse_threads: list[int],
) -> None:
    paths = _files(tmp_path)
    seen: list[BatchResult] = []
    controller = import_files_async(parent, lib, session, paths, on_done=seen.append)
    result = _finish(qtbot, controller)
    assert seen == [result]
    assert [i.path.name for i in result.imported] == ["report0.txt", "report1.txt", "report2.txt"]
    assert sorted(e.path.name for e in result.errors) == ["empty.txt", "notes.xyz"]
    detail = session_detail(lib, session)
    assert sorted(a.outlet or "" for a in detail.articles) == ["Courier", "Gazette", "Herald"]
    # Parsing happened, and never on the GUI thread.
    gui = threading.get_ident()
    assert parse_threads and gui not in parse_threads
    assert controller.worker_thread_ident not in (None, gui)
    # The result dialog names each failed file and why, and what was imported.
    dialog = controller.result_dialog
    assert isinstance(dialog, ImportResultDialog)
    assert dialog.isVisible()
    assert dialog.heading.text() == "Imported 3 of 5 files"
    texts = _label_texts(dialog)
    assert "empty.txt" in texts and "notes.xyz" in texts
    assert any("unsupported file type '.xyz'" in t for t in texts)
    assert any("“Report 1” — Courier" in t for t in texts)
    dialog.reject()


def test_all_good_shows_no_dialog(
    qtbot: QtBot, parent: QWidget, lib: Library, session: str, tmp_path: Path
) -> None:
    good = [p for p in _files(tmp_path) if p.name.startswith("report")]
    controller = import_files_async(parent, lib, session, good)
    messages: list[str] = []
    controller.status_message.connect(messages.append)
    result = _finish(qtbot, controller)
    assert len(result.imported) == 3 and not result.errors
    assert controller.result_dialog is None
    assert messages == ["Imported 3 articles"]


def test_uncertain_encoding_can_be_retried(
    qtbot: QtBot, parent: QWidget, lib: Library, session: str, tmp_path: Path
) -> None:
    path = tmp_path / "russian.txt"
    path.write_bytes(CYRILLIC.encode("cp1251"))
    controller = import_files_async(parent, lib, session, [path])
    first = _finish(qtbot, controller)
    [failure] = first.errors
    assert "cp1251" in failure.candidates
    dialog = controller.result_dialog
    assert dialog is not None
    combo = dialog.encoding_combos[path]
    combo.setCurrentIndex(combo.findData("cp1251"))
    dialog.retry_buttons[path].click()
    second = _finish(qtbot, controller)
    assert [i.path for i in second.imported] == [path]
    [art] = session_detail(lib, session).articles
    assert article_text(lib, art.id) == CYRILLIC
    assert dialog.heading.text() == "Imported 1 of 1 file"
    assert not dialog.errors
    dialog.reject()


def test_cancel_stops_before_the_next_file(
    qtbot: QtBot,
    parent: QWidget,
    lib: Library,
    session: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    good = [p for p in _files(tmp_path) if p.name.startswith("report")]
    controller = ImportController(lib, session, parent)
    real = batch.read_article

    def slow_first(path: Any, **kwargs: Any) -> ImportedArticle:
        controller.cancel()  # as if the user pressed Cancel while file 1 is read
        return real(path, **kwargs)

    monkeypatch.setattr(batch, "read_article", slow_first)
    controller.start(good)
    result = _finish(qtbot, controller)
    assert result.cancelled
    assert [i.path.name for i in result.imported] == ["report0.txt"]
    assert len(session_detail(lib, session).articles) == 1
    dialog = controller.result_dialog
    assert dialog is not None and "cancelled" in dialog.heading.text()
    assert "report2.txt" in _label_texts(dialog)
    dialog.reject()


def test_thread_is_joined_before_done(
    qtbot: QtBot, lib: Library, session: str, tmp_path: Path
) -> None:
    job = ImportThread(lib, session, _files(tmp_path)[:1])
    with qtbot.waitSignal(job.done, timeout=20_000) as sig:
        job.start()
    assert not job.running
    assert job._thread.isFinished()
    assert len(sig.args[0].imported) == 1


def test_file_filter_lists_every_supported_suffix() -> None:
    articles, everything = file_filter().split(";;")
    for suffix in SUPPORTED_SUFFIXES:
        assert f"*{suffix}" in articles
    assert everything == "All files (*)"


def _label_texts(widget: QWidget) -> list[str]:
    from PySide6.QtWidgets import QLabel

    return [label.text() for label in widget.findChildren(QLabel)]


def test_window_closed_mid_import_keeps_the_thread_safe(
    qtbot: QtBot, lib: Library, session: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    started, release = threading.Event(), threading.Event()
    real = batch.read_article

    def blocking(path: Any, **kwargs: Any) -> ImportedArticle:
        started.set()
        release.wait(10)
        return real(path, **kwargs)

    monkeypatch.setattr(batch, "read_article", blocking)
    window = QWidget()
    controller = import_files_async(window, lib, session, _files(tmp_path)[:1])
    assert started.wait(10)
    destroyed: list[bool] = []
    controller.destroyed.connect(lambda: destroyed.append(True))
    window.deleteLater()  # the requester goes away first
    qtbot.waitUntil(lambda: bool(destroyed))
    release.set()
    assert shutdown_imports()  # what aboutToQuit runs
    assert len(session_detail(lib, session).articles) == 1


def test_a_bug_in_the_import_is_reported_not_hung(
    qtbot: QtBot,
    parent: QWidget,
    lib: Library,
    session: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken(*_args: Any, **_kwargs: Any) -> BatchResult:
        raise RuntimeError("boom")

    monkeypatch.setattr(batch, "import_files", broken)
    controller = import_files_async(parent, lib, session, _files(tmp_path)[:1])
    result = _finish(qtbot, controller)
    assert not result.imported and not result.errors
    box = controller.crash_box
    assert box is not None and box.isVisible()
    assert "boom" in box.detailedText()
    box.close()


def test_choose_files_returns_paths(monkeypatch: pytest.MonkeyPatch, parent: QWidget) -> None:
    from PySide6.QtWidgets import QFileDialog

    from ui.dialogs.import_dialog import choose_files

    asked: list[str] = []

    def fake(_parent: QWidget, _title: str, _dir: str, flt: str) -> tuple[list[str], str]:
        asked.append(flt)
        return ["/tmp/a.txt", "/tmp/b.pdf"], flt

    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(fake))
    assert choose_files(parent) == [Path("/tmp/a.txt"), Path("/tmp/b.pdf")]
    assert asked == [file_filter()]
