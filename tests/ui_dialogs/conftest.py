"""Fixtures for the dialogs, session browser, import and review tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench import demo, queries
from workbench.queries import SessionDetail
from workbench.store import Library

HERE = Path(__file__).resolve().parent
# The offscreen platform plugin warns whenever a shown top-level window has
# size hints; it is about the test platform, not about our code.
OFFSCREEN_NOISE = r"This plugin does not support propagateSizeHints\(\)"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if HERE in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_NOISE))


@pytest.fixture
def demo_sid(lib: Library) -> str:
    """The bundled demo session: 3 articles, 12 claims, 7 links, some verdicts."""
    return demo.ensure_demo_session(lib)


@pytest.fixture
def demo_detail(lib: Library, demo_sid: str) -> SessionDetail:
    return queries.session_detail(lib, demo_sid)
