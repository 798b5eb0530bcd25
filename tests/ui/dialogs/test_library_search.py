"""Ctrl+Shift+F searches the whole library; a result opens its session at the passage."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.ui.conftest import claim_with_quote
from ui.main_window import MainWindow
from workbench import ops
from workbench.queries.sessions import session_summary
from workbench.storage.store import Library

OTHER = (
    "Harbour brigade crews fought the tanker fire for six hours.\n\n"
    "The mayor said the brigade had no foam left by midnight."
)


def test_search_across_sessions_and_open_a_result(
    qtbot: QtBot, window: MainWindow, lib: Library, demo: str
) -> None:
    other = ops.create_session(lib, "Tanker fire").target_id or ""
    aid = ops.add_article(lib, other, "Fire report", OTHER, outlet="Coast Times").target_id or ""
    claim = claim_with_quote(lib, demo, "Four drones were launched")
    ops.set_verdict(lib, claim, "Mostly False", rationale="the brigade counted six drones")

    window.act["search_library"].trigger()
    dialog = window._search
    assert dialog is not None and dialog.isVisible()
    qtbot.keyClicks(dialog.query, "brigade")
    qtbot.waitUntil(lambda: dialog.results.topLevelItemCount() == 2, timeout=3000)
    groups = {
        dialog.results.topLevelItem(i).text(0).rsplit(" (", 1)[0]: dialog.results.topLevelItem(i)
        for i in range(2)
    }
    demo_title = session_summary(lib, demo).title
    assert set(groups) == {"Tanker fire", demo_title}
    assert groups[demo_title].child(0).text(0) == "Rationale"
    assert "2 sessions" in dialog.status.text()

    # Opening the article passage switches session and selects the sentence.
    fire = groups["Tanker fire"]
    article_item = next(
        fire.child(i) for i in range(fire.childCount()) if fire.child(i).text(0) == "Article"
    )
    dialog.results.setCurrentItem(article_item)
    qtbot.keyClick(dialog.results, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.controller.session_id == other, timeout=3000)
    pane = window.pane_row.pane_for(aid)
    assert pane is not None
    assert (
        pane.view.textCursor().selectedText()
        == "Harbour brigade crews fought the tanker fire for six hours."
    )

    # A phrase finds the rationale; opening it selects its claim in the demo.
    dialog.query.setText('"counted six"')
    dialog.run_search()
    item = dialog.results.topLevelItem(0).child(0)
    dialog.results.setCurrentItem(item)
    qtbot.keyClick(dialog.results, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.controller.selected_claim == claim, timeout=3000)
    assert window.controller.session_id == demo
