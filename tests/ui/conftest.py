"""Fixtures for the main-window tests: the demo session in a fresh library."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from ui.main_window import MainWindow
from workbench import queries
from workbench.demo import ensure_demo_session
from workbench.store import Library


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
    yield win
    win.suggestions.shutdown()
    win.close()


def article_id(lib: Library, session_id: str, outlet_prefix: str) -> str:
    detail = queries.session_detail(lib, session_id)
    return next(a.id for a in detail.articles if (a.outlet or "").startswith(outlet_prefix))


def claim_with_quote(lib: Library, session_id: str, start_of_quote: str) -> str:
    detail = queries.session_detail(lib, session_id)
    return next(c.id for c in detail.claims if c.quote.startswith(start_of_quote))
