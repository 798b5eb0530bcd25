"""Sentences judged before in other sessions get a bar in the pane's marker
strip: after an import, and when a session opens (never for a session that
is no longer open)."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QToolTip
from pytestqt.qtbot import QtBot

from tests.claim_memory import (
    DRUCE_PARAPHRASE,
    PAST_TITLE,
    STOCKS_PARAPHRASE,
    UNRELATED,
    Memory,
)
from tests.ui.side.test_checked_before import WAIT_MS, memory, win
from ui.main_window import MainWindow
from workbench.queries import recall_article
from workbench.queries.sessions import session_detail
from workbench.storage.store import Library

__all__ = ["memory", "win"]


def test_an_imported_article_marks_the_sentences_judged_before(
    qtbot: QtBot, win: MainWindow, lib: Library, memory: Memory, tmp_path: Path
) -> None:
    from ui.dialogs.import_dialog import ImportResultDialog

    fresh = tmp_path / "evening-wire.txt"
    fresh.write_text(
        f"Title: Evening wire\nOutlet: Evening Wire\n\n{UNRELATED} {STOCKS_PARAPHRASE}\n",
        encoding="utf-8",
    )
    win.import_files([fresh])
    qtbot.waitUntil(
        lambda: len(session_detail(lib, memory.new_session).articles) == 2, timeout=WAIT_MS
    )
    for dialog in win.findChildren(ImportResultDialog):
        dialog.close()
    art = next(
        a for a in session_detail(lib, memory.new_session).articles if a.title == "Evening wire"
    )
    qtbot.waitUntil(lambda: win.pane_row.pane_for(art.id) is not None, timeout=WAIT_MS)
    pane = win.pane_row.pane_for(art.id)
    assert pane is not None
    qtbot.waitUntil(lambda: bool(pane.markers.recalled()), timeout=WAIT_MS)
    [sentence] = pane.markers.recalled()  # the unrelated sentence is not marked
    assert sentence.text == STOCKS_PARAPHRASE
    assert [p.claim_id for p in sentence.matches] == [memory.stocks]
    # The marker sits in the strip beside the sentence and explains itself.
    [(shown, rect)] = pane.markers.recall_markers()
    assert shown == sentence
    event = QHelpEvent(
        QHelpEvent.Type.ToolTip, rect.center(), pane.markers.mapToGlobal(rect.center())
    )
    pane.markers.event(event)
    assert QToolTip.text().startswith(f"<b>Checked before: Mostly True</b> — {PAST_TITLE}")
    # The first article (opened with the session) has its marks too.
    first = win.pane_row.pane_for(memory.new_article)
    assert first is not None
    assert sorted(s.text for s in first.markers.recalled()) == sorted(
        [DRUCE_PARAPHRASE, STOCKS_PARAPHRASE]
    )
    # Clicking the marker selects the sentence, ready to be marked with C.
    qtbot.mouseClick(pane.markers, Qt.MouseButton.LeftButton, pos=QPoint(rect.center()))
    assert pane.view.textCursor().selectedText() == STOCKS_PARAPHRASE


def test_marks_for_a_session_no_longer_open_are_dropped(
    qtbot: QtBot, win: MainWindow, memory: Memory, monkeypatch: pytest.MonkeyPatch
) -> None:
    win.session_recall.wait()  # the new session (opened by the fixture) is marked
    first = win.pane_row.pane_for(memory.new_article)
    assert first is not None
    assert [s.text for s in first.markers.recalled()] == [DRUCE_PARAPHRASE, STOCKS_PARAPHRASE]
    release = threading.Event()
    started = threading.Event()
    real = recall_article.recall_in_article

    def held(lib: Library, article_id: str, **kw: object) -> list[recall_article.RecalledSentence]:
        started.set()
        release.wait(10)
        return real(lib, article_id, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(recall_article, "recall_in_article", held)
    seen: list[str] = []
    win.session_recall.found.connect(lambda aid, _sentences: seen.append(aid))
    win.controller.reload()  # the new session again: its search starts and is held
    qtbot.waitUntil(started.is_set, timeout=WAIT_MS)
    win.open_session(memory.past_session)  # meanwhile the user switches
    release.set()
    win.session_recall.wait()
    assert memory.new_article not in seen  # the new session's marks never arrived
    assert seen == [memory.past_article]  # the past session was searched in its turn
    pane = win.pane_row.pane_for(memory.past_article)
    assert pane is not None and pane.markers.recalled() == []  # its claims are its own
