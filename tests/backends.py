"""Fixtures that run a test on both backends: an SQLite file, and (marked
``pg``) a PostgreSQL database on the throwaway test cluster. The conftest of
the storage, ops and queries tests imports them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from workbench.storage.store import Library, open_library


@pytest.fixture
def lib(library_target: str) -> Iterator[Library]:
    library = open_library(library_target, actor="tester")
    yield library
    library.close()


@pytest.fixture
def sqlite_lib(db_path: Path) -> Iterator[Library]:
    """For the tests of what only an SQLite file has (pragmas, the file itself)."""
    library = open_library(db_path, actor="tester")
    yield library
    library.close()
