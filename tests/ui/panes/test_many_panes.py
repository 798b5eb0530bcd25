"""A session with hundreds of articles still shows its panes.

QSplitter adds up its children's maximum widths in an int: with 128 panes at
Qt's default maximum (QWIDGETSIZE_MAX) the sum overflowed, Qt logged
"QSplitter: Negative sizes" and the workspace came up blank.
"""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from tests.ui.conftest import show_row
from ui.controller import SessionController
from workbench import ops
from workbench.storage.store import Library


def wide_session(lib: Library, count: int) -> SessionController:
    sid = ops.create_session(lib, "A very wide story").target_id
    assert sid
    for n in range(count):
        ops.add_article(lib, sid, f"Report {n}", f"Report number {n} says the port was hit.")
    controller = SessionController(lib)
    controller.open_session(sid)
    return controller


# The int sum wraps: negative from 128 panes, positive again near 256, so
# both sides of the wrap are tried.
@pytest.mark.parametrize("count", [130, 300])
def test_hundreds_of_articles_give_a_usable_row(qtbot: QtBot, lib: Library, count: int) -> None:
    row = show_row(qtbot, wide_session(lib, count), width=1200)
    panes = row.panes()
    assert len(panes) == count
    assert len(row.link_maps()) == count - 1
    # Every pane has its minimum width at least, and the first ones are on screen.
    assert all(p.width() >= p.MIN_WIDTH for p in panes)
    assert not panes[0].visibleRegion().isEmpty()
    assert row.scroll_area.horizontalScrollBar().maximum() > 0
    # The last pane can be reached by scrolling.
    row.reveal(panes[-1])
    assert not panes[-1].visibleRegion().isEmpty()
    assert panes[0].visibleRegion().isEmpty()


def test_pane_widths_of_a_wide_session_restore(qtbot: QtBot, lib: Library) -> None:
    controller = wide_session(lib, 200)
    row = show_row(qtbot, controller, width=1200)
    state = row.splitter_state()
    row.resize(900, 500)
    row.resize(1600, 700)
    again = show_row(qtbot, controller, width=1200)
    assert again.restore_splitter_state(state)
    again.resize(1500, 800)
    qtbot.wait(50)
    assert all(p.width() >= p.MIN_WIDTH for p in again.panes())
    assert not again.panes()[0].visibleRegion().isEmpty()
