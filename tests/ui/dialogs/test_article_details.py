"""Article details from the pane header: edit (menu or double-click), remove, undo."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QDialog, QMessageBox
from pytestqt.qtbot import QtBot

from tests.ui.conftest import World, make_world, show_row
from ui.dialogs import article_details_dialog as details
from ui.panes.pane_row import PaneRow
from ui.side.facts_grid import FactsGrid
from workbench import ops
from workbench.storage.store import Library


def _fill(monkeypatch: pytest.MonkeyPatch, **values: str) -> list[details.ArticleDetailsDialog]:
    """Make the dialog, when shown, type ``values`` and press Save."""
    shown: list[details.ArticleDetailsDialog] = []

    def fake_exec(self: details.ArticleDetailsDialog) -> int:
        shown.append(self)
        for name, value in values.items():
            getattr(self, f"{name}_edit").setText(value)
        self.buttons.button(self.buttons.StandardButton.Save).click()
        return int(self.result())

    monkeypatch.setattr(details.ArticleDetailsDialog, "exec", fake_exec)
    return shown


def _action(row: PaneRow, index: int, text: str) -> Any:
    pane = row.panes()[index]
    return next(a for a in pane.menu.actions() if a.text() == text)


def test_edit_details_from_the_pane_menu_saves_and_undoes(
    row: PaneRow, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    _fill(monkeypatch, title="Drones hit depot", outlet="Harbour Gazette", published="2026-03-10")
    _action(row, 0, "Edit details…").trigger()
    pane = row.panes()[0]
    assert pane.title_label.full_text() == "Drones hit depot"
    assert "Harbour Gazette" in pane.meta_label.full_text()
    assert "10 Mar 2026" in pane.meta_label.full_text()
    world.controller.undo_stack.undo()
    assert row.panes()[0].title_label.full_text() == "Article A"
    assert "12 Mar 2026" in row.panes()[0].meta_label.full_text()
    world.controller.undo_stack.redo()
    assert row.panes()[0].title_label.full_text() == "Drones hit depot"


def test_double_click_on_the_header_opens_the_details(
    qtbot: QtBot, row: PaneRow, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown = _fill(monkeypatch, author="Ana Ruiz")
    pane = row.panes()[1]
    qtbot.mouseDClick(pane.header, Qt.MouseButton.LeftButton, pos=QPoint(40, 10))
    assert len(shown) == 1
    assert "Ana Ruiz" in pane.meta_label.full_text()


def test_a_bad_date_is_explained_and_nothing_is_saved(
    qtbot: QtBot, row: PaneRow, world: World
) -> None:
    info = world.controller.detail.article(world.articles[0])  # type: ignore[union-attr]
    dialog = details.ArticleDetailsDialog(info)
    qtbot.addWidget(dialog)
    dialog.published_edit.setText("9 March")
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "YYYY-MM-DD" in dialog.error.text()
    dialog.title_edit.setText("")
    dialog.published_edit.setText("")
    dialog.accept()
    assert "title" in dialog.error.text()
    assert details.save_article_details(world.controller, info.id, {}) is None


def test_remove_article_asks_and_undo_brings_back_claims_and_links(
    row: PaneRow, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    a = world.claim(0, "No one was injured")
    b = world.claim(1, "At least two people were killed")
    world.link(a, b)
    asked: list[str] = []

    def answer(reply: QMessageBox.StandardButton) -> Any:
        def question(_parent: Any, _title: str, text: str, *args: Any) -> Any:
            asked.append(text)
            return reply

        return question

    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.Cancel))
    _action(row, 0, "Remove article…").trigger()
    assert len(row.panes()) == 3 and "1 claims and 1 links" in asked[0]

    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.Yes))
    _action(row, 0, "Remove article…").trigger()
    assert [p.article_id for p in row.panes()] == world.articles[1:]
    detail = world.controller.detail
    assert detail is not None and len(detail.links) == 0 and len(detail.claims) == 1

    world.controller.undo_stack.undo()
    assert [p.article_id for p in row.panes()] == world.articles
    detail = world.controller.detail
    assert detail is not None and len(detail.links) == 1 and len(detail.claims) == 2


def test_facts_grid_resolves_dates_again_when_the_publication_date_changes(
    qtbot: QtBot, lib: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    world = make_world(
        lib,
        [
            "The boat was struck on Monday, killing two men, the navy said.",
            "The boat was struck last week and two men died, the navy said.",
        ],
    )
    for aid in world.articles:
        ops.update_article(lib, aid, published="")
    world.controller.open_session(world.session_id)
    show_row(qtbot, world.controller)
    grid = FactsGrid(world.controller)
    qtbot.addWidget(grid)
    assert grid.wait_until_ready()

    def event_dates() -> list[str]:
        rows = [r for r in grid.model._rows if (r.facet, r.key) == ("time", "event date")]
        return sorted(f.value for r in rows for f in r.values)

    assert event_dates() == ["Monday", "last week"]
    assert "publication date" in grid.summary.text()
    for aid, date in zip(world.articles, ("2026-03-11", "2026-03-18"), strict=True):
        world.controller.run(
            lambda aid=aid, date=date: ops.update_article(lib, aid, published=date)
        )
    assert grid.wait_until_ready()
    assert event_dates() == ["2026-03-09", "2026-03-09..2026-03-15"]
