"""SessionsModel: a proper item model, alone and behind its proxy."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester

from ui.start.sessions_model import (
    ID_ROLE,
    Column,
    SessionsModel,
    SessionsProxy,
    local_time_text,
    progress_text,
)
from workbench import ops
from workbench.queries.sessions import list_sessions
from workbench.storage.store import Library


def test_model_passes_modeltester_through_reloads(qtmodeltester: ModelTester, lib: Library) -> None:
    model = SessionsModel()
    qtmodeltester.check(model)
    a = ops.create_session(lib, "Alpha").target_id
    ops.create_session(lib, "Beta", scale="snopes")
    model.set_sessions(list_sessions(lib))
    qtmodeltester.check(model)
    assert model.rowCount() == 2
    assert a is not None
    ops.rename_session(lib, a, "Alpha renamed")
    ops.create_session(lib, "Gamma")
    model.set_sessions(list_sessions(lib))
    qtmodeltester.check(model)
    titles = {model.index(r, Column.TITLE).data() for r in range(model.rowCount())}
    assert titles == {"Alpha renamed", "Beta", "Gamma"}
    ops.delete_session(lib, a)
    model.set_sessions(list_sessions(lib))
    qtmodeltester.check(model)
    assert model.rowCount() == 2
    assert model.row_of(a) == -1


def test_proxy_passes_modeltester_and_filters_and_sorts(
    qtmodeltester: ModelTester, lib: Library, demo_sid: str
) -> None:
    ops.create_session(lib, "Election turnout", description="regional papers")
    model = SessionsModel()
    proxy = SessionsProxy()
    proxy.setSourceModel(model)
    model.set_sessions(list_sessions(lib))
    qtmodeltester.check(proxy)
    proxy.sort(Column.CLAIMS, Qt.SortOrder.DescendingOrder)
    assert proxy.index(0, 0).data(ID_ROLE) == demo_sid
    assert proxy.index(0, Column.CHECKED).data() == "2/12 (17 %)"
    proxy.setFilterFixedString("REGIONAL")  # description, case-insensitive
    assert proxy.rowCount() == 1
    assert proxy.index(0, Column.TITLE).data() == "Election turnout"
    proxy.setFilterFixedString("politifact")  # the scale's name
    assert proxy.rowCount() == 2
    qtmodeltester.check(proxy)


def test_cells_show_counts_progress_and_scale(lib: Library, demo_sid: str) -> None:
    model = SessionsModel()
    model.set_sessions(list_sessions(lib))
    row = model.row_of(demo_sid)
    cells = [model.index(row, c).data() for c in Column]
    assert cells[Column.ARTICLES : Column.SCALE + 1] == [
        "3",
        "12",
        "7",
        "2/12 (17 %)",
        "PolitiFact",
    ]
    assert cells[Column.UPDATED].startswith("today ")


def test_text_helpers() -> None:
    assert progress_text(3, 12) == "3/12 (25 %)"
    assert progress_text(0, 0) == "no claims"
    now = datetime(2026, 3, 12, 12, 0, tzinfo=UTC)
    assert local_time_text(now - timedelta(days=40), now).endswith(
        (now - timedelta(days=40)).astimezone().strftime("%b %Y %H:%M")
    )
