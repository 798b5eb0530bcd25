"""Find across all panes."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.ui.conftest import World
from ui.panes.find_bar import FindBar
from ui.panes.pane_row import PaneRow


def _bar(qtbot: QtBot, row: PaneRow) -> FindBar:
    bar = FindBar(row)
    qtbot.addWidget(bar)
    bar.show()
    return bar


def test_matches_in_every_pane_with_count(qtbot: QtBot, row: PaneRow, world: World) -> None:
    bar = _bar(qtbot, row)
    bar.activate("drones")
    expected = [len(re.findall("drones", t, re.IGNORECASE)) for t in world.texts]
    assert all(expected) and sum(expected) >= 4
    assert len(bar.matches()) == sum(expected)
    assert [p.view.find_match_count() for p in row.panes()] == expected
    assert bar.count_text() == f"1 of {sum(expected)}"

    aid, start, end = bar.matches()[0]
    assert row.pane_for(aid).view.selected_span() == (start, end)  # type: ignore[union-attr]
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return)
    assert bar.current_index() == 1 and bar.count_text().startswith("2 of")
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert bar.current_index() == len(bar.matches()) - 1  # wraps around
    aid, start, end = bar.matches()[-1]
    assert row.pane_for(aid).view.selected_span() == (start, end)  # type: ignore[union-attr]
    qtbot.keyClick(bar.edit, Qt.Key.Key_F3)
    assert bar.current_index() == 0


def test_match_case_and_no_matches(qtbot: QtBot, row: PaneRow, world: World) -> None:
    bar = _bar(qtbot, row)
    bar.activate("Port")
    insensitive = len(bar.matches())
    bar.set_case_sensitive(True)
    assert 0 < len(bar.matches()) < insensitive
    bar.activate("zeppelin")
    assert bar.matches() == [] and bar.count_text() == "No matches"
    assert all(p.view.find_match_count() == 0 for p in row.panes())


def test_escape_closes_and_clears_highlights(qtbot: QtBot, row: PaneRow) -> None:
    bar = _bar(qtbot, row)
    bar.activate("the")
    assert any(p.view.find_match_count() for p in row.panes())
    with qtbot.waitSignal(bar.closed):
        qtbot.keyClick(bar.edit, Qt.Key.Key_Escape)
    assert not bar.isVisible()
    assert all(p.view.find_match_count() == 0 for p in row.panes())


def test_current_match_in_an_offscreen_pane_scrolls_the_row(
    qtbot: QtBot, long_row: PaneRow, long_world: World
) -> None:
    long_row.resize(760, 600)
    bar = _bar(qtbot, long_row)
    bar.activate("30,000 tonnes")
    assert len(bar.matches()) == 1
    pane = long_row.pane_for(long_world.articles[2])
    assert pane is not None
    assert long_row.scroll_area.horizontalScrollBar().value() > 0
    assert pane.view.textCursor().selectedText() == "30,000 tonnes"
    cursor_rect = pane.view.cursorRect()
    assert 0 <= cursor_rect.top() < pane.view.viewport().height()


def test_prefills_with_the_selected_words(qtbot: QtBot, row: PaneRow, world: World) -> None:
    view = row.panes()[1].view
    start = world.texts[1].index("Northern Courier")
    view.select_span(start, start + len("Northern Courier"))
    view.setFocus()
    row._set_current(world.articles[1])
    bar = _bar(qtbot, row)
    bar.activate()
    assert bar.edit.text() == "Northern Courier"
    assert len(bar.matches()) == 1
