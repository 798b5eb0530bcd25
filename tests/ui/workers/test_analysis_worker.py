"""Session analysis runs on a worker: the panels say they are working, then show
the result; a result for a session that changed is dropped; closing while a
worker runs ends it cleanly."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

import ui.side.facts_grid as facts_grid
import ui.side.suggestions_panel as suggestions_panel
from tests.analysis.test_facts_real_forms import EL_DIARIO, LA_CRONICA, THE_POST
from tests.ui.conftest import make_world
from ui.main_window import MainWindow
from ui.side.facts_grid import FactsGrid
from ui.side.suggestions_panel import SuggestionsPanel
from ui.workers.analysis_worker import AnalysisRunner, Cancelled
from workbench import ops
from workbench.storage.store import Library


class Gate:
    """Holds a worker function until released (so a test can look at "working")."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, module: Any, name: str) -> None:
        self.started = threading.Event()
        self.release = threading.Event()
        self.calls = 0
        original: Callable[..., Any] = getattr(module, name)

        def gated(*args: Any) -> Any:
            self.calls += 1
            self.started.set()
            assert self.release.wait(30), "the test never released the worker"
            return original(*args)

        monkeypatch.setattr(module, name, gated)


def _article_ids_in(grid: FactsGrid) -> set[str]:
    return {f.article_id for row in grid.model.rows() for f in row.values}


def test_the_facts_grid_shows_it_is_working_then_the_facts(
    qtbot: QtBot, lib: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    gate = Gate(monkeypatch, facts_grid, "line_up_facts")
    world = make_world(lib, [EL_DIARIO, LA_CRONICA, THE_POST])
    grid = FactsGrid(world.controller)
    qtbot.addWidget(grid)
    grid.show()

    assert gate.started.wait(10)
    assert grid.is_working() and grid.busy.isVisible()
    assert grid.summary.text().startswith("Working…")
    assert grid.model.rowCount() == 0
    gate.release.set()
    qtbot.waitUntil(lambda: not grid.is_working(), timeout=20000)
    assert not grid.busy.isVisible()
    labels = [grid.model.data(grid.model.index(r, 0)) for r in range(grid.model.rowCount())]
    assert "Casualties: killed" in labels
    assert "conflicts" in grid.summary.text()


def test_facts_computed_for_a_session_left_meanwhile_are_dropped(
    qtbot: QtBot, lib: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    gate = Gate(monkeypatch, facts_grid, "line_up_facts")
    world = make_world(lib, [EL_DIARIO, LA_CRONICA, THE_POST])
    other = make_world(lib, ["Two men were killed on Monday.", "Three men were killed."])
    grid = FactsGrid(world.controller)
    qtbot.addWidget(grid)
    assert gate.started.wait(10)  # the first session's facts are being lined up

    world.controller.open_session(other.session_id)  # the user moves on meanwhile
    assert grid.is_working()
    gate.release.set()
    assert grid.wait_until_ready()
    assert gate.calls == 2
    assert _article_ids_in(grid) and _article_ids_in(grid) <= set(other.articles)
    assert grid.model.columnCount() == 1 + len(other.articles)

    # A change of the articles (a publication date) computes them again; closing
    # the session while that runs shows nothing of it.
    gate.release.clear()
    gate.started.clear()
    world.controller.run(lambda: ops.update_article(lib, other.articles[0], published=""))
    assert gate.started.wait(10)
    world.controller.close_session()
    gate.release.set()
    assert grid.wait_until_ready()
    assert grid.model.rowCount() == 0 and grid.summary.text() == ""


def test_where_else_shows_working_and_drops_an_index_of_a_session_left(
    qtbot: QtBot, lib: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    gate = Gate(monkeypatch, suggestions_panel, "build_index")
    world = make_world(
        lib,
        [
            "Two port workers died when drones hit the pier on Monday.",
            "No one was injured when drones hit the pier, officials said.",
        ],
    )
    cid = ops.add_claim(lib, world.articles[0], 0, 21).target_id
    world.controller.reload()
    panel = SuggestionsPanel(world.controller)
    qtbot.addWidget(panel)
    panel.show()

    world.controller.select_claim(cid)
    assert gate.started.wait(10)
    assert panel.is_working() and panel.busy.isVisible()
    assert panel.match_list.item(0).text().startswith("Working…")
    other = make_world(lib, ["Nothing to see here.", "Nothing at all."])
    world.controller.open_session(other.session_id)
    gate.release.set()
    assert panel.wait_until_ready()
    assert panel.index() is None  # built for the session left: dropped
    assert panel.matches == [] and not panel.busy.isVisible()

    world.controller.open_session(world.session_id)
    world.controller.select_claim(cid)
    assert panel.wait_until_ready()
    assert panel.index() is not None
    assert [m.passage.article_id for m in panel.matches] == [world.articles[1]]
    assert "No one was injured" in panel.match_list.item(1).text()


def test_closing_the_window_while_a_worker_runs_is_clean(
    qtbot: QtBot,
    lib: Library,
    demo: str,
    settings: QSettings,
    monkeypatch: pytest.MonkeyPatch,
    qtlog: Any,
) -> None:
    gate = Gate(monkeypatch, facts_grid, "line_up_facts")
    win = MainWindow(lib, settings)
    qtbot.addWidget(win)
    win.open_session(demo)
    win.show()
    assert gate.started.wait(10)
    delivered: list[object] = []
    win.facts.runner.busy_changed.connect(delivered.append)

    # The job ends a moment after the window starts closing: close waits for it.
    threading.Timer(0.3, gate.release.set).start()
    win.close()
    assert win.facts.runner.stopped and not win.facts.is_working()
    assert win.facts.runner._pool.activeThreadCount() == 0
    qtbot.wait(50)  # nothing is delivered after the close
    assert win.facts.model.rowCount() == 0
    assert delivered == [False]
    assert not [r for r in qtlog.records if "Destroyed while" in r.message]


def test_a_long_job_ends_early_when_its_runner_stops(qtbot: QtBot) -> None:
    runner = AnalysisRunner()
    looping = threading.Event()
    results: list[object] = []

    def work() -> int:
        looping.set()
        for n in range(10**9):
            runner.progress("scan", n, 10**9)  # raises Cancelled once stopping
        return -1

    runner.submit("scan", work, results.append, failed=results.append)
    assert looping.wait(10)
    assert runner.stop(10_000)
    qtbot.wait(20)
    assert results == [] and not runner.busy()
    assert runner.submit("scan", lambda: 1, results.append) == 0  # stopped: nothing runs


def test_only_the_newest_job_of_a_key_is_delivered(qtbot: QtBot) -> None:
    runner = AnalysisRunner()
    got: list[object] = []
    hold = threading.Event()
    runner.submit("k", lambda: hold.wait(10) and "old", got.append)
    runner.submit("k", lambda: "new", got.append)
    runner.submit("other", lambda: "stale", got.append, token=1, current=lambda: 2)
    errors: list[str] = []
    runner.submit("boom", lambda: 1 / 0, got.append, failed=errors.append)
    hold.set()
    assert runner.wait()
    assert got == ["new"]
    assert errors == ["ZeroDivisionError: division by zero"]
    with pytest.raises(Cancelled):
        runner.stop()
        runner.progress("k", 1, 2)
