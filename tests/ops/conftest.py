"""Tests here run on both backends (see ``tests/backends.py``)."""

from tests.backends import lib, sqlite_lib

__all__ = ["lib", "sqlite_lib"]
