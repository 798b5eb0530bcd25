"""The inspector's "Checked before": claims judged in other sessions, found
while the fact-checker marks; open one, or use its verdict (undoable)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QSettings, Qt
from pytestqt.qtbot import QtBot

from tests.claim_memory import (
    AMROZI_PARAPHRASE,
    DRUCE_PARAPHRASE,
    NEW_TEXT,
    PAST_TITLE,
    RATIONALE,
    STOCKS_PARAPHRASE,
    UNRELATED,
    Memory,
    judged_library,
)
from ui.main_window import MainWindow
from ui.side.checked_before import NOTHING, SEARCHING, CheckedBefore
from workbench.queries.claims import claim_info
from workbench.queries.sessions import session_detail
from workbench.storage.store import Library

WAIT_MS = 20_000  # the first recall loads the matcher's model


@pytest.fixture
def memory(lib: Library) -> Memory:
    return judged_library(lib)


@pytest.fixture
def win(qtbot: QtBot, lib: Library, memory: Memory, settings: QSettings) -> Iterator[MainWindow]:
    w = MainWindow(lib, settings)
    qtbot.addWidget(w)
    w.resize(1500, 900)
    w.open_session(memory.new_session)
    w.show()
    qtbot.waitExposed(w)
    yield w
    w.suggestions.shutdown()
    w.close()


def mark(qtbot: QtBot, win: MainWindow, article_id: str, quote: str) -> str:
    """Select ``quote`` in its pane and press C, as a user marks a claim."""
    pane = win.pane_row.pane_for(article_id)
    assert pane is not None
    start = NEW_TEXT.index(quote)
    pane.view.setFocus()
    pane.view.select_span(start, start + len(quote))
    qtbot.keyClick(pane.view, Qt.Key.Key_C)
    cid = win.controller.selected_claim
    assert cid is not None and claim_info(win.lib, cid).quote == quote
    return cid


def settled(qtbot: QtBot, cb: CheckedBefore) -> None:
    qtbot.waitUntil(lambda: not cb.searching, timeout=WAIT_MS)


def test_a_paraphrase_marked_in_a_new_session_shows_the_past_verdict(
    qtbot: QtBot, win: MainWindow, memory: Memory
) -> None:
    cb = win.inspector.checked_before
    mark(qtbot, win, memory.new_article, DRUCE_PARAPHRASE)
    assert cb.isVisible() and cb.status.text() == SEARCHING  # the GUI did not wait
    settled(qtbot, cb)
    [entry] = cb.entries
    assert entry.past.claim_id == memory.druce
    qtbot.waitUntil(entry.isVisible)
    assert not cb.status.isVisible()
    assert entry.verdict.text() == "False"
    assert entry.quote.text() == "“Druce will face murder charges, Conte said.”"
    assert entry.rationale.text() == RATIONALE
    assert entry.where.text().startswith(f"{PAST_TITLE} · ")
    assert entry.where.text().endswith(" · tester")
    tip = entry.toolTip()
    assert "Strong match" in tip and entry.past.reasons and entry.past.reasons[0] in tip


def test_an_unrelated_claim_was_not_checked_before(
    qtbot: QtBot, win: MainWindow, memory: Memory
) -> None:
    cb = win.inspector.checked_before
    mark(qtbot, win, memory.new_article, UNRELATED)
    settled(qtbot, cb)
    assert cb.entries == []
    assert cb.status.isVisible() and cb.status.text() == NOTHING
    # A past claim that was marked but never judged is no memory either.
    mark(qtbot, win, memory.new_article, AMROZI_PARAPHRASE)
    settled(qtbot, cb)
    assert cb.entries == [] and cb.status.text() == NOTHING


def test_a_late_result_for_another_claim_is_dropped(
    qtbot: QtBot, win: MainWindow, memory: Memory
) -> None:
    cb = win.inspector.checked_before
    druce = mark(qtbot, win, memory.new_article, DRUCE_PARAPHRASE)
    stocks = mark(qtbot, win, memory.new_article, STOCKS_PARAPHRASE)
    settled(qtbot, cb)
    win.controller.select_claim(druce)  # its recall starts...
    win.controller.select_claim(stocks)  # ...and its result is no longer wanted
    assert cb.status.text() == SEARCHING and cb.entries == []
    settled(qtbot, cb)
    assert [e.past.claim_id for e in cb.entries] == [memory.stocks]
    assert [e.verdict.text() for e in cb.entries] == ["Mostly True"]
    win.controller.select_claim(druce)
    win.controller.select_claim(None)  # nothing selected: nothing to show, nothing shown
    settled(qtbot, cb)
    assert cb.entries == [] and not cb.isVisible()
    win.controller.select_claim(stocks)
    settled(qtbot, cb)
    assert [e.past.claim_id for e in cb.entries] == [memory.stocks]


def test_clicking_an_entry_opens_the_past_session_at_that_claim(
    qtbot: QtBot, win: MainWindow, memory: Memory
) -> None:
    cb = win.inspector.checked_before
    mark(qtbot, win, memory.new_article, DRUCE_PARAPHRASE)
    settled(qtbot, cb)
    [entry] = cb.entries
    qtbot.mouseClick(entry.quote, Qt.MouseButton.LeftButton)
    assert win.controller.session_id == memory.past_session
    assert win.controller.selected_claim == memory.druce
    pane = win.pane_row.pane_for(memory.past_article)
    assert pane is not None and pane.is_current()
    assert win.inspector.quote.text() == "“Druce will face murder charges, Conte said.”"


def test_use_this_verdict_copies_and_ctrl_z_undoes(
    qtbot: QtBot, win: MainWindow, lib: Library, memory: Memory
) -> None:
    cb = win.inspector.checked_before
    cid = mark(qtbot, win, memory.new_article, DRUCE_PARAPHRASE)
    settled(qtbot, cb)
    qtbot.mouseClick(cb.entries[0].copy_button, Qt.MouseButton.LeftButton)
    c = claim_info(lib, cid)
    assert (c.verdict, c.rationale) == ("False", RATIONALE)
    assert win.inspector.verdict.currentText() == "False"
    assert win.inspector.rationale.toPlainText() == RATIONALE
    assert win.inspector.evidence.count() == 2
    assert win.inspector.judged.text().startswith("Judged by tester, ")
    assert win.controller.undo_stack.undoText() == f"Use the verdict False from “{PAST_TITLE}”"

    win.act["undo"].trigger()
    c = claim_info(lib, cid)
    assert (c.verdict, c.rationale) == ("Unchecked", "")
    assert win.inspector.evidence.count() == 0
    assert [e for e in session_detail(lib, memory.new_session).evidence] == []
