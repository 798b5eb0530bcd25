"""The pane row: building, incremental updates, pane menu, jumps, sync, state."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.ui.conftest import World, make_world, show_row
from ui.panes.pane_row import PaneRow
from workbench import ops
from workbench.queries.sessions import session_detail
from workbench.storage.store import Library


def _ids(row: PaneRow) -> list[str]:
    return [p.article_id for p in row.panes()]


def test_all_articles_side_by_side_with_maps_between(row: PaneRow, world: World) -> None:
    assert _ids(row) == world.articles
    widgets = [
        row.splitter.widget(i)
        for i in range(row.splitter.count())
        if not row.splitter.widget(i).isHidden()
    ]
    maps = row.link_maps()
    assert widgets == [row.panes()[0], maps[0], row.panes()[1], maps[1], row.panes()[2]]
    assert [m.views() for m in maps] == [
        (row.panes()[0].view, row.panes()[1].view),
        (row.panes()[1].view, row.panes()[2].view),
    ]
    assert row.panes()[0].title_label.full_text() == "Article A"
    assert "Outlet A" in row.panes()[0].meta_label.full_text()


def test_too_many_panes_scroll_horizontally(qtbot: QtBot, world: World) -> None:
    row = show_row(qtbot, world.controller, width=800)
    bar = row.scroll_area.horizontalScrollBar()
    assert bar.maximum() > 0
    assert all(p.width() >= p.MIN_WIDTH for p in row.panes())
    assert row.jump_to_claim(world.claim(2, "Two port workers died"))
    assert bar.value() > 0
    assert row.panes()[2].visibleRegion().isEmpty() is False


def test_edits_refresh_without_rebuilding_panes(row: PaneRow, world: World) -> None:
    panes = row.panes()
    cid = world.claim(0, "No one was injured")
    world.controller.run(lambda: ops.set_verdict(world.lib, cid, "False"))
    assert row.panes() == panes
    assert panes[0].view.visible_claims() == [cid]
    assert "1 claim" in panes[0].meta_label.full_text()
    change = world.controller.run(
        lambda: ops.add_article(world.lib, world.session_id, "Article D", "A fourth report.")
    )
    assert change is not None and change.target_id
    assert row.panes()[:3] == panes and _ids(row)[3] == change.target_id
    assert len(row.link_maps()) == 3
    world.controller.undo_stack.undo()
    assert row.panes() == panes and len(row.link_maps()) == 2


def test_move_right_and_left_from_the_pane_menu(row: PaneRow, world: World) -> None:
    a, b, c = world.articles
    panes = row.panes()
    panes[0].move_right_action.trigger()
    assert [x.id for x in session_detail(world.lib, world.session_id).articles] == [b, a, c]
    assert _ids(row) == [b, a, c]
    assert set(row.panes()) == set(panes)  # moved, not rebuilt
    row.pane_for(c).move_left_action.trigger()  # type: ignore[union-attr]
    assert _ids(row) == [b, c, a]
    assert not row.panes()[0].move_left_action.isEnabled()
    assert not row.panes()[2].move_right_action.isEnabled()
    world.controller.undo_stack.undo()
    world.controller.undo_stack.undo()
    assert _ids(row) == [a, b, c]


def test_close_pane_and_open_alone_are_view_only(row: PaneRow, world: World) -> None:
    a, b, c = world.articles
    row.pane_for(b).close_action.trigger()  # type: ignore[union-attr]
    assert _ids(row) == [a, c] and row.hidden_ids() == [b]
    assert len(session_detail(world.lib, world.session_id).articles) == 3
    row.pane_for(c).alone_action.trigger()  # type: ignore[union-attr]
    assert _ids(row) == [c] and row.link_maps() == []
    assert not row.pane_for(c).close_action.isEnabled()  # type: ignore[union-attr]
    row.pane_for(c).alone_action.trigger()  # type: ignore[union-attr]
    assert _ids(row) == [a, c]
    row.show_all_panes()
    assert _ids(row) == [a, b, c]


def test_jump_to_a_claim_in_a_closed_pane_brings_it_back(
    long_row: PaneRow, long_world: World
) -> None:
    cid = long_world.claim(2, "The depot holds about 30,000 tonnes of fuel")
    pane = long_row.pane_for(long_world.articles[2])
    assert pane is not None and cid not in pane.view.visible_claims()
    long_row.close_pane(long_world.articles[2])
    assert long_row.jump_to_claim(cid)
    assert long_world.articles[2] in _ids(long_row)
    assert cid in pane.view.visible_claims()
    assert long_world.controller.selected_claim == cid
    assert long_row.current_pane() is pane


def test_marker_for_a_non_adjacent_link_jumps_to_the_other_claim(
    qtbot: QtBot, long_row: PaneRow, long_world: World
) -> None:
    w = long_world
    a = w.claim(0, "A fuel depot was hit by drones")
    far = w.claim(2, "The depot holds about 30,000 tonnes of fuel")
    w.link(a, far, "same")
    left = long_row.pane_for(w.articles[0])
    right = long_row.pane_for(w.articles[2])
    assert left is not None and right is not None
    markers = left.markers.markers()
    assert [m.other_claim_id for m, _ in markers] == [far]
    assert right.markers.markers() == []  # its claim is off screen
    assert all(m.visible_curves() == [] for m in long_row.link_maps())
    qtbot.mouseClick(left.markers, Qt.MouseButton.LeftButton, pos=markers[0][1].center())
    assert w.controller.selected_claim == far
    assert far in right.view.visible_claims()
    assert [m.other_claim_id for m, _ in right.markers.markers()] == [a]
    # next to each other, the link is a curve and the markers go
    long_row.close_pane(w.articles[1])
    assert left.markers.markers() == []
    assert len(long_row.link_maps()[0].pairs()) == 1


def test_synchronized_scrolling(long_row: PaneRow) -> None:
    views = [p.view for p in long_row.panes()]
    bars = [v.verticalScrollBar() for v in views]
    bars[0].setValue(bars[0].maximum() // 2)
    assert bars[1].value() == 0
    long_row.set_sync_scroll(True)
    bars[0].setValue(bars[0].maximum())
    assert all(b.value() == b.maximum() for b in bars)
    bars[1].setValue(bars[1].maximum() // 3)
    # QPlainTextEdit scrolls by lines and learns wrapped line counts as it lays
    # blocks out, so ranges shift a little: compare proportions loosely.
    fraction = bars[1].value() / bars[1].maximum()
    for bar in (bars[0], bars[2]):
        assert abs(bar.value() / bar.maximum() - fraction) < 0.05
    long_row.set_sync_scroll(False)
    bars[1].setValue(0)
    assert bars[0].value() > 0


def test_splitter_state_round_trip(qtbot: QtBot, row: PaneRow, world: World) -> None:
    sizes = row.splitter.sizes()
    wider = list(sizes)
    wider[0] += 200
    wider[2] -= 200
    row.splitter.setSizes(wider)
    state = row.splitter_state()
    row.splitter.setSizes(sizes)
    world.controller.open_session(world.session_id)  # a rebuild
    assert row.restore_splitter_state(state)
    qtbot.waitUntil(lambda: row.panes()[0].width() > row.panes()[1].width() + 150)


def test_current_pane_follows_focus(qtbot: QtBot, row: PaneRow) -> None:
    first, second = row.panes()[:2]
    assert row.current_pane() is first and first.is_current()
    with qtbot.waitSignal(row.current_changed):
        second.view.setFocus()
        qtbot.mouseClick(second.view.viewport(), Qt.MouseButton.LeftButton)
    assert row.current_pane() is second and not first.is_current()


def test_empty_session_and_closing_the_session(qtbot: QtBot, lib: Library) -> None:
    w = make_world(lib, [])
    row = show_row(qtbot, w.controller)
    assert row.panes() == [] and row.placeholder.isVisible()
    w.controller.close_session()
    assert row.panes() == [] and row.current_pane() is None
