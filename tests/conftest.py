"""Shared fixtures. Every test runs headless and away from the user's data."""

from __future__ import annotations

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"  # before anything imports Qt

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests import pg_cluster
from workbench import ops
from workbench.storage.store import Library, open_library

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _isolated_user_dirs(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """platformdirs and our env var point into a temporary folder for every test."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.delenv("WORKBENCH_DB", raising=False)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "library.sqlite3"


@pytest.fixture
def lib(db_path: Path) -> Iterator[Library]:
    library = open_library(db_path, actor="tester")
    yield library
    library.close()


@pytest.fixture(scope="session")
def pg_server() -> Iterator[pg_cluster.Cluster]:
    """A throwaway PostgreSQL cluster for the whole run (tests marked ``pg``)."""
    reason = pg_cluster.why_unavailable()
    if reason is not None:
        pytest.skip(reason)
    cluster = pg_cluster.start()
    yield cluster
    cluster.stop()


@pytest.fixture
def pg_url(pg_server: pg_cluster.Cluster) -> str:
    """The URL of a fresh, empty database on the test cluster."""
    return pg_server.new_database()


BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.pg)]


@pytest.fixture(params=BACKENDS)
def library_target(request: pytest.FixtureRequest, db_path: Path) -> str:
    """Where a library lives: an SQLite file, or (marked ``pg``) a fresh
    PostgreSQL database. Tests that must hold on both backends use this."""
    if request.param == "sqlite":
        return str(db_path)
    return str(request.getfixturevalue("pg_url"))


ARTICLE_A = (
    "A fuel depot was hit by drones on Monday. No one was injured in the attack, "
    "according to the Harbour Gazette. Four drones were launched from the sea."
)
ARTICLE_B = (
    "At least two people were killed and five wounded last week, the Northern Courier "
    "reported. A dozen drones took part in the attack."
)


@pytest.fixture
def two_articles(lib: Library) -> tuple[str, str, str]:
    """(session id, article A id, article B id) of a small session."""
    sid = ops.create_session(lib, "Strike at the port").target_id
    assert sid
    a = ops.add_article(
        lib, sid, "Herald", ARTICLE_A, outlet="The Harbour Herald", published="2026-03-12"
    ).target_id
    b = ops.add_article(lib, sid, "Courier", ARTICLE_B, outlet="Northern Courier").target_id
    assert a and b
    return sid, a, b


def claim_by_quote(lib: Library, article_id: str, text: str, quote: str) -> str:
    start = text.index(quote)
    cid = ops.add_claim(lib, article_id, start, start + len(quote)).target_id
    assert cid
    return cid
