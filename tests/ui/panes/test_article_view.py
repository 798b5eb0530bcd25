"""The article view: offsets, marking claims, highlights, clicks, tooltips, zoom."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QTextCursor, QWheelEvent
from PySide6.QtWidgets import QApplication, QPlainTextEdit
from pytestqt.qtbot import QtBot

from tests.ui.conftest import World, make_world, show_row
from ui.panes.article_view import BASE_POINT_SIZE, TextOffsets, display_text
from ui.panes.pane_row import PaneRow
from workbench.queries.claims import claim_info
from workbench.queries.sessions import session_detail
from workbench.storage.store import Library


def _select_qt(view: QPlainTextEdit, start: int, end: int) -> None:
    cursor = QTextCursor(view.document())
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)


def test_mark_selection_as_claim_stores_it_and_shows_it(row: PaneRow, world: World) -> None:
    pane = row.pane_for(world.articles[0])
    assert pane is not None
    view = pane.view
    quote = "No one was injured in the attack"
    start = world.texts[0].index(quote)
    _select_qt(view, start - 1, start + len(quote))  # a drag often takes a space too

    menu = pane.build_context_menu(QPoint(5, 5))
    mark = next(a for a in menu.actions() if a.text().startswith("Mark as claim"))
    assert mark.isEnabled()
    mark.trigger()
    menu.deleteLater()

    claims = session_detail(world.lib, world.session_id).claims
    assert [c.quote for c in claims] == [quote]
    assert view.visible_claims() == [claims[0].id]
    assert world.controller.selected_claim == claims[0].id
    assert not view.textCursor().hasSelection()


def test_emoji_before_a_claim_keeps_offsets_right(qtbot: QtBot, lib: Library) -> None:
    text = "🚀🚀 Launch day 👩‍🚀: the rocket carried three satellites 🛰️ into orbit."
    w = make_world(lib, [text, "Another report of the launch."])
    row = show_row(qtbot, w.controller)
    pane = row.pane_for(w.articles[0])
    assert pane is not None
    view = pane.view
    quote = "three satellites"
    start = text.index(quote)
    qt_start = len(text[:start].encode("utf-16-le")) // 2
    assert qt_start > start  # the emoji take two UTF-16 units each
    _select_qt(view, qt_start, qt_start + len(quote))
    assert view.textCursor().selectedText() == quote
    assert view.selected_span() == (start, start + len(quote))

    cid = pane.mark_selection_as_claim()
    assert cid is not None
    claim = claim_info(w.lib, cid)
    assert (claim.start, claim.end, claim.quote) == (start, start + len(quote), quote)

    # The highlight sits exactly over the words: compare with Qt's own cursor rectangles.
    rects = view.span_rects(start, start + len(quote))
    assert len(rects) == 1
    cursor = QTextCursor(view.document())
    cursor.setPosition(qt_start)
    left = view.cursorRect(cursor)
    cursor.setPosition(qt_start + len(quote))
    right = view.cursorRect(cursor)
    assert abs(rects[0].left() - left.left()) <= 1
    assert abs(rects[0].right() - right.left()) <= 1
    assert view.claim_y_range(cid) is not None

    view.select_span(start, start + len(quote))
    assert view.textCursor().selectedText() == quote


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from([*"ab \n.é", "😀", "🛰", "𝔸"]), max_size=40), st.data())
def test_offsets_round_trip_through_qt(text: str, data: st.DataObject) -> None:
    if QApplication.instance() is None:  # hypothesis may run before any qtbot fixture
        QApplication([])
    edit = QPlainTextEdit()
    try:
        edit.setPlainText(display_text(text))
        offsets = TextOffsets(text)
        assert edit.document().characterCount() - 1 == offsets.qt_length
        i = data.draw(st.integers(0, len(text)))
        j = data.draw(st.integers(i, len(text)))
        assert offsets.to_py(offsets.to_qt(i)) == i
        cursor = QTextCursor(edit.document())
        cursor.setPosition(offsets.to_qt(i))
        cursor.setPosition(offsets.to_qt(j), QTextCursor.MoveMode.KeepAnchor)
        assert cursor.selectedText() == text[i:j].replace("\n", "\u2029")
    finally:
        edit.deleteLater()


def test_carriage_returns_and_bom_do_not_shift_offsets() -> None:
    text = "\ufeffLine one\r\nLine two 😀\r\nClaim here"
    edit = QPlainTextEdit()
    try:
        edit.setPlainText(display_text(text))
        offsets = TextOffsets(text)
        start = text.index("Claim")
        cursor = QTextCursor(edit.document())
        cursor.setPosition(offsets.to_qt(start))
        cursor.setPosition(offsets.to_qt(len(text)), QTextCursor.MoveMode.KeepAnchor)
        assert cursor.selectedText() == "Claim here"
    finally:
        edit.deleteLater()


def test_click_inside_a_claim_selects_it_and_outside_selects_none(
    qtbot: QtBot, row: PaneRow, world: World
) -> None:
    cid = world.claim(0, "Four drones were launched from the sea")
    view = row.pane_for(world.articles[0]).view  # type: ignore[union-attr]
    rect = view.span_rects(*_span(world, 0, "Four drones"))[0]
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center().toPoint())
    assert world.controller.selected_claim == cid
    below = QPoint(20, view.viewport().height() - 5)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=below)
    assert world.controller.selected_claim is None


def test_overlapping_claims_get_their_own_underline_and_innermost_wins(
    row: PaneRow, world: World
) -> None:
    outer = world.claim(0, "No one was injured in the attack")
    inner = world.claim(0, "injured")
    view = row.pane_for(world.articles[0]).view  # type: ignore[union-attr]
    levels = {s.claim_id: s.level for s in view._spans}
    assert levels[outer] != levels[inner]
    rect = view.span_rects(*_span(world, 0, "injured"))[0]
    assert view.claim_at(rect.center()) == inner


def test_tooltip_shows_quote_verdict_and_links_escaped(row: PaneRow, world: World) -> None:
    a = world.claim(0, "A fuel depot was hit by drones")
    b = world.claim(1, "A dozen drones took part")
    world.link(a, b, "differs")
    view = row.pane_for(world.articles[0]).view  # type: ignore[union-attr]
    tip = view.tooltip_html(a)
    assert "A fuel depot was hit by drones" in tip
    assert "Unchecked" in tip and "1 link" in tip


def test_tooltip_never_passes_markup_from_the_article(qtbot: QtBot, lib: Library) -> None:
    text = 'He wrote <img src="/dev/zero"> and <b>left</b>.'
    w = make_world(lib, [text, "Other."])
    row = show_row(qtbot, w.controller)
    cid = w.claim(0, '<img src="/dev/zero"> and <b>left</b>')
    tip = row.pane_for(w.articles[0]).view.tooltip_html(cid)  # type: ignore[union-attr]
    assert "<img" not in tip and "&lt;img" in tip and "<b>left" not in tip


def test_resize_and_delete_from_the_view(row: PaneRow, world: World) -> None:
    cid = world.claim(0, "Four drones")
    view = row.pane_for(world.articles[0]).view  # type: ignore[union-attr]
    world.controller.select_claim(cid)
    view.select_span(*_span(world, 0, "Four drones were launched"))
    pane = row.pane_for(world.articles[0])
    assert pane is not None
    assert pane.resize_claim_to_selection()
    assert claim_info(world.lib, cid).quote == "Four drones were launched"
    assert pane.delete_claim()
    assert session_detail(world.lib, world.session_id).claims == ()
    assert view.visible_claims() == []


def test_link_request_from_the_context_menu(qtbot: QtBot, row: PaneRow, world: World) -> None:
    cid = world.claim(1, "A dozen drones")
    pane = row.pane_for(world.articles[1])
    assert pane is not None
    rect = pane.view.span_rects(*_span(world, 1, "A dozen drones"))[0]
    menu = pane.build_context_menu(rect.center().toPoint())
    link = next(a for a in menu.actions() if a.text().startswith("Link this claim"))
    with qtbot.waitSignal(row.link_requested) as blocker:
        link.trigger()
    menu.deleteLater()
    assert blocker.args == [cid]


def test_zoom_applies_to_every_pane(qtbot: QtBot, row: PaneRow) -> None:
    views = [p.view for p in row.panes()]
    assert {v.point_size() for v in views} == {BASE_POINT_SIZE}
    row.zoom_in()
    row.zoom_in()
    assert {v.point_size() for v in views} == {BASE_POINT_SIZE + 2}
    qtbot.keyClick(views[0], Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert {v.point_size() for v in views} == {BASE_POINT_SIZE + 1}
    wheel = QWheelEvent(
        QPointF(10, 10),
        QPointF(10, 10),
        QPoint(0, 0),
        QPoint(0, 120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.ControlModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(views[2].viewport(), wheel)
    assert {v.point_size() for v in views} == {BASE_POINT_SIZE + 2}
    qtbot.keyClick(views[1], Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert {v.point_size() for v in views} == {BASE_POINT_SIZE}


def test_a_thousand_claims_only_the_visible_ones_are_worked_on(qtbot: QtBot, lib: Library) -> None:
    sentence = "The ministry said the depot was hit at dawn by four drones. "
    text = sentence * 1000
    w = make_world(lib, [text, "Short."])
    from workbench import ops

    for n in range(1000):
        ops.add_claim(lib, w.articles[0], n * len(sentence), n * len(sentence) + 30)
    w.controller.open_session(w.session_id)
    row = show_row(qtbot, w.controller)
    view = row.pane_for(w.articles[0]).view  # type: ignore[union-attr]
    assert len(view.claim_ids()) == 1000
    first = view.visible_claims()
    assert 0 < len(first) < 100
    bar = view.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    middle = view.visible_claims()
    assert middle and not set(middle) & set(first)
    view.viewport().repaint()


def _span(world: World, index: int, quote: str) -> tuple[int, int]:
    start = world.texts[index].index(quote)
    return start, start + len(quote)


def test_selected_claim_is_painted_in_its_verdict_colour(row: PaneRow, world: World) -> None:
    from ui import palette

    cid = world.claim(0, "No one was injured in the attack")
    view = row.pane_for(world.articles[0]).view  # type: ignore[union-attr]
    fill = palette.tone_fill("working", unchecked=True).rgb() & 0xFFFFFF

    def painted() -> bool:
        image = view.viewport().grab().toImage()
        return any(
            (image.pixel(x, y) & 0xFFFFFF) == fill
            for x in range(0, image.width(), 2)
            for y in range(0, 120)
        )

    assert not painted()  # unselected claims are drawn translucent
    world.controller.select_claim(cid)
    assert painted()
