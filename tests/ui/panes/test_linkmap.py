"""The link map between adjacent panes: curves, pixels, scrolling, clicks."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from tests.ui.conftest import World, point_inside
from ui import palette
from ui.panes.pane_row import PaneRow


def _has_color(image: QImage, color: QColor) -> bool:
    want = color.rgb() & 0xFFFFFF
    return any(
        (image.pixel(x, y) & 0xFFFFFF) == want
        for x in range(image.width())
        for y in range(image.height())
    )


def test_a_link_between_adjacent_panes_is_drawn(row: PaneRow, world: World) -> None:
    a = world.claim(0, "No one was injured in the attack")
    b = world.claim(1, "At least two people were killed")
    lid = world.link(a, b, "contradicts")
    first, second = row.link_maps()
    curves = first.visible_curves()
    assert [link_id for link_id, _ in curves] == [lid]
    assert second.visible_curves() == []
    band = curves[0][1].boundingRect()
    left = row.pane_for(world.articles[0]).view.claim_y_range(a)  # type: ignore[union-attr]
    assert left is not None and band.height() > 0
    image = first.grab().toImage()
    assert _has_color(image, palette.link_color("contradicts"))
    assert not _has_color(second.grab().toImage(), palette.link_color("contradicts"))


def test_links_either_way_round_and_of_each_type(row: PaneRow, world: World) -> None:
    b = world.claim(1, "A dozen drones took part")
    c = world.claim(2, "Two port workers died")
    a = world.claim(0, "Four drones were launched")
    world.link(c, b, "corroborates")  # stored in id order, drawn left to right anyway
    world.link(a, b, "differs")
    assert len(row.link_maps()[1].visible_curves()) == 1
    assert _has_color(row.link_maps()[1].grab().toImage(), palette.link_color("corroborates"))
    assert _has_color(row.link_maps()[0].grab().toImage(), palette.link_color("differs"))


def test_curve_follows_scrolling_and_disappears_when_both_ends_leave(
    long_row: PaneRow, long_world: World
) -> None:
    w = long_world
    a = w.claim(0, "No one was injured in the attack")
    b = w.claim(1, "At least two people were killed")
    lid = w.link(a, b)
    link_map = long_row.link_maps()[0]
    before = dict(link_map.visible_curves())[lid].boundingRect()

    left = long_row.pane_for(w.articles[0]).view  # type: ignore[union-attr]
    right = long_row.pane_for(w.articles[1]).view  # type: ignore[union-attr]
    left.verticalScrollBar().setValue(3)
    moved = dict(link_map.visible_curves())[lid].boundingRect()
    assert moved.top() < before.top()  # the left end went up with its text

    left.verticalScrollBar().setValue(left.verticalScrollBar().maximum())
    assert a not in left.visible_claims()
    assert [k for k, _ in link_map.visible_curves()] == [lid]  # right end still on screen

    right.verticalScrollBar().setValue(right.verticalScrollBar().maximum())
    assert link_map.visible_curves() == []
    assert not _has_color(link_map.grab().toImage(), palette.link_color("contradicts"))


def test_clicking_a_curve_selects_its_link(qtbot: QtBot, row: PaneRow, world: World) -> None:
    a = world.claim(0, "Four drones were launched from the sea")
    b = world.claim(1, "A dozen drones took part in the attack")
    lid = world.link(a, b, "differs")
    world.controller.select_claim(a)
    link_map = row.link_maps()[0]
    path = dict(link_map.visible_curves())[lid]
    with qtbot.waitSignal(world.controller.link_selected):
        qtbot.mouseClick(link_map, Qt.MouseButton.LeftButton, pos=point_inside(path))
    assert world.controller.selected_link == lid
    qtbot.mouseClick(link_map, Qt.MouseButton.LeftButton, pos=QPoint(24, link_map.height() - 3))
    assert world.controller.selected_link == lid  # empty gutter: nothing changes


def test_selected_link_is_drawn_thicker(row: PaneRow, world: World) -> None:
    a = world.claim(0, "Four drones were launched from the sea")
    b = world.claim(1, "A dozen drones took part in the attack")
    lid = world.link(a, b, "related")
    link_map = row.link_maps()[0]
    color = palette.link_color("related")

    def strong_pixels() -> int:
        image = link_map.grab().toImage()
        return sum(
            1
            for x in range(6, image.width() - 6)
            for y in range(image.height())
            if (image.pixel(x, y) & 0xFFFFFF) == (color.rgb() & 0xFFFFFF)
        )

    plain = strong_pixels()
    world.controller.select_link(lid)
    assert strong_pixels() > plain


def test_maps_follow_the_panes_when_one_is_closed(row: PaneRow, world: World) -> None:
    a = world.claim(0, "No one was injured")
    c = world.claim(2, "Two port workers died")
    lid = world.link(a, c, "contradicts")
    assert all(m.visible_curves() == [] for m in row.link_maps())
    row.close_pane(world.articles[1])
    assert len(row.link_maps()) == 1
    assert [k for k, _ in row.link_maps()[0].visible_curves()] == [lid]
