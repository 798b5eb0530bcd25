"""The facts grid: main-event rows compared, background apart behind a toggle, the source chain."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.analysis.test_facts_real_forms import EL_DIARIO, LA_CRONICA, THE_POST
from tests.ui.conftest import make_world
from ui.side.facts_grid import FactsGrid
from workbench import ops
from workbench.storage.store import Library


def _labels(grid: FactsGrid) -> list[str]:
    m = grid.model
    return [m.data(m.index(r, 0)) for r in range(m.rowCount())]


def test_background_rows_are_apart_and_the_chain_is_shown(qtbot: QtBot, lib: Library) -> None:
    world = make_world(lib, [EL_DIARIO, LA_CRONICA, THE_POST])
    for aid, date in zip(world.articles, ("2025-09-18", "2025-09-18", "2025-09-17"), strict=True):
        ops.update_article(lib, aid, published=date)
    world.controller.open_session(world.session_id)
    grid = FactsGrid(world.controller)
    qtbot.addWidget(grid)
    assert grid.wait_until_ready()

    labels = _labels(grid)
    assert "Casualties: killed" in labels and "When: event date" in labels
    assert not any(label.startswith("Background") for label in labels)
    assert grid.background_toggle.isEnabled() and "(2)" in grid.background_toggle.text()
    killed = labels.index("Casualties: killed")
    m = grid.model
    assert m.row_at(killed).conflict
    assert m.data(m.index(killed, 1)) == ">=2 (traffickers)"
    assert m.data(m.index(killed, 2)) == "0"
    assert "one source retold" in grid.summary.text()
    chain = labels.index("Who says: source chain")
    assert "New York Times" in m.data(m.index(chain, 2))

    grid.background_toggle.setChecked(True)
    labels = _labels(grid)
    background = [i for i, label in enumerate(labels) if label.startswith("Background")]
    assert background and min(background) > max(
        i for i, label in enumerate(labels) if not label.startswith("Background")
    )
    row = grid.model.row_at(background[0])
    assert not row.conflict and row.reason.startswith("background: ")
    tip = m.data(m.index(background[0], 1), Qt.ItemDataRole.ToolTipRole)
    assert "background:" in tip


def test_the_grid_knows_the_source_chain_row_by_the_extractor_name() -> None:
    """The grid colours the source-chain row without importing the extractor."""
    from ui.side import facts_grid
    from workbench.analysis.facts.extract import SOURCE_CHAIN

    assert facts_grid.SOURCE_CHAIN == SOURCE_CHAIN
