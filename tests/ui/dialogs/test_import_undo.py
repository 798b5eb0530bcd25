"""Imports go through the controller: one batch is one undo step.

Files (the Import menu and drops), pasted text and web pages, driven through
the main window; Ctrl+Z removes the whole batch, Ctrl+Shift+Z brings it back
with the same ids.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from pytestqt.qtbot import QtBot

from tests.local_http import serve
from ui.dialogs.paste_dialog import PasteDialog
from ui.main_window import MainWindow
from workbench import ops
from workbench.importers.web_import import snapshots
from workbench.queries.sessions import session_detail
from workbench.storage.store import Library

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")


@pytest.fixture
def fresh(window: MainWindow, lib: Library) -> str:
    """An empty session open in the window."""
    sid = ops.create_session(lib, "Imports").target_id
    assert sid
    window.open_session(sid)
    return sid


def _reports(folder: Path, n: int) -> list[Path]:
    paths = []
    for k in range(n):
        path = folder / f"report{k}.txt"
        path.write_text(
            f"Title: Report {k}\nOutlet: Outlet {k}\n\n"
            f"Drones hit the pier at dawn, report number {k} says. {k + 2} people were hurt.\n"
        )
        paths.append(path)
    return paths


def _shown(window: MainWindow) -> list[str]:
    return [p.article_id for p in window.pane_row.all_panes()]


def _ids(lib: Library, sid: str) -> list[str]:
    return [a.id for a in session_detail(lib, sid).articles]


def test_one_undo_removes_a_whole_file_batch_and_redo_brings_it_back(
    qtbot: QtBot, window: MainWindow, lib: Library, fresh: str, tmp_path: Path
) -> None:
    before = window.controller.undo_stack.count()
    window.import_files(_reports(tmp_path, 3))
    qtbot.waitUntil(lambda: len(_shown(window)) == 3, timeout=15_000)
    imported = _ids(lib, fresh)
    assert len(imported) == 3 and sorted(_shown(window)) == sorted(imported)
    stack = window.controller.undo_stack
    assert stack.count() == before + 1
    assert stack.undoText() == "Import 3 articles"
    assert window.act["undo"].isEnabled()

    window.act["undo"].trigger()
    assert _ids(lib, fresh) == []
    assert _shown(window) == []
    assert window.pane_row.placeholder.isVisibleTo(window.pane_row)
    assert window.controller.detail is not None and window.controller.detail.articles == ()

    window.act["redo"].trigger()
    assert sorted(_ids(lib, fresh)) == sorted(imported)  # the same ids
    assert sorted(_shown(window)) == sorted(imported)
    assert window.controller.detail == session_detail(lib, fresh)


def test_dropped_files_are_one_undo_step(
    qtbot: QtBot, window: MainWindow, lib: Library, fresh: str, tmp_path: Path
) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in _reports(tmp_path, 2)])
    drop = QDropEvent(
        QPointF(50, 50),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(drop)
    qtbot.waitUntil(lambda: len(_shown(window)) == 2, timeout=15_000)
    window.act["undo"].trigger()
    assert _ids(lib, fresh) == [] and _shown(window) == []


def test_a_pasted_article_is_an_undo_step(
    qtbot: QtBot, window: MainWindow, lib: Library, fresh: str
) -> None:
    dialog = PasteDialog(lib, fresh, window, session=window.controller)
    qtbot.addWidget(dialog)
    dialog.text_edit.setPlainText("Port officials said six drones hit the pier before dawn.")
    dialog.title_edit.setText("Pasted wire")
    dialog.accept()
    assert dialog.article_id is not None
    assert _shown(window) == [dialog.article_id]
    assert window.controller.undo_stack.undoText() == "Paste Pasted wire"
    window.act["undo"].trigger()
    assert _ids(lib, fresh) == [] and _shown(window) == []
    window.act["redo"].trigger()
    assert _ids(lib, fresh) == [dialog.article_id] == _shown(window)


@pytest.fixture
def server() -> Iterator[str]:
    with serve() as base:
        yield base


def test_a_web_import_is_one_undo_step_with_its_kept_page(
    qtbot: QtBot, window: MainWindow, lib: Library, fresh: str, server: str
) -> None:
    window.import_from_web([f"{server}/moved"])
    qtbot.waitUntil(lambda: window.web_task is None, timeout=20_000)
    [aid] = _ids(lib, fresh)
    assert _shown(window) == [aid]
    assert len(snapshots(lib, article_id=aid)) == 1
    window.act["undo"].trigger()
    assert _ids(lib, fresh) == [] and _shown(window) == []
    assert snapshots(lib, article_id=aid) == []
    window.act["redo"].trigger()
    assert _ids(lib, fresh) == [aid] == _shown(window)
    assert len(snapshots(lib, article_id=aid)) == 1
