"""Reading and marking: word-snapping drags, paragraphs of single-line text."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QPlainTextEdit
from pytestqt.qtbot import QtBot

from tests.ui.conftest import World, make_world, show_row
from ui.panes.article_view import ArticleView, TextOffsets, display_text
from ui.panes.pane_row import PaneRow
from workbench.queries.claims import claim_info
from workbench.storage.store import Library


def _point_of(view: ArticleView, text: str, index: int) -> QPoint:
    """The viewport point of article offset ``index`` (the middle of its line)."""
    cursor = QTextCursor(view.document())
    cursor.setPosition(view.offsets.to_qt(index))
    rect = view.cursorRect(cursor)
    return QPoint(rect.left(), rect.center().y())


def _drag(qtbot: QtBot, view: ArticleView, a: QPoint, b: QPoint, alt: bool = False) -> None:
    mods = Qt.KeyboardModifier.AltModifier if alt else Qt.KeyboardModifier.NoModifier
    vp = view.viewport()
    qtbot.mousePress(vp, Qt.MouseButton.LeftButton, mods, a)
    middle = QPoint((a.x() + b.x()) // 2, (a.y() + b.y()) // 2)
    qtbot.mouseMove(vp, middle)
    qtbot.mouseMove(vp, b)
    qtbot.mouseRelease(vp, Qt.MouseButton.LeftButton, mods, b)


def _inside(text: str, word: str, k: int = 2) -> int:
    """An offset ``k`` characters into the whole word ``word`` (a drag starts mid-word)."""
    match = re.search(rf"\b{word}\b", text)
    assert match is not None
    return match.start() + k


def test_a_drag_inside_words_marks_whole_words(qtbot: QtBot, row: PaneRow, world: World) -> None:
    view = row.pane_for(world.articles[0]).view  # type: ignore[union-attr]
    text = world.texts[0]
    # "No one was injured in the attack": start inside "one", end inside "attack".
    _drag(
        qtbot,
        view,
        _point_of(view, text, _inside(text, "one")),
        _point_of(view, text, _inside(text, "attack", 3)),
    )
    assert view.textCursor().selectedText() == "one was injured in the attack"
    pane = row.pane_for(world.articles[0])
    assert pane is not None
    cid = pane.mark_selection_as_claim()
    assert cid is not None
    assert claim_info(world.lib, cid).quote == "one was injured in the attack"


def test_a_backwards_drag_snaps_both_ends(qtbot: QtBot, row: PaneRow, world: World) -> None:
    view = row.pane_for(world.articles[0]).view  # type: ignore[union-attr]
    text = world.texts[0]
    _drag(
        qtbot,
        view,
        _point_of(view, text, _inside(text, "drones", 3)),
        _point_of(view, text, _inside(text, "fuel", 1)),
    )
    assert view.textCursor().selectedText() == "fuel depot was hit by drones"
    assert view.textCursor().position() < view.textCursor().anchor()  # the mouse end moves


def test_alt_drag_keeps_the_exact_characters(qtbot: QtBot, row: PaneRow, world: World) -> None:
    view = row.pane_for(world.articles[0]).view  # type: ignore[union-attr]
    text = world.texts[0]
    a, b = _inside(text, "one"), _inside(text, "attack", 3)
    _drag(qtbot, view, _point_of(view, text, a), _point_of(view, text, b), alt=True)
    assert view.selected_span() == (a, b)
    assert view.textCursor().selectedText() == text[a:b]


def test_snapping_can_be_switched_off(qtbot: QtBot, row: PaneRow, world: World) -> None:
    row.set_snap_to_words(False)
    view = row.pane_for(world.articles[0]).view  # type: ignore[union-attr]
    text = world.texts[0]
    a, b = _inside(text, "one"), _inside(text, "attack", 3)
    _drag(qtbot, view, _point_of(view, text, a), _point_of(view, text, b))
    assert view.selected_span() == (a, b)


def test_resizing_a_claim_by_dragging_snaps_to_words(
    qtbot: QtBot, row: PaneRow, world: World
) -> None:
    cid = world.claim(0, "Four drones")
    world.controller.select_claim(cid)
    pane = row.pane_for(world.articles[0])
    assert pane is not None
    view, text = pane.view, world.texts[0]
    _drag(
        qtbot,
        view,
        _point_of(view, text, _inside(text, "Four", 1)),
        _point_of(view, text, _inside(text, "launched", 4)),
    )
    assert pane.resize_claim_to_selection(cid)
    assert claim_info(world.lib, cid).quote == "Four drones were launched"


WEB_COPY = (
    "Drone strike hits fuel depot\n"
    "By Staff Reporter\n"
    "A fuel depot in Kestrel Bay was hit by drones early on Monday, officials said, in the "
    "first attack on the port this year. Fire crews worked through the night.\n"
    "No one was injured in the attack, according to the harbour authority, which said the "
    "depot had been emptied for maintenance the week before the strike.\n"
    "Residents described loud explosions shortly after midnight, followed by a fire that could "
    "be seen across the bay from the hills above the town."
)


def test_single_line_paragraphs_show_as_paragraphs(qtbot: QtBot, lib: Library) -> None:
    w = make_world(lib, [WEB_COPY, "Another report of the strike."])
    row = show_row(qtbot, w.controller)
    view = row.pane_for(w.articles[0]).view  # type: ignore[union-attr]
    blocks = []
    block = view.document().firstBlock()
    while block.isValid():
        blocks.append(block.text())
        block = block.next()
    assert blocks[1] == "" and blocks[3] == "" and blocks[5] == ""  # an empty line between
    assert [b for b in blocks if b] == WEB_COPY.split("\n")
    # The second paragraph sits lower than directly under the first.
    first = view.document().findBlockByNumber(4)
    para_gap = (
        view.blockBoundingGeometry(first).top()
        - view.blockBoundingGeometry(first.previous().previous()).bottom()
    )
    assert para_gap >= view.fontMetrics().height() - 1

    # A claim across two paragraphs keeps exact offsets, highlights, and copies as stored.
    quote = "Fire crews worked through the night.\nNo one was injured"
    start = WEB_COPY.index(quote)
    view.select_span(start, start + len(quote))
    assert view.selected_span() == (start, start + len(quote))
    pane = row.pane_for(w.articles[0])
    assert pane is not None
    cid = pane.mark_selection_as_claim()
    assert cid is not None
    claim = claim_info(w.lib, cid)
    assert (claim.start, claim.end, claim.quote) == (start, start + len(quote), quote)
    assert len(view.span_rects(start, start + len(quote))) == 2  # one per line, none for the gap
    assert view.claim_y_range(cid) is not None
    view.select_span(start, start + len(quote))
    view.copy()
    assert QApplication.clipboard().text() == quote


def test_hand_wrapped_text_is_left_as_it_is(qtbot: QtBot, lib: Library) -> None:
    wrapped = "\n".join(["A fuel depot was hit by drones on Monday and no one"] * 6)
    w = make_world(lib, [wrapped, "Another report."])
    row = show_row(qtbot, w.controller)
    view = row.pane_for(w.articles[0]).view  # type: ignore[union-attr]
    assert view.document().blockCount() == 6


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from([*"ab \n.", "😀", "𝔸"]), max_size=40), st.data())
def test_offsets_round_trip_with_display_paragraphs(text: str, data: st.DataObject) -> None:
    if QApplication.instance() is None:  # hypothesis may run before any qtbot fixture
        QApplication([])
    after_newline = [i + 1 for i, ch in enumerate(text) if ch == "\n"]
    breaks = sorted(data.draw(st.sets(st.sampled_from(after_newline))) if after_newline else [])
    edit = QPlainTextEdit()
    try:
        edit.setPlainText(display_text(text, breaks))
        offsets = TextOffsets(text, breaks)
        assert edit.document().characterCount() - 1 == offsets.qt_length
        i = data.draw(st.integers(0, len(text)))
        j = data.draw(st.integers(i, len(text)))
        assert offsets.to_py(offsets.to_qt(i)) == i
        cursor = QTextCursor(edit.document())
        cursor.setPosition(offsets.to_qt(i))
        cursor.setPosition(offsets.to_qt(j), QTextCursor.MoveMode.KeepAnchor)
        shown = cursor.selectedText().replace("\u2029", "\n")
        # The selection is the stored text plus the display-only empty lines inside it.
        assert shown == display_text(text[i:j], [b - i for b in breaks if i < b <= j])
        for q in range(offsets.qt_length + 1):  # every Qt position maps into the text, in order
            assert 0 <= offsets.to_py(q) <= offsets.to_py(q, round_up=True) <= len(text)
    finally:
        edit.deleteLater()
