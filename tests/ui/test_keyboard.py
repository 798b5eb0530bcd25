"""Keyboard and accessibility: every region reachable without a mouse, the
link map's links walkable with arrows, focus visible, names for screen readers."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QTextCursor
from PySide6.QtWidgets import QApplication, QMenu, QWidget
from pytestqt.qtbot import QtBot

from ui.main_window import MainWindow
from workbench.queries.claims import claim_info
from workbench.queries.sessions import session_detail
from workbench.storage.store import Library

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")


def _focus() -> QWidget | None:
    return QApplication.focusWidget()


def test_f6_walks_the_panes_and_the_side_panel(qtbot: QtBot, window: MainWindow) -> None:
    views = [p.view for p in window.pane_row.panes()]
    views[0].setFocus()
    qtbot.waitUntil(lambda: _focus() is views[0])
    seen = []
    for _ in range(5):
        qtbot.keyClick(_focus() or window, Qt.Key.Key_F6)
        seen.append(_focus())
    assert seen[:2] == views[1:]
    assert seen[2] is window.claims_panel.table
    assert seen[3] is not None and window.inspector.isAncestorOf(seen[3])
    assert seen[4] is views[0]  # round again
    qtbot.keyClick(views[0], Qt.Key.Key_F6, Qt.KeyboardModifier.ShiftModifier)
    assert window.inspector.isAncestorOf(_focus())


def test_tab_from_a_pane_reaches_its_link_map_and_arrows_choose_links(
    qtbot: QtBot, window: MainWindow, lib: Library, demo: str
) -> None:
    view = window.pane_row.panes()[0].view
    link_map = window.pane_row.link_maps()[0]
    view.setFocus()
    qtbot.waitUntil(lambda: _focus() is view)
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert _focus() is link_map
    assert link_map.accessibleName().startswith("Links between ")
    pairs = link_map.pairs()
    assert len(pairs) >= 2
    qtbot.keyClick(link_map, Qt.Key.Key_Down)
    assert window.controller.selected_link == pairs[0].link_id
    assert window.inspector.stack.currentIndex() == 2  # the inspector shows the link
    qtbot.keyClick(link_map, Qt.Key.Key_Down)
    assert window.controller.selected_link == pairs[1].link_id
    assert pairs[1].left_claim in view.visible_claims()  # brought on screen
    qtbot.keyClick(link_map, Qt.Key.Key_Up)
    assert window.controller.selected_link == pairs[0].link_id
    # The focus frame is painted: the map's edge shows the accent colour.
    image = link_map.grab().toImage()
    area = link_map.drawing_area()
    edge = QColor(image.pixel(1, round(area.top() + area.height() / 2)))
    assert edge.blue() > edge.red() + 60


def test_del_on_a_link_chosen_in_the_map_removes_the_link_not_a_claim(
    qtbot: QtBot, window: MainWindow, lib: Library, demo: str
) -> None:
    """Regression: a claim selected before the link stayed selected, and Del deleted it."""
    before = session_detail(lib, demo)
    claim = before.claims[0]
    window.controller.select_claim(claim.id)
    link_map = window.pane_row.link_maps()[0]
    link_map.setFocus()
    qtbot.keyClick(link_map, Qt.Key.Key_Down)
    chosen = window.controller.selected_link
    assert chosen is not None and window.controller.selected_claim is None
    qtbot.keyClick(link_map, Qt.Key.Key_Delete)
    after = session_detail(lib, demo)
    assert len(after.claims) == len(before.claims)
    assert chosen not in {lk.id for lk in after.links}


def test_keyboard_selection_marks_a_claim(qtbot: QtBot, window: MainWindow, lib: Library) -> None:
    pane = window.pane_row.panes()[1]
    view = pane.view
    view.setFocus()
    cursor = view.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.Start)
    view.setTextCursor(cursor)
    for _ in range(3):  # "Two dead after": three words with Ctrl+Shift+Right
        qtbot.keyClick(
            view,
            Qt.Key.Key_Right,
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
        )
    assert view.textCursor().selectedText().strip() == "Two dead after"
    qtbot.keyClick(view, Qt.Key.Key_C)
    cid = window.controller.selected_claim
    assert cid is not None
    assert claim_info(lib, cid).quote == "Two dead after"


def test_every_action_is_in_a_menu_and_custom_widgets_have_names(window: MainWindow) -> None:
    in_menus: set[int] = set()

    def walk(menu: QMenu) -> None:
        for act in menu.actions():
            in_menus.add(id(act))
            if act.menu() is not None:
                walk(act.menu())  # type: ignore[arg-type]

    for top in window.menuBar().actions():
        assert "&" in top.text()  # Alt+letter opens it
        if top.menu() is not None:
            walk(top.menu())  # type: ignore[arg-type]
    loose = [
        a.text() or a.objectName()
        for a in window.actions()
        if a.isVisible() and id(a) not in in_menus and not a.isSeparator()
    ]
    assert loose == []
    for pane in window.pane_row.panes():
        assert pane.view.accessibleName().startswith("Article: ")
        assert pane.markers.accessibleName()
        assert pane.menu_button.accessibleName().startswith("Pane options: ")
        assert pane.menu_button.focusPolicy() & Qt.FocusPolicy.TabFocus
    for link_map in window.pane_row.link_maps():
        assert link_map.accessibleName().startswith("Links between ")
        assert "link" in link_map.accessibleDescription()
