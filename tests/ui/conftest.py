"""Fixtures for the UI tests: the demo session in a main window, a controller
over a session with a shown pane row (``World``), and the demo session's ids."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, QSettings
from PySide6.QtGui import QPainterPath
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.conftest import ARTICLE_A, ARTICLE_B
from ui.controller import SessionController
from ui.gc_guard import collect_on_gui_thread
from ui.main_window import MainWindow
from ui.panes.pane_row import PaneRow
from workbench import ops
from workbench.demo import ensure_demo_session
from workbench.queries.records import SessionDetail
from workbench.queries.sessions import session_detail
from workbench.storage.store import Library


@pytest.fixture(autouse=True, scope="session")
def _collect_on_gui_thread(qapp: QApplication) -> Iterator[None]:
    """As the app does: no cycle collection on the worker threads (a Qt object
    freed there crashes the process); the GUI thread collects instead."""
    collect_on_gui_thread(qapp)
    yield
    gc.enable()


@pytest.fixture(autouse=True)
def _collect_after_each_test() -> Iterator[None]:
    yield
    gc.collect()


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def demo(lib: Library) -> str:
    return ensure_demo_session(lib)


@pytest.fixture
def window(qtbot: QtBot, lib: Library, demo: str, settings: QSettings) -> Iterator[MainWindow]:
    win = MainWindow(lib, settings)
    qtbot.addWidget(win)
    win.resize(1500, 900)
    win.open_session(demo)
    win.show()
    qtbot.waitExposed(win)
    assert win.wait_for_analysis()
    yield win
    win.suggestions.shutdown()
    win.close()


def article_id(lib: Library, session_id: str, outlet_prefix: str) -> str:
    detail = session_detail(lib, session_id)
    return next(a.id for a in detail.articles if (a.outlet or "").startswith(outlet_prefix))


def claim_with_quote(lib: Library, session_id: str, start_of_quote: str) -> str:
    detail = session_detail(lib, session_id)
    return next(c.id for c in detail.claims if c.quote.startswith(start_of_quote))


ARTICLE_C = (
    "Port workers killed as drones hit Kestrel Bay pier.\n\n"
    "Two port workers died and three were injured when six drones hit the pier. "
    "Officials said it was the first attack on the port this year."
)
FILLER = (
    "Residents described loud explosions shortly after midnight, followed by a fire "
    "that could be seen across the bay from the hills above the town."
)


def long_text(head: str, paragraphs: int = 120, tail: str = "") -> str:
    """``head``, many filler paragraphs, then ``tail``: a text that must scroll."""
    body = "\n\n".join(f"{n}. {FILLER}" for n in range(paragraphs))
    return f"{head}\n\n{body}\n\n{tail}".rstrip()


@dataclass
class World:
    """A session open in a controller, with ids to find things by."""

    lib: Library
    controller: SessionController
    session_id: str
    articles: list[str]
    texts: list[str]

    def claim(self, index: int, quote: str, nth: int = 0) -> str:
        text = self.texts[index]
        start = -1
        for _ in range(nth + 1):
            start = text.index(quote, start + 1)
        change = self.controller.run(
            lambda: ops.add_claim(self.lib, self.articles[index], start, start + len(quote))
        )
        assert change is not None and change.target_id
        return change.target_id

    def link(self, a: str, b: str, kind: str = "contradicts") -> str:
        change = self.controller.run(lambda: ops.link_claims(self.lib, a, b, kind))
        assert change is not None and change.target_id
        return change.target_id


def make_world(lib: Library, texts: list[str]) -> World:
    sid = ops.create_session(lib, "Strike at the port").target_id
    assert sid
    ids = []
    for n, text in enumerate(texts):
        aid = ops.add_article(
            lib,
            sid,
            f"Article {'ABCDE'[n]}",
            text,
            outlet=f"Outlet {'ABCDE'[n]}",
            published="2026-03-12",
        ).target_id
        assert aid
        ids.append(aid)
    controller = SessionController(lib)
    controller.open_session(sid)
    return World(lib, controller, sid, ids, texts)


@pytest.fixture
def world(lib: Library) -> World:
    """Three short articles, no claims yet."""
    return make_world(lib, [ARTICLE_A, ARTICLE_B, ARTICLE_C])


@pytest.fixture
def long_world(lib: Library) -> World:
    """Three articles that need scrolling; claims to link sit at the top (and
    at the very end of the third)."""
    return make_world(
        lib,
        [
            long_text(ARTICLE_A),
            long_text(ARTICLE_B),
            long_text(ARTICLE_C, tail="The depot holds about 30,000 tonnes of fuel."),
        ],
    )


def show_row(
    qtbot: QtBot, controller: SessionController, width: int = 1300, height: int = 600
) -> PaneRow:
    row = PaneRow(controller)
    qtbot.addWidget(row)
    row.resize(width, height)
    row.show()
    qtbot.waitExposed(row)
    return row


@pytest.fixture
def row(qtbot: QtBot, world: World) -> Iterator[PaneRow]:
    yield show_row(qtbot, world.controller)


@pytest.fixture
def long_row(qtbot: QtBot, long_world: World) -> Iterator[PaneRow]:
    yield show_row(qtbot, long_world.controller)


def point_inside(path: QPainterPath) -> QPoint:
    """A whole-pixel point well inside a band (scanning its middle column)."""
    rect = path.boundingRect()
    x = rect.center().x()
    inside = [
        y for y in range(int(rect.top()), int(rect.bottom()) + 1) if path.contains(QPointF(x, y))
    ]
    assert inside, "the band has no inside"
    return QPoint(round(x), inside[len(inside) // 2])


@pytest.fixture
def demo_sid(lib: Library) -> str:
    """The bundled demo session: 3 articles, 12 claims, 7 links, some verdicts."""
    return ensure_demo_session(lib)


@pytest.fixture
def demo_detail(lib: Library, demo_sid: str) -> SessionDetail:
    return session_detail(lib, demo_sid)
