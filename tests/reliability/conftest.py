"""Helpers for the reliability suite: every test reports its figure."""

from __future__ import annotations

from collections.abc import Callable

import pytest


@pytest.fixture
def report(record_property: Callable[[str, object], None]) -> Callable[[str], None]:
    """Print a figure and record it in the JUnit properties."""

    def _report(figure: str) -> None:
        print(f"\nFIGURE: {figure}")
        record_property("figure", figure)

    return _report
